// Reads and writes .secret-hygiene/baseline.json and supplies the hash functions (scrypt tags, SHA-256 for
// version 1 files) the pure matcher in engine/baseline.ts needs. The server keeps one matcher per workspace folder, reloaded when
// the file changes on disk.
import { createHash, randomBytes, scryptSync } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { BASELINE_TAG_DIGITS, BaselineFormatError, BaselineMatcher, mergeBaseline, parseBaseline, serializeBaseline, type Baseline, type BaselineEntry, type BaselineHashes } from '../engine/baseline';
import type { Finding } from '../engine/types';
import { MAX_POLICY_FILE_BYTES, readRegularTextSync } from './regularFile';

export const BASELINE_PATH = path.join('.secret-hygiene', 'baseline.json');

export function sha256(input: string): string {
  return createHash('sha256').update(input, 'utf8').digest('hex');
}

/** scrypt cost: 2^12 × 8 × 128 bytes = 4 MB and a few milliseconds per tag; each guess against a baseline
 * costs the same (SHA-256 cost about a microsecond: 65,000 guesses took 143 ms). */
const SCRYPT = { N: 1 << 12, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };

export const baselineHashes: BaselineHashes = {
  sha256,
  slowTag: (salt, input) => scryptSync(input, salt, Math.ceil(BASELINE_TAG_DIGITS / 2), SCRYPT).toString('hex').slice(0, BASELINE_TAG_DIGITS),
};

export function newBaseline(): Baseline {
  return { version: 2, salt: randomBytes(16).toString('hex'), entries: [] };
}

/** Said once per version 1 file: its full SHA-256 hashes let anyone with the file confirm guesses quickly. */
export function legacyBaselineWarning(file: string): string {
  return `the baseline ${file} stores fast SHA-256 hashes (version 1), which confirm guessed short secrets quickly; run "secret-hygiene baseline" to rewrite it with slow, short tags`;
}

/** The baseline in `file`, undefined when there is none; a broken file throws an error naming it. */
export function readBaseline(file: string): Baseline | undefined {
  let text: string;
  try {
    text = readRegularTextSync(file, MAX_POLICY_FILE_BYTES * 4);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new Error(`cannot read the baseline ${file}: ${(error as NodeJS.ErrnoException).code ?? error}`);
  }
  try {
    return parseBaseline(text);
  } catch (error) {
    if (error instanceof BaselineFormatError) throw new Error(`the baseline ${file} is broken: ${error.message}`);
    throw error;
  }
}

export function loadBaselineMatcher(file: string): BaselineMatcher | undefined {
  const baseline = readBaseline(file);
  return baseline && new BaselineMatcher(baseline, baselineHashes);
}

/** Writes through a temporary file and a rename, so a crash never leaves half a baseline. */
export function writeBaseline(file: string, baseline: Baseline): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, serializeBaseline(baseline));
  fs.renameSync(temporary, file);
}

/** Per-folder matchers for the server: a stat at most once a second per folder notices edits, a
 * `git pull` or a fresh `secret-hygiene baseline` without a restart. */
export class BaselineCache {
  private readonly entries = new Map<string, { checkedAt: number; stamp: string; matcher?: BaselineMatcher }>();

  constructor(
    private readonly onError: (message: string) => void,
    private readonly recheckMs = 1000,
  ) {}

  forFolder(folder: string): BaselineMatcher | undefined {
    const now = Date.now();
    const cached = this.entries.get(folder);
    if (cached && now - cached.checkedAt < this.recheckMs) return cached.matcher;
    const file = path.join(folder, BASELINE_PATH);
    let stamp = 'missing';
    try {
      const stat = fs.statSync(file);
      stamp = `${stat.mtimeMs}:${stat.size}`;
    } catch {
      // No baseline: nothing is accepted.
    }
    if (cached && cached.stamp === stamp) {
      cached.checkedAt = now;
      return cached.matcher;
    }
    let matcher: BaselineMatcher | undefined;
    try {
      matcher = stamp === 'missing' ? undefined : loadBaselineMatcher(file);
      if (matcher?.baseline.version === 1 && cached?.matcher?.baseline.version !== 1) this.onError(legacyBaselineWarning(file));
    } catch (error) {
      this.onError((error as Error).message);
    }
    this.entries.set(folder, { checkedAt: now, stamp, matcher });
    return matcher;
  }

  /** The baseline file of `folder`. */
  pathFor(folder: string): string {
    return path.join(folder, BASELINE_PATH);
  }

  /** Whether `folder` has a baseline file (without reading it: untrusted folders are only told it is ignored). */
  exists(folder: string): boolean {
    return fs.existsSync(this.pathFor(folder));
  }

  /** Forget a folder's matcher, e.g. on a watched-file event, so the next call reloads it. */
  invalidate(folder?: string): void {
    if (folder === undefined) this.entries.clear();
    else this.entries.delete(folder);
  }
}

/** `secret-hygiene baseline`: collects the findings of every scanned file, then merges them into the file
 * (entries of the scanned files are replaced; entries of other files are kept while those files exist). */
export class BaselineWriter {
  private readonly matcher: BaselineMatcher;
  private readonly root: string;
  private readonly scannedFiles = new Set<string>();
  private readonly fresh: BaselineEntry[] = [];
  /** Entries of a version 1 file this writer replaces (counted as removed). */
  private readonly replacedLegacy: number;

  constructor(
    readonly file: string,
    private readonly cwd: string,
  ) {
    const existing = readBaseline(file);
    // A version 1 file is rewritten from this scan alone: its hashes cannot be converted without the values.
    this.matcher = new BaselineMatcher(existing && existing.version === 2 ? existing : newBaseline(), baselineHashes);
    this.replacedLegacy = existing?.version === 1 ? existing.entries.length : 0;
    // Entries name files relative to the folder holding .secret-hygiene/, whatever the working folder.
    this.root = path.basename(path.dirname(file)) === '.secret-hygiene' ? path.dirname(path.dirname(file)) : path.dirname(file);
  }

  /** Records one scanned file's findings (public-by-design ones never fail a scan, so they are left out;
   * hygiene notes on a recorded finding's range go with it, see BaselineMatcher.filter). */
  record(displayPath: string, text: string, findings: Finding[]): void {
    const name = path.relative(this.root, path.resolve(this.cwd, displayPath)).split(path.sep).join('/');
    this.scannedFiles.add(name);
    const ranges = new Set(findings.filter((f) => f.category !== 'hygiene').map((f) => `${f.start}:${f.end}`));
    for (const finding of findings) {
      if (finding.publicByDesign || (finding.category === 'hygiene' && ranges.has(`${finding.start}:${finding.end}`))) continue;
      this.fresh.push(this.matcher.entryFor(name, text, finding));
    }
  }

  /** The merged baseline and what changed, without writing it (the server applies it as an edit). */
  merged(): { baseline: Baseline; entries: number; added: number; removed: number } {
    const merged = mergeBaseline(this.matcher.baseline, this.fresh, this.scannedFiles, (name) => fs.existsSync(path.join(this.root, name)));
    const key = (e: BaselineEntry) => `${e.file}\0${e.ruleId}\0${e.hash}`;
    const before = new Set(this.matcher.baseline.entries.map(key));
    const after = new Set(merged.entries.map(key));
    return { baseline: merged, entries: after.size, added: [...after].filter((k) => !before.has(k)).length, removed: [...before].filter((k) => !after.has(k)).length + this.replacedLegacy };
  }

  write(): { entries: number; added: number; removed: number } {
    const { baseline, ...counts } = this.merged();
    writeBaseline(this.file, baseline);
    return counts;
  }
}
