// One detector for the whole service dictionary: a name pass (engine/serviceNames.ts) finds every service
// name, and only where one ends does the shared tail (engine/serviceContext.ts) look for a secret word, a
// separator and a value. The value then goes through the same filters as every rule's (placeholders,
// contextual noise, allow-lists) plus the opaque-value check. Cost: one table walk per character.
import { newlineIn } from './keywordWindows';
import { maskSecret } from './mask';
import { isContextualNoise } from './noise';
import { isPlaceholder } from './placeholder';
import { BELOW_TAIL, isOpaqueValue, isShortKey, matchesShape, NAME_ONLY_TAIL, namesItself, SERVICE_TAIL, trimValue } from './serviceContext';
import { isRandomToken } from './secretShape';
import { ServiceNameMatcher } from './serviceNames';
import type { Confidence, Finding, Rule } from './types';

/** How far past a window's end a name may run (names are short; separators inside them are rare). */
const NAME_REACH = 64;
const MAX_FINDINGS = 500;
/** How many lines below a name a bare secret word may stand (the incremental window's context is 2). */
const LINES_BELOW = 2;
/** How far past a name's end the line breaks before the lines below it may stand. */
const BELOW_REACH = 400;
/** One copy of each sticky tail for the detector: every use sets lastIndex before exec, and nothing else
 * runs between the two (compiling a copy per name found was a large part of the pass). */
const TAILS = { sameLine: new RegExp(SERVICE_TAIL), nameOnly: new RegExp(NAME_ONLY_TAIL), below: new RegExp(BELOW_TAIL) };
const PUBLIC_NAME = /public|publishable|\bpub\b|anon|site[ _.-]?key|client[ _.-]?(?:key|id)/i;

export class ServiceDetector {
  readonly matcher: ServiceNameMatcher;
  /** For each name index, the rule it belongs to. */
  private readonly ruleOfName: Rule[];

  /** `others`: the rest of the rule set. Their vendor prefixes (`sk_`, `gloas-`) and documented example
   * values (`allow`) are theirs to judge: a value that starts with one is left to its provider's rule. */
  private readonly prefixes: string[];
  /** Keywords of provider formats (`akia`, `ghp_`): without a secret word, such a value is its rule's alone. */
  private readonly formatKeywords: string[];
  private readonly documented: RegExp[];

  constructor(readonly rules: readonly Rule[], others: readonly Rule[] = []) {
    const specific = others.filter((r) => r.category !== 'generic');
    this.prefixes = [...new Set(specific.flatMap((r) => r.keywords).filter((k) => k.length >= 3 && /[_.-]$/.test(k)))];
    this.formatKeywords = [...new Set(specific.flatMap((r) => r.keywords).filter((k) => k.length >= 4 && /^[a-z0-9]+[_.-]?$/.test(k)))];
    this.documented = specific.flatMap((r) => r.allow);
    const names: string[] = [];
    const owners: Rule[] = [];
    const seen = new Set<string>();
    for (const rule of rules) {
      for (const name of rule.service?.names ?? []) {
        // A name two services share belongs to the first (the dictionary test keeps names unique).
        if (seen.has(name)) continue;
        seen.add(name);
        names.push(name);
        owners.push(rule);
      }
    }
    this.matcher = new ServiceNameMatcher(names);
    this.ruleOfName = owners;
  }

  /** Where the name search for findings starting before `limit` ends. */
  namesEnd(text: string, limit: number): number {
    return Math.min(text.length, limit + NAME_REACH);
  }

  /** Findings whose service name starts in text[from, limit); the value may run past `limit`. `hits`: the
   * matcher's names in text[from, namesEnd(text, limit)), when a fused pass found them already. */
  scan(text: string, from: number, limit: number, path: string, ruleFilter?: (rule: Rule) => boolean, hits = this.matcher.search(text, from, this.namesEnd(text, limit))): Finding[] {
    const byValue = new Map<number, { finding: Finding; nameLength: number }>();
    const tail = TAILS.sameLine;
    for (const hit of hits) {
      if (hit.start >= limit) continue;
      const rule = this.ruleOfName[hit.name];
      if (ruleFilter && !ruleFilter(rule)) continue;
      tail.lastIndex = hit.end;
      const found = this.tailAfter(tail, text, hit.start, hit.end);
      if (!found) continue;
      const { match, context } = found;
      const span = match.indices!.groups!.secret;
      const value = trimValue(match.groups!.secret);
      const start = span[0];
      const end = start + value.length;
      // A public key (`PUBLIC_KEY`, `publishable`, `client key`) is not a secret; a value that runs on into a
      // template (`…{base64:300}`, `…${x}`) is not a literal.
      if (PUBLIC_NAME.test(text.slice(hit.end, start)) || /[{$%]/.test(text.charAt(end))) continue;
      // Without a secret word right after the name, only a random token counts, and only as a guess.
      if (context !== 'secret-word' && !this.weakContextValue(value)) continue;
      // A short key counts only in the strongest context: name, secret word and a quoted literal.
      const shortKey = context === 'secret-word' && value.length < 16 && isQuoted(text, start, end) && isShortKey(value);
      let confidence = this.judge(rule, text, start, end, value, path, shortKey);
      if (!confidence) continue;
      if (context !== 'secret-word' && confidence !== 'high') confidence = 'low';
      const nameLength = hit.end - hit.start;
      const previous = byValue.get(start);
      // Two names before one value (`google` and `google cloud`): the longer name is the better one.
      if (previous && previous.nameLength >= nameLength) continue;
      byValue.set(start, { finding: this.finding(rule, confidence, hit.start, start, end, value), nameLength });
      if (byValue.size >= MAX_FINDINGS) break;
    }
    return [...byValue.values()].map((entry) => entry.finding);
  }

  /** What names the value after a service's name ending at `at`: a secret word on the same line, the name
   * alone as the key, or a bare secret word starting one of the next lines. */
  private tailAfter(tail: RegExp, text: string, nameStart: number, at: number): { match: RegExpExecArray; context: 'secret-word' | 'name-only' | 'below' } | undefined {
    const same = tail.exec(text);
    if (same?.indices?.groups?.secret) return { match: same, context: 'secret-word' };
    // The name alone is the key only when nothing of the key stands before it (`AWS_TOKEN_BEDROCK=` is not).
    if (nameStart > 0 && /[A-Za-z0-9_.$-]/.test(text.charAt(nameStart - 1))) return this.below(text, at);
    const nameOnly = TAILS.nameOnly;
    nameOnly.lastIndex = at;
    const alone = nameOnly.exec(text);
    if (alone?.indices?.groups?.secret) return { match: alone, context: 'name-only' };
    return this.below(text, at);
  }

  private below(text: string, at: number): { match: RegExpExecArray; context: 'below' } | undefined {
    const below = TAILS.below;
    let lineEnd = newlineIn(text, at, at + BELOW_REACH);
    for (let line = 0; line < LINES_BELOW && lineEnd >= 0; line++) {
      below.lastIndex = lineEnd + 1;
      const match = below.exec(text);
      if (match?.indices?.groups?.secret) return { match, context: 'below' };
      lineEnd = newlineIn(text, lineEnd + 1, at + BELOW_REACH);
    }
    return undefined;
  }

  /** A value that a name alone or a secret word on another line may vouch for: a random token of 20+
   * characters or a UUID, not in a provider's own format. */
  private weakContextValue(value: string): boolean {
    const lower = value.toLowerCase();
    if (this.formatKeywords.some((keyword) => lower.startsWith(keyword))) return false;
    return (isRandomToken(value) && value.length >= 20) || /^[0-9a-f]{8}-[0-9a-f]{4}-/i.test(value);
  }

  /** The confidence of a value after a service's name, or undefined when it is not a credential. */
  private judge(rule: Rule, text: string, start: number, end: number, value: string, path: string, shortKey = false): Confidence | undefined {
    const shape = rule.service?.value;
    // Lower-cased too: `aBcDeF…` fillers are sequences once case is ignored.
    if (isPlaceholder(value) || isPlaceholder(value.toLowerCase())) return undefined;
    if (!shortKey && !isOpaqueValue(value, Math.min(16, shape?.min ?? 16))) return undefined;
    if (namesItself(value, rule.service?.names ?? [])) return undefined;
    // The generic rules' contextual noise (identifiers, env names, keyed digests, doc examples) applies,
    // except that a UUID is a common key format once a service and a secret word precede it.
    const asGeneric = /^[0-9a-f]{8}-[0-9a-f]{4}-/i.test(value) ? rule : { ...rule, category: 'generic' as const };
    if (isContextualNoise(text, start, end, value, asGeneric, path)) return undefined;
    if (rule.allow.some((allowed) => allowed.test(value))) return undefined;
    const lower = value.toLowerCase();
    if (this.prefixes.some((prefix) => lower.startsWith(prefix)) || this.documented.some((allowed) => allowed.test(value))) return undefined;
    if (!shape) return rule.confidence;
    return matchesShape(value, shape) ? 'high' : 'low';
  }

  private finding(rule: Rule, confidence: Confidence, nameStart: number, start: number, end: number, value: string): Finding {
    return {
      ruleId: rule.id,
      title: rule.title,
      provider: rule.provider,
      category: rule.category,
      severity: confidence === 'low' && rule.severity === 'error' ? 'warning' : rule.severity,
      confidence,
      evidence: 'service-context',
      start,
      end,
      matchStart: nameStart,
      matchEnd: end,
      masked: maskSecret(value),
      envName: rule.envName,
      docs: rule.docs,
    };
  }
}


/** `'…'`, `"…"` or `` `…` ``: the same quote right before and right after the value. */
function isQuoted(text: string, start: number, end: number): boolean {
  const quote = text.charAt(start - 1);
  return (quote === '"' || quote === "'" || quote === '`') && text.charAt(end) === quote;
}
