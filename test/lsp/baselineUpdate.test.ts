// "Create or Update Baseline" (secretHygiene.updateBaseline): every current finding of the folder, open
// documents' unsaved text included, goes into .secret-hygiene/baseline.json through a WorkspaceEdit (salted
// hashes only); the findings it lists are no longer reported; run again after a key is removed, its entry goes.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, test } from 'node:test';
import { parseBaseline } from '../../server/src/engine/baseline';
import { applyWorkspaceEdit } from '../support/applyEdit';
import { LspTestClient } from '../support/lspClient';
import { removeProject, writeProject } from '../support/projects';
import { secret } from '../support/rules';

const closedKey = secret('AKIA{alnumupper:16}', 'baseline-update-closed');
const openKey = secret('ghp_{alnum:36}', 'baseline-update-open');
const root = writeProject({ 'src/upload.ts': `export const id = "${closedKey}";\n`, 'src/deploy.ts': 'export const token = "";\n', 'README.md': '# shop\n' }, 'sh-baseline-update-');
const baselineFile = path.join(root, '.secret-hygiene', 'baseline.json');
const CAPABILITIES = { workspace: { configuration: true, applyEdit: true, workspaceEdit: { documentChanges: true, resourceOperations: ['create'] } } };
let client: LspTestClient;

before(async () => {
  client = new LspTestClient();
  client.handlers.set('workspace/applyEdit', (params) => {
    applyWorkspaceEdit(params.edit); // written to disk, as a user saving the edited files would
    return { applied: true };
  });
  await client.initialize(pathToFileURL(root).toString(), CAPABILITIES);
});
after(async () => {
  await client.shutdown();
  removeProject(root);
});

const secretDiagnostics = (diagnostics: Array<{ code: string }>) => diagnostics.filter((d) => !String(d.code).startsWith('hygiene-'));

test('records closed files and unsaved open text, storing no value; the recorded findings are no longer reported', async () => {
  const uri = pathToFileURL(path.join(root, 'src/deploy.ts')).toString();
  const text = `export const token = "${openKey}";\n`; // typed, not saved
  let since = client.received.length;
  client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'typescript', version: 1, text } });
  assert.equal(secretDiagnostics((await client.nextDiagnostics(uri, since)).params.diagnostics).length, 1);

  since = client.received.length;
  const result = await client.request('workspace/executeCommand', { command: 'secretHygiene.updateBaseline', arguments: [] });
  assert.equal(result.length, 1);
  assert.deepEqual({ entries: result[0].entries, added: result[0].added, removed: result[0].removed }, { entries: 2, added: 2, removed: 0 });
  const saved = fs.readFileSync(baselineFile, 'utf8');
  const baseline = parseBaseline(saved);
  assert.deepEqual(baseline.entries.map((e) => `${e.file} ${e.ruleId}`).sort(), ['src/deploy.ts github-personal-access-token', 'src/upload.ts aws-access-key-id']);
  for (const value of [closedKey, openKey]) assert.ok(!saved.includes(value) && !saved.includes(value.slice(4, 14)), 'the baseline holds a value');
  const note = await client.waitFor((m) => m.method === 'window/showMessage' && /baseline/.test(m.params.message), 5000, since);
  assert.match(note.params.message, /2 entries \(2 added, 0 removed\)/);
  assert.ok(!note.params.message.includes(openKey.slice(4, 14)));

  since = client.received.length;
  client.notify('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: `${text}// edited\n` }] });
  assert.deepEqual(secretDiagnostics((await client.nextDiagnostics(uri, since)).params.diagnostics), [], 'the baselined key is still reported');
});

test('run again after a key is removed: its entry goes, the other stays, nothing else is touched', async () => {
  fs.writeFileSync(path.join(root, 'src/upload.ts'), 'export const id = process.env.AWS_ACCESS_KEY_ID;\n');
  const result = await client.request('workspace/executeCommand', { command: 'secretHygiene.updateBaseline', arguments: [] });
  assert.deepEqual({ entries: result[0].entries, added: result[0].added, removed: result[0].removed }, { entries: 1, added: 0, removed: 1 });
  assert.deepEqual(parseBaseline(fs.readFileSync(baselineFile, 'utf8')).entries.map((e) => e.file), ['src/deploy.ts']);
  assert.equal(fs.readFileSync(path.join(root, 'README.md'), 'utf8'), '# shop\n');
});
