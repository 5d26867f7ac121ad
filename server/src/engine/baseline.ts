// The baseline format (.secret-hygiene/baseline.json): known findings a team has accepted, stored as short
// salted tags from a slow KDF, never values. Pure: parsing, merging, serialising and matching; the hash
// functions and files live in project/.
import type { Finding } from './types';

/** One accepted finding. `file` and `ruleId` are for the people reading the file; matching uses `hash`. */
export interface BaselineEntry {
  file: string;
  ruleId: string;
  /** Version 2: 10 hex digits (40 bits) of scrypt(ruleId + "\0" + secret, salt); version 1 (read only, no
   * longer written): 64 hex digits of SHA-256(salt + "\0" + ruleId + "\0" + secret). See baselineHashInput. */
  hash: string;
}

export interface Baseline {
  /** 2 is written; 1 (fast, full-length SHA-256, crackable for short secrets) is still honoured when read. */
  version: 1 | 2;
  /** Random per baseline, so a hash cannot be checked against a guessed key list from elsewhere. */
  salt: string;
  entries: BaselineEntry[];
}

/** The hash functions a matcher needs, supplied by the caller so the engine stays free of crypto imports. */
export interface BaselineHashes {
  /** Hex SHA-256 of `input` (version 1 baselines). */
  sha256(input: string): string;
  /** Hex tag of BASELINE_TAG_DIGITS digits: a slow, memory-hard KDF of `input` keyed by `salt` (version 2). */
  slowTag(salt: string, input: string): string;
}

/** Hex digits of a version 2 tag: 40 bits tell 10,000 entries apart (a new value collides with one of them
 * about once in 100 million), and are too few to confirm a guess (see ARCHITECTURE.md, Baseline). */
export const BASELINE_TAG_DIGITS = 10;

const HASH_SHAPE = { 1: /^[0-9a-f]{64}$/, 2: new RegExp(`^[0-9a-f]{${BASELINE_TAG_DIGITS}}$`) } as const;

export class BaselineFormatError extends Error {}

/** What is hashed for one finding: the rule id and the secret (plus the salt for version 1), separated so
 * no two inputs collide. */
export function baselineHashInput(salt: string, ruleId: string, secret: string): string {
  return `${salt}\0${ruleId}\0${secret}`;
}

/** The tag of one finding's value in `baseline`'s version. */
export function baselineTag(baseline: Pick<Baseline, 'version' | 'salt'>, hashes: BaselineHashes, ruleId: string, secret: string): string {
  return baseline.version === 1 ? hashes.sha256(baselineHashInput(baseline.salt, ruleId, secret)) : hashes.slowTag(baseline.salt, `${ruleId}\0${secret}`);
}

export function parseBaseline(text: string): Baseline {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new BaselineFormatError(`not valid JSON (${(error as Error).message})`);
  }
  const value = raw as Partial<Baseline> | null;
  if (typeof value !== 'object' || value === null || (value.version !== 1 && value.version !== 2)) throw new BaselineFormatError('expected an object with "version": 2');
  const version = value.version;
  if (typeof value.salt !== 'string' || value.salt.length < 16) throw new BaselineFormatError('"salt" must be a string of at least 16 characters');
  if (!Array.isArray(value.entries)) throw new BaselineFormatError('"entries" must be an array');
  value.entries.forEach((entry, index) => {
    const ok = typeof entry === 'object' && entry !== null && typeof entry.file === 'string' && typeof entry.ruleId === 'string' && HASH_SHAPE[version].test(entry.hash);
    if (!ok) throw new BaselineFormatError(`entry #${index + 1} needs "file", "ruleId" and a ${version === 1 ? 64 : BASELINE_TAG_DIGITS}-digit hex "hash"`);
  });
  return { version, salt: value.salt, entries: value.entries.map(({ file, ruleId, hash }) => ({ file, ruleId, hash })) };
}

function compareEntries(a: BaselineEntry, b: BaselineEntry): number {
  return a.file < b.file ? -1 : a.file > b.file ? 1 : a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : a.hash < b.hash ? -1 : a.hash > b.hash ? 1 : 0;
}

/** Sorted, de-duplicated, one entry per line: two branches that each add a finding rarely touch the same line. */
export function serializeBaseline(baseline: Baseline): string {
  const entries = [...baseline.entries].sort(compareEntries).filter((entry, i, all) => i === 0 || compareEntries(all[i - 1], entry) !== 0);
  const lines = entries.map((entry, i) => `    ${JSON.stringify({ file: entry.file, ruleId: entry.ruleId, hash: entry.hash })}${i < entries.length - 1 ? ',' : ''}`);
  return `{\n  "version": ${baseline.version},\n  "salt": ${JSON.stringify(baseline.salt)},\n  "entries": [\n${lines.join('\n')}${lines.length ? '\n' : ''}  ]\n}\n`;
}

/** The entries of a fresh scan replace those of the files it scanned; entries of other files are kept
 * while `keepOther` (e.g. "the file still exists") says so. */
export function mergeBaseline(existing: Baseline, fresh: BaselineEntry[], scannedFiles: ReadonlySet<string>, keepOther: (file: string) => boolean): Baseline {
  const kept = existing.entries.filter((entry) => !scannedFiles.has(entry.file) && keepOther(entry.file));
  return { version: existing.version, salt: existing.salt, entries: [...kept, ...fresh].sort(compareEntries) };
}

/** Answers "is this finding accepted?" for one baseline. */
export class BaselineMatcher {
  private readonly hashes: Set<string>;
  /** Tags already computed, by a fast hash of rule and value (no value is kept): the slow KDF runs once per
   * distinct value, not per file. */
  private readonly tags = new Map<string, string>();

  constructor(
    readonly baseline: Baseline,
    private readonly hash: BaselineHashes,
  ) {
    this.hashes = new Set(baseline.entries.map((entry) => entry.hash));
  }

  get size(): number {
    return this.hashes.size;
  }

  entryFor(file: string, text: string, finding: Pick<Finding, 'ruleId' | 'start' | 'end'>): BaselineEntry {
    const secret = text.slice(finding.start, finding.end);
    const key = this.hash.sha256(`${finding.ruleId}\0${secret}`);
    let hash = this.tags.get(key);
    if (hash === undefined) {
      hash = baselineTag(this.baseline, this.hash, finding.ruleId, secret);
      if (this.tags.size >= 10_000) this.tags.clear();
      this.tags.set(key, hash);
    }
    return { file, ruleId: finding.ruleId, hash };
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
