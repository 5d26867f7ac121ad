// A git repository whose own .git/config and .gitattributes name a script for every hook git offers to
// run programs: signature checks (log.showSignature + gpg.program, on a commit that carries a signature),
// fsmonitor, pager, external diff, textconv, clean/smudge/process filters, hooks (post-index-change).
// The script only records that it ran; `ran()` lists what did. Used to prove git never runs repo code.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const AUTHOR = { GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.invalid', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.invalid' };

export interface HostileRepo {
  dir: string;
  /** Which hooks ran so far (the script's first argument each time), e.g. ['gpg', 'fsmonitor']. */
  ran(): string[];
  /** Forgets the marks left so far (e.g. by the test's own setup). */
  reset(): void;
  /** Runs plain git (no hardening) in the repository, as the test's own setup tool. */
  git(...args: string[]): string;
  remove(): void;
}

/** `files` are committed (signed, as far as git log can tell), then `changed` is written to the work tree. */
export function hostileRepo(files: Record<string, string>, changed: Record<string, string> = {}): HostileRepo {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sh-hostile-'));
  const marks = fs.mkdtempSync(path.join(os.tmpdir(), 'sh-hostile-marks-'));
  const git = (...args: string[]) => {
    const result = spawnSync('git', ['-c', 'commit.gpgsign=false', '-c', 'core.hooksPath=/dev/null', ...args], { cwd: dir, encoding: 'utf8', env: { ...process.env, ...AUTHOR } });
    if (result.status !== 0) throw new Error(`git ${args.join(' ')}: ${result.stderr}`);
    return result.stdout;
  };
  const write = (name: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  };
  git('init', '-q', '-b', 'main');
  // One script per role (gpg.program is run as a path, not through a shell), outside the work tree: each
  // passes stdin through (a working filter/textconv/pager) and leaves a mark named after its role.
  const bin = fs.mkdtempSync(path.join(os.tmpdir(), 'sh-hostile-bin-'));
  const script = (role: string) => {
    const file = path.join(bin, `${role}.sh`);
    fs.writeFileSync(file, `#!/bin/sh\ntouch "${marks}/${role}-$$"\ncat\n`, { mode: 0o755 });
    return file;
  };
  write('.gitattributes', '* filter=evil diff=evil merge=evil\n');
  for (const [name, text] of Object.entries(files)) write(name, text);
  git('add', '.');
  git('commit', '-q', '-m', 'base');
  signHead(dir);
  const hooks = path.join(dir, 'hooks');
  fs.mkdirSync(hooks);
  for (const hook of ['post-index-change', 'pre-auto-gc', 'reference-transaction', 'post-checkout']) {
    fs.writeFileSync(path.join(hooks, hook), `#!/bin/sh\ntouch "${marks}/hook-${hook}-$$"\n`, { mode: 0o755 });
  }
  const config: Array<[string, string]> = [
    ['log.showSignature', 'true'],
    ['gpg.program', script('gpg')],
    ['gpg.format', 'openpgp'],
    ['core.fsmonitor', script('fsmonitor')],
    ['core.pager', script('pager')],
    ['pager.log', script('pager')],
    ['core.hooksPath', hooks],
    ['diff.external', script('external-diff')],
    ['diff.evil.textconv', script('textconv')],
    ['diff.evil.command', script('diff-command')],
    ['filter.evil.clean', script('clean')],
    ['filter.evil.smudge', script('smudge')],
    ['filter.evil.required', 'true'],
    ['merge.evil.driver', script('merge')],
    ['core.sshCommand', script('ssh')],
    ['credential.helper', `!${script('credential')}`],
  ];
  for (const [key, value] of config) git('config', key, value);
  for (const [name, text] of Object.entries(changed)) write(name, text);
  // An old timestamp makes the index entry stat-dirty, so a work-tree diff must read (and filter) the file.
  for (const name of Object.keys(changed)) fs.utimesSync(path.join(dir, name), new Date(2001, 0, 1), new Date(2001, 0, 1));
  return {
    dir,
    ran: () => fs.readdirSync(marks).map((mark) => mark.replace(/-\d+$/, '')).sort(),
    git,
    reset: () => {
      for (const mark of fs.readdirSync(marks)) fs.rmSync(path.join(marks, mark));
    },
    remove: () => {
      fs.rmSync(dir, { recursive: true, force: true });
      fs.rmSync(marks, { recursive: true, force: true });
      fs.rmSync(bin, { recursive: true, force: true });
    },
  };
}

/** Rewrites HEAD into a commit with a (bogus) PGP signature header, so showing it calls gpg.program. */
function signHead(dir: string): void {
  const run = (args: string[], input?: string) => {
    const result = spawnSync('git', args, { cwd: dir, input, encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`git ${args.join(' ')}: ${result.stderr}`);
    return result.stdout.trim();
  };
  const commit = run(['cat-file', 'commit', 'HEAD']) + '\n';
  const signature = 'gpgsig -----BEGIN PGP SIGNATURE-----\n \n iQEzBAABCAAdFiEE\n -----END PGP SIGNATURE-----\n';
  const signed = commit.replace(/^(committer [^\n]*\n)/m, `$1${signature}`);
  run(['update-ref', 'HEAD', run(['hash-object', '-t', 'commit', '-w', '--stdin'], signed)]);
}
