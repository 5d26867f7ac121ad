// Fixes that race or escape: two "Move to .env" fixes resolved before either is applied get different names
// and neither truncates the .env the other made; a .env that is a symbolic link out of the workspace is
// never written through.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, test } from 'node:test';
import { parse } from 'dotenv';
import { applyWorkspaceEdit } from '../support/applyEdit';
import { LspTestClient } from '../support/lspClient';
import { packageJson, removeProject, writeProject } from '../support/projects';
import { secret } from '../support/rules';

const first = secret('sk-proj-{alnum:74}T3BlbkFJ{alnum:74}', 'race-1');
const second = secret('sk-proj-{alnum:74}T3BlbkFJ{alnum:74}', 'race-2');
const CAPABILITIES = {
  workspace: { configuration: true, workspaceEdit: { documentChanges: true, resourceOperations: ['create'] } },
  textDocument: { codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source'] } }, resolveSupport: { properties: ['edit'] }, disabledSupport: true } },
};
const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'sh-outside-'));
const root = writeProject({ 'race/package.json': packageJson({}), 'linked/package.json': packageJson({}) }, 'sh-race-');
let client: LspTestClient;

before(async () => {
  fs.writeFileSync(path.join(outside, 'target'), 'OUTSIDE=1\n');
  fs.symlinkSync(path.join(outside, 'target'), path.join(root, 'linked', '.env'));
  client = new LspTestClient();
  await client.initialize(pathToFileURL(root).toString(), CAPABILITIES);
});

after(async () => {
  await client.shutdown();
  removeProject(root);
  removeProject(outside);
});

async function moveAction(relative: string, text: string) {
  const file = path.join(root, relative);
  fs.writeFileSync(file, text);
  const uri = pathToFileURL(file).toString();
  const since = client.received.length;
  client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'typescript', version: 1, text } });
  const { params } = await client.nextDiagnostics(uri, since);
  const actions = await client.request('textDocument/codeAction', { textDocument: { uri }, range: params.diagnostics[0].range, context: { diagnostics: params.diagnostics } });
  return { file, move: actions.find((a: any) => a.title.startsWith('Move to .env')) };
}

test('two fixes resolved before either is applied: different names, both values kept, nothing truncated', async () => {
  const a = await moveAction('race/a.ts', `export const openaiKey = "${first}";\n`);
  const b = await moveAction('race/b.ts', `export const openaiKey = "${second}";\n`);
  const resolvedA = await client.request('codeAction/resolve', a.move);
  const resolvedB = await client.request('codeAction/resolve', b.move);
  applyWorkspaceEdit(resolvedA.edit);
  applyWorkspaceEdit(resolvedB.edit); // its CreateFile for .env finds the file the first one made
  const env = parse(fs.readFileSync(path.join(root, 'race', '.env'), 'utf8'));
  const nameA = /process\.env\.(\w+)/.exec(fs.readFileSync(a.file, 'utf8'))![1];
  const nameB = /process\.env\.(\w+)/.exec(fs.readFileSync(b.file, 'utf8'))![1];
  assert.notEqual(nameA, nameB);
  assert.equal(env[nameA], first, 'a.ts reads its own key');
  assert.equal(env[nameB], second, 'b.ts reads its own key, not the first one');
  assert.match(fs.readFileSync(path.join(root, 'race', '.gitignore'), 'utf8'), /^\.env$/m, '.env ignored (a second, harmless line when both made the file)');
});

test('a .env that links out of the workspace is not written through', async () => {
  const { move } = await moveAction('linked/index.ts', `export const openaiKey = "${first}";\n`);
  assert.match(move.disabled?.reason ?? '', /symbolic link .*outside the workspace/);
  const resolved = await client.request('codeAction/resolve', move);
  assert.equal(resolved.edit, undefined);
  assert.equal(fs.readFileSync(path.join(outside, 'target'), 'utf8'), 'OUTSIDE=1\n');
});
