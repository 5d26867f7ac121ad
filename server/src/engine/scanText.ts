// The per-keystroke path: keyword prefilter → only the selected rules' regexes → filters → Finding[].
// Pure and synchronous; it holds no state and reads nothing but its arguments.
import type { RuleSet } from './compileRules';
import { shannonEntropy } from './entropy';
import { maskSecret } from './mask';
import { isPlaceholder } from './placeholder';
import { isContextualNoise } from './noise';
import { applySuppressions } from './suppressions';
import { findEncoded, MAX_DECODE_DEPTH } from './encoded';
import { keywordsAndNames } from './firstPass';
import { hitLines, keywordWindows, lineEndAt, lineStartAt, maxWindowedHits, unionBlocks, unionWindows } from './keywordWindows';
import { staysOnOneLine } from './lineBound';
import { longRuns } from './longRuns';
import { MIN_REQUIRED_RUN, requiredRun, RUN_CHARACTERS, type RequiredRun } from './requiredRuns';
import type { Confidence, Finding, Rule } from './types';
import { runValidator } from './validators';
import { runnableRegex } from './regexPrefix';
import { applyHygienePolicy, collectHygiene, HYGIENE_CHECK_IDS, hygieneNotes, type CredentialWords } from './hygiene';

export interface ScanOptions {
  /** Scan only matches that start in [from, to); the rest of the text is still visible as context. */
  from?: number;
  to?: number;
  /** Runs only the rules for which this returns true (the incremental scanner splits by `multiline`). */
  ruleFilter?: (rule: Rule) => boolean;
  /** How many characters past `to` a match may extend (single-line rules need few). */
  tail?: number;
  /** Also decode base64 / URL-encoded / escaped tokens and scan them (default true; engine/encoded.ts). */
  decode?: boolean;
  /** Run rules whose keywords are sparse only around their hits in a large range (default true; false is
   * the one-pass reference the equivalence tests compare against). */
  windows?: boolean;
  /** Skip a rule, or run it only on some lines, where the long character run its pattern needs is missing
   * (default true; false is the reference the equivalence tests compare against; engine/requiredRuns.ts). */
  requiredRuns?: boolean;
  /** How many encodings deep this text already is (internal). */
  depth?: number;
  /** Also run the code-level hygiene checks (logs, plain HTTP; default true; engine/hygiene/). */
  hygiene?: boolean;
}

/** A keyword may sit a little after the start of a match that begins at the window's end (at least). */
const KEYWORD_LOOKAHEAD = 256;
/** How far past a window's end a match that starts inside it may run, by default (a large key block). */
const DEFAULT_MATCH_TAIL = 16 * 1024;
/** Ranges at least this long run rules with sparse keywords only around their hits (engine/keywordWindows.ts). */
const MIN_WINDOWED_RANGE = 16 * 1024;
/** Ranges at least this long run rules that never match a line break only on their keywords' lines. */
const MIN_LINE_MODE_RANGE = 4096;
/** Text before a window that lookbehinds may see, and how far past a window a match may run. */
const WINDOW_LOOKBEHIND = 1024;
const WINDOW_TAIL = 4096;
/** More matches than this for one rule in one text is noise, not a finding list anyone can act on. */
const MAX_MATCHES_PER_RULE = 500;

/** Scans `text` (the content of `path`) with `ruleSet`; findings are sorted and de-duplicated. */
export function scanText(text: string, path: string, ruleSet: RuleSet, options: ScanOptions = {}): Finding[] {
  return finishFindings(text, path, ruleSet, collectCandidates(text, path, ruleSet, options));
}

/** The last steps shared with the incremental scanner: overlaps, hygiene notes on the kept findings, the
 * team's hygiene policy, then suppression comments (after overlaps, so a suppressed specific finding does
 * not let a generic one through). Hygiene findings never compete with rule findings for a range. */
export function finishFindings(text: string, path: string, ruleSet: RuleSet, candidates: Finding[]): Finding[] {
  const rules: Finding[] = [];
  const hygiene: Finding[] = [];
  for (const candidate of candidates) (candidate.category === 'hygiene' ? hygiene : rules).push(candidate);
  const isRuleId = (id: string) => ruleSet.byId.has(id) || HYGIENE_CHECK_IDS.includes(id);
  // Notes follow the findings that survive suppression: silencing a key silences its least-privilege note.
  const resolved = applySuppressions(text, resolveOverlaps(rules), isRuleId);
  const notes = hygieneNotes(text, path, resolved, ruleSet.byId, ruleSet.hygiene);
  if (hygiene.length + notes.length === 0) return resolved;
  const checks = applySuppressions(text, applyHygienePolicy(resolveOverlaps([...hygiene, ...notes], true), ruleSet.hygiene), isRuleId);
  return [...resolved, ...checks].sort((a, b) => a.start - b.start || a.end - b.end);
}

/** Every finding of every selected rule, before overlapping findings are resolved. */
export function collectCandidates(text: string, path: string, ruleSet: RuleSet, options: ScanOptions = {}): Finding[] {
  const from = options.from ?? 0;
  const to = options.to ?? text.length;
  const findings: Finding[] = [];
  const depth = options.depth ?? 0;
  if (options.decode !== false && depth < MAX_DECODE_DEPTH) {
    findings.push(...findEncoded(text, from, to, (decoded) => resolveOverlaps(collectCandidates(decoded, path, ruleSet, { depth: depth + 1, windows: options.windows, requiredRuns: options.requiredRuns }))));
  }
  const hygiene = options.hygiene !== false && depth === 0;
  const windowEnd = Math.min(text.length, to + (options.tail ?? DEFAULT_MATCH_TAIL));
  // A match starting in the range may end anywhere before windowEnd, its keyword too (a key block whose
  // keyword comes last, cut by an edit's window inside a long line).
  const searchEnd = Math.max(Math.min(text.length, to + KEYWORD_LOOKAHEAD), windowEnd);
  const optimised = options.windows !== false;
  const lineMode = optimised && to - from >= MIN_LINE_MODE_RANGE && !foldsToAscii(text, from, windowEnd);
  if (!lineMode && (to - from < MIN_WINDOWED_RANGE || !optimised)) {
    if (hygiene) findings.push(...collectHygiene(text, path, from, to, ruleSet.hygiene));
    // The service dictionary: one name pass over the range, a bounded look after each name.
    if (ruleSet.services) findings.push(...ruleSet.services.scan(text, from, to, path, options.ruleFilter));
    // A small range (an edit's lines, a decoded token) is searched as its own string: a regex that
    // finds nothing in it stops at its end instead of running on through the rest of the document.
    const keywords = ruleSet.prefilter.search(text, from, searchEnd);
    const runs = new RunLines(text, from, windowEnd, options.requiredRuns !== false);
    for (const rule of selectRules(keywords, path, ruleSet, options.ruleFilter).keys()) {
      if (!runs.mayMatch(rule)) continue;
      runRule(rule, text, from, windowEnd, from, to, findings, path);
    }
    return findings;
  }
  const windowed = optimised && to - from >= MIN_WINDOWED_RANGE;
  const maxHits = maxWindowedHits(to - from);
  // Line mode needs every hit; windows only the first few (more says the keyword is too frequent), and the
  // log check every credential word's.
  const services = ruleSet.services;
  const first = keywordsAndNames(text, from, searchEnd, ruleSet.prefilter, lineMode ? Infinity : maxHits, hygiene ? ruleSet.credentialKeywords : undefined, services?.matcher, services ? services.namesEnd(text, to) : from);
  const hitsByKeyword = first.keywords;
  if (hygiene) findings.push(...collectHygiene(text, path, from, to, ruleSet.hygiene, credentialWordsOf(ruleSet, hitsByKeyword, searchEnd)));
  if (services) findings.push(...services.scan(text, from, to, path, options.ruleFilter, first.names));
  const lines = lineMode ? new HitLines(text, hitsByKeyword, searchEnd, Math.max(0, from - 1), windowEnd) : undefined;
  const runs = new RunLines(text, from, windowEnd, options.requiredRuns !== false);
  const windowsByKeyword = new Map<number, Array<[number, number]> | undefined>();
  const windowsOf = (keyword: number) => {
    if (!windowsByKeyword.has(keyword)) windowsByKeyword.set(keyword, keywordWindows(text, hitsByKeyword.get(keyword)!, from, to));
    return windowsByKeyword.get(keyword);
  };
  for (const [rule, keywords] of selectRules(hitsByKeyword.keys(), path, ruleSet, options.ruleFilter)) {
    if (!runs.mayMatch(rule)) continue;
    const oneLine = lines !== undefined && rule.regex instanceof RegExp && staysOnOneLine(rule.regex);
    const runLines = oneLine ? runs.linesFor(rule) : undefined;
    if (runLines) {
      // Only lines holding the rule's run (and one of its keywords, if it has any) can hold a match.
      runRuleOnLines(rule, text, keywords.length > 0 ? intersectBlocks(lines!.blocks(keywords), runLines) : runLines, from, to, windowEnd, findings, path);
      continue;
    }
    const windows = !windowed || rule.multiline || keywords.length === 0 || keywords.some((k) => hitsByKeyword.get(k)!.length > maxHits) ? undefined : unionWindows(keywords.map(windowsOf), from, to);
    if (windows) runRuleInWindows(rule, text, windows, windowEnd, findings, path);
    else if (lines && keywords.length > 0 && rule.regex instanceof RegExp && staysOnOneLine(rule.regex)) runRuleOnLines(rule, text, lines.blocks(keywords), from, to, windowEnd, findings, path);
    else runRule(rule, text, from, windowEnd, from, to, findings, path);
  }
  return findings;
}

/** The spans of the credential words among the keyword hits, for the log check; undefined when the rule set
 * does not flag them. */
function credentialWordsOf(ruleSet: RuleSet, hitsByKeyword: Map<number, number[]>, searchedTo: number): CredentialWords | undefined {
  const flags = ruleSet.credentialKeywords;
  if (!flags) return undefined;
  const spans: Array<[number, number]> = [];
  for (const [keyword, starts] of hitsByKeyword) {
    if (flags[keyword] !== 1) continue;
    const length = ruleSet.prefilter.keywords[keyword].length;
    for (const start of starts) spans.push([start, start + length]);
  }
  return { spans: spans.sort((a, b) => a[0] - b[0] || a[1] - b[1]), searchedTo };
}

/** `toLowerCase` turns these two into ASCII letters (`\u212a` Kelvin sign → `k`), so a match holding one may
 * pass the keyword check without a prefilter hit on its line: line mode stays off for such texts. */
function foldsToAscii(text: string, from: number, to: number): boolean {
  const range = text.slice(from, to);
  return range.includes('\u212a') || range.includes('\u0130');
}

/** The lines holding each keyword's hits, worked out once per keyword and per set of keywords. */
class HitLines {
  private readonly byKeyword = new Map<number, Array<[number, number]>>();
  private readonly bySet = new Map<string, Array<[number, number]>>();
  /** The line crossing the end of the keyword search: a match starting on it may hold a keyword past that
   * end, so it is always searched. */
  private readonly crossing: Array<[number, number]>;

  /** Lines are cut to [lo, hi): the rules run only there (runRuleOnLines), and the ends of a long line
   * lie far outside an edit's window. */
  constructor(
    private readonly text: string,
    private readonly hits: Map<number, number[]>,
    searchEnd: number,
    private readonly lo: number,
    private readonly hi: number,
  ) {
    const crossesEnd = searchEnd < text.length && text.charCodeAt(searchEnd - 1) !== 10;
    this.crossing = crossesEnd ? [[lineStartAt(text, searchEnd - 1, lo), lineEndAt(text, searchEnd - 1, Math.max(hi, searchEnd))]] : [];
  }

  blocks(keywords: number[]): Array<[number, number]> {
    const key = keywords.join(' ');
    let blocks = this.bySet.get(key);
    if (!blocks) {
      blocks = unionBlocks([this.crossing, ...keywords.map((k) => this.ofKeyword(k))]);
      this.bySet.set(key, blocks);
    }
    return blocks;
  }

  private ofKeyword(keyword: number): Array<[number, number]> {
    let blocks = this.byKeyword.get(keyword);
    if (!blocks) {
      blocks = hitLines(this.text, this.hits.get(keyword)!, this.lo, this.hi);
      this.byKeyword.set(keyword, blocks);
    }
    return blocks;
  }
}

/** The lines of text[from, end) holding each required run (engine/requiredRuns.ts), for the rules that need
 * one. Rules need runs of a few classes at many lengths: each class is searched once, and each length is a
 * filter on its runs. */
class RunLines {
  private readonly byKey = new Map<string, Array<[number, number]>>();
  /** Per class (inside RUN_CHARACTERS): its runs of MIN_REQUIRED_RUN or more, in text order, and the longest. */
  private readonly byClass = new Map<string, { runs: Array<[number, number]>; longest: number }>();
  private wide: Array<[number, number]> | undefined;

  constructor(
    private readonly text: string,
    private readonly from: number,
    private readonly end: number,
    private readonly enabled = true,
  ) {}

  /** False when the rule needs a run that text[from, end) does not hold: it cannot match there. */
  mayMatch(rule: Rule): boolean {
    const needed = this.enabled && rule.regex instanceof RegExp ? requiredRun(rule.regex) : undefined;
    if (needed === undefined) return true;
    const ofClass = this.classRuns(needed);
    return ofClass ? ofClass.longest >= needed.min : this.lines(needed).length > 0;
  }

  /** The lines holding the run the rule needs, or undefined when it needs none. */
  linesFor(rule: Rule): Array<[number, number]> | undefined {
    const needed = this.enabled && rule.regex instanceof RegExp ? requiredRun(rule.regex) : undefined;
    return needed && this.lines(needed);
  }

  private lines(needed: RequiredRun): Array<[number, number]> {
    let lines = this.byKey.get(needed.key);
    if (!lines) {
      const ofClass = this.classRuns(needed);
      const runs = ofClass ? ofClass.runs.filter(([start, end]) => end - start >= needed.min) : longRuns(this.text, this.from, this.end, needed.members, needed.min);
      lines = hitLines(this.text, runs.map(([start]) => start), Math.max(0, this.from - 1), this.end);
      this.byKey.set(needed.key, lines);
    }
    return lines;
  }

  /** The runs of the needed run's class, when it is a part of RUN_CHARACTERS (one search for all such classes,
   * then a look inside the long runs: a run of the class cannot reach past the wider run holding it). */
  private classRuns(needed: RequiredRun): { runs: Array<[number, number]>; longest: number } | undefined {
    if (!needed.withinRunCharacters || needed.min < MIN_REQUIRED_RUN) return undefined;
    const classKey = needed.key.slice(needed.key.indexOf(':') + 1);
    let ofClass = this.byClass.get(classKey);
    if (!ofClass) {
      this.wide ??= longRuns(this.text, this.from, this.end, RUN_CHARACTERS, MIN_REQUIRED_RUN);
      const runs: Array<[number, number]> = [];
      let longest = 0;
      for (const [start, end] of this.wide) {
        for (const run of longRuns(this.text, start, end, needed.members, MIN_REQUIRED_RUN)) {
          runs.push(run);
          longest = Math.max(longest, run[1] - run[0]);
        }
      }
      ofClass = { runs, longest };
      this.byClass.set(classKey, ofClass);
    }
    return ofClass;
  }
}

/** Sorted blocks covered by both sorted lists of disjoint blocks. */
function intersectBlocks(a: ReadonlyArray<readonly [number, number]>, b: ReadonlyArray<readonly [number, number]>): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (let i = 0, j = 0; i < a.length && j < b.length; ) {
    const start = Math.max(a[i][0], b[j][0]);
    const end = Math.min(a[i][1], b[j][1]);
    if (start < end) out.push([start, end]);
    if (a[i][1] < b[j][1]) i++;
    else j++;
  }
  return out;
}

/** The rules the found keywords enable (plus those without keywords), each with the keywords that enabled it. */
function selectRules(keywords: Iterable<number>, path: string, ruleSet: RuleSet, filter: ScanOptions['ruleFilter']): Map<Rule, number[]> {
  const byIndex = new Map<number, number[]>();
  for (const index of ruleSet.alwaysRun) byIndex.set(index, []);
  for (const keyword of keywords) {
    for (const ruleIndex of ruleSet.rulesByKeyword[keyword]) {
      const enabling = byIndex.get(ruleIndex);
      if (enabling) enabling.push(keyword);
      else byIndex.set(ruleIndex, [keyword]);
    }
  }
  const selected = new Map<Rule, number[]>();
  for (const [index, enabling] of byIndex) {
    const rule = ruleSet.rules[index];
    if ((!rule.pathMatcher || rule.pathMatcher(path)) && (!filter || filter(rule))) selected.set(rule, enabling);
  }
  return selected;
}

/** Where a rule's regex stands while it runs over several windows of one text. */
interface RuleRun {
  findings: number;
  /** The end of the last match: a full scan would resume there, so a window starts no earlier. */
  resume: number;
  /** The first match found past a window's end, if any (it may cover the start of the next window). */
  pending?: [number, number];
}

/** Runs one rule over text[sliceStart, sliceEnd) from `start`, keeping matches that start before `limit`.
 * The text before `start` (within the slice) is only context for lookbehinds. */
function runRule(rule: Rule, text: string, sliceStart: number, sliceEnd: number, start: number, limit: number, out: Finding[], path: string, run: RuleRun = { findings: 0, resume: 0 }): void {
  const regex = runnableRegex(rule.regex);
  const slice = sliceStart === 0 && sliceEnd === text.length ? text : text.slice(sliceStart, sliceEnd);
  regex.lastIndex = start - sliceStart;
  run.pending = undefined;
  let match: RegExpExecArray | null;
  while ((match = regex.exec(slice)) !== null) {
    const at = sliceStart + match.index;
    if (at >= limit) {
      run.pending = [at, at + match[0].length];
      return;
    }
    if (match[0].length === 0) {
      regex.lastIndex++;
      continue;
    }
    run.resume = at + match[0].length;
    const finding = evaluateMatch(rule, text, match, sliceStart, path);
    if (finding) {
      out.push(finding);
      if (++run.findings >= MAX_MATCHES_PER_RULE) return;
    }
  }
}

/** Runs one rule only in `windows` (sorted, disjoint), matching what one pass over the whole range finds:
 * a window starts where the previous match ended when that match reaches into it. */
function runRuleInWindows(rule: Rule, text: string, windows: Array<[number, number]>, sliceLimit: number, out: Finding[], path: string): void {
  const run: RuleRun = { findings: 0, resume: 0 };
  for (const [from, to] of windows) {
    let start = Math.max(from, run.resume);
    if (run.pending && run.pending[0] < from) start = Math.max(start, run.pending[1]);
    if (start >= to) continue;
    runRule(rule, text, Math.max(0, start - WINDOW_LOOKBEHIND), Math.min(sliceLimit, to + WINDOW_TAIL), start, to, out, path, run);
    if (run.findings >= MAX_MATCHES_PER_RULE) return;
  }
}

/** Runs a rule that never matches a line break (engine/lineBound.ts) only on the lines holding its keywords
 * (`blocks`, sorted): every finding holds a keyword and lies on one line, and a pass over the whole text
 * restarts at each line's start whatever it matched on the lines before, so the findings are the same.
 * Each block is searched with the line break before it as context, the one after it as its end. */
function runRuleOnLines(rule: Rule, text: string, blocks: ReadonlyArray<readonly [number, number]>, from: number, to: number, sliceLimit: number, out: Finding[], path: string): void {
  const run: RuleRun = { findings: 0, resume: 0 };
  for (const [blockStart, blockEnd] of blocks) {
    if (blockEnd <= from) continue;
    const start = Math.max(blockStart, from);
    if (start >= to) return;
    runRule(rule, text, Math.max(from, blockStart - 1), Math.min(sliceLimit, blockEnd), start, to, out, path, run);
    if (run.findings >= MAX_MATCHES_PER_RULE || run.pending) return;
  }
}

/** A finding for one match of `rule` in a slice of `text` starting at `base`, or undefined when a filter drops it. */
function evaluateMatch(rule: Rule, text: string, match: RegExpExecArray, base: number, path: string): Finding | undefined {
  const indices = match.indices;
  const span = indices?.groups?.secret ?? indices?.[0];
  if (!span) return undefined;
  const start = base + span[0];
  const end = base + span[1];
  const matchStart = base + match.index;
  const matchEnd = matchStart + match[0].length;
  if (rule.keywords.length > 0) {
    const matched = match[0].toLowerCase();
    if (!rule.keywords.some((keyword) => matched.includes(keyword))) return undefined;
  }
  const secret = text.slice(start, end);
  if (rule.entropy > 0 && shannonEntropy(secret) < rule.entropy) return undefined;
  if (isPlaceholder(secret)) return undefined;
  if (isContextualNoise(text, start, end, secret, rule, path)) return undefined;
  if (rule.allow.some((allowed) => allowed.test(secret))) return undefined;
  let confidence: Confidence = rule.confidence;
  if (rule.validate) {
    const verdict = runValidator(rule.validate, secret);
    if (!verdict.keep) return undefined;
    confidence = verdict.confidence ?? confidence;
  }
  return {
    ruleId: rule.id,
    title: rule.title,
    provider: rule.provider,
    category: rule.category,
    severity: gradeSeverity(rule, confidence),
    confidence,
    evidence: rule.evidence,
    start,
    end,
    matchStart,
    matchEnd,
    masked: maskSecret(secret),
    envName: rule.envName,
    docs: rule.docs,
    ...(rule.publicByDesign ? { publicByDesign: true as const } : {}),
  };
}

/** A generic finding the engine is not sure of is a warning unless its rule says otherwise: an error should
 * mean "this is a credential". */
function gradeSeverity(rule: Rule, confidence: Confidence): Rule['severity'] {
  return confidence === 'low' && rule.evidence === 'generic-name' && rule.severity === 'error' ? 'warning' : rule.severity;
}

const CONFIDENCE_RANK: Record<Confidence, number> = { high: 3, medium: 2, low: 1 };

/** Higher is preferred when two findings claim overlapping text: specific rules beat generic ones. */
function preference(finding: Finding): number[] {
  // A value's own format beats a service name beside it, which beats a generic name.
  return [finding.category === 'generic' ? 0 : 1, finding.encoded ? 0 : 1, finding.evidence === 'service-context' ? 0 : 1, CONFIDENCE_RANK[finding.confidence], finding.end - finding.start];
}

function prefer(a: Finding, b: Finding): Finding {
  const pa = preference(a);
  const pb = preference(b);
  for (let i = 0; i < pa.length; i++) if (pa[i] !== pb[i]) return pa[i] > pb[i] ? a : b;
  return a.ruleId <= b.ruleId ? a : b;
}

/** Sorts by position and keeps one finding per overlapping group of secret ranges (with `sameRuleOnly`,
 * only findings of one check compete: hygiene checks may flag the same range for different reasons). */
export function resolveOverlaps(candidates: Finding[], sameRuleOnly = false): Finding[] {
  const sorted = [...candidates].sort((a, b) => a.start - b.start || a.end - b.end || (a.ruleId < b.ruleId ? -1 : 1));
  const kept: Finding[] = [];
  for (const finding of sorted) {
    let at = kept.length - 1;
    if (sameRuleOnly) while (at >= 0 && kept[at].ruleId !== finding.ruleId) at--;
    const last = at >= 0 ? kept[at] : undefined;
    if (last && finding.start < last.end) kept[at] = prefer(last, finding);
    else kept.push(finding);
  }
  return kept;
}
