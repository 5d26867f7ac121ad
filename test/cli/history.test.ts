// scan --history (issue 13): a key committed and removed two commits later is still found, at the commit that
// added it, with whether that commit was pushed (issue 16, exposure age).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { hostileRepo } from '../support/hostileRepo';
import { secret } from '../support/rules';

const CLI = path.resolve(__dirname, '..', '..', '..', 'dist', 'cli.js');
const GIT_ENV = { GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.invalid', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.invalid', GIT_CONFIG_NOSYSTEM: '1', HOME: os.tmpdir() };
const removedKey = secret('AKIA{alnumupper:16}', 'history-removed');

function git(cwd: string, ...args: string[]): string {
  const result = spawnSync('git', args, { cwd, encoding: 'utf8', env: { ...process.env, ...GIT_ENV } });
  assert.equal(result.status, 0, result.stderr);
  return result.stdout.trim();
}

function cli(cwd: string, ...args: string[]) {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Commit 1 adds the key (line 3 of config.py), commit 2 removes it, commit 3 changes something else. */
function repository(): { dir: string; added: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sh-history-'));
  git(dir, 'init', '-q', '-b', 'main');
  fs.writeFileSync(path.join(dir, 'config.py'), 'import os\n\nVALUE = 1\n');
  git(dir, 'add', '.');
  git(dir, 'commit', '-q', '-m', 'start');
  fs.writeFileSync(path.join(dir, 'config.py'), `import os\n\nAWS_ACCESS_KEY_ID = "${removedKey}"\nVALUE = 1\n`);
  git(dir, 'commit', '-q', '-am', 'add key');
  const added = git(dir, 'rev-parse', 'HEAD');
  fs.writeFileSync(path.join(dir, 'config.py'), 'import os\n\nAWS_ACCESS_KEY_ID = os.environ["AWS_ACCESS_KEY_ID"]\nVALUE = 1\n');
  git(dir, 'commit', '-q', '-am', 'remove key');
  fs.writeFileSync(path.join(dir, 'notes.txt'), '-- a removed line\n++ an added line\n');
  git(dir, 'add', '.');
  git(dir, 'commit', '-q', '-m', 'later');
  return { dir, added };
}

test('scan --history finds a key removed two commits ago, at the commit that added it', () => {
  const { dir, added } = repository();
  assert.equal(cli(dir, 'scan', '--format', 'json').code, 0, 'the tree is clean');
  const { code, stdout, stderr } = cli(dir, 'scan', '--history', '--format', 'json');
  assert.equal(code, 1, stderr);
  const findings = JSON.parse(stdout);
  assert.equal(findings.length, 1);
  const [hit] = findings;
  assert.equal(hit.file, 'config.py');
  assert.equal(hit.line, 3);
  assert.equal(hit.commit.sha, added);
  assert.deepEqual(hit.commit.remoteBranches, []);
  assert.match(hit.message, /rotate the key before pushing/);
  assert.doesNotMatch(stdout + stderr, new RegExp(removedKey));
  const text = cli(dir, 'scan', '--history');
  assert.match(text.stdout, new RegExp(`^${added.slice(0, 12)}:config.py:3:`, 'm'));
  assert.doesNotMatch(text.stdout, new RegExp(removedKey));
});

test('scan --history says "rotate now" once the commit is on a remote-tracking branch', () => {
  const { dir, added } = repository();
  const remote = fs.mkdtempSync(path.join(os.tmpdir(), 'sh-history-remote-'));
  git(remote, 'init', '-q', '--bare');
  git(dir, 'remote', 'add', 'origin', remote);
  git(dir, 'push', '-q', 'origin', 'main');
  const [hit] = JSON.parse(cli(dir, 'scan', '--history', '--format', 'json').stdout);
  assert.equal(hit.commit.sha, added);
  assert.deepEqual(hit.commit.remoteBranches, ['origin/main']);
  assert.match(hit.message, /pushed \(origin\/main\).*rotate the key now/);
});

test('scan --history limits itself to the named paths and honours --exclude', () => {
  const { dir } = repository();
  assert.equal(cli(dir, 'scan', '--history', 'notes.txt').code, 0);
  assert.equal(cli(dir, 'scan', '--history', '--exclude', '*.py').code, 0);
  assert.equal(cli(dir, 'scan', '--history', 'config.py').code, 1);
});

test('scan --history outside a repository and with --staged is a usage error', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sh-history-none-'));
  assert.equal(cli(dir, 'scan', '--history').code, 2);
  assert.equal(cli(repository().dir, 'scan', '--history', '--staged').code, 2);
});

test('scan --history runs nothing the repository configures', () => {
  const repo = hostileRepo({ 'app.ts': `export const token = "${removedKey}";\n` });
  repo.reset();
  const result = cli(repo.dir, 'scan', '--history', '--format', 'json');
  assert.equal(result.code, 1, result.stderr);
  assert.deepEqual(repo.ran(), []);
  repo.remove();
});
