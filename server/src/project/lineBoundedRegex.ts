// A global RE2 pattern searched line by line: only lines holding one of the rule's keywords, short ones in
// batches, long ones in windows around their keywords, each first with the pattern's probe (regexProbe.ts)
// when it has one. Offsets and lastIndex are the whole text's, as a RegExp's would be.
import type { LeadingRunSearch } from './leadingRunSearch';
import { moveMatch, type Re2Adapter } from './re2Adapter';
import type { RegexLike } from './safeRegex';

/** The pattern without its optional leading class run (regexProbe.ts): where it finds nothing the pattern
 * finds nothing, so batches, windows and lines are searched with it first. */
export interface LineProbe {
  regex: Re2Adapter;
  /** The pattern's first match starts at most this many characters before the probe's. */
  maxDropped: number;
  /** Finds the pattern's matches without running it whole, when its shape allows (leadingRunSearch.ts). */
  leadingRun?: LeadingRunSearch;
}

/** Runs a global RE2 pattern line by line (each line as its own input, `^`/`$` at its ends), reporting
 * offsets and lastIndex in the whole text as a RegExp would. */
export class LineBoundedRegex implements RegexLike {
  lastIndex = 0;
  /** Per keyword, the text searched and the next occurrence found at or after `from` (-1: none left). */
  private readonly next: Array<{ text: string; from: number; at: number }>;
  constructor(
    private readonly line: Re2Adapter,
    private readonly keywords: string[],
    /** Compiled in multi-line mode (lineModePattern): whole lines may be searched together. */
    private readonly batchable = false,
    private readonly probe?: LineProbe,
  ) {
    this.next = keywords.map(() => ({ text: '', from: 0, at: -1 }));
  }

  /** The first offset ≥ `from` where a keyword starts, -1 if none; `from` itself when keywords cannot be used.
   * Each keyword's next occurrence is remembered, so a scan that moves forward searches each part once. */
  private nextKeyword(text: string, from: number): number {
    if (this.keywords.length === 0) return from;
    const lower = lowerCased(text);
    if (lower.length !== text.length) return from; // case mapping changed lengths: offsets would not line up
    let next = -1;
    for (let i = 0; i < this.keywords.length; i++) {
      const cached = this.next[i];
      if (cached.text !== text || from < cached.from || (cached.at >= 0 && cached.at < from)) {
        cached.text = text;
        cached.from = from;
        cached.at = lower.indexOf(this.keywords[i], from);
      }
      const at = cached.at;
      if (at >= 0 && (next < 0 || at < next)) next = at;
    }
    return next;
  }

  /** Where the search goes on after a window without a match (its end, less the overlap). */
  private windowEnd = 0;

  /**
   * On a long line (minified code, source maps), RE2 runs only on a window around the keyword: re2-wasm
   * matches gitleaks' wide patterns at a few hundred KB/s, and a long line is mostly far from any keyword. A
   * match is taken from a window when it neither starts at the window's start nor ends near its end; otherwise
   * the whole line is searched. Windows overlap by WINDOW_EDGE, so only a match longer than that running across
   * a window boundary could be missed. Returns the match, 'none' (go on at windowEnd), or undefined (search
   * the line).
   */
  private searchAround(text: string, at: number, hit: number, lineStart: number, lineEnd: number): RegExpExecArray | 'none' | undefined {
    const from = Math.max(at, hit - WINDOW_BEFORE);
    let to = Math.min(lineEnd, hit + WINDOW_AFTER);
    // Keywords close together share one window.
    // Keywords close together share one window, up to MAX_WINDOW: a match costs RE2 far more per character
    // than a miss, and a source map's embedded sources hold a keyword every few hundred characters.
    const limit = Math.min(lineEnd, from + MAX_WINDOW);
    for (let next = this.nextKeyword(text, hit + 1); next >= 0 && next < to && to < limit; next = this.nextKeyword(text, next + 1)) to = Math.min(limit, next + WINDOW_AFTER);
    // One character of context on each side keeps \b, ^ and $ meaning what they mean in the line.
    const sliceStart = from > lineStart ? from - 1 : lineStart;
    const sliceEnd = to < lineEnd ? to + 1 : lineEnd;
    // A search without groups first: most windows hold no match, and one with groups costs RE2 several times more.
    const window = text.slice(sliceStart, sliceEnd);
    const first = (this.probe?.regex ?? this.line).search(window);
    const match = first < 0 ? null : this.execIn(window, from - sliceStart, first);
    if (!match) {
      if (to >= lineEnd) {
        this.windowEnd = lineEnd;
        return 'none';
      }
      this.windowEnd = Math.max(hit + 1, to - WINDOW_EDGE);
      return 'none';
    }
    const start = sliceStart + match.index;
    const end = start + match[0].length;
    if ((start === from && from > at) || (to < lineEnd && end > to - WINDOW_EDGE)) return undefined;
    return this.found(match, sliceStart, text);
  }

  /** The pattern's first match in `input` (a line or a window) from `from`; `hint`: where the probe's first match
   * in `input` starts, or a place none starts before (-1: unknown). */
  private execIn(input: string, from: number, hint: number): RegExpExecArray | null {
    const split = this.probe?.leadingRun?.exec(input, from, hint);
    if (split !== undefined) return split;
    // No match starts more than maxDropped characters before the probe's first one.
    this.line.lastIndex = hint >= 0 ? Math.max(from, hint - (this.probe?.maxDropped ?? 0)) : from;
    return this.line.exec(input);
  }

  /** A match in a slice starting at `offset`, moved to the whole text's offsets; the next search starts after it. */
  private found(match: RegExpExecArray, offset: number, text: string): RegExpExecArray {
    moveMatch(match, offset, text);
    this.lastIndex = match.index + match[0].length;
    return match;
  }

  /**
   * One RE2 search over the candidate lines from [lineStart, lineEnd) on (lines holding a keyword, none over
   * LONG_LINE, BATCH_CHARS in all), joined by line breaks. In multi-line mode a match within one line matches
   * there alone, and a line's own match is a match of the batch, so a batch without a match clears all its
   * lines. Returns the start of the line where the batch's match starts (or -1), where in the text that match
   * starts (-1: not searched, a batch of one line) and the end of the last line.
   */
  private searchBatch(text: string, lineStart: number, lineEnd: number): { found: number; hit: number; end: number } {
    const starts = [lineStart];
    const ends = [lineEnd];
    let size = lineEnd - lineStart;
    for (let next = lineEnd + 1; next < text.length && size < BATCH_CHARS; ) {
      const hit = this.nextKeyword(text, next);
      if (hit < 0) break;
      const start = text.lastIndexOf('\n', hit - 1) + 1;
      const newline = text.indexOf('\n', hit);
      const end = newline < 0 ? text.length : newline;
      if (end - start > LONG_LINE || size + end - start > BATCH_CHARS) break;
      starts.push(Math.max(start, next));
      ends.push(end);
      size += end - start + 1;
      next = end + 1;
    }
    if (starts.length === 1) return { found: lineStart, hit: -1, end: lineEnd };
    // Consecutive lines are one slice of the text; others are joined.
    const contiguous = starts.every((start, i) => i === 0 || start === ends[i - 1] + 1);
    const joined = contiguous ? text.slice(lineStart, ends[ends.length - 1]) : starts.map((start, i) => text.slice(start, ends[i])).join('\n');
    const found = (this.probe?.regex ?? this.line).search(joined);
    if (found < 0) return { found: -1, hit: -1, end: ends[ends.length - 1] };
    let offset = 0;
    for (let i = 0; i < starts.length; i++) {
      const length = ends[i] - starts[i];
      if (found <= offset + length) return { found: starts[i], hit: starts[i] + found - offset, end: ends[i] };
      offset += length + 1;
    }
    return { found: starts[starts.length - 1], hit: -1, end: ends[ends.length - 1] };
  }

  get source(): string {
    return this.line.source;
  }

  release(): void {
    this.line.release();
    this.probe?.regex.release();
    this.probe?.leadingRun?.release();
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
    /** Lines before this offset were picked out by a batch: search them alone. */
    let alone = -1;
    /** A line the probe (or the pattern's search) is known to match from, and where that match starts (-1:
     * unknown): a batch found it there, or a window did. */
    let probed = { line: -1, hit: -1 };
    while (at <= text.length) {
      const hit = this.nextKeyword(text, at);
      if (hit < 0) break;
      // Jump to the line holding the next keyword (a match on an earlier line would hold one).
      if (hit > at) at = Math.max(at, text.lastIndexOf('\n', hit - 1) + 1);
      const lineStart = text.lastIndexOf('\n', at - 1) + 1;
      const newline = text.indexOf('\n', at);
      const lineEnd = newline < 0 ? text.length : newline;
      if (this.batchable && at === lineStart && at >= alone && lineEnd - lineStart <= LONG_LINE && newline >= 0) {
        const batch = this.searchBatch(text, lineStart, lineEnd);
        if (batch.found < 0) {
          if (batch.end >= text.length) break;
          at = batch.end + 1;
          continue;
        }
        // RE2 found something from this line on: the line it starts on is searched alone (a match the batch
        // found across a separator is no match of any one line, and then the search goes on after that line).
        at = batch.found;
        probed = { line: at, hit: batch.hit };
        alone = text.indexOf('\n', at) + 1 || text.length + 1;
        continue;
      }
      if (lineEnd - lineStart > LONG_LINE && hit >= at && hit < lineEnd) {
        const windowed = this.searchAround(text, at, hit, lineStart, lineEnd);
        if (windowed === 'none') {
          at = this.windowEnd;
          if (at >= lineEnd) {
            if (newline < 0) break;
            at = newline + 1;
          }
          continue;
        }
        if (windowed) return windowed;
        probed = { line: lineStart, hit: -1 };
      }
      const slice = text.slice(lineStart, lineEnd);
      if (this.probe && probed.line !== lineStart) {
        // The whole line, not from `at`: \b and ^ at `at` must see the character before it.
        const first = this.probe.regex.search(slice);
        if (first < 0) {
          if (newline < 0) break;
          at = newline + 1;
          continue;
        }
        probed = { line: lineStart, hit: lineStart + first };
      }
      const hint = probed.line === lineStart && probed.hit >= 0 ? probed.hit - lineStart : -1;
      const match = lineEnd > lineStart || newline < 0 ? this.execIn(slice, at - lineStart, hint) : null;
      if (match) return this.found(match, lineStart, text);
      if (newline < 0) break;
      at = newline + 1;
    }
    this.lastIndex = 0;
    return null;
  }
}

/** Lines longer than this are searched in windows around their keywords (LineBoundedRegex.searchAround). */
const LONG_LINE = 2048;
/** How far before a keyword a match may start, and after it end, in a window; how much windows overlap. */
const WINDOW_BEFORE = 256;
const WINDOW_AFTER = 1024;
const WINDOW_EDGE = 256;
/** The longest window around keywords close together. */
const MAX_WINDOW = 4096;
/** Characters of short candidate lines searched in one RE2 call (its cost per call dwarfs its cost per line). */
const BATCH_CHARS = 8192;

/** The lower-cased text, kept for the last text seen: every line-bounded rule of a scan asks for the same one. */
let lowered = { text: '', lower: '' };
function lowerCased(text: string): string {
  if (lowered.text !== text) lowered = { text, lower: text.toLowerCase() };
  return lowered.lower;
}