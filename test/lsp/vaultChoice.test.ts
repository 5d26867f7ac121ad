// "Replace with a vault reference…" with no provider configured: the action carries the pick-list command
// (inferred providers first); secretHygiene.replaceWithVault applies the chosen provider's fix through
// workspace/applyEdit; a client without its own pick list runs chooseVaultProvider and the server asks.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, test } from 'node:test';
import { parse } from 'dotenv';
import { applyWorkspaceEdit } from '../support/applyEdit';
import { LspTestClient } from '../support/lspClient';
import { packageJson, removeProject, writeProject } from '../support/projects';
import { secret } from '../support/rules';

const keyA = secret('sk-proj-{alnum:74}T3BlbkFJ{alnum:74}', 'vault-pick-a');
const keyB = secret('sk-proj-{alnum:74}T3BlbkFJ{alnum:74}', 'vault-pick-b');
const CAPABILITIES = {
  workspace: { configuration: true, applyEdit: true, workspaceEdit: { documentChanges: true, resourceOperations: ['create'] } },
  textDocument: { codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source'] } }, resolveSupport: { properties: ['edit'] }, disabledSupport: true } },
};
const root = writeProject({ 'app/package.json': packageJson({ '@aws-sdk/client-secrets-manager': '3.0.0' }), 'app/.env.example': 'DB_URL=op://Dev/db/url\n' }, 'sh-vault-pick-');
let client: LspTestClient;
const asked: any[] = [];

before(async () => {
  client = new LspTestClient();
  client.handlers.set('workspace/applyEdit', (params) => {
    applyWorkspaceEdit(params.edit);
    return { applied: true };
  });
  client.handlers.set('window/showMessageRequest', (params) => {
    asked.push(params);
    return params.actions.find((a: any) => a.title === 'Doppler');
  });
  await client.initialize(pathToFileURL(root).toString(), CAPABILITIES);
});

after(async () => {
  await client.shutdown();
  removeProject(root);
});

async function vaultAction(relative: string, key: string) {
  const file = path.join(root, relative);
  fs.writeFileSync(file, `export const openaiKey = "${key}";\n`);
  const uri = pathToFileURL(file).toString();
  const since = client.received.length;
  client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'typescript', version: 1, text: fs.readFileSync(file, 'utf8') } });
  const { params } = await client.nextDiagnostics(uri, since);
  const actions = await client.request('textDocument/codeAction', { textDocument: { uri }, range: params.diagnostics[0].range, context: { diagnostics: params.diagnostics } });
  return { file, action: actions.find((a: any) => a.title === 'Replace with a vault reference…') };
}

test('the pick-list action carries the finding and the inferred providers; replaceWithVault applies the choice', async () => {
  const { file, action } = await vaultAction('app/a.ts', keyA);
  assert.equal(action.command.command, 'secretHygiene.chooseVaultProvider');
  const [args] = action.command.arguments;
  assert.deepEqual(args.inferred, ['1password', 'aws-secrets-manager'], 'op:// in .env.example first, then the AWS SDK');
  assert.ok(!JSON.stringify(action).includes(keyA));
  const since = client.received.length;
  const applied = await client.request('workspace/executeCommand', { command: 'secretHygiene.replaceWithVault', arguments: [{ ...args, provider: 'aws-secrets-manager' }] });
  assert.equal(applied, true);
  assert.equal(fs.readFileSync(file, 'utf8'), 'export const openaiKey = process.env.OPENAI_KEY;\n');
  assert.equal(parse(fs.readFileSync(path.join(root, 'app', '.env'), 'utf8')).OPENAI_KEY, 'ref+awssecrets://app/openai-key');
  assert.equal(fs.readFileSync(path.join(root, 'app', '.secret-hygiene', 'pending', 'OPENAI_KEY'), 'utf8'), keyA);
  const note = await client.waitFor((m) => m.method === 'window/showMessage' && m.params.message.includes('aws secretsmanager create-secret'), 5000, since);
  assert.ok(!note.params.message.includes(keyA));
});

test('a client without a pick list: chooseVaultProvider asks with showMessageRequest (inferred first) and applies the answer', async () => {
  const { file, action } = await vaultAction('app/b.ts', keyB);
  const applied = await client.request('workspace/executeCommand', action.command);
  assert.equal(applied, true);
  assert.deepEqual(asked.at(-1).actions.slice(0, 2).map((a: any) => a.title), ['1Password', 'AWS Secrets Manager']);
  assert.equal(fs.readFileSync(file, 'utf8'), 'export const openaiKey = process.env.OPENAI_KEY_2;\n');
  assert.equal(parse(fs.readFileSync(path.join(root, 'app', '.env'), 'utf8')).OPENAI_KEY_2, '');
});
