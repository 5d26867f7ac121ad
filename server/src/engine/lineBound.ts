// Which rule patterns never match a line break: no part of them, look-arounds included, can consume `\n`.
// A match of such a pattern lies inside one line, so a rule whose every finding holds one of its keywords
// need only run on the lines holding a keyword hit (scanText's line mode), with the same findings as one
// pass over the whole text. Pure; the analysis is conservative: anything it does not read counts as a
// possible line break.

const LINE_FEED = 10;

const cache = new WeakMap<RegExp, boolean>();

/** Whether no match of `regex`, and no look-around it evaluates, can consume a `\n`. */
export function staysOnOneLine(regex: RegExp): boolean {
  let known = cache.get(regex);
  if (known === undefined) {
    // `s` lets `.` match line breaks; `u`/`v` change what escapes mean (`\u{…}`, `\p{…}`): not analysed.
    known = /^[dgim]*$/.test(regex.flags) && !canMatchLineFeed(regex.source);
    cache.set(regex, known);
  }
  return known;
}

/** True when some token of `source` (a pattern without the u, v or s flag) may match `\n`. */
export function canMatchLineFeed(source: string): boolean {
  for (let i = 0; i < source.length; ) {
    const c = source.charCodeAt(i);
    if (c === LINE_FEED) return true;
    if (source[i] === '\\') {
      const escape = readEscape(source, i);
      if (escape === undefined || escape.feed) return true;
      i = escape.end;
    } else if (source[i] === '[') {
      const end = classEnd(source, i);
      if (end === undefined || classMatchesLineFeed(source, i, end)) return true;
      i = end;
    } else i++;
  }
  return false;
}

interface Escape {
  /** Just past the escape. */
  end: number;
  /** The escape may match `\n` (`\n`, `\s`, `\D`, `\W`, `\x0a`, `\cJ`, an octal `\12`…). */
  feed: boolean;
  /** The single character it stands for, when it stands for one (for class ranges). */
  code?: number;
}

/** Reads the escape starting at `source[i] === '\\'`; undefined when it is not understood. */
function readEscape(source: string, i: number): Escape | undefined {
  const next = source[i + 1];
  if (next === undefined) return undefined;
  if (next === 'x') {
    const hex = /^[0-9A-Fa-f]{2}/.exec(source.slice(i + 2, i + 4));
    if (!hex) return { end: i + 2, feed: false, code: 'x'.charCodeAt(0) };
    const code = parseInt(hex[0], 16);
    return { end: i + 4, feed: code === LINE_FEED, code };
  }
  if (next === 'u') {
    const hex = /^[0-9A-Fa-f]{4}/.exec(source.slice(i + 2, i + 6));
    if (!hex) return source[i + 2] === '{' ? undefined : { end: i + 2, feed: false, code: 'u'.charCodeAt(0) };
    const code = parseInt(hex[0], 16);
    return { end: i + 6, feed: code === LINE_FEED, code };
  }
  if (next === 'c') {
    const letter = source[i + 2];
    if (letter !== undefined && /[A-Za-z]/.test(letter)) {
      const code = letter.charCodeAt(0) % 32;
      return { end: i + 3, feed: code === LINE_FEED, code };
    }
    return undefined;
  }
  if (/[0-9]/.test(next)) {
    // A backreference (what its group matched: the group itself is analysed) or an octal escape: `\12` is
    // a line feed. Only single digits other than `\0` followed by a digit are read.
    const digits = /^[0-9]+/.exec(source.slice(i + 1))![0];
    if (digits.length > 1) return undefined;
    return { end: i + 2, feed: false, code: next === '0' ? 0 : undefined };
  }
  if (next === 'n' || next === 's' || next === 'D' || next === 'W') return { end: i + 2, feed: true, code: next === 'n' ? LINE_FEED : undefined };
  const CLASS_ESCAPES = 'dwSbB';
  if (CLASS_ESCAPES.includes(next)) return { end: i + 2, feed: false };
  const CONTROL: Record<string, number> = { t: 9, r: 13, f: 12, v: 11 };
  if (next in CONTROL) return { end: i + 2, feed: false, code: CONTROL[next] };
  if (next === 'k' && source[i + 2] === '<') {
    const close = source.indexOf('>', i + 3);
    return close < 0 ? undefined : { end: close + 1, feed: false };
  }
  // An identity escape (`\.`, `\/`, `\-`…) stands for the character itself.
  return { end: i + 2, feed: next.charCodeAt(0) === LINE_FEED, code: next.charCodeAt(0) };
}

/** Just past the `]` closing the class that opens at `source[start] === '['`. */
function classEnd(source: string, start: number): number | undefined {
  let i = start + 1;
  if (source[i] === '^') i++;
  while (i < source.length && source[i] !== ']') i += source[i] === '\\' ? 2 : 1;
  return i < source.length ? i + 1 : undefined;
}

/** Whether the class source[start, end) matches `\n` (ranges, class escapes and negation counted). */
function classMatchesLineFeed(source: string, start: number, end: number): boolean {
  let i = start + 1;
  const negated = source[i] === '^';
  if (negated) i++;
  const last = end - 1;
  let contains = false;
  while (i < last) {
    const from = classAtom(source, i);
    if (from === undefined) return true;
    if (from.feed) contains = true;
    i = from.end;
    if (source[i] === '-' && i + 1 < last) {
      const to = classAtom(source, i + 1);
      if (to === undefined) return true;
      if (from.code === undefined || to.code === undefined) {
        // `[\d-x]`: the dash is literal; `\d` and `x` were or are counted on their own.
        if (to.feed) contains = true;
      } else if (from.code <= LINE_FEED && LINE_FEED <= to.code) contains = true;
      i = to.end;
    }
  }
  return negated ? !contains : contains;
}

function classAtom(source: string, i: number): Escape | undefined {
  if (source[i] !== '\\') {
    const code = source.charCodeAt(i);
    return { end: i + 1, feed: code === LINE_FEED, code };
  }
  // Inside a class `\b` is a backspace, and `\B` is not valid without the u flag either way: read as a letter.
  if (source[i + 1] === 'b') return { end: i + 2, feed: false, code: 8 };
  return readEscape(source, i);
}
