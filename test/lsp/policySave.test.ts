// Clients that cannot watch files (Neovim without didChangeWatchedFiles dynamic registration): the server asks
// for didSave and reloads the team policy when a policy file is saved, rescanning open documents.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { LspTestClient, type Message } from '../support/lspClient';
import { secret } from '../support/rules';

const awsKey = secret('AKIA{alnumupper:16}', 'policy-save');
const client = new LspTestClient();
after(() => client.shutdown());

test('saving .secret-hygiene/config.json reloads the policy in a client without file watching', async () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'sh-policy-save-'));
  fs.mkdirSync(path.join(root, '.git'));
  const init = await client.initialize(pathToFileURL(root).toString(), { workspace: { configuration: false } });
  assert.deepEqual(init.capabilities.textDocumentSync.save, { includeText: false });
  const docUri = pathToFileURL(path.join(root, 'app.py')).toString();
  const isDoc = (m: Message) => m.method === 'textDocument/publishDiagnostics' && m.params.uri === docUri;
  let since = client.received.length;
  client.notify('textDocument/didOpen', { textDocument: { uri: docUri, languageId: 'python', version: 1, text: `legacy = "${awsKey}"\n` } });
  assert.equal((await client.waitFor((m) => isDoc(m) && m.params.diagnostics.length > 0, 5000, since)).params.diagnostics[0].code, 'aws-access-key-id');

  // The user edits the config in the editor and saves it: no watched-file event will come.
  const config = path.join(root, '.secret-hygiene', 'config.json');
  const configUri = pathToFileURL(config).toString();
  const text = '{ "disable": ["aws-access-key-id"] }\n';
  fs.mkdirSync(path.dirname(config));
  fs.writeFileSync(config, text);
  since = client.received.length;
  client.notify('textDocument/didOpen', { textDocument: { uri: configUri, languageId: 'json', version: 1, text } });
  client.notify('textDocument/didSave', { textDocument: { uri: configUri } });
  const rescanned = await client.waitFor((m) => isDoc(m) && m.params.diagnostics.length === 0, 5000, since);
  assert.deepEqual(rescanned.params.diagnostics, []);
});
