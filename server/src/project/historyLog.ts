// Reads every commit's added lines from `git log --all -p` as a stream (project/git.ts streamGit, so the
// repository's config runs nothing), one file of one commit at a time, oldest commit first. Memory is bounded
// by one file's added lines; nothing but revision options and literal path names goes on the command line.
import { streamGit, unquote } from './git';

/** The lines one commit added to one file. */
export interface AddedBlock {
  commit: string;
  /** Committer date, ISO 8601. */
  date: string;
  /** Path relative to the repository root, forward slashes. */
  file: string;
  /** The added lines joined with "\n" (a trailing "\r" dropped). */
  text: string;
  /** 1-based line number in the commit's version of the file, per line of `text`. */
  lines: number[];
  /** True when the block was cut at `maxBlockBytes` (the rest of the file's added lines were not kept). */
  truncated: boolean;
}

export interface HistoryLogOptions {
  /** Literal paths (relative to the root) to limit the log to; empty: everything. */
  paths?: string[];
  /** Added text kept per file per commit (default 1 MiB). */
  maxBlockBytes?: number;
}

/** The header line each commit starts with: NUL, hash, committer date; a NUL cannot occur in a text diff line. */
const HEADER = '%x00%H %cI';

/** Yields each file's added lines per commit, oldest commit first (`--reverse`), merges left out (their changes are in their parents). */
export async function* addedBlocks(root: string, options: HistoryLogOptions = {}): AsyncGenerator<AddedBlock> {
  const pathspecs = (options.paths ?? []).map((p) => `:(literal)${p}`);
  const args = ['log', '--all', '--reverse', '--no-merges', '-p', '-U0', '--no-renames', '--diff-filter=AM', `--format=${HEADER}`, '--', ...pathspecs];
  const child = streamGit(root, args);
  const exited = new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', resolve);
  });
  const parser = new HistoryParser(options.maxBlockBytes ?? 1024 * 1024);
  let rest = '';
  try {
    child.stdout.setEncoding('utf8');
    for await (const chunk of child.stdout as AsyncIterable<string>) {
      const lines = (rest + chunk).split('\n');
      rest = lines.pop() ?? '';
      for (const line of lines) {
        const done = parser.push(line);
        if (done) yield done;
      }
    }
    const last = parser.push(rest);
    if (last) yield last;
    const end = parser.end();
    if (end) yield end;
  } finally {
    if (child.exitCode === null) child.kill();
  }
  const code = await exited;
  if (code !== 0 && code !== null) throw new Error(`git log failed with exit code ${code}`);
}

/** Line-by-line state machine over `git log -p -U0` output. Pure; exported for tests. */
export class HistoryParser {
  private commit = '';
  private date = '';
  private current?: { file: string; parts: string[]; lines: number[]; bytes: number; truncated: boolean };
  /** Lines still due in the current hunk: content, whatever it starts with ("+++ x" can be an added "++ x"). */
  private removedLeft = 0;
  private addedLeft = 0;
  private nextLine = 0;

  constructor(private readonly maxBlockBytes: number) {}

  /** Feeds one line (without "\n"); returns a finished block when this line ends one. */
  push(raw: string): AddedBlock | undefined {
    if (this.removedLeft > 0 || this.addedLeft > 0) {
      if (raw.startsWith('-') && this.removedLeft > 0) this.removedLeft--;
      else if (raw.startsWith('+') && this.addedLeft > 0) {
        this.addedLeft--;
        this.add(raw.slice(1).replace(/\r$/, ''));
      } else if (!raw.startsWith('\\')) {
        // Out of step with the counts (should not happen): stop trusting this hunk.
        this.removedLeft = this.addedLeft = 0;
        return this.push(raw);
      }
      return undefined;
    }
    if (raw.startsWith('\0')) {
      const done = this.end();
      const [commit, date] = raw.slice(1).split(' ');
      this.commit = commit;
      this.date = date ?? '';
      return done;
    }
    if (raw.startsWith('diff --git ')) return this.end();
    if (raw.startsWith('+++ ')) {
      const name = unquote(raw.slice(4).replace(/\t$/, ''));
      if (name !== '/dev/null') this.current = { file: name.replace(/^b\//, ''), parts: [], lines: [], bytes: 0, truncated: false };
      return undefined;
    }
    const hunk = /^@@ -\d+(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/.exec(raw);
    if (hunk) {
      this.removedLeft = hunk[1] === undefined ? 1 : Number(hunk[1]);
      this.addedLeft = hunk[3] === undefined ? 1 : Number(hunk[3]);
      this.nextLine = Number(hunk[2]);
    }
    return undefined;
  }

  /** Ends the current file's block; returns it when it holds added lines. */
  end(): AddedBlock | undefined {
    const block = this.current;
    this.current = undefined;
    this.removedLeft = this.addedLeft = 0;
    if (!block || block.parts.length === 0) return undefined;
    return { commit: this.commit, date: this.date, file: block.file, text: block.parts.join('\n'), lines: block.lines, truncated: block.truncated };
  }

  private add(line: string): void {
    const block = this.current;
    const number = this.nextLine++;
    if (!block || block.truncated) return;
    if (block.bytes + line.length > this.maxBlockBytes) {
      block.truncated = true;
      return;
    }
    block.parts.push(line);
    block.lines.push(number);
    block.bytes += line.length + 1;
  }
}
