// --staged and --diff on real temporary git repositories, and --format sarif end to end.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { hostileRepo } from '../support/hostileRepo';
import { secret } from '../support/rules';

const CLI = path.resolve(__dirname, '..', '..', '..', 'dist', 'cli.js');
const oldKey = secret('AKIA{alnumupper:16}', 'git-old');
const newKey = secret('AKIA{alnumupper:16}', 'git-new');
const stagedOnly = secret('AKIA{alnumupper:16}', 'git-staged');
const GIT_ENV = { GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.invalid', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.invalid', GIT_CONFIG_NOSYSTEM: '1', HOME: os.tmpdir() };

function sh(cwd: string, ...args: string[]) {
  const result = spawnSync('git', args, { cwd, encoding: 'utf8', env: { ...process.env, ...GIT_ENV } });
  assert.equal(result.status, 0, result.stderr);
}

function cli(cwd: string, ...args: string[]) {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function write(dir: string, file: string, text: string) {
  fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
  fs.writeFileSync(path.join(dir, file), text);
}

/** main has one old secret; branch `feature` adds a line with a new one; main then moves on. */
function repository(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sh-git-'));
  sh(dir, 'init', '-q', '-b', 'main');
  write(dir, 'config.py', `OLD = "${oldKey}"\n\nVALUE = 1\n`);
  write(dir, 'clean.txt', 'nothing here\n');
  sh(dir, 'add', '.');
  sh(dir, 'commit', '-q', '-m', 'base');
  sh(dir, 'checkout', '-q', '-b', 'feature');
  write(dir, 'config.py', `OLD = "${oldKey}"\n\nVALUE = 1\nNEW = "${newKey}"\n`);
  write(dir, 'dir with space/added.ts', `export const k = "${newKey}";\n`);
  sh(dir, 'add', '.');
  sh(dir, 'commit', '-q', '-m', 'feature');
  sh(dir, 'checkout', '-q', 'main');
  write(dir, 'later.txt', 'main moved on\n');
  sh(dir, 'add', '.');
  sh(dir, 'commit', '-q', '-m', 'later');
  sh(dir, 'checkout', '-q', 'feature');
  return dir;
}

test('--diff <base> reports only secrets on lines added since the merge base', () => {
  const dir = repository();
  const { code, stdout, stderr } = cli(dir, 'scan', '--diff', 'main', '--format', 'json');
  assert.equal(code, 1, stderr);
  const findings = JSON.parse(stdout);
  assert.deepEqual(findings.map((f: any) => `${f.file}:${f.line}`).sort(), ['config.py:4', 'dir with space/added.ts:1']);
  const all = cli(dir, 'scan', '--format', 'json');
  assert.equal(JSON.parse(all.stdout).length, 3, 'a full scan still sees the old secret');
});

test('--diff from a subfolder covers the repository, paths outside the folder absolute; an unknown base is a usage error', () => {
  const dir = repository();
  const sub = cli(path.join(dir, 'dir with space'), 'scan', '--diff', 'main', '--format', 'json');
  assert.deepEqual(JSON.parse(sub.stdout).map((f: any) => f.file).sort(), [path.join(fs.realpathSync(dir), 'config.py'), 'added.ts']);
  const only = cli(dir, 'scan', 'dir with space', '--diff', 'main', '--format', 'json');
  assert.deepEqual(JSON.parse(only.stdout).map((f: any) => f.file), ['dir with space/added.ts'], 'paths restrict the files');
  const bad = cli(dir, 'scan', '--diff', 'no-such-branch');
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /git rev-parse failed/);
});

test('--staged scans the index, not the work tree, and ignores unstaged files', () => {
  const dir = repository();
  write(dir, 'staged.env', `AWS_KEY=${stagedOnly}\n`);
  sh(dir, 'add', 'staged.env');
  // The work tree then drops the secret, but the commit would still contain it.
  write(dir, 'staged.env', 'AWS_KEY=\n');
  write(dir, 'untracked.txt', `k="${newKey}"\n`);
  const { code, stdout, stderr } = cli(dir, 'scan', '--staged', '--format', 'json');
  assert.equal(code, 1, stderr);
  const findings = JSON.parse(stdout);
  assert.deepEqual(findings.map((f: any) => `${f.file}:${f.line}:${f.masked}`), [`staged.env:1:${findings[0].masked}`]);
  assert.equal(findings.length, 1);
  assert.ok(!stdout.includes(stagedOnly));

  sh(dir, 'reset', '-q');
  const clean = cli(dir, 'scan', '--staged');
  assert.equal(clean.code, 0, clean.stdout);
});

test('--staged --diff HEAD keeps only lines added in the index', () => {
  const dir = repository();
  write(dir, 'config.py', `OLD = "${oldKey}"\n\nVALUE = 2\nNEW = "${newKey}"\n`);
  sh(dir, 'add', 'config.py');
  assert.equal(cli(dir, 'scan', '--staged', '--diff', 'HEAD').code, 0, 'the staged change adds no secret');
  assert.equal(cli(dir, 'scan', '--staged').code, 1, 'the staged file still holds secrets');
});

test('--format sarif from the CLI is a SARIF 2.1.0 log with the findings', () => {
  const dir = repository();
  const { code, stdout } = cli(dir, 'scan', '--format', 'sarif');
  assert.equal(code, 1);
  const log = JSON.parse(stdout);
  assert.equal(log.version, '2.1.0');
  assert.equal(log.runs[0].results.length, 3);
  assert.match(log.runs[0].tool.driver.version, /^\d+\.\d+\.\d+/);
  assert.ok(!stdout.includes(oldKey));
});

test('outside a git repository --staged is a clear usage error', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sh-nogit-'));
  const { code, stderr } = cli(dir, 'scan', '--staged');
  assert.equal(code, 2);
  assert.match(stderr, /git rev-parse failed/);
});

test('--diff and --staged in a repository whose config names programs: none runs, the new key is found', () => {
  const key = secret('AKIA{alnumupper:16}', 'git-hostile');
  const repo = hostileRepo({ 'app.py': 'A = 1\n' }, { 'app.py': `A = 1\nKEY = "${key}"\n` });
  try {
    repo.git('add', 'app.py');
    repo.reset();
    for (const mode of [['--diff', 'HEAD'], ['--staged']]) {
      const result = cli(repo.dir, 'scan', ...mode);
      assert.equal(result.code, 1, result.stderr);
      assert.match(result.stdout, /app\.py:2/);
    }
    assert.deepEqual(repo.ran(), []);
  } finally {
    repo.remove();
  }
});
