// "Was this value ever committed, since when, and was it pushed?": streams `git log --all --reverse -p` once per
// batch and looks for the values in the output, so values never appear on a command line (where other users
// could read them). The first commit holding a value is remembered (oldest first), then `git branch -r
// --contains` says whether it reached a remote-tracking branch. Bounded by a timeout, one git process at a time,
// results cached by a hash of the value. Without git: unknown.
import { createHash } from 'node:crypto';
import { streamGit } from './git';

/** true: in history; false: searched all of it, absent; undefined: unknown (no git, timeout, error). */
export type Exposure = boolean | undefined;

/** Where an exposed value first appears (issue 16: exposure age). */
export interface ExposureAge {
  commit: string;
  /** Committer date, ISO 8601. */
  date: string;
  /** The commit is on a remote-tracking branch (pushed: assume compromised); undefined: not known yet. */
  pushed?: boolean;
}

const TIMEOUT_MS = 5000;
/** A "not in history" (or "unknown": timeout, no git) answer is kept this long; new commits may change it. */
const NEGATIVE_TTL_MS = 60_000;
/** Every commit starts with this line in the log: NUL, hash, committer date (a NUL never occurs in a text diff). */
const HEADER = /\0([0-9a-f]{40,64}) (\S+)\n/g;
const HEADER_SPAN = 128;

function digest(repo: string, value: string): string {
  return createHash('sha256').update(repo).update('\0').update(value).digest('hex');
}

export class GitHistory {
  private readonly cache = new Map<string, { exposed: Exposure; at: number; age?: ExposureAge }>();
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly timeoutMs = TIMEOUT_MS) {}

  /** The cached answer for `value` in `repo`, without running git. */
  known(repo: string, value: string): Exposure {
    const entry = this.cache.get(digest(repo, value));
    if (!entry) return undefined;
    if (entry.exposed !== true && Date.now() - entry.at > NEGATIVE_TTL_MS) return undefined;
    return entry.exposed;
  }

  /** Since when (and whether pushed) a value known to be in history is there; undefined when not known. */
  age(repo: string, value: string): ExposureAge | undefined {
    return this.cache.get(digest(repo, value))?.age;
  }

  /** True when some value still needs a search. */
  needsCheck(repo: string, values: string[]): boolean {
    return values.some((value) => {
      const entry = this.cache.get(digest(repo, value));
      return !entry || (entry.exposed !== true && Date.now() - entry.at > NEGATIVE_TTL_MS);
    });
  }

  /** Searches the history of `repo` for every value; resolves to one answer per value. */
  check(repo: string, values: string[]): Promise<Exposure[]> {
    const run = this.queue.then(() => this.search(repo, values));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private search(repo: string, values: string[]): Promise<Exposure[]> {
    const todo = [...new Set(values.filter((v) => this.needsCheck(repo, [v])))];
    if (todo.length === 0) return Promise.resolve(values.map((v) => this.known(repo, v)));
    return new Promise((resolve) => {
      const found = new Map<string, { commit: string; date: string }>();
      const keep = Math.max(HEADER_SPAN, ...todo.map((v) => v.length));
      let tail = '';
      /** The last commit header that begins before `tail`. */
      let current = { commit: '', date: '' };
      let settled = false;
      const finish = (complete: boolean) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        child?.kill();
        const now = Date.now();
        for (const value of todo) {
          // Unknown answers are cached too, so a slow repository is not searched again on every keystroke.
          const first = found.get(value);
          const exposed: Exposure = first ? true : complete ? false : undefined;
          this.cache.set(digest(repo, value), { exposed, at: now, ...(first?.commit ? { age: { ...first } } : {}) });
        }
        const answers = values.map((v) => (found.has(v) ? true : this.known(repo, v)));
        // Whether the first commits were pushed decides "rotate now" or "before pushing": asked before answering.
        void this.markPushed(repo, [...found.values()].map((f) => f.commit).filter((c) => c !== ''), todo.filter((v) => found.has(v))).finally(() => resolve(answers));
      };
      const timer = setTimeout(() => finish(false), this.timeoutMs);
      let child: ReturnType<typeof streamGit> | undefined;
      try {
        child = streamGit(repo, ['log', '--all', '--reverse', '-p', '--format=%x00%H %cI', '-U0']);
      } catch {
        // The repository's config could not be read safely (project/git.ts): unknown, git never started.
        finish(false);
        return;
      }
      child.stdout.setEncoding('utf8');
      child.stdout.on('data', (chunk: string) => {
        const window = tail + chunk;
        const headers: Array<{ at: number; commit: string; date: string }> = [];
        for (const match of window.matchAll(HEADER)) headers.push({ at: match.index!, commit: match[1], date: match[2] });
        // The commit a match at `index` belongs to: the last header before it (else the one before the window).
        const commitAt = (index: number) => [...headers].reverse().find((h) => h.at < index) ?? current;
        for (const value of todo) {
          if (found.has(value)) continue;
          const index = window.indexOf(value);
          if (index >= 0) {
            const { commit, date } = commitAt(index);
            found.set(value, { commit, date });
          }
        }
        const cut = Math.max(0, window.length - keep);
        const before = [...headers].reverse().find((h) => h.at < cut);
        if (before) current = { commit: before.commit, date: before.date };
        tail = window.slice(cut);
        if (found.size === todo.length) finish(true);
      });
      child.on('error', () => finish(false));
      child.on('close', (code) => finish(code === 0));
    });
  }

  /** Asks `git branch -r --contains` for each first commit (in the background, one at a time) and records it. */
  private async markPushed(repo: string, commits: string[], values: string[]): Promise<void> {
    const answers = new Map<string, boolean | undefined>();
    for (const commit of new Set(commits)) answers.set(commit, await onRemoteBranch(repo, commit, this.timeoutMs));
    for (const value of values) {
      const entry = this.cache.get(digest(repo, value));
      if (entry?.age && answers.has(entry.age.commit)) entry.age.pushed = answers.get(entry.age.commit);
    }
  }
}

/** True when `commit` (a hash git printed) is on a remote-tracking branch; undefined when git could not say. */
function onRemoteBranch(repo: string, commit: string, timeoutMs: number): Promise<boolean | undefined> {
  if (!/^[0-9a-f]{40,64}$/.test(commit)) return Promise.resolve(undefined);
  return new Promise((resolve) => {
    let out = '';
    let child: ReturnType<typeof streamGit>;
    try {
      child = streamGit(repo, ['branch', '-r', '--contains', commit, '--format=%(refname)']);
    } catch {
      resolve(undefined);
      return;
    }
    const timer = setTimeout(() => {
      child.kill();
      resolve(undefined);
    }, timeoutMs);
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => (out += chunk.slice(0, 4096)));
    child.on('error', () => resolve(undefined));
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve(code === 0 ? out.trim().length > 0 : undefined);
    });
  });
}
