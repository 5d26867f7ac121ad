// Issue 11 item 1 over LSP: in an untrusted workspace the server never starts git (the repository's
// .git/config could name a program); once trusted it searches the history with the hardened git only.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { hostileRepo } from '../support/hostileRepo';
import { LspTestClient, type Message } from '../support/lspClient';
import { secret } from '../support/rules';

const committed = secret('ghp_{alnum:36}', 'trust-committed');
const text = `export const token = "${committed}";\n`;
const repo = hostileRepo({ 'app.ts': text });
const client = new LspTestClient();
after(async () => {
  await client.shutdown();
  repo.remove();
});

const uri = pathToFileURL(path.join(repo.dir, 'app.ts')).toString();
const exposed = (m: Message) => m.method === 'textDocument/publishDiagnostics' && m.params.uri === uri && m.params.diagnostics.some((d: any) => d.data?.inGitHistory);

test('untrusted: no git runs and no history answer; trusted: the history is searched without running repo code', async () => {
  repo.reset();
  await client.request('initialize', {
    processId: process.pid,
    rootUri: pathToFileURL(repo.dir).toString(),
    workspaceFolders: [{ uri: pathToFileURL(repo.dir).toString(), name: 'root' }],
    capabilities: { workspace: { configuration: true } },
    initializationOptions: { trusted: false },
  });
  client.notify('initialized', {});
  client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'typescript', version: 1, text } });
  const first = await client.nextDiagnostics(uri, 0);
  assert.equal(first.params.diagnostics.filter((d: any) => !d.code.startsWith('hygiene-')).length, 1);
  // A history answer would arrive within milliseconds of the first publish; give it ample, bounded time.
  await assert.rejects(client.waitFor(exposed, 2000), /timed out/);
  assert.deepEqual(repo.ran(), [], 'no program of the repository ran');

  const since = client.received.length;
  client.notify('secretHygiene/workspaceTrusted', {});
  await client.waitFor(exposed, 10_000, since);
  assert.deepEqual(repo.ran(), [], 'still none once trusted: git ran hardened');
});
