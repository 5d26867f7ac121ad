// Issue 11 item 9 through the CLI: `scan --diff main` on a change adding `data.txt -> /dev/zero`, and a FIFO
// named on the command line, finish with the report (the link and the FIFO skipped, named on stderr).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { secret } from '../support/rules';

const CLI = path.resolve(__dirname, '..', '..', '..', 'dist', 'cli.js');
const GIT_ENV = { GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.invalid', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.invalid', GIT_CONFIG_NOSYSTEM: '1', HOME: os.tmpdir() };
const unix = process.platform !== 'win32' && fs.existsSync('/dev/zero');

function sh(cwd: string, ...args: string[]) {
  const result = spawnSync('git', args, { cwd, encoding: 'utf8', env: { ...process.env, ...GIT_ENV } });
  assert.equal(result.status, 0, result.stderr);
}

/** Bounded: before the fix these ran until killed (4.4 GB read in 15 s; a FIFO waits forever). */
function cli(cwd: string, ...args: string[]) {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', timeout: 60_000, env: { ...process.env, NO_COLOR: '1' } });
  assert.equal(result.signal, null, 'the CLI finished on its own');
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

test('scan --diff main: an added link to /dev/zero is skipped, the added key still reported', { skip: !unix }, () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sh-special-diff-'));
  sh(dir, 'init', '-q', '-b', 'main');
  fs.writeFileSync(path.join(dir, 'README.md'), 'hello\n');
  sh(dir, 'add', '.');
  sh(dir, 'commit', '-q', '-m', 'base');
  sh(dir, 'checkout', '-q', '-b', 'feature');
  const key = secret('AKIA{alnumupper:16}', 'special-diff');
  fs.writeFileSync(path.join(dir, 'config.py'), `KEY = "${key}"\n`);
  fs.symlinkSync('/dev/zero', path.join(dir, 'data.txt'));
  sh(dir, 'add', '.');
  sh(dir, 'commit', '-q', '-m', 'change');
  const result = cli(dir, 'scan', '--diff', 'main', '--format', 'json');
  assert.equal(result.code, 1, result.stderr);
  assert.deepEqual(JSON.parse(result.stdout).filter((f: { ruleId: string }) => f.ruleId === 'aws-access-key-id').map((f: { file: string }) => f.file), ['config.py']);
  assert.match(result.stderr, /skipped data\.txt: (?:a symbolic link leading out of the workspace|not a regular file)/);
});

test('a FIFO named on the command line is skipped, the other files scanned', { skip: !unix || spawnSync('mkfifo', ['--version']).error !== undefined }, () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sh-special-fifo-'));
  assert.equal(spawnSync('mkfifo', [path.join(dir, 'pipe')]).status, 0);
  fs.writeFileSync(path.join(dir, 'clean.txt'), 'nothing\n');
  const result = cli(dir, 'scan', 'pipe', 'clean.txt');
  assert.equal(result.code, 0, result.stderr);
  assert.match(result.stderr, /skipped pipe: not a regular file \(a FIFO\)/);
});
