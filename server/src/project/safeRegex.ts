// Regular expressions that come from a workspace (team rules, .gitleaks.toml) run on RE2 (re2-wasm, a
// linear-time engine in WebAssembly), so no pattern can backtrack catastrophically. Built-in rules
// stay on V8: they are proven safe by test/project/regexSafety.test.ts.
import type { RE2 } from 're2-wasm';
import { re2RegexErrorReason } from '../engine/regexError';
import { regexProbe, smallCounts } from './regexProbe';

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
  const probe = options.prefixProbe === false ? undefined : prefixProbe(pattern, flags, lineMode !== undefined);
  return new LineBoundedRegex(adapter, options.lineKeywords ?? [], lineMode !== undefined, probe);
}

/** The pattern without its optional leading class run, compiled as the pattern is (line mode too), if it has one. */
function prefixProbe(pattern: string, flags: string, lineMode: boolean): { regex: Re2Adapter; maxDropped: number } | undefined {
  const stripped = regexProbe(pattern);
  if (!stripped) return undefined;
  const compiledProbe = lineMode ? lineModePattern(stripped.probe) : stripped.probe;
  if (compiledProbe === undefined) return undefined;
  try {
    // Compiled on first use, unchecked: a probe RE2 cannot compile answers "maybe" (Re2Adapter.search), and
    // the whole pattern decides.
    return { regex: new Re2Adapter(stripped.probe, flags, undefined, compiledProbe, 'first-use'), maxDropped: stripped.maxDropped };
  } catch {
    return undefined; // never expected (a part of a pattern RE2 took); the whole pattern then runs alone
  }
}

function canonicalFlags(flags: string): string {
  return [...'gimsu'].filter((flag) => flags.includes(flag)).join('');
}

/**
 * Compiled patterns, shared. re2-wasm never frees a compiled pattern by itself (its embind wrapper must be
 * deleted) and its heap is a fixed 16 MB, so a policy reloaded a few hundred times used to fill it and
 * every workspace rule then failed to compile. Each pattern is compiled once per (pattern, flags) while any
 * adapter uses it, and deleted when the last one is released: explicitly (releaseSafeRegexes, on a policy
 * reload) or when the adapter is garbage-collected (the FinalizationRegistry below).
 */
const compiled = new Map<string, { re2: RE2; users: number }>();
/** Patterns RE2 refused, by key: re2-wasm leaks the wrapper of a failed compile too, so each is tried once. */
const refused = new Map<string, string>();
const MAX_REFUSED = 512;
const collected = new FinalizationRegistry<string>((key) => releaseKey(key));

/** `pattern` is what the user wrote (for messages); `compiledPattern` what RE2 runs (its line-mode form). */
function acquireKey(key: string, pattern: string, compiledPattern: string, flags: string): RE2 {
  const shared = compiled.get(key);
  if (shared) {
    shared.users++;
    return shared.re2;
  }
  const re2 = compileKey(key, pattern, compiledPattern, flags);
  compiled.set(key, { re2, users: 1 });
  return re2;
}

function compileKey(key: string, pattern: string, compiledPattern: string, flags: string): RE2 {
  const known = refused.get(key);
  if (known !== undefined) throw new Error(known);
  try {
    return new (loadRe2())(compiledPattern, flags);
  } catch (error) {
    // A full heap is transient (patterns may be released): not remembered.
    if (re2OutOfMemory(pattern, (error as Error).message)) throw new Error('cannot be compiled: RE2 is out of memory (too many workspace rules)');
    const message = describeRe2Error(pattern, (error as Error).message);
    if (refused.size >= MAX_REFUSED) refused.delete(refused.keys().next().value!);
    refused.set(key, message);
    throw new Error(message);
  }
}

/** Throws what compiling the pattern would throw, cheaply: RE2's cost is the program it builds for counted
 * repetitions, so a stand-in with every count at most 2 is compiled and freed at once (syntax, classes,
 * groups and flags unchanged); when there is none, or it fails, the pattern itself decides. */
function checkKey(key: string, pattern: string, compiledPattern: string, flags: string): void {
  if (compiled.has(key)) return;
  const small = smallCounts(compiledPattern);
  if (small !== undefined && !refused.has(key)) {
    try {
      freeRe2(new (loadRe2())(small, flags));
      return;
    } catch {
      // decided by the pattern itself, below
    }
  }
  freeRe2(compileKey(key, pattern, compiledPattern, flags));
}

function releaseKey(key: string): void {
  const shared = compiled.get(key);
  if (!shared || --shared.users > 0) return;
  compiled.delete(key);
  freeRe2(shared.re2);
}

/** Deletes the WebAssembly side of a compiled pattern (embind's `delete`). */
function freeRe2(re2: RE2): void {
  (re2 as unknown as { wrapper?: { delete?: () => void } }).wrapper?.delete?.();
}

/** How many distinct patterns are compiled in RE2's heap right now (tests, diagnostics). */
export function liveRe2Patterns(): number {
  return compiled.size;
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

/** Runs a global RE2 pattern line by line (each line as its own input, `^`/`$` at its ends), reporting
 * offsets and lastIndex in the whole text as a RegExp would. */
class LineBoundedRegex implements RegexLike {
  lastIndex = 0;
  /** Per keyword, the text searched and the next occurrence found at or after `from` (-1: none left). */
  private readonly next: Array<{ text: string; from: number; at: number }>;
  constructor(
    private readonly line: Re2Adapter,
    private readonly keywords: string[],
    /** Compiled in multi-line mode (lineModePattern): whole lines may be searched together. */
    private readonly batchable = false,
    /** The pattern without its optional leading class run (regexProbe.ts): where it finds nothing the
     * pattern finds nothing, so batches, windows and lines are searched with it first. */
    private readonly probe?: { regex: Re2Adapter; maxDropped: number },
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
    // The pattern's first match starts at most maxDropped characters before its probe's.
    this.line.lastIndex = Math.max(first - (this.probe?.maxDropped ?? 0), from - sliceStart);
    const match = first < 0 ? null : this.line.exec(window);
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

  /** A match in a slice starting at `offset`, moved to the whole text's offsets. */
  private found(match: RegExpExecArray, offset: number, text: string): RegExpExecArray {
    match.index += offset;
    const indices = match.indices as unknown as Array<[number, number]> & { groups?: Record<string, [number, number] | undefined> };
    indices[0] = [indices[0][0] + offset, indices[0][1] + offset];
    const secret = indices.groups?.secret;
    if (secret) indices.groups!.secret = [secret[0] + offset, secret[1] + offset];
    (match as { input: string }).input = text;
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
      // No match of the line starts more than maxDropped characters before the probe's first one.
      const near = probed.line === lineStart && probed.hit >= 0 ? probed.hit - lineStart - (this.probe?.maxDropped ?? 0) : 0;
      this.line.lastIndex = Math.max(at - lineStart, near);
      const match = lineEnd > lineStart || newline < 0 ? this.line.exec(slice) : null;
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

/** re2-wasm reports a full heap as "invalid syntax". Taken as a full heap: that message for a pattern V8
 * parses (Go's leading `(?i)` and `(?P<name>` aside), or when even a one-letter pattern no longer compiles. */
function re2OutOfMemory(pattern: string, message: string): boolean {
  try {
    freeRe2(new (loadRe2())('a', 'u'));
  } catch {
    return true;
  }
  if (!/invalid syntax/i.test(message)) return false;
  try {
    new RegExp(pattern.replace(/^\(\?[imsU]+\)/, '').replace(/\(\?P</g, '(?<'), 'u');
    return true;
  } catch {
    return false;
  }
}

function describeRe2Error(pattern: string, message: string): string {
  if (/\(\?<?[=!]/.test(pattern)) return 'lookarounds ((?=…), (?!…), (?<=…), (?<!…)) are not supported in workspace rules: they cannot be matched in linear time';
  if (/\\[1-9]|\\k</.test(pattern)) return 'backreferences are not supported in workspace rules: they cannot be matched in linear time';
  return `invalid regular expression: ${re2RegexErrorReason(pattern, message)}`;
}

/** Searches RE2 could not finish since the last takeRe2Failures() (its heap full: thousands of rules). The
 * search counts as no match, so the other rules and files go on, and the caller says the file was not fully
 * scanned. */
let re2Failures = 0;

/** How many workspace-pattern searches failed since the last call (and resets the count). */
export function takeRe2Failures(): number {
  const failures = re2Failures;
  re2Failures = 0;
  return failures;
}

/** re2-wasm copies each input into a fixed 16 MB heap (as UTF-8, with RE2's own working memory beside it):
 * a 6 MB input aborted the whole scan. Longer inputs are searched in windows of this many UTF-16 units. */
export const RE2_CHUNK = 256 * 1024;
/** Consecutive windows overlap by this much: a match up to this long is found whole, whatever the boundaries. */
export const RE2_CHUNK_OVERLAP = 16 * 1024;
/** How far back a window may start to begin at a line start (so `^` and `\b` see the right context). */
const LINE_CONTEXT = 1024;

/** Wraps RE2 so the engine sees a RegExp with the `d` flag: `indices` holds [start, end] of the match and the secret group. */
class Re2Adapter implements RegexLike {
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
    collected.register(this, this.key, this);
    return re2;
  }

  private get re2(): RE2 {
    return (this.compiled ??= this.acquire());
  }

  /** Gives the compiled pattern back (freed when no other adapter uses it). */
  release(): void {
    if (!this.compiled) return;
    this.compiled = undefined;
    collected.unregister(this);
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
    return at < 0 ? -1 : this.toUtf16(text, at);
  }

  /** RegExp.exec over `text`, in bounded windows when it is long (see RE2_CHUNK). */
  exec(text: string): RegExpExecArray | null {
    const global = this.global;
    if (text.length <= RE2_CHUNK) return this.execIn(text, 0, global ? this.offset : 0, text.length);
    let from = global ? this.offset : 0;
    while (from <= text.length) {
      const start = windowStart(text, from);
      const end = windowEnd(text, from + RE2_CHUNK);
      const match = this.execIn(text, start, from, end);
      if (match) {
        const matchEnd = match.index + match[0].length;
        // A match reaching the window's tail may have been cut short there: search again from its start.
        if (end < text.length && matchEnd > end - RE2_CHUNK_OVERLAP && match.index > from) {
          from = match.index;
          continue;
        }
        return match;
      }
      if (end >= text.length) break;
      from = end - RE2_CHUNK_OVERLAP;
    }
    if (global) this.offset = 0;
    return null;
  }

  /** One RE2 search of `text.slice(start, end)` from `from`, offsets reported in the whole text. */
  private execIn(text: string, start: number, from: number, end: number): RegExpExecArray | null {
    const input = start === 0 && end === text.length ? text : text.slice(start, end);
    const match = this.execRaw(input, this.toCodePoints(input, from - start));
    if (!match) {
      if (this.global) this.offset = 0;
      return null;
    }
    if (start > 0) {
      match.index += start;
      const indices = match.indices as unknown as Array<[number, number]> & { groups?: Record<string, [number, number] | undefined> };
      indices[0] = [indices[0][0] + start, indices[0][1] + start];
      const secret = indices.groups?.secret;
      if (secret) indices.groups!.secret = [secret[0] + start, secret[1] + start];
    }
    (match as { input: string }).input = text;
    if (this.global) this.offset = match.index + match[0].length;
    return match;
  }

  private execRaw(text: string, lastIndex: number): RegExpExecArray | null {
    let match: (RegExpExecArray & { indices?: unknown }) | null;
    try {
      const re2 = this.re2;
      re2.lastIndex = lastIndex;
      match = re2.exec(text) as unknown as (RegExpExecArray & { indices?: unknown }) | null;
    } catch {
      // re2-wasm aborts (and recovers) when its heap is full, and a released pattern compiled again may find it
      // full; the message never holds the input.
      re2Failures++;
      return null;
    }
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

  private unitCursor = { text: '', codePoint: 0, unit: 0, bmpOnly: true };

  /** re2-wasm's lastIndex counts code points: converts a UTF-16 offset, walking forward from the last one. */
  private toCodePoints(text: string, unit: number): number {
    let cursor = this.unitCursor;
    if (cursor.text !== text || unit < cursor.unit) {
      cursor = this.unitCursor = { text, codePoint: 0, unit: 0, bmpOnly: !/[\uD800-\uDFFF]/.test(text) };
    }
    if (cursor.bmpOnly) return unit;
    while (cursor.unit < unit) {
      const code = text.charCodeAt(cursor.unit);
      cursor.unit += code >= 0xd800 && code <= 0xdbff && cursor.unit + 1 < text.length ? 2 : 1;
      cursor.codePoint++;
    }
    return cursor.codePoint;
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

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}
