// Regular expressions that come from a workspace (team rules, .gitleaks.toml) run on RE2 (re2-wasm, a
// linear-time engine in WebAssembly), so no pattern can backtrack catastrophically. Built-in rules
// stay on V8: they are proven safe by test/project/regexSafety.test.ts.
import type { RE2 } from 're2-wasm';
import { re2RegexErrorReason } from '../engine/regexError';

/** Loaded on first use: compiling the 850 KB WebAssembly module costs about 300 ms, which a workspace
 * without rules of its own should never pay. */
let re2Module: typeof import('re2-wasm') | undefined;
function loadRe2(): typeof RE2 {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  re2Module ??= require('re2-wasm') as typeof import('re2-wasm');
  return re2Module.RE2;
}

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
  const flags = [...new Set(`${options.global === false ? '' : 'g'}${(options.flags ?? '').replace(/[gdu]/g, '')}u`)].join('');
  let re2: RE2;
  try {
    re2 = new (loadRe2())(pattern, flags);
  } catch (error) {
    throw new Error(describeRe2Error(pattern, (error as Error).message));
  }
  const adapter = new Re2Adapter(re2, pattern, options.secretGroup);
  return options.lineBounded && flags.includes('g') ? new LineBoundedRegex(adapter, options.lineKeywords ?? []) : adapter;
}

/** Runs a global RE2 pattern line by line (each line as its own input, `^`/`$` at its ends), reporting
 * offsets and lastIndex in the whole text as a RegExp would. */
class LineBoundedRegex implements RegexLike {
  lastIndex = 0;
  private lowered = { text: '', lower: '' };
  constructor(
    private readonly line: Re2Adapter,
    private readonly keywords: string[],
  ) {}

  /** The first offset ≥ `from` where a keyword starts, -1 if none; `from` itself when keywords cannot be used. */
  private nextKeyword(text: string, from: number): number {
    if (this.keywords.length === 0) return from;
    if (this.lowered.text !== text) this.lowered = { text, lower: text.toLowerCase() };
    const lower = this.lowered.lower;
    if (lower.length !== text.length) return from; // case mapping changed lengths: offsets would not line up
    let next = -1;
    for (const keyword of this.keywords) {
      const at = lower.indexOf(keyword, from);
      if (at >= 0 && (next < 0 || at < next)) next = at;
    }
    return next;
  }

  get source(): string {
    return this.line.source;
  }

  get flags(): string {
    return this.line.flags;
  }

  test(text: string): boolean {
    const saved = this.lastIndex;
    this.lastIndex = 0;
    const found = this.exec(text) !== null;
    this.lastIndex = saved;
    return found;
  }

  exec(text: string): RegExpExecArray | null {
    let at = this.lastIndex;
    while (at <= text.length) {
      const hit = this.nextKeyword(text, at);
      if (hit < 0) break;
      // Jump to the line holding the next keyword (a match on an earlier line would hold one).
      if (hit > at) at = Math.max(at, text.lastIndexOf('\n', hit - 1) + 1);
      const lineStart = text.lastIndexOf('\n', at - 1) + 1;
      const newline = text.indexOf('\n', at);
      const lineEnd = newline < 0 ? text.length : newline;
      this.line.lastIndex = at - lineStart;
      const match = lineEnd > lineStart || newline < 0 ? this.line.exec(text.slice(lineStart, lineEnd)) : null;
      if (match) {
        match.index += lineStart;
        const indices = match.indices as unknown as Array<[number, number]> & { groups?: Record<string, [number, number] | undefined> };
        indices[0] = [indices[0][0] + lineStart, indices[0][1] + lineStart];
        const secret = indices.groups?.secret;
        if (secret) indices.groups!.secret = [secret[0] + lineStart, secret[1] + lineStart];
        (match as { input: string }).input = text;
        this.lastIndex = match.index + match[0].length;
        return match;
      }
      if (newline < 0) break;
      at = newline + 1;
    }
    this.lastIndex = 0;
    return null;
  }
}

function describeRe2Error(pattern: string, message: string): string {
  if (/\(\?<?[=!]/.test(pattern)) return 'lookarounds ((?=…), (?!…), (?<=…), (?<!…)) are not supported in workspace rules: they cannot be matched in linear time';
  if (/\\[1-9]|\\k</.test(pattern)) return 'backreferences are not supported in workspace rules: they cannot be matched in linear time';
  return `invalid regular expression: ${re2RegexErrorReason(pattern, message)}`;
}

/** Wraps RE2 so the engine sees a RegExp with the `d` flag: `indices` holds [start, end] of the match and the secret group. */
class Re2Adapter implements RegexLike {
  constructor(
    private readonly re2: RE2,
    readonly source: string,
    private readonly secretGroup: string | number | undefined,
  ) {}

  get lastIndex(): number {
    return this.re2.lastIndex;
  }

  set lastIndex(value: number) {
    this.re2.lastIndex = value;
  }

  get flags(): string {
    return `d${this.re2.flags}`;
  }

  test(text: string): boolean {
    const saved = this.re2.lastIndex;
    this.re2.lastIndex = 0;
    const found = this.re2.exec(text) !== null;
    this.re2.lastIndex = saved;
    return found;
  }

  exec(text: string): RegExpExecArray | null {
    const match = this.re2.exec(text) as unknown as (RegExpExecArray & { indices?: unknown }) | null;
    if (!match) return null;
    match.index = this.toUtf16(text, match.index);
    const whole: [number, number] = [match.index, match.index + match[0].length];
    const indices: Array<[number, number] | undefined> & { groups?: Record<string, [number, number] | undefined> } = [whole];
    const secret =
      typeof this.secretGroup === 'number'
        ? match[this.secretGroup]
        : this.secretGroup === 'first'
          ? match.slice(1).find((group) => group !== undefined && group.length > 0)
          : (match.groups?.[this.secretGroup ?? 'secret'] ?? undefined);
    if (secret !== undefined && secret.length > 0) {
      // RE2 reports group texts, not offsets; the secret is the group's last occurrence in the match,
      // which is exact for the usual `context … (secret) terminator` shape of secret patterns.
      const at = match[0].lastIndexOf(secret);
      if (at >= 0) indices.groups = { secret: [match.index + at, match.index + at + secret.length] };
    }
    match.indices = indices as RegExpIndicesArray;
    return match;
  }

  private cursor = { text: '', codePoint: 0, unit: 0, bmpOnly: true };

  /** re2-wasm reports code point offsets; the engine works in UTF-16 units. Walks forward from the last match. */
  private toUtf16(text: string, codePoint: number): number {
    let cursor = this.cursor;
    if (cursor.text !== text || codePoint < cursor.codePoint) {
      cursor = this.cursor = { text, codePoint: 0, unit: 0, bmpOnly: !/[\uD800-\uDFFF]/.test(text) };
    }
    if (cursor.bmpOnly) return codePoint;
    while (cursor.codePoint < codePoint && cursor.unit < text.length) {
      const code = text.charCodeAt(cursor.unit);
      cursor.unit += code >= 0xd800 && code <= 0xdbff && cursor.unit + 1 < text.length ? 2 : 1;
      cursor.codePoint++;
    }
    return cursor.unit;
  }
}
