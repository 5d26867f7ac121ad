// scan --exposure (issue 16, check 6 in the CLI): a secret that is committed gets a hygiene finding right after
// it saying since when and whether that commit was pushed; "rotate now" (error) once it is on a remote,
// "before pushing" (warning) while local; a secret only in the work tree gets none.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { secret } from '../support/rules';

const CLI = path.resolve(__dirname, '..', '..', '..', 'dist', 'cli.js');
const GIT_ENV = { GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.invalid', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.invalid', GIT_CONFIG_NOSYSTEM: '1', HOME: os.tmpdir() };
const committedKey = secret('ghp_{alnum:36}', 'exposure-committed');
const localKey = secret('ghp_{alnum:36}', 'exposure-local');

function git(cwd: string, ...args: string[]): string {
  const result = spawnSync('git', args, { cwd, encoding: 'utf8', env: { ...process.env, ...GIT_ENV } });
  assert.equal(result.status, 0, result.stderr);
  return result.stdout.trim();
}

function scanJson(cwd: string, ...args: string[]): { code: number | null; findings: any[]; stderr: string } {
  const result = spawnSync(process.execPath, [CLI, 'scan', '--format', 'json', ...args], { cwd, encoding: 'utf8' });
  return { code: result.status, findings: JSON.parse(result.stdout || '[]'), stderr: result.stderr };
}

test('scan --exposure: committed, then pushed; a key only in the work tree has no note; the value is never printed', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sh-exposure-'));
  try {
    git(dir, 'init', '-q', '-b', 'main');
    fs.writeFileSync(path.join(dir, 'app.ts'), `export const token = "${committedKey}";\n`);
    git(dir, 'add', '.');
    git(dir, 'commit', '-q', '-m', 'add app');
    const commit = git(dir, 'rev-parse', 'HEAD');
    fs.writeFileSync(path.join(dir, 'local.ts'), `export const other = "${localKey}";\n`);

    const plain = scanJson(dir);
    assert.ok(plain.findings.every((f) => f.ruleId !== 'hygiene-exposure-age'), 'only on request');

    const local = scanJson(dir, '--exposure');
    assert.equal(local.code, 1, local.stderr);
    const rows = (r: typeof local) => r.findings.filter((f) => !f.ruleId.startsWith('hygiene-') || f.ruleId === 'hygiene-exposure-age').map((f) => [f.file, f.ruleId, f.category, f.severity, f.line]);
    assert.deepEqual(rows(local), [
      ['app.ts', 'github-personal-access-token', 'vcs', 'error', 1],
      ['app.ts', 'hygiene-exposure-age', 'hygiene', 'warning', 1],
      ['local.ts', 'github-personal-access-token', 'vcs', 'error', 1],
    ]);
    const note = local.findings.find((f) => f.ruleId === 'hygiene-exposure-age');
    assert.deepEqual(note.context.exposure, { firstCommit: commit, since: note.context.exposure.since, pushed: false });
    assert.match(note.message, new RegExp(`in git history since \\d{4}-\\d\\d-\\d\\d \\(commit ${commit.slice(0, 12)}\\), not pushed yet: rotate it before pushing`));

    const remote = fs.mkdtempSync(path.join(os.tmpdir(), 'sh-exposure-remote-'));
    git(remote, 'init', '-q', '--bare');
    git(dir, 'remote', 'add', 'origin', remote);
    git(dir, 'push', '-q', 'origin', 'main');
    const pushed = scanJson(dir, '--exposure');
    const pushedNote = pushed.findings.find((f) => f.ruleId === 'hygiene-exposure-age');
    assert.equal(pushedNote.severity, 'error');
    assert.equal(pushedNote.context.exposure.pushed, true);
    assert.match(pushedNote.message, /on a remote branch: assume it is compromised and rotate it now/);
    for (const output of [JSON.stringify(local), JSON.stringify(pushed)]) assert.ok(!output.includes(committedKey.slice(4)) && !output.includes(localKey.slice(4)), 'masked only');
    fs.rmSync(remote, { recursive: true, force: true });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('--exposure cannot be combined with --stdin or --history', () => {
  const result = spawnSync(process.execPath, [CLI, 'scan', '--stdin', '--exposure'], { input: '', encoding: 'utf8' });
  assert.equal(result.status, 2);
  assert.match(result.stderr, /--exposure looks up files in git history/);
});
