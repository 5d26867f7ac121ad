// Every git we start goes through project/git.ts and never runs a program the repository names: a real
// repository whose .git/config sets log.showSignature + gpg.program, core.fsmonitor, pagers, diff.external,
// textconv, clean/smudge filters, merge drivers and a hooks path. Plain git runs them (the trap is armed);
// ours never does, and still answers correctly.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { after, test } from 'node:test';
import { addedLinesSince, mergeBase, readStaged, repositoryRoot, runGit, stagedFiles, streamGit } from '../../server/src/project/git';
import { GitHistory } from '../../server/src/project/gitHistory';
import { hostileRepo } from '../support/hostileRepo';
import { secret } from '../support/rules';

const committed = secret('ghp_{alnum:36}', 'hostile-committed');
const repo = hostileRepo({ 'app.ts': `export const token = "${committed}";\n`, 'notes.txt': 'one\n' }, { 'notes.txt': 'one\ntwo\n', 'staged.txt': 'new\n' });
after(() => repo.remove());

test('the trap is armed: plain git runs the repository\'s programs', () => {
  repo.reset();
  spawnSync('git', ['log', '-p', '-1'], { cwd: repo.dir, stdio: 'pipe' });
  spawnSync('git', ['diff', 'HEAD'], { cwd: repo.dir, stdio: 'pipe' });
  spawnSync('git', ['status'], { cwd: repo.dir, stdio: 'pipe' });
  const ran = repo.ran();
  for (const role of ['gpg', 'fsmonitor', 'clean', 'textconv', 'diff-command', 'hook-post-index-change']) assert.ok(ran.includes(role), `${role} ran: ${ran.join(', ')}`);
});

test('runGit and streamGit never run a program named by the repository, and still answer', async () => {
  repo.git('add', 'staged.txt');
  repo.reset();
  assert.equal(repositoryRoot(repo.dir), repo.dir);
  assert.deepEqual(stagedFiles(repo.dir), ['staged.txt']);
  assert.equal(readStaged(repo.dir, 'staged.txt').toString('utf8'), 'new\n');
  assert.match(mergeBase(repo.dir, 'HEAD'), /^[0-9a-f]{40}$/);
  assert.deepEqual([...addedLinesSince(repo.dir, 'HEAD', false)], [['notes.txt', [[2, 2]]], ['staged.txt', [[1, 1]]]]);
  assert.deepEqual([...addedLinesSince(repo.dir, 'HEAD', true)], [['staged.txt', [[1, 1]]]]);
  assert.match(runGit(repo.dir, ['log', '-p', '-1']).toString('utf8'), new RegExp(committed));
  assert.match(runGit(repo.dir, ['show', 'HEAD']).toString('utf8'), /app\.ts/);
  runGit(repo.dir, ['status']);
  runGit(repo.dir, ['diff', 'HEAD', '--stat']);
  assert.deepEqual(await new GitHistory().check(repo.dir, [committed]), [true]);
  const child = streamGit(repo.dir, ['log', '--all', '-p']);
  child.stdout.resume();
  await new Promise((resolve) => child.on('close', resolve));
  assert.deepEqual(repo.ran(), []);
});

test('output over maxBytes is an error, not a buffer filling memory', () => {
  assert.throws(() => runGit(repo.dir, ['log', '-p'], { maxBytes: 16 }), /over 16 bytes/);
});
