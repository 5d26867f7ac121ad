// Git reads for the CLI's review modes (the index for --staged, lines added since a base for --diff) and the
// one door every git invocation goes through (`runGit`, `streamGit`): git honours the repository's own
// .git/config and .gitattributes, and several settings there name programs to run (fsmonitor, pagers, gpg for
// signatures, external diffs, textconv and clean/smudge filters, hooks, transports). Each is pinned to an
// inert value at command-line scope, which outranks every config file. Never writes to the repository.
import { spawn, spawnSync, type ChildProcessByStdio } from 'node:child_process';
import * as path from 'node:path';
import type { Readable } from 'node:stream';

export class GitError extends Error {
  /** Set when the output went over RunGitOptions.maxBytes. */
  tooLarge = false;
}

/** Settings that run a program (or reach the network), pinned for every git we start. */
const INERT_CONFIG: ReadonlyArray<readonly [string, string]> = [
  ['core.fsmonitor', 'false'],
  ['core.hooksPath', '/dev/null'],
  ['core.pager', 'cat'],
  ['core.sshCommand', ''],
  ['core.askPass', ''],
  ['core.alternateRefsCommand', ''],
  ['core.quotePath', 'false'],
  ['credential.helper', ''],
  ['log.showSignature', 'false'],
  ['gpg.program', ''],
  ['gpg.openpgp.program', ''],
  ['gpg.x509.program', ''],
  ['gpg.ssh.program', ''],
  ['color.ui', 'false'],
  ['protocol.allow', 'never'],
  ['gc.auto', '0'],
  ['maintenance.auto', 'false'],
  // A hostile bare repository inside the checkout must not be discovered from a folder beneath it.
  ['safe.bareRepository', 'explicit'],
];

/** Per-command switches: no external diff, textconv, colour or signature check, whatever the config says. */
function commandSwitches(command: string): string[] {
  if (command === 'log' || command === 'show') return ['--no-ext-diff', '--no-textconv', '--no-color', '--no-show-signature'];
  if (command === 'diff') return ['--no-ext-diff', '--no-textconv', '--no-color'];
  return [];
}

/** Environment the user's git must not see from us: anything that names a program, extra config, traces. */
const DROPPED_ENV = /^(GIT_(EXTERNAL_DIFF|PAGER|EDITOR|SEQUENCE_EDITOR|SSH|SSH_COMMAND|ASKPASS|PROXY_COMMAND|CONFIG|CONFIG_PARAMETERS|CONFIG_COUNT|CONFIG_KEY_\d+|CONFIG_VALUE_\d+|TRACE\w*)|PAGER|SSH_ASKPASS)$/;

/** Filter and diff/merge driver commands named in any config file (clean/smudge/process, textconv, command, driver),
 * so they can be pinned empty too (and filters made optional): .gitattributes picks a driver by name, so the
 * names come from config. */
const DRIVER_KEYS = '^(filter\\..*\\.(clean|smudge|process|required)|diff\\..*\\.(textconv|command)|merge\\..*\\.driver)$';
const DRIVER_CACHE_MS = 10_000;
const driverCache = new Map<string, { keys: string[]; at: number }>();

function driverKeys(cwd: string, env: NodeJS.ProcessEnv): string[] {
  const cached = driverCache.get(cwd);
  if (cached && Date.now() - cached.at < DRIVER_CACHE_MS) return cached.keys;
  const result = spawnSync('git', ['config', '--null', '--name-only', '--get-regexp', DRIVER_KEYS], { cwd, env, timeout: 5000, maxBuffer: 1024 * 1024 });
  // Exit 1: no such key. Anything else (timeout, broken config) refuses to run git at all.
  if (result.error || (result.status !== 0 && result.status !== 1)) throw new GitError(`cannot read git config: ${(result.error as NodeJS.ErrnoException | undefined)?.code ?? firstLine(result.stderr)}`);
  const keys = result.stdout.toString('utf8').split('\0').filter((key) => key.length > 0);
  driverCache.set(cwd, { keys, at: Date.now() });
  return keys;
}

/** The environment git runs with: inherited minus DROPPED_ENV, plus every pinned setting as GIT_CONFIG_KEY_n
 * (keys verbatim, so a driver name holding `=` or `.` cannot split). */
export function gitEnvironment(cwd: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) if (!DROPPED_ENV.test(name)) env[name] = value;
  Object.assign(env, { GIT_TERMINAL_PROMPT: '0', GIT_OPTIONAL_LOCKS: '0', GIT_NO_LAZY_FETCH: '1', GIT_PAGER: 'cat', PAGER: 'cat' });
  const pinned: Array<readonly [string, string]> = [...INERT_CONFIG, ...driverKeys(cwd, env).map((key) => [key, key.endsWith('.required') ? 'false' : ''] as const)];
  pinned.forEach(([key, value], i) => {
    env[`GIT_CONFIG_KEY_${i}`] = key;
    env[`GIT_CONFIG_VALUE_${i}`] = value;
  });
  env.GIT_CONFIG_COUNT = String(pinned.length);
  return env;
}

/** The full argument list: global `--no-pager`, the command, its safety switches, then `args`. */
export function gitArguments(args: readonly string[]): string[] {
  const [command, ...rest] = args;
  return ['--no-pager', command, ...commandSwitches(command), ...rest];
}

export interface RunGitOptions {
  /** Output above this many bytes fails with a GitError instead of filling memory (default 1 GiB). */
  maxBytes?: number;
  timeoutMs?: number;
}

/** Runs git in `cwd` and returns stdout as bytes; a non-zero exit becomes a GitError with git's first line. */
export function runGit(cwd: string, args: readonly string[], options: RunGitOptions = {}): Buffer {
  const maxBytes = options.maxBytes ?? 1024 * 1024 * 1024;
  const result = spawnSync('git', gitArguments(args), { cwd, env: gitEnvironment(cwd), maxBuffer: maxBytes, timeout: options.timeoutMs, stdio: ['ignore', 'pipe', 'pipe'] });
  const code = (result.error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOBUFS') {
    const error = new GitError(`git ${args[0]} output is over ${maxBytes} bytes`);
    error.tooLarge = true;
    throw error;
  }
  if (result.error) throw new GitError(`cannot run git: ${code ?? result.error.message}`);
  if (result.status !== 0) throw new GitError(`git ${args[0]} failed: ${firstLine(result.stderr) || `exit code ${result.status}`}`);
  return result.stdout;
}

/** Starts git in `cwd` with stdout piped (stdin and stderr ignored), for output read as a stream. */
export function streamGit(cwd: string, args: readonly string[]): ChildProcessByStdio<null, Readable, null> {
  return spawn('git', gitArguments(args), { cwd, env: gitEnvironment(cwd), stdio: ['ignore', 'pipe', 'ignore'] });
}

function firstLine(bytes: Buffer | null | undefined): string {
  return (bytes?.toString('utf8') ?? '').trim().split('\n')[0];
}

/** The top folder of the work tree holding `cwd`. */
export function repositoryRoot(cwd: string): string {
  return path.resolve(runGit(cwd, ['rev-parse', '--show-toplevel']).toString('utf8').trim());
}

/** Paths (relative to the repository root, forward slashes) that are added, copied, modified or renamed in the index. */
export function stagedFiles(root: string): string[] {
  return splitNul(runGit(root, ['diff', '--cached', '--name-only', '--diff-filter=ACMR', '-z', '--no-renames']));
}

/** The staged content of `file` (relative to the repository root), as bytes; over `maxBytes`, a GitError
 * with `tooLarge` set. */
export function readStaged(root: string, file: string, maxBytes?: number): Buffer {
  return runGit(root, ['show', `:${file}`], { maxBytes });
}

/** The commit a pull request forked from: the merge base of `base` and HEAD, so lines added on `base` since then are not counted. */
export function mergeBase(root: string, base: string): string {
  runGit(root, ['rev-parse', '--verify', '--quiet', `${base}^{commit}`]);
  return runGit(root, ['merge-base', base, 'HEAD']).toString('utf8').trim();
}

/** Added lines per file since `base`: against the index when `staged`, else against the work tree. */
export function addedLinesSince(root: string, base: string, staged: boolean): Map<string, LineRanges> {
  const args = ['diff', '-U0', '--no-renames', '--diff-filter=ACMR', ...(staged ? ['--cached'] : []), base, '--'];
  return parseAddedLines(runGit(root, args).toString('utf8'));
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
export function unquote(name: string): string {
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
  const listed = splitNul(runGit(root, ['ls-files', '-z', '--full-name', '--', ...relative.map((r) => `:(literal)${r.split(path.sep).join('/')}`)]));
  return new Set(listed.map((name) => path.join(root, ...name.split('/'))));
}
