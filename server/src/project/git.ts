// Git reads for the CLI's review modes: the files in the index (--staged, for pre-commit) and the lines
// added since a base (--diff, for pull requests). Runs the user's `git`; never writes to the repository.
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

export class GitError extends Error {}

/** Runs git in `cwd` and returns stdout as bytes; a non-zero exit becomes a GitError with git's message. */
function git(cwd: string, args: string[]): Buffer {
  const result = spawnSync('git', ['-c', 'core.quotePath=false', ...args], { cwd, maxBuffer: 1024 * 1024 * 1024 });
  if (result.error) throw new GitError(`cannot run git: ${(result.error as NodeJS.ErrnoException).code ?? result.error.message}`);
  if (result.status !== 0) {
    const message = result.stderr.toString('utf8').trim().split('\n')[0] || `exit code ${result.status}`;
    throw new GitError(`git ${args[0]} failed: ${message}`);
  }
  return result.stdout;
}

/** The top folder of the work tree holding `cwd`. */
export function repositoryRoot(cwd: string): string {
  return path.resolve(git(cwd, ['rev-parse', '--show-toplevel']).toString('utf8').trim());
}

/** Paths (relative to the repository root, forward slashes) that are added, copied, modified or renamed in the index. */
export function stagedFiles(root: string): string[] {
  return splitNul(git(root, ['diff', '--cached', '--name-only', '--diff-filter=ACMR', '-z', '--no-renames']));
}

/** The staged content of `file` (relative to the repository root), as bytes. */
export function readStaged(root: string, file: string): Buffer {
  return git(root, ['show', `:${file}`]);
}

/** The commit a pull request forked from: the merge base of `base` and HEAD, so lines added on `base` since then are not counted. */
export function mergeBase(root: string, base: string): string {
  git(root, ['rev-parse', '--verify', '--quiet', `${base}^{commit}`]);
  return git(root, ['merge-base', base, 'HEAD']).toString('utf8').trim();
}

/** Added lines per file since `base`: against the index when `staged`, else against the work tree. */
export function addedLinesSince(root: string, base: string, staged: boolean): Map<string, LineRanges> {
  const args = ['diff', '-U0', '--no-color', '--no-ext-diff', '--no-renames', '--diff-filter=ACMR', ...(staged ? ['--cached'] : []), base, '--'];
  return parseAddedLines(git(root, args).toString('utf8'));
}

/** Sorted, 1-based inclusive [first, last] line ranges. */
export type LineRanges = Array<[number, number]>;

/** Parses `git diff -U0` output into the added line ranges of each new-side file. Pure; exported for tests. */
export function parseAddedLines(diff: string): Map<string, LineRanges> {
  const added = new Map<string, LineRanges>();
  let current: LineRanges | undefined;
  for (const line of diff.split('\n')) {
    if (line.startsWith('+++ ')) {
      // Git ends a name holding a space with a tab, so the name's end is unambiguous.
      const target = unquote(line.slice(4).replace(/\r$/, '').replace(/\t$/, ''));
      current = target === '/dev/null' ? undefined : [];
      if (current) added.set(target.replace(/^b\//, ''), current);
      continue;
    }
    const hunk = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@/.exec(line);
    if (hunk && current) {
      const first = Number(hunk[1]);
      const count = hunk[2] === undefined ? 1 : Number(hunk[2]);
      if (count > 0) current.push([first, first + count - 1]);
    }
  }
  return added;
}

/** True when any line of [first, last] is in `ranges`. */
export function touchesAddedLine(ranges: LineRanges | undefined, first: number, last: number): boolean {
  return ranges?.some(([from, to]) => from <= last && to >= first) ?? false;
}

/** Git quotes names with control characters or quotes even with core.quotePath=false: "b/a\"b". */
function unquote(name: string): string {
  if (!name.startsWith('"') || !name.endsWith('"')) return name;
  const bytes: number[] = [];
  const body = name.slice(1, -1);
  for (let i = 0; i < body.length; i++) {
    if (body[i] !== '\\') {
      bytes.push(...Buffer.from(body[i], 'utf8'));
      continue;
    }
    const next = body[++i];
    const octal = /^[0-7]{3}/.exec(body.slice(i));
    if (octal) {
      bytes.push(parseInt(octal[0], 8));
      i += 2;
    } else bytes.push((({ n: 10, t: 9, r: 13, '"': 34, '\\': 92, a: 7, b: 8, f: 12, v: 11 }) as Record<string, number>)[next] ?? next.charCodeAt(0));
  }
  return Buffer.from(bytes).toString('utf8');
}

function splitNul(bytes: Buffer): string[] {
  return bytes
    .toString('utf8')
    .split('\0')
    .filter((name) => name.length > 0);
}

/** Which of `files` (absolute paths inside `root`) git tracks: `git ls-files` with literal pathspecs, so a
 * name holding `*` means itself. Only file names go on the command line, never contents. */
export function trackedFiles(root: string, files: string[]): Set<string> {
  const relative = files.map((file) => path.relative(root, file)).filter((r) => r && !r.startsWith('..') && !path.isAbsolute(r));
  if (relative.length === 0) return new Set();
  const listed = splitNul(git(root, ['ls-files', '-z', '--full-name', '--', ...relative.map((r) => `:(literal)${r.split(path.sep).join('/')}`)]));
  return new Set(listed.map((name) => path.join(root, ...name.split('/'))));
}
