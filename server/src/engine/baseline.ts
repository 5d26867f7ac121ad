// The baseline format (.secret-hygiene/baseline.json): known findings a team has accepted, stored as salted
// hashes, never values. Pure: parsing, merging, serialising and matching; hashing and files live in project/.
import type { Finding } from './types';

/** One accepted finding. `file` and `ruleId` are for the people reading the file; matching uses `hash`. */
export interface BaselineEntry {
  file: string;
  ruleId: string;
  /** Hex SHA-256 of salt + "\0" + ruleId + "\0" + secret (see baselineHashInput). */
  hash: string;
}

export interface Baseline {
  version: 1;
  /** Random per baseline, so a hash cannot be checked against a guessed key list from elsewhere. */
  salt: string;
  entries: BaselineEntry[];
}

/** Hashes one string (SHA-256, hex); supplied by the caller so the engine stays free of crypto imports. */
export type HashFunction = (input: string) => string;

export class BaselineFormatError extends Error {}

/** What is hashed for one finding: the salt, the rule id and the secret, separated so no two inputs collide. */
export function baselineHashInput(salt: string, ruleId: string, secret: string): string {
  return `${salt}\0${ruleId}\0${secret}`;
}

export function parseBaseline(text: string): Baseline {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new BaselineFormatError(`not valid JSON (${(error as Error).message})`);
  }
  const value = raw as Partial<Baseline> | null;
  if (typeof value !== 'object' || value === null || value.version !== 1) throw new BaselineFormatError('expected an object with "version": 1');
  if (typeof value.salt !== 'string' || value.salt.length < 16) throw new BaselineFormatError('"salt" must be a string of at least 16 characters');
  if (!Array.isArray(value.entries)) throw new BaselineFormatError('"entries" must be an array');
  value.entries.forEach((entry, index) => {
    const ok = typeof entry === 'object' && entry !== null && typeof entry.file === 'string' && typeof entry.ruleId === 'string' && /^[0-9a-f]{64}$/.test(entry.hash);
    if (!ok) throw new BaselineFormatError(`entry #${index + 1} needs "file", "ruleId" and a 64-digit hex "hash"`);
  });
  return { version: 1, salt: value.salt, entries: value.entries.map(({ file, ruleId, hash }) => ({ file, ruleId, hash })) };
}

function compareEntries(a: BaselineEntry, b: BaselineEntry): number {
  return a.file < b.file ? -1 : a.file > b.file ? 1 : a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : a.hash < b.hash ? -1 : a.hash > b.hash ? 1 : 0;
}

/** Sorted, de-duplicated, one entry per line: two branches that each add a finding rarely touch the same line. */
export function serializeBaseline(baseline: Baseline): string {
  const entries = [...baseline.entries].sort(compareEntries).filter((entry, i, all) => i === 0 || compareEntries(all[i - 1], entry) !== 0);
  const lines = entries.map((entry, i) => `    ${JSON.stringify({ file: entry.file, ruleId: entry.ruleId, hash: entry.hash })}${i < entries.length - 1 ? ',' : ''}`);
  return `{\n  "version": 1,\n  "salt": ${JSON.stringify(baseline.salt)},\n  "entries": [\n${lines.join('\n')}${lines.length ? '\n' : ''}  ]\n}\n`;
}

/** The entries of a fresh scan replace those of the files it scanned; entries of other files are kept
 * while `keepOther` (e.g. "the file still exists") says so. */
export function mergeBaseline(existing: Baseline, fresh: BaselineEntry[], scannedFiles: ReadonlySet<string>, keepOther: (file: string) => boolean): Baseline {
  const kept = existing.entries.filter((entry) => !scannedFiles.has(entry.file) && keepOther(entry.file));
  return { version: 1, salt: existing.salt, entries: [...kept, ...fresh].sort(compareEntries) };
}

/** Answers "is this finding accepted?" for one baseline. */
export class BaselineMatcher {
  private readonly hashes: Set<string>;

  constructor(
    readonly baseline: Baseline,
    private readonly hash: HashFunction,
  ) {
    this.hashes = new Set(baseline.entries.map((entry) => entry.hash));
  }

  get size(): number {
    return this.hashes.size;
  }

  entryFor(file: string, text: string, finding: Pick<Finding, 'ruleId' | 'start' | 'end'>): BaselineEntry {
    return { file, ruleId: finding.ruleId, hash: this.hash(baselineHashInput(this.baseline.salt, finding.ruleId, text.slice(finding.start, finding.end))) };
  }

  /** True when the finding's rule and value are in the baseline, in whatever file: moving code does not resurrect it. */
  has(text: string, finding: Pick<Finding, 'ruleId' | 'start' | 'end'>): boolean {
    if (this.hashes.size === 0) return false;
    return this.hashes.has(this.entryFor('', text, finding).hash);
  }

  /** The findings that are not in the baseline. A hygiene note on the range of a baselined finding
   * (least privilege, exposure age) goes with it: baselines written before the notes existed stay valid. */
  filter<T extends Pick<Finding, 'ruleId' | 'start' | 'end'> & { category?: Finding['category'] }>(text: string, findings: T[]): T[] {
    if (this.hashes.size === 0 || findings.length === 0) return findings;
    const dropped = new Set<string>();
    const kept = findings.filter((finding) => {
      if (!this.has(text, finding)) return true;
      if (finding.category !== 'hygiene') dropped.add(`${finding.start}:${finding.end}`);
      return false;
    });
    return dropped.size === 0 ? kept : kept.filter((f) => f.category !== 'hygiene' || !dropped.has(`${f.start}:${f.end}`));
  }
}
