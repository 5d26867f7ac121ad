// The git history check: a committed value is found (even after it was removed again), an uncommitted
// one is not, a folder without git is "unknown", and values never reach git's command line.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { GitHistory } from '../../server/src/project/gitHistory';
import { secret } from '../support/rules';

const repo = fs.mkdtempSync(path.join(os.tmpdir(), 'sh-history-'));
const committed = secret('ghp_{alnum:36}', 'history-committed');
const fresh = secret('ghp_{alnum:36}', 'history-fresh');
const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', '-c', 'commit.gpgsign=false', ...args], { cwd: repo, stdio: 'pipe' });

after(() => fs.rmSync(repo, { recursive: true, force: true }));

test('finds a value that was committed and later removed; not one that never was', async () => {
  git('init', '-q');
  fs.writeFileSync(path.join(repo, 'a.ts'), `const t = "${committed}";\n`);
  git('add', '.');
  git('commit', '-qm', 'add');
  fs.writeFileSync(path.join(repo, 'a.ts'), 'const t = process.env.T;\n');
  git('commit', '-qam', 'remove');
  const history = new GitHistory();
  assert.deepEqual(await history.check(repo, [committed, fresh]), [true, false]);
  assert.equal(history.known(repo, committed), true, 'cached');
  assert.equal(history.needsCheck(repo, [committed, fresh]), false);
});

test('a folder that is not a repository gives "unknown", and the answer is cached', async () => {
  const plain = fs.mkdtempSync(path.join(os.tmpdir(), 'sh-nogit-'));
  try {
    const history = new GitHistory();
    assert.deepEqual(await history.check(plain, [fresh]), [undefined]);
    assert.equal(history.needsCheck(plain, [fresh]), false);
  } finally {
    fs.rmSync(plain, { recursive: true, force: true });
  }
});

test('the git command line never holds the value', () => {
  const source = fs.readFileSync(path.resolve(__dirname, '..', '..', '..', 'server', 'src', 'project', 'gitHistory.ts'), 'utf8');
  const spawnCall = /streamGit\(repo, \[([^\]]*)\]/.exec(source)![1];
  assert.doesNotMatch(spawnCall, /value|todo|\$\{/);
});

test('exposure age: the first commit holding the value, its date, and whether a remote-tracking branch has it', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sh-age-'));
  const remote = fs.mkdtempSync(path.join(os.tmpdir(), 'sh-age-remote-'));
  const run = (cwd: string, ...args: string[]) => execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', '-c', 'commit.gpgsign=false', ...args], { cwd, stdio: 'pipe' }).toString().trim();
  try {
    run(dir, 'init', '-q', '-b', 'main');
    fs.writeFileSync(path.join(dir, 'notes.txt'), 'first\n');
    run(dir, 'add', '.');
    run(dir, 'commit', '-qm', 'first');
    fs.writeFileSync(path.join(dir, 'a.ts'), `const t = "${committed}";\n`);
    run(dir, 'add', '.');
    run(dir, 'commit', '-qm', 'key');
    const first = run(dir, 'rev-parse', 'HEAD');
    fs.appendFileSync(path.join(dir, 'a.ts'), `const again = "${committed}";\n`);
    run(dir, 'commit', '-qam', 'copy');
    const local = new GitHistory();
    assert.deepEqual(await local.check(dir, [committed]), [true]);
    assert.equal(local.age(dir, committed)?.commit, first, 'the oldest commit, not the latest copy');
    assert.match(local.age(dir, committed)?.date ?? '', /^\d{4}-\d\d-\d\dT/);
    assert.equal(local.age(dir, committed)?.pushed, false);
    run(remote, 'init', '-q', '--bare');
    run(dir, 'remote', 'add', 'origin', remote);
    run(dir, 'push', '-q', 'origin', 'main');
    const pushed = new GitHistory();
    await pushed.check(dir, [committed]);
    assert.equal(pushed.age(dir, committed)?.pushed, true);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.rmSync(remote, { recursive: true, force: true });
  }
});
