// Regular expressions that come from a workspace (team rules, .gitleaks.toml) run on RE2 (re2-wasm, a
// linear-time engine in WebAssembly), so no pattern can backtrack catastrophically. Built-in rules
// stay on V8: they are proven safe by test/project/regexSafety.test.ts. This file picks how a pattern runs
// (whole text, or line by line with its probe); re2Patterns.ts owns RE2's heap, re2Adapter.ts one pattern,
// lineBoundedRegex.ts the line-by-line search.
import { LeadingRunSearch } from './leadingRunSearch';
import { LineBoundedRegex, type LineProbe } from './lineBoundedRegex';
import { Re2Adapter } from './re2Adapter';
import { leadingLazyRun, regexProbe } from './regexProbe';

export { RE2_CHUNK } from './re2Adapter';
export { liveRe2Patterns, takeRe2Failures } from './re2Patterns';

/** The part of RegExp that scanText uses: exec with lastIndex (global), match.index and match.indices. */
export interface RegexLike {
  lastIndex: number;
  readonly source: string;
  readonly flags: string;
  exec(text: string): RegExpExecArray | null;
  test(text: string): boolean;
}

export interface SafeRegexOptions {
  /** JavaScript flags: i, m and s are kept, g is added for scanning; d and u are implied. */
  flags?: string;
  /** Which group is the secret: a group name, a group number (gitleaks' secretGroup), 'first' (the first
   * non-empty group, gitleaks' default) or undefined for the `secret` group when present. */
  secretGroup?: string | number;
  global?: boolean;
  /** Match within single lines (a gitleaks pattern that never names a line break): re2-wasm's search over a
   * whole file is up to ten times slower than line by line for wide patterns like gitleaks' generic-api-key. */
  lineBounded?: boolean;
  /** With lineBounded: lower-case words one of which every match contains (the rule's keywords); lines
   * without any are skipped without calling RE2. */
  lineKeywords?: string[];
  /** With lineBounded (default true): a pattern starting with an optional character-class run (gitleaks'
   * `[\w.-]{0,50}?…`) first searches without it (regexProbe.ts), and runs whole only where that finds
   * something. false: always the whole pattern (the reference the equivalence tests compare against). */
  prefixProbe?: boolean;
  /** Compile on first use; the pattern is still checked now, on a cheap stand-in (smallCounts). A gitleaks
   * config's 217 patterns cost seconds to compile and much of RE2's fixed 16 MB heap, while a workspace's
   * files hold the keywords of a few dozen of them. */
  lazy?: boolean;
}

/** Patterns that name a line break (`\n`, `\r`, `\x0a`, `[\s\S]`-like classes, the `s` flag) keep whole-text
 * matching; `\\n` (a backslash, then n: an escaped newline inside a string) does not count. */
export function namesLineBreak(pattern: string): boolean {
  if (/\(\?[a-zA-Z]*s[a-zA-Z]*[:)]|[\r\n]/.test(pattern)) return true;
  for (let i = 0; i < pattern.length; i++) {
    if (pattern[i] !== '\\') continue;
    const next = pattern[i + 1];
    if (next === 'n' || next === 'r') return true;
    if (next === 'x' && /^x(?:0[aAdD]|\{0*[aAdD]\})/.test(pattern.slice(i + 1))) return true;
    // A class holding a shorthand and its complement ([\s\S], [\w\W], [\d\D]) is "any character".
    if ('sSwWdD'.includes(next) && /^\\([sSwWdD])\\([sSwWdD])/.test(pattern.slice(i)) && pattern[i + 1].toLowerCase() === pattern[i + 3].toLowerCase() && pattern[i + 1] !== pattern[i + 3]) return true;
    i++;
  }
  return false;
}

/**
 * Compiles `pattern` (RE2 syntax, which also accepts most JavaScript patterns and Go's `(?i)`,
 * `(?P<name>…)`) for bounded matching. Throws an Error whose message says what RE2 rejected:
 * lookarounds and backreferences cannot run in linear time, so they are refused, not trusted.
 */
export function compileSafeRegex(pattern: string, options: SafeRegexOptions = {}): RegexLike {
  // Canonical order (as RE2 and RegExp print them): one compiled pattern per (pattern, flags).
  let flags = canonicalFlags(`${options.global === false ? '' : 'g'}${(options.flags ?? '').replace(/[gdu]/g, '')}u`);
  const lineBounded = options.lineBounded === true && flags.includes('g');
  // Line by line, a pattern means the same in multi-line mode once \z and \A say "line end/start": that
  // version also searches many lines in one call (LineBoundedRegex's batches).
  const lineMode = lineBounded && !flags.includes('m') ? lineModePattern(pattern) : undefined;
  if (lineMode !== undefined) flags = canonicalFlags(`${flags}m`);
  const adapter = new Re2Adapter(pattern, flags, options.secretGroup, lineMode ?? pattern, options.lazy ? 'check' : 'now');
  if (!lineBounded) return adapter;
  const probe = options.prefixProbe === false ? undefined : prefixProbe(pattern, flags, lineMode !== undefined, options.secretGroup);
  return new LineBoundedRegex(adapter, options.lineKeywords ?? [], lineMode !== undefined, probe);
}

/** The pattern without its optional leading class run, compiled as the pattern is (line mode too), if it has one. */
function prefixProbe(pattern: string, flags: string, lineMode: boolean, secretGroup: string | number | undefined): LineProbe | undefined {
  const stripped = regexProbe(pattern);
  if (!stripped) return undefined;
  const compiledProbe = lineMode ? lineModePattern(stripped.probe) : stripped.probe;
  if (compiledProbe === undefined) return undefined;
  try {
    // Compiled on first use, unchecked: a probe RE2 cannot compile answers "maybe" (Re2Adapter.search), and
    // the whole pattern decides.
    const regex = new Re2Adapter(stripped.probe, flags, undefined, compiledProbe, 'first-use');
    return { regex, maxDropped: stripped.maxDropped, leadingRun: lineMode ? leadingRunSearch(pattern, flags, secretGroup, regex) : undefined };
  } catch {
    return undefined; // never expected (a part of a pattern RE2 took); the whole pattern then runs alone
  }
}

/** For a line-mode pattern of the `flags, lazy class run, rest` shape whose probe is the rest's own (nothing
 * else dropped): the rest anchored and the run's end, compiled on first use, unchecked (RE2 failing on them
 * hands the search back to the whole pattern). */
function leadingRunSearch(pattern: string, flags: string, secretGroup: string | number | undefined, probe: Re2Adapter): LeadingRunSearch | undefined {
  const split = leadingLazyRun(pattern);
  if (!split || (regexProbe(split.rest)?.maxDropped ?? 0) !== 0) return undefined;
  const rest = lineModePattern(split.rest);
  if (rest === undefined) return undefined;
  const once = flags.replace('g', '');
  const anchored = new Re2Adapter(split.rest, once, secretGroup, String.raw`\A(?s:.)(?:${rest})`, 'first-use');
  const runEnd = new Re2Adapter(split.run, once.replace('m', ''), undefined, `${split.run}${split.max === Infinity ? '*' : `{0,${split.max}}`}\\z`, 'first-use');
  return new LeadingRunSearch(anchored, runEnd, probe, split.max);
}

function canonicalFlags(flags: string): string {
  return [...'gimsu'].filter((flag) => flags.includes(flag)).join('');
}


/** Releases the RE2 patterns among `regexes` (a replaced policy's rules): freed once nothing else uses them.
 * Anything else is ignored. A released pattern still works: its next search compiles it again. */
export function releaseSafeRegexes(regexes: Iterable<unknown>): void {
  for (const regex of regexes) {
    if (regex instanceof Re2Adapter) regex.release();
    else if (regex instanceof LineBoundedRegex) regex.release();
  }
}

/** `pattern` for multi-line mode with the same meaning on any one line: `\z` → `$`, `\A` → `^`. Undefined
 * when that cannot be promised: flags set inside the pattern (`(?m)`, `(?-m)`), or `\Q…\E` quoting. */
export function lineModePattern(pattern: string): string | undefined {
  if (/\(\?[a-zA-Z]*-?[a-zA-Z]*m[a-zA-Z]*[:)]/.test(pattern.replace(/\\\\/g, '')) || pattern.includes('\\Q')) return undefined;
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c !== '\\') {
      out += c;
      continue;
    }
    const next = pattern[i + 1] ?? '';
    out += next === 'z' ? '$' : next === 'A' ? '^' : c + next;
    i++;
  }
  return out;
}
