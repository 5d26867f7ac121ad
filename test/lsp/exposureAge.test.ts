// Issue 16 check 6 over LSP: a key already committed and pushed says since when and "rotate it now"; one only
// committed locally says "rotate it before pushing". The diagnostic's data carries the first commit and its date.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { LspTestClient } from '../support/lspClient';
import { secret } from '../support/rules';

const pushedKey = secret('ghp_{alnum:36}', 'age-pushed');
const localKey = secret('ghp_{alnum:36}', 'age-local');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sh-lsp-age-'));
const remote = fs.mkdtempSync(path.join(os.tmpdir(), 'sh-lsp-age-remote-'));
const git = (cwd: string, ...args: string[]) => execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', '-c', 'commit.gpgsign=false', ...args], { cwd, stdio: 'pipe' }).toString().trim();
const client = new LspTestClient();
after(async () => {
  await client.shutdown();
  fs.rmSync(dir, { recursive: true, force: true });
  fs.rmSync(remote, { recursive: true, force: true });
});

git(dir, 'init', '-q', '-b', 'main');
fs.writeFileSync(path.join(dir, 'pushed.ts'), `export const token = "${pushedKey}";\n`);
git(dir, 'add', '.');
git(dir, 'commit', '-qm', 'pushed key');
const pushedCommit = git(dir, 'rev-parse', 'HEAD');
git(remote, 'init', '-q', '--bare');
git(dir, 'remote', 'add', 'origin', remote);
git(dir, 'push', '-q', 'origin', 'main');
fs.writeFileSync(path.join(dir, 'local.ts'), `export const token = "${localKey}";\n`);
git(dir, 'add', '.');
git(dir, 'commit', '-qm', 'local key');

async function exposedDiagnostic(name: string, text: string) {
  const uri = pathToFileURL(path.join(dir, name)).toString();
  const since = client.received.length;
  client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'typescript', version: 1, text } });
  const message = await client.waitFor((m) => m.method === 'textDocument/publishDiagnostics' && m.params.uri === uri && m.params.diagnostics.some((d: any) => d.data?.exposure?.pushed !== undefined), 10_000, since);
  // A publish in between may show the age before git has said whether it was pushed.
  return message.params.diagnostics.find((d: any) => d.data?.exposure?.pushed !== undefined);
}

test('pushed: since when, and rotate it now; local only: rotate it before pushing', async () => {
  await client.initialize(pathToFileURL(dir).toString());
  const pushed = await exposedDiagnostic('pushed.ts', `export const token = "${pushedKey}";\n`);
  assert.equal(pushed.data.exposure.firstCommit, pushedCommit);
  assert.equal(pushed.data.exposure.pushed, true);
  assert.match(pushed.message, /in git history since \d{4}-\d\d-\d\d \(commit [0-9a-f]{12}\), which is on a remote branch: assume it is compromised and rotate it now/);
  const local = await exposedDiagnostic('local.ts', `export const token = "${localKey}";\n`);
  assert.equal(local.data.exposure.pushed, false);
  assert.match(local.message, /not pushed yet: rotate it before pushing/);
  assert.ok(!JSON.stringify(client.received).includes(pushedKey.slice(6)));
});
