// Team-policy actions over LSP: "Disable <rule> for the workspace" writes .secret-hygiene/config.json (kept
// JSONC) and the finding goes away once the policy reloads; "Create a rule from this selection" writes a rule
// file that then flags the token. Neither file ever holds the value.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, test } from 'node:test';
import { applyWorkspaceEdit } from '../support/applyEdit';
import { LspTestClient } from '../support/lspClient';
import { secret } from '../support/rules';

const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'sh-team-actions-'));
const stripeKey = secret('sk_live_{alnum:24}', 'team-actions');
const internalToken = secret('acme_live_{alnum:32}', 'team-actions');
const CAPABILITIES = {
  workspace: { configuration: true, workspaceEdit: { documentChanges: true, resourceOperations: ['create'] }, didChangeWatchedFiles: { dynamicRegistration: true } },
  textDocument: { codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source', 'refactor'] } }, resolveSupport: { properties: ['edit'] }, disabledSupport: true } },
};
let client: LspTestClient;

before(async () => {
  fs.mkdirSync(path.join(folder, '.secret-hygiene'));
  fs.writeFileSync(path.join(folder, '.secret-hygiene', 'config.json'), '{\n  // reviewed by the security team\n  "exclude": ["fixtures/**"]\n}\n');
  client = new LspTestClient();
  await client.initialize(pathToFileURL(folder).toString(), CAPABILITIES);
});

after(async () => {
  await client.shutdown();
  fs.rmSync(folder, { recursive: true, force: true });
});

test('"Disable this rule for the workspace" adds the id to config.json, keeps its comment, and the finding goes', async () => {
  const file = path.join(folder, 'pay.ts');
  const text = `const stripe = new Stripe("${stripeKey}");\n`;
  fs.writeFileSync(file, text);
  const uri = pathToFileURL(file).toString();
  const since = client.received.length;
  client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'typescript', version: 1, text } });
  const { diagnostics } = (await client.nextDiagnostics(uri, since)).params;
  assert.equal(diagnostics[0].code, 'stripe-live-secret-key');
  const listed = await client.request('textDocument/codeAction', { textDocument: { uri }, range: diagnostics[0].range, context: { diagnostics } });
  const disable = listed.find((a: { title: string }) => a.title.startsWith('Disable stripe-live-secret-key for the workspace'));
  assert.ok(disable, `no disable action in ${listed.map((a: { title: string }) => a.title).join(' | ')}`);
  const resolved = await client.request('codeAction/resolve', disable);
  applyWorkspaceEdit(resolved.edit);
  const config = fs.readFileSync(path.join(folder, '.secret-hygiene', 'config.json'), 'utf8');
  assert.ok(config.includes('// reviewed by the security team') && config.includes('"stripe-live-secret-key"'), config);
  assert.ok(!config.includes(stripeKey));
  const before = client.received.length;
  client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(path.join(folder, '.secret-hygiene', 'config.json')).toString(), type: 2 }] });
  await client.waitFor((m) => m.method === 'textDocument/publishDiagnostics' && m.params.uri === uri && m.params.diagnostics.length === 0, 10_000, before);
});

test('"Create a rule from this selection" writes a rule file without the value, and the token is then flagged', async () => {
  const file = path.join(folder, 'internal.ts');
  const text = `export const upstream = "${internalToken}";\n`;
  fs.writeFileSync(file, text);
  const uri = pathToFileURL(file).toString();
  const since = client.received.length;
  client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'typescript', version: 1, text } });
  assert.deepEqual((await client.nextDiagnostics(uri, since)).params.diagnostics, []);
  const start = text.indexOf(internalToken);
  const range = { start: { line: 0, character: start }, end: { line: 0, character: start + internalToken.length } };
  const listed = await client.request('textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics: [], only: ['refactor'] } });
  const create = listed.find((a: { title: string }) => a.title.startsWith('Create a rule from this selection'));
  assert.ok(create, 'no create-rule action');
  applyWorkspaceEdit(create.edit);
  const ruleFile = path.join(folder, '.secret-hygiene', 'rules', 'team-acme-live-token.json');
  const written = fs.readFileSync(ruleFile, 'utf8');
  assert.ok(!written.includes(internalToken.slice(10)), 'the rule file holds the selected value');
  const before = client.received.length;
  client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(ruleFile).toString(), type: 1 }] });
  const flagged = await client.waitFor((m) => m.method === 'textDocument/publishDiagnostics' && m.params.uri === uri && m.params.diagnostics.length > 0, 10_000, before);
  assert.equal(flagged.params.diagnostics[0].code, 'team-acme-live-token');
  // A caret without a selection offers nothing.
  const none = await client.request('textDocument/codeAction', { textDocument: { uri }, range: { start: range.start, end: range.start }, context: { diagnostics: [], only: ['refactor'] } });
  assert.deepEqual(none, []);
});
