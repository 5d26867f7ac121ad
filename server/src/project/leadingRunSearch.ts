// The match of a pattern that starts with a lazy optional class run (gitleaks' generic rules:
// `(?i)[\w.-]{0,50}?(?:key|…)…`, regexProbe.ts leadingLazyRun), found without running the pattern whole: the
// rest is matched anchored where the probe says it can start, and the run before it is found by a one-class
// pattern. RE2 builds a pattern's matcher states as the text asks for them, and an unanchored search for the
// whole pattern asked for many (one per count of the run, for every place a match could start): most of the
// first scan after loading gitleaks' default config went there. Knows nothing of lines or keywords.
import { RE2_CHUNK, inWindows, isHighSurrogate, isLowSurrogate, moveMatch, type Re2Adapter } from './re2Adapter';

/** Places where the probe matches but the rest does not, tried before the whole pattern takes over. */
const MAX_ATTEMPTS = 8;

export class LeadingRunSearch {
  /** RE2 failed once: the whole pattern does the searching from then on. */
  private failed = false;

  constructor(
    /** `\A(?s:.)(?:rest)`: the rest, anchored after one character of context. */
    private readonly anchored: Re2Adapter,
    /** `run{0,max}\z`: where the longest run that ends at the end of its input starts. */
    private readonly runEnd: Re2Adapter,
    /** The probe: wherever the rest matches, it matches at the same place. */
    private readonly probe: Re2Adapter,
    /** The most characters (code points) the run takes; Infinity for `*?`. */
    private readonly max: number,
  ) {}

  /**
   * The whole pattern's first match in `input` (a line, or a window of one: no line break in it) at or after
   * `from`, exactly as the pattern's own search from there gives it, or null. `hint`: where the probe's first
   * match starts, or a place no match of the rest starts before (-1: unknown). Undefined when it cannot tell
   * (RE2 failing, the probe matching too often where the rest does not): the caller then runs the pattern
   * itself. An input over RE2_CHUNK is searched in the windows the pattern's own search would use.
   *
   * Why this is the pattern's match: a match starting at s is the run's k characters (k the fewest that work,
   * the run being lazy) and then the rest's own match at s + k. The first place q ≥ `from` where the rest
   * matches gives the first start, s = the start of the run of class characters ending at q, at most `max`
   * long and not before `from`; any later q would need a run reaching back further, which would cover q.
   */
  exec(input: string, from: number, hint: number): RegExpExecArray | null | undefined {
    if (this.failed) return undefined;
    if (input.length <= RE2_CHUNK) return this.execShort(input, from, hint);
    try {
      return inWindows(input, from, (start, at, end) => {
        const match = this.execShort(input.slice(start, end), at - start, -1);
        if (match === undefined) throw new Error('undecided');
        return match && moveMatch(match, start, input);
      });
    } catch {
      return undefined;
    }
  }

  private execShort(input: string, from: number, hint: number): RegExpExecArray | null | undefined {
    try {
      let at = Math.max(from, hint);
      let known = hint >= from;
      for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
        if (!known) {
          at = this.probe.searchFrom(input, at);
          if (at < 0) return null;
        }
        const rest = this.restAt(input, at);
        if (rest) return this.withRun(input, from, at, rest.match, rest.context);
        if (at >= input.length) return null;
        at += isHighSurrogate(input.charCodeAt(at)) && isLowSurrogate(input.charCodeAt(at + 1)) ? 2 : 1;
        known = false;
      }
      return undefined;
    } catch {
      this.failed = true;
      return undefined;
    }
  }

  /** The rest's match starting exactly at `at`, and how many characters of context precede it in that match. A
   * line's start reads as the start of a line after "\n" (the pattern runs in multi-line mode: `^`, `\b`). */
  private restAt(input: string, at: number): { match: RegExpExecArray; context: number } | undefined {
    const context = at === 0 ? 1 : at >= 2 && isLowSurrogate(input.charCodeAt(at - 1)) && isHighSurrogate(input.charCodeAt(at - 2)) ? 2 : 1;
    const match = this.anchored.execOrThrow(at === 0 ? `\n${input}` : input.slice(at - context));
    return match ? { match, context } : undefined;
  }

  /** The rest's anchored match (its input starting `context` characters before `at`) with the run before it. */
  private withRun(input: string, from: number, at: number, match: RegExpExecArray, context: number): RegExpExecArray {
    // A run of `max` code points is at most 2 × max UTF-16 units.
    let low = this.max === Infinity ? from : Math.max(from, at - 2 * this.max);
    if (low > from && isLowSurrogate(input.charCodeAt(low))) low--;
    const runStart = this.runEnd.searchFrom(input.slice(low, at), 0);
    if (runStart < 0) throw new Error('the run pattern always matches at the end');
    const start = low + runStart;
    const offset = at - context;
    const rest = match[0].slice(context);
    match[0] = input.slice(start, at) + rest;
    match.index = start;
    (match as { input: string }).input = input;
    const indices = match.indices as unknown as Array<[number, number]> & { groups?: Record<string, [number, number] | undefined> };
    indices[0] = [start, at + rest.length];
    // The secret is the group's last occurrence in the match (Re2Adapter): the run before it changes nothing.
    const secret = indices.groups?.secret;
    if (secret) indices.groups!.secret = [secret[0] + offset, secret[1] + offset];
    return match;
  }

  release(): void {
    this.anchored.release();
    this.runEnd.release();
  }
}
