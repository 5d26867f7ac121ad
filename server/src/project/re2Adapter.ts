// One RE2 pattern behind the RegExp surface scanText uses (exec with lastIndex, match.indices with the secret
// group), in UTF-16 offsets over RE2's code points, long inputs searched in overlapping windows. Compiles
// through re2Patterns.ts (shared, released); knows nothing of lines or keywords.
import type { RE2 } from 're2-wasm';
import { acquireKey, checkKey, countRe2Failure, registerUser, releaseKey, unregisterUser } from './re2Patterns';
import type { RegexLike } from './safeRegex';

/** re2-wasm copies each input into a fixed 16 MB heap (as UTF-8, with RE2's own working memory beside it):
 * a 6 MB input aborted the whole scan. Longer inputs are searched in windows of this many UTF-16 units. */
export const RE2_CHUNK = 256 * 1024;
/** Consecutive windows overlap by this much: a match up to this long is found whole, whatever the boundaries. */
export const RE2_CHUNK_OVERLAP = 16 * 1024;
/** How far back a window may start to begin at a line start (so `^` and `\b` see the right context). */
const LINE_CONTEXT = 1024;

/** Wraps RE2 so the engine sees a RegExp with the `d` flag: `indices` holds [start, end] of the match and the secret group. */
export class Re2Adapter implements RegexLike {
  private offset = 0;
  private readonly key: string;
  /** The shared compiled pattern; undefined once released (compiled again on the next search). */
  private compiled: RE2 | undefined;
  readonly global: boolean;

  constructor(
    readonly source: string,
    private readonly re2Flags: string,
    private readonly secretGroup: string | number | undefined,
    /** What RE2 runs: `source`, or its line-mode form (lineModePattern). */
    private readonly compiledPattern: string = source,
    /** Compile now (throwing what RE2 says), check now and compile on first use, or only compile on first use. */
    when: 'now' | 'check' | 'first-use' = 'now',
  ) {
    this.key = `${re2Flags}/${compiledPattern}`;
    this.global = re2Flags.includes('g');
    if (when === 'now') this.compiled = this.acquire();
    else if (when === 'check') checkKey(this.key, source, compiledPattern, re2Flags);
  }

  private acquire(): RE2 {
    const re2 = acquireKey(this.key, this.source, this.compiledPattern, this.re2Flags);
    registerUser(this, this.key);
    return re2;
  }

  private get re2(): RE2 {
    return (this.compiled ??= this.acquire());
  }

  /** Gives the compiled pattern back (freed when no other adapter uses it). */
  release(): void {
    if (!this.compiled) return;
    this.compiled = undefined;
    unregisterUser(this);
    releaseKey(this.key);
  }

  get lastIndex(): number {
    return this.offset;
  }

  set lastIndex(value: number) {
    this.offset = value;
  }

  get flags(): string {
    return `d${this.re2Flags}`;
  }

  test(text: string): boolean {
    const saved = this.offset;
    this.offset = 0;
    const found = this.exec(text) !== null;
    this.offset = saved;
    return found;
  }

  /** Where the first match in `text` starts (UTF-16), -1 if none: no groups worked out, so far cheaper
   * than exec when a match exists. `text` is short (a batch of lines). A failed search answers 0: the caller
   * then searches line by line, which counts the failure. */
  search(text: string): number {
    let at: number;
    try {
      at = (this.re2 as unknown as { [Symbol.search](input: string): number })[Symbol.search](text);
    } catch {
      return 0;
    }
    return at < 0 ? -1 : this.units.unitAt(text, at);
  }

  /** Where the first match at or after `from` starts (UTF-16), -1 if none; no groups worked out. `text` is
   * short (at most RE2_CHUNK). Throws when RE2 fails: the caller decides what that means. */
  searchFrom(text: string, from: number): number {
    const wrapper = (this.re2 as unknown as { wrapper: { match(input: string, start: number, groups: boolean): { index: number } } }).wrapper;
    const at = wrapper.match(text, this.codePoints.codePointAt(text, from), false).index;
    return at < 0 ? -1 : this.units.unitAt(text, at);
  }

  /** exec from the start of a short `text` (at most RE2_CHUNK), lastIndex untouched; throws when RE2 fails
   * where exec counts a failure and answers no match. */
  execOrThrow(text: string): RegExpExecArray | null {
    return this.execRawOrThrow(text, 0);
  }

  /** RegExp.exec over `text`, in bounded windows when it is long (see RE2_CHUNK). */
  exec(text: string): RegExpExecArray | null {
    const from = this.global ? this.offset : 0;
    if (text.length <= RE2_CHUNK) return this.execIn(text, 0, from, text.length);
    const match = inWindows(text, from, (start, at, end) => this.execIn(text, start, at, end));
    if (!match && this.global) this.offset = 0;
    return match;
  }

  /** One RE2 search of `text.slice(start, end)` from `from`, offsets reported in the whole text. */
  private execIn(text: string, start: number, from: number, end: number): RegExpExecArray | null {
    const input = start === 0 && end === text.length ? text : text.slice(start, end);
    const match = this.execRaw(input, this.codePoints.codePointAt(input, from - start));
    if (!match) {
      if (this.global) this.offset = 0;
      return null;
    }
    moveMatch(match, start, text);
    if (this.global) this.offset = match.index + match[0].length;
    return match;
  }

  private execRaw(text: string, lastIndex: number): RegExpExecArray | null {
    try {
      return this.execRawOrThrow(text, lastIndex);
    } catch {
      // re2-wasm aborts (and recovers) when its heap is full, and a released pattern compiled again may find it
      // full; the message never holds the input.
      countRe2Failure();
      return null;
    }
  }

  private execRawOrThrow(text: string, lastIndex: number): RegExpExecArray | null {
    const re2 = this.re2;
    re2.lastIndex = lastIndex;
    const match = re2.exec(text) as unknown as (RegExpExecArray & { indices?: unknown }) | null;
    if (!match) return null;
    match.index = this.units.unitAt(text, match.index);
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

  /** re2-wasm counts code points where the engine counts UTF-16 units: one cursor for offsets going in
   * (lastIndex), one for offsets coming back (match starts), each walking forward from its last position. */
  private readonly codePoints = new OffsetCursor();
  private readonly units = new OffsetCursor();
}

/** A place in a text as a UTF-16 offset and a code point count at once, moved forward only; it starts again
 * at 0 for another text or an earlier place. A text without surrogates needs no walk at all. */
class OffsetCursor {
  private text = '';
  private unit = 0;
  private codePoint = 0;
  private bmpOnly = true;

  /** The number of code points before UTF-16 offset `unit`. */
  codePointAt(text: string, unit: number): number {
    if (text !== this.text || unit < this.unit) this.restart(text);
    if (this.bmpOnly) return unit;
    while (this.unit < unit) this.step();
    return this.codePoint;
  }

  /** The UTF-16 offset of code point number `codePoint` (the text's length past its end). */
  unitAt(text: string, codePoint: number): number {
    if (text !== this.text || codePoint < this.codePoint) this.restart(text);
    if (this.bmpOnly) return codePoint;
    while (this.codePoint < codePoint && this.unit < text.length) this.step();
    return this.unit;
  }

  private restart(text: string): void {
    this.text = text;
    this.unit = 0;
    this.codePoint = 0;
    this.bmpOnly = !/[\uD800-\uDFFF]/.test(text);
  }

  private step(): void {
    const code = this.text.charCodeAt(this.unit);
    this.unit += isHighSurrogate(code) && this.unit + 1 < this.text.length ? 2 : 1;
    this.codePoint++;
  }
}

/**
 * The first match at or after `from` in a text longer than RE2_CHUNK, searched in windows of that size:
 * `searchIn(start, from, end)` finds the first match in `text.slice(start, end)` from `from` (offsets in the
 * whole text). A match reaching a window's tail may have been cut short there: it is searched again from its
 * start. Consecutive windows overlap by RE2_CHUNK_OVERLAP.
 */
export function inWindows(text: string, from: number, searchIn: (start: number, from: number, end: number) => RegExpExecArray | null): RegExpExecArray | null {
  while (from <= text.length) {
    const start = windowStart(text, from);
    const end = windowEnd(text, from + RE2_CHUNK);
    const match = searchIn(start, from, end);
    if (match) {
      if (end < text.length && match.index + match[0].length > end - RE2_CHUNK_OVERLAP && match.index > from) {
        from = match.index;
        continue;
      }
      return match;
    }
    if (end >= text.length) break;
    from = end - RE2_CHUNK_OVERLAP;
  }
  return null;
}

/** A match found in a slice of `text` starting at `offset`, moved to `text`'s offsets (index, indices, secret). */
export function moveMatch(match: RegExpExecArray, offset: number, text: string): RegExpExecArray {
  if (offset !== 0) {
    match.index += offset;
    const indices = match.indices as unknown as Array<[number, number]> & { groups?: Record<string, [number, number] | undefined> };
    indices[0] = [indices[0][0] + offset, indices[0][1] + offset];
    const secret = indices.groups?.secret;
    if (secret) indices.groups!.secret = [secret[0] + offset, secret[1] + offset];
  }
  (match as { input: string }).input = text;
  return match;
}

/** A window start at or before `from`: the start of its line when that is near, never inside a surrogate pair. */
function windowStart(text: string, from: number): number {
  if (from <= 0) return 0;
  const lineStart = text.lastIndexOf('\n', from - 1) + 1;
  let start = from - lineStart <= LINE_CONTEXT ? lineStart : from - LINE_CONTEXT;
  if (isLowSurrogate(text.charCodeAt(start))) start--;
  return start;
}

/** A window end at or after `end`: the end of its line when that is near, never inside a surrogate pair. */
function windowEnd(text: string, end: number): number {
  if (end >= text.length) return text.length;
  const newline = text.indexOf('\n', end);
  let at = newline >= 0 && newline - end <= LINE_CONTEXT ? newline : end;
  if (isLowSurrogate(text.charCodeAt(at))) at++;
  return at;
}

export function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

export function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}