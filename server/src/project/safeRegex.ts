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
  return new Re2Adapter(re2, pattern, options.secretGroup);
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
