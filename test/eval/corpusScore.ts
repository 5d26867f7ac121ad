// The arithmetic of `npm run eval:corpus`, kept apart from the I/O so a unit test can pin it: labelled cases
// (JSONL, one object a line) + the CLI's findings per case → recall, fair recall and false-positive rates per
// source. A positive is found when a finding overlaps one of the places its secret occurs; a negative is a
// false positive when it gets any finding at all.

/** One labelled case, as written in a corpus file (fields this scorer does not use are kept but ignored). */
export interface CorpusCase {
  id: string;
  source: string;
  text: string;
  negative: boolean;
  /** The secret strings as they appear in `text`; a finding overlapping any occurrence counts. */
  positives: string[];
  /** Pieces of a multi-part credential (an id and its secret): finding any one counts. */
  parts?: string[];
  /** Any finding in the text counts (the secret is spread over the text). */
  whole_text?: boolean;
  /** Set on positives that are not fair to demand (placeholders, texts without a secret…). */
  artifact?: string;
  /** Set on negatives that only mean "not this detector's exact format" (e.g. a key of the wrong length). */
  negative_kind?: string;
  /** A negative that holds another case's positive: a finding there may be right. */
  contains_known_positive?: boolean;
  filename?: string;
  rule?: string;
}

/** The part of a CLI finding the scorer needs: offsets into the case's text. */
export interface ScoredFinding {
  ruleId: string;
  start: number;
  end: number;
}

export interface CaseOutcome {
  case: CorpusCase;
  findings: ScoredFinding[];
  /** Positives: a finding overlaps the secret. Negatives: any finding (a false positive). */
  flagged: boolean;
}

export interface SourceScore {
  source: string;
  positives: number;
  found: number;
  /** Positives without an `artifact` tag, and how many of them were found. */
  fairPositives: number;
  fairFound: number;
  negatives: number;
  falsePositives: number;
  /** Negatives that are explicit non-secrets (see isExplicitNegative), and how many were flagged. */
  explicitNegatives: number;
  explicitFalsePositives: number;
}

/** Parses a JSONL corpus; a bad line is an error naming its line number, not a silent skip. */
export function parseCorpus(text: string): CorpusCase[] {
  const cases: CorpusCase[] = [];
  const seen = new Set<string>();
  text.split('\n').forEach((line, index) => {
    if (line.trim() === '') return;
    let raw: unknown;
    try {
      raw = JSON.parse(line);
    } catch (error) {
      throw new Error(`line ${index + 1}: not JSON (${(error as Error).message})`);
    }
    const c = raw as Partial<CorpusCase>;
    const problem =
      typeof raw !== 'object' || raw === null ? 'not an object'
      : typeof c.text !== 'string' ? '"text" must be a string'
      : typeof c.negative !== 'boolean' ? '"negative" must be true or false'
      : !Array.isArray(c.positives ?? []) ? '"positives" must be an array'
      : undefined;
    if (problem) throw new Error(`line ${index + 1}: ${problem}`);
    const id = String(c.id ?? `line-${index + 1}`);
    if (seen.has(id)) throw new Error(`line ${index + 1}: duplicate id "${id}"`);
    seen.add(id);
    cases.push({ ...(c as CorpusCase), id, source: String(c.source ?? 'unknown'), positives: c.positives ?? [] });
  });
  return cases;
}

function occurrences(text: string, needle: string): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  if (!needle) return spans;
  for (let i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) spans.push([i, i + needle.length]);
  return spans;
}

/** Where a positive's secret is: every occurrence of each positive string and part (the whole text for `whole_text`). */
export function targetSpans(c: CorpusCase): Array<[number, number]> {
  if (c.whole_text) return [[0, c.text.length]];
  return [...c.positives, ...(c.parts ?? [])].flatMap((needle) => occurrences(c.text, needle));
}

/** Explicit non-secrets: negatives that do not merely mean "wrong format for one detector" and hold no
 * other case's positive. This is the false-positive rate worth a target. */
export function isExplicitNegative(c: CorpusCase): boolean {
  return c.negative && c.negative_kind === undefined && c.contains_known_positive !== true;
}

export function judgeCase(c: CorpusCase, findings: ScoredFinding[]): CaseOutcome {
  if (c.negative) return { case: c, findings, flagged: findings.length > 0 };
  const spans = targetSpans(c);
  return { case: c, findings, flagged: findings.some((f) => spans.some(([a, b]) => f.start < b && f.end > a)) };
}

function emptyScore(source: string): SourceScore {
  return { source, positives: 0, found: 0, fairPositives: 0, fairFound: 0, negatives: 0, falsePositives: 0, explicitNegatives: 0, explicitFalsePositives: 0 };
}

/** One score per source (in order of first appearance), then `ALL`. */
export function scoreOutcomes(outcomes: CaseOutcome[]): SourceScore[] {
  const bySource = new Map<string, SourceScore>();
  const total = emptyScore('ALL');
  for (const outcome of outcomes) {
    const c = outcome.case;
    let entry = bySource.get(c.source);
    if (!entry) bySource.set(c.source, (entry = emptyScore(c.source)));
    for (const score of [entry, total]) {
      const hit = outcome.flagged ? 1 : 0;
      if (!c.negative) {
        score.positives++;
        score.found += hit;
        if (!c.artifact) {
          score.fairPositives++;
          score.fairFound += hit;
        }
      } else {
        score.negatives++;
        score.falsePositives += hit;
        if (isExplicitNegative(c)) {
          score.explicitNegatives++;
          score.explicitFalsePositives += hit;
        }
      }
    }
  }
  return [...bySource.values(), total];
}

const percent = (part: number, whole: number) => (whole === 0 ? 'n/a' : `${((100 * part) / whole).toFixed(1)}%`);

/** The table `npm run eval:corpus` prints. */
export function formatScores(scores: SourceScore[]): string {
  const header = ['source'.padEnd(16), 'pos'.padStart(5), 'recall'.padStart(7), 'fair'.padStart(7), 'neg'.padStart(5), 'FPR'.padStart(7), 'FPR expl.'.padStart(9), 'expl.'.padStart(5)];
  const rows = scores.map((s) =>
    [
      s.source.padEnd(16),
      String(s.positives).padStart(5),
      percent(s.found, s.positives).padStart(7),
      percent(s.fairFound, s.fairPositives).padStart(7),
      String(s.negatives).padStart(5),
      percent(s.falsePositives, s.negatives).padStart(7),
      percent(s.explicitFalsePositives, s.explicitNegatives).padStart(9),
      String(s.explicitNegatives).padStart(5),
    ].join(' '),
  );
  return [header.join(' '), ...rows].join('\n');
}

/** One line per miss or false positive, for studying (ids and rule ids only: never the case's text). */
export function missLines(outcomes: CaseOutcome[]): string[] {
  return outcomes
    .filter((o) => (o.case.negative ? o.flagged : !o.flagged))
    .map((o) =>
      JSON.stringify({
        id: o.case.id,
        kind: o.case.negative ? 'false-positive' : 'miss',
        ...(o.case.artifact ? { artifact: o.case.artifact } : {}),
        ...(o.case.rule ? { rule: o.case.rule } : {}),
        findings: o.findings.map((f) => f.ruleId),
      }),
    );
}
