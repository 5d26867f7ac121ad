// The per-keystroke path: keyword prefilter → only the selected rules' regexes → filters → Finding[].
// Pure and synchronous; it holds no state and reads nothing but its arguments.
import type { RuleSet } from './compileRules';
import { shannonEntropy } from './entropy';
import { maskSecret } from './mask';
import { isPlaceholder } from './placeholder';
import { isContextualNoise } from './noise';
import { applySuppressions } from './suppressions';
import { findEncoded, MAX_DECODE_DEPTH } from './encoded';
import type { Confidence, Finding, Rule } from './types';
import { runValidator } from './validators';

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
  /** How many encodings deep this text already is (internal). */
  depth?: number;
}

/** A keyword may sit a little after the start of a match that begins at the window's end. */
const KEYWORD_LOOKAHEAD = 256;
/** How far past a window's end a match that starts inside it may run, by default (a large key block). */
const DEFAULT_MATCH_TAIL = 16 * 1024;
/** More matches than this for one rule in one text is noise, not a finding list anyone can act on. */
const MAX_MATCHES_PER_RULE = 500;

/** Scans `text` (the content of `path`) with `ruleSet`; findings are sorted and de-duplicated. */
export function scanText(text: string, path: string, ruleSet: RuleSet, options: ScanOptions = {}): Finding[] {
  return finishFindings(text, ruleSet, collectCandidates(text, path, ruleSet, options));
}

/** The last steps shared with the incremental scanner: overlaps, then suppression comments (after
 * overlaps, so a suppressed specific finding does not let a generic one through). */
export function finishFindings(text: string, ruleSet: RuleSet, candidates: Finding[]): Finding[] {
  return applySuppressions(text, resolveOverlaps(candidates), (id) => ruleSet.byId.has(id));
}

/** Every finding of every selected rule, before overlapping findings are resolved. */
export function collectCandidates(text: string, path: string, ruleSet: RuleSet, options: ScanOptions = {}): Finding[] {
  const from = options.from ?? 0;
  const to = options.to ?? text.length;
  const findings: Finding[] = [];
  const depth = options.depth ?? 0;
  if (options.decode !== false && depth < MAX_DECODE_DEPTH) {
    findings.push(...findEncoded(text, from, to, (decoded) => resolveOverlaps(collectCandidates(decoded, path, ruleSet, { depth: depth + 1 }))));
  }
  const rules = selectRules(text, path, ruleSet, from, to).filter((rule) => !options.ruleFilter || options.ruleFilter(rule));
  if (rules.length === 0) return findings;
  // A window is searched as its own string (windows start at a line start), so a regex that finds
  // nothing in it stops at its end instead of running on through the rest of the document.
  const windowEnd = Math.min(text.length, to + (options.tail ?? DEFAULT_MATCH_TAIL));
  const windowText = from === 0 && windowEnd === text.length ? text : text.slice(from, windowEnd);
  for (const rule of rules) runRule(rule, windowText, from, to - from, findings, path);
  return findings;
}

function selectRules(text: string, path: string, ruleSet: RuleSet, from: number, to: number): Rule[] {
  const indexes = new Set<number>(ruleSet.alwaysRun);
  for (const keyword of ruleSet.prefilter.search(text, from, Math.min(text.length, to + KEYWORD_LOOKAHEAD))) {
    for (const ruleIndex of ruleSet.rulesByKeyword[keyword]) indexes.add(ruleIndex);
  }
  const selected: Rule[] = [];
  for (const index of indexes) {
    const rule = ruleSet.rules[index];
    if (!rule.pathMatcher || rule.pathMatcher(path)) selected.push(rule);
  }
  return selected;
}

/** Runs one rule over `text` (a window starting at document offset `base`), keeping matches that start before `limit`. */
function runRule(rule: Rule, text: string, base: number, limit: number, out: Finding[], path: string): void {
  const regex = rule.regex;
  regex.lastIndex = 0;
  let count = 0;
  let match: RegExpExecArray | null;
  while ((match = regex.exec(text)) !== null && match.index < limit) {
    if (match[0].length === 0) {
      regex.lastIndex++;
      continue;
    }
    const finding = evaluateMatch(rule, text, match, base, path);
    if (finding) {
      out.push(finding);
      if (++count >= MAX_MATCHES_PER_RULE) break;
    }
  }
}

function evaluateMatch(rule: Rule, text: string, match: RegExpExecArray, base: number, path: string): Finding | undefined {
  const indices = match.indices;
  const span = indices?.groups?.secret ?? indices?.[0];
  if (!span) return undefined;
  const [start, end] = span;
  const matchStart = match.index;
  const matchEnd = match.index + match[0].length;
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
    severity: rule.severity,
    confidence,
    start: base + start,
    end: base + end,
    matchStart: base + matchStart,
    matchEnd: base + matchEnd,
    masked: maskSecret(secret),
    envName: rule.envName,
    docs: rule.docs,
    ...(rule.publicByDesign ? { publicByDesign: true as const } : {}),
  };
}

const CONFIDENCE_RANK: Record<Confidence, number> = { high: 3, medium: 2, low: 1 };

/** Higher is preferred when two findings claim overlapping text: specific rules beat generic ones. */
function preference(finding: Finding): number[] {
  return [finding.category === 'generic' ? 0 : 1, finding.encoded ? 0 : 1, CONFIDENCE_RANK[finding.confidence], finding.end - finding.start];
}

function prefer(a: Finding, b: Finding): Finding {
  const pa = preference(a);
  const pb = preference(b);
  for (let i = 0; i < pa.length; i++) if (pa[i] !== pb[i]) return pa[i] > pb[i] ? a : b;
  return a.ruleId <= b.ruleId ? a : b;
}

/** Sorts by position and keeps one finding per overlapping group of secret ranges. */
export function resolveOverlaps(candidates: Finding[]): Finding[] {
  const sorted = [...candidates].sort((a, b) => a.start - b.start || a.end - b.end || (a.ruleId < b.ruleId ? -1 : 1));
  const kept: Finding[] = [];
  for (const finding of sorted) {
    const last = kept[kept.length - 1];
    if (last && finding.start < last.end) kept[kept.length - 1] = prefer(last, finding);
    else kept.push(finding);
  }
  return kept;
}
