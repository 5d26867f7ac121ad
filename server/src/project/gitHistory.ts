// "Was this value ever committed?": streams `git log --all -p` once per batch and looks for the values in
// the output, so values never appear on a command line (where other users could read them). Bounded by
// a timeout, one git process at a time, results cached by a hash of the value. Without git: unknown.
import { createHash } from 'node:crypto';
import { streamGit } from './git';

/** true: in history; false: searched all of it, absent; undefined: unknown (no git, timeout, error). */
export type Exposure = boolean | undefined;

const TIMEOUT_MS = 5000;
/** A "not in history" (or "unknown": timeout, no git) answer is kept this long; new commits may change it. */
const NEGATIVE_TTL_MS = 60_000;

function digest(repo: string, value: string): string {
  return createHash('sha256').update(repo).update('\0').update(value).digest('hex');
}

export class GitHistory {
  private readonly cache = new Map<string, { exposed: Exposure; at: number }>();
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly timeoutMs = TIMEOUT_MS) {}

  /** The cached answer for `value` in `repo`, without running git. */
  known(repo: string, value: string): Exposure {
    const entry = this.cache.get(digest(repo, value));
    if (!entry) return undefined;
    if (entry.exposed !== true && Date.now() - entry.at > NEGATIVE_TTL_MS) return undefined;
    return entry.exposed;
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
      const found = new Set<string>();
      const longest = Math.max(...todo.map((v) => v.length));
      let tail = '';
      let settled = false;
      const finish = (complete: boolean) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        child?.kill();
        const now = Date.now();
        for (const value of todo) {
          // Unknown answers are cached too, so a slow repository is not searched again on every keystroke.
          const exposed: Exposure = found.has(value) ? true : complete ? false : undefined;
          this.cache.set(digest(repo, value), { exposed, at: now });
        }
        resolve(values.map((v) => (found.has(v) ? true : this.known(repo, v))));
      };
      const timer = setTimeout(() => finish(false), this.timeoutMs);
      let child: ReturnType<typeof streamGit> | undefined;
      try {
        child = streamGit(repo, ['log', '--all', '-p', '--format=', '-U0']);
      } catch {
        // The repository's config could not be read safely (project/git.ts): unknown, git never started.
        finish(false);
        return;
      }
      child.stdout.setEncoding('utf8');
      child.stdout.on('data', (chunk: string) => {
        const window = tail + chunk;
        for (const value of todo) if (!found.has(value) && window.includes(value)) found.add(value);
        tail = window.slice(-longest);
        if (found.size === todo.length) finish(true);
      });
      child.on('error', () => finish(false));
      child.on('close', (code) => finish(code === 0));
    });
  }
}
