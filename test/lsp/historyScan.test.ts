// "Scan Git History" over LSP (issue 13 item 8): a key removed two commits ago is reported with its commit,
// "rotate" and a masked preview only; an untrusted workspace runs no git.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { LspTestClient } from '../support/lspClient';
import { secret } from '../support/rules';

const GIT_ENV = { GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.invalid', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.invalid', GIT_CONFIG_NOSYSTEM: '1', HOME: os.tmpdir() };
const removedKey = secret('ghp_{alnum:36}', 'lsp-history');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sh-lsp-history-'));
const clients: LspTestClient[] = [];
after(async () => {
  for (const client of clients) await client.shutdown();
  fs.rmSync(dir, { recursive: true, force: true });
});

function git(...args: string[]): string {
  const result = spawnSync('git', args, { cwd: dir, encoding: 'utf8', env: { ...process.env, ...GIT_ENV } });
  assert.equal(result.status, 0, result.stderr);
  return result.stdout.trim();
}

git('init', '-q', '-b', 'main');
fs.writeFileSync(path.join(dir, 'app.ts'), `export const token = "${removedKey}";\n`);
git('add', '.');
git('commit', '-q', '-m', 'add token');
const added = git('rev-parse', 'HEAD');
fs.writeFileSync(path.join(dir, 'app.ts'), 'export const token = process.env.GITHUB_TOKEN;\n');
git('commit', '-q', '-am', 'remove token');
fs.writeFileSync(path.join(dir, 'README.md'), 'hello\n');
git('add', '.');
git('commit', '-q', '-m', 'docs');

async function start(trusted: boolean): Promise<LspTestClient> {
  const client = new LspTestClient();
  clients.push(client);
  await client.request('initialize', {
    processId: process.pid,
    rootUri: pathToFileURL(dir).toString(),
    workspaceFolders: [{ uri: pathToFileURL(dir).toString(), name: 'root' }],
    capabilities: { workspace: { configuration: true } },
    initializationOptions: { trusted },
  });
  client.notify('initialized', {});
  return client;
}

test('secretHygiene.scanHistory reports the removed key at the commit that added it, masked, with "rotate"', async () => {
  const client = await start(true);
  const init = await client.request('workspace/executeCommand', { command: 'secretHygiene.scanHistory', arguments: [] });
  assert.ok(Array.isArray(init));
  assert.equal(init.length, 1);
  const [hit] = init;
  assert.equal(hit.commit, added);
  assert.equal(hit.file, path.join(fs.realpathSync(dir), 'app.ts'));
  assert.equal(hit.line, 1);
  assert.equal(hit.pushed, false);
  assert.match(hit.message, /rotate the key before pushing/);
  const summary = await client.waitFor((m) => m.method === 'window/showMessage' && /in git history/.test(m.params.message));
  assert.match(summary.params.message, /1 secret in git history/);
  assert.doesNotMatch(JSON.stringify(client.received), new RegExp(removedKey), 'the value never travels');
});

test('untrusted: secretHygiene.scanHistory runs no git and says why', async () => {
  const client = await start(false);
  const result = await client.request('workspace/executeCommand', { command: 'secretHygiene.scanHistory', arguments: [] });
  assert.deepEqual(result, []);
  await client.waitFor((m) => m.method === 'window/showMessage' && /trust this workspace/.test(m.params.message));
});
