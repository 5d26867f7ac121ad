// Quick-fix previews (issue 14 item 4): for a client with change annotations (VS Code), every file a fix edits or
// creates carries the fix's title and what happens to the file, so the Refactor Preview (Ctrl+Enter on a quick fix)
// lists "Move to .env as …: edits app.ts / creates .env / edits .gitignore"; `secretHygiene.fixes.preview` asks for
// confirmation before anything is applied. Clients without the capability get plain edits.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, test } from 'node:test';
import { LspTestClient } from '../support/lspClient';
import { secret } from '../support/rules';

const key = secret('ghp_{alnum:36}', 'fix-preview');
const capabilities = (annotations: boolean) => ({
  workspace: { configuration: true, workspaceEdit: { documentChanges: true, resourceOperations: ['create'], ...(annotations ? { changeAnnotationSupport: { groupsOnLabel: true } } : {}) } },
  textDocument: { codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source'] } }, resolveSupport: { properties: ['edit'] }, disabledSupport: true } },
});
const clients: LspTestClient[] = [];
const folders: string[] = [];
after(async () => {
  await Promise.all(clients.map((c) => c.shutdown()));
  for (const folder of folders) fs.rmSync(folder, { recursive: true, force: true });
});

async function resolvedMove(annotations: boolean, settings: unknown): Promise<any> {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'sh-preview-'));
  folders.push(folder);
  const client = new LspTestClient(['--stdio'], settings);
  clients.push(client);
  await client.initialize(pathToFileURL(folder).toString(), capabilities(annotations));
  const { uri, diagnostics } = await client.openFile(path.join(folder, 'app.ts'), `export const token = "${key}";\n`);
  const secretDiagnostic = diagnostics.find((d: any) => d.code === 'github-personal-access-token');
  const listed = await client.request('textDocument/codeAction', { textDocument: { uri }, range: secretDiagnostic.range, context: { diagnostics: [secretDiagnostic] } });
  const move = listed.find((a: any) => a.title.startsWith('Move to .env'));
  return { title: move.title, edit: (await client.request('codeAction/resolve', move)).edit };
}

test('with change annotations: each file of the fix is labelled with its title; no confirmation by default', async () => {
  const { title, edit } = await resolvedMove(true, {});
  const annotations = Object.values(edit.changeAnnotations) as any[];
  assert.ok(annotations.every((a) => a.label === title && a.needsConfirmation === false), JSON.stringify(annotations));
  const described = annotations.map((a) => a.description);
  for (const expected of ['edits app.ts', 'creates .env', 'creates .gitignore']) assert.ok(described.includes(expected), `${expected} in ${described.join(', ')}`);
  for (const change of edit.documentChanges) {
    if (change.kind === 'create') assert.ok(edit.changeAnnotations[change.annotationId], 'file creations are annotated');
    else for (const textEdit of change.edits) assert.ok(edit.changeAnnotations[textEdit.annotationId], 'every text edit is annotated');
  }
  assert.ok(!JSON.stringify(edit.changeAnnotations).includes(key.slice(4)), 'labels never carry the value');
});

test('secretHygiene.fixes.preview: every change needs confirmation (VS Code opens the Refactor Preview)', async () => {
  const { edit } = await resolvedMove(true, { fixes: { preview: true } });
  const annotations = Object.values(edit.changeAnnotations) as any[];
  assert.ok(annotations.length >= 2 && annotations.every((a) => a.needsConfirmation === true));
});

test('a client without change annotations gets the same edits without them', async () => {
  const { edit } = await resolvedMove(false, { fixes: { preview: true } });
  assert.equal(edit.changeAnnotations, undefined);
  assert.ok(edit.documentChanges.every((c: any) => c.annotationId === undefined && (c.edits ?? []).every((e: any) => e.annotationId === undefined)));
});
