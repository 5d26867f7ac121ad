// A cheaper stand-in for a workspace pattern (RE2/Go syntax), searched first: where it finds nothing, the
// pattern finds nothing. Pure analysis of the pattern's text: it never runs it.
//
// Two steps, each only ever widening what matches. (1) The optional character-class run an alternative starts
// with is deleted, as in gitleaks' generic rules (`(?i)[\w.-]{0,50}?(?:key|secret)…`): the pieces that remain
// match the same characters in any match of the pattern, their assertions see the same text. (2) Upper bounds
// of wide counted repetitions are dropped (`{10,150}` → `{10,}`, `{0,50}` → `*`): the wider pattern matches
// wherever the narrower one does. Why it is faster: RE2 builds its matcher's states as the text asks for
// them, and a counted run multiplies them (one per count, for every place a match could start): gitleaks'
// generic-api-key cost far more in the first scan after loading than in the next ones.

/** The probe and how many characters the deleted pieces could have matched before it (Infinity for `*`):
 * the pattern's first match starts at most that far before the probe's first match. */
export interface RegexProbe {
  probe: string;
  maxDropped: number;
}

/**
 * A pattern that is flags, one lazy optional class run and the rest (gitleaks' `(?i)[\w.-]{0,50}?(?:key|…)…`):
 * its first match from a position is the rest's first match from there, with the run's characters right
 * before it (as many as `max` allows, none before the search start). The rest alone is far cheaper for RE2
 * to match than the whole (leadingRunSearch.ts). `run` and `rest` keep the leading flag groups.
 */
export interface LeadingRun {
  run: string;
  /** The most characters the run takes (Infinity for `*?`). */
  max: number;
  rest: string;
}

/** The split of `pattern` (see LeadingRun), or undefined for any other shape: several alternatives at the top
 * (the rest would bind to the last one only), a greedy run (it takes the last place the rest matches, not the
 * first), the U flag (it swaps laziness), nothing but flags after the run. */
export function leadingLazyRun(pattern: string): LeadingRun | undefined {
  if (pattern.includes('\\Q')) return undefined;
  try {
    if (topLevelBars(pattern, 0, pattern.length).length > 0) return undefined;
    let i = 0;
    for (let flag = /^\(\?[a-zA-Z-]+\)/.exec(pattern); flag; flag = /^\(\?[a-zA-Z-]+\)/.exec(pattern.slice(i))) i += flag[0].length;
    const flags = pattern.slice(0, i);
    if (flags.includes('U')) return undefined;
    const atomEnd = skipAtom(pattern, i, pattern.length);
    const repeat = quantifier(pattern, atomEnd, pattern.length);
    if (!repeat || repeat.min !== 0 || !repeat.lazy || !isClassAtom(pattern.slice(i, atomEnd))) return undefined;
    const rest = pattern.slice(repeat.end);
    if (/^(?:\(\?[a-zA-Z-]+\))*$/.test(rest)) return undefined;
    return { run: flags + pattern.slice(i, atomEnd), max: repeat.max, rest: flags + rest };
  } catch {
    return undefined;
  }
}

/** Counted repetitions whose bounds differ by less than this keep them: they add fewer states, and widening
 * them lets the probe take more that the pattern does not. gitleaks' `key[ \t\w.-]{0,20}` is widened: that
 * halved the probe's cost in the first scan after loading gitleaks' default config, and its generic rules search
 * what the probe lets through with their rest anchored (leadingRunSearch.ts), not whole. */
const MIN_RELAXED_SPAN = 16;

/**
 * The probe for `pattern`, or undefined when neither step changes it, when an alternative would be left
 * with nothing, or when the pattern is not understood (`\Q…\E` quoting, unbalanced groups).
 */
export function regexProbe(pattern: string): RegexProbe | undefined {
  if (pattern.includes('\\Q')) return undefined;
  let stripped: Stripped | undefined;
  let relaxed: string;
  try {
    stripped = stripAlternation(pattern, 0, pattern.length);
    if (!stripped) return undefined;
    relaxed = relaxCounts(stripped.text);
  } catch {
    return undefined;
  }
  if (!stripped.changed && relaxed === pattern) return undefined;
  return { probe: relaxed, maxDropped: stripped.dropped };
}

/** `X{m,n}` → `X{m,}` (`*` for m = 0, `+` for m = 1) wherever n - m ≥ MIN_RELAXED_SPAN; laziness dropped with it. */
export function relaxCounts(pattern: string): string {
  let out = '';
  for (let i = 0; i < pattern.length; ) {
    const c = pattern[i];
    if (c === '[') {
      const end = classEnd(pattern, i) + 1;
      out += pattern.slice(i, end);
      i = end;
      continue;
    }
    if (c === '\\') {
      const end = skipAtom(pattern, i, pattern.length);
      out += pattern.slice(i, end);
      i = end;
      continue;
    }
    const counted = c === '{' ? /^\{(\d+),(\d+)\}\??/.exec(pattern.slice(i)) : null;
    if (counted && Number(counted[2]) - Number(counted[1]) >= MIN_RELAXED_SPAN) {
      const min = Number(counted[1]);
      out += min === 0 ? '*' : min === 1 ? '+' : `{${min},}`;
      i += counted[0].length;
      continue;
    }
    out += c;
    i++;
  }
  return out;
}

interface Stripped {
  text: string;
  /** The most characters the deleted pieces of any one alternative could match (0: nothing deleted). */
  dropped: number;
  /** Something was deleted. */
  changed: boolean;
}

/** Each alternative of s[from, to) stripped on its own (a match of the whole is a match of one of them). */
function stripAlternation(s: string, from: number, to: number): Stripped | undefined {
  const bars = topLevelBars(s, from, to);
  const bounds = [from, ...bars.map((b) => b + 1)];
  const parts: string[] = [];
  let dropped = 0;
  let changed = false;
  for (let k = 0; k < bounds.length; k++) {
    const end = k + 1 < bounds.length ? bounds[k + 1] - 1 : to;
    const part = stripSequence(s, bounds[k], end);
    if (!part) return undefined;
    parts.push(part.text);
    dropped = Math.max(dropped, part.dropped);
    changed ||= part.changed;
  }
  return { text: parts.join('|'), dropped, changed };
}

/** One alternative: leading flag groups kept, optional class runs deleted, then into a leading group. */
function stripSequence(s: string, from: number, to: number): Stripped | undefined {
  let out = '';
  let dropped = 0;
  let changed = false;
  let descended = false;
  let i = from;
  while (i < to) {
    const flagsOnly = /^\(\?[a-zA-Z-]+\)/.exec(s.slice(i, to));
    if (flagsOnly) {
      // (?i) alone sets flags for what follows: it stays, in order, so every kept piece reads the same flags.
      out += flagsOnly[0];
      i += flagsOnly[0].length;
      continue;
    }
    const atomEnd = skipAtom(s, i, to);
    const repeat = quantifier(s, atomEnd, to);
    if (repeat && repeat.min === 0 && isClassAtom(s.slice(i, atomEnd))) {
      dropped += repeat.max;
      changed = true;
      i = repeat.end;
      continue;
    }
    if (!repeat && s[i] === '(') {
      // A group matched once: its own leading pieces may go too (a repeated or optional one must stay whole).
      const opener = /^\((?:\?(?:P?<[A-Za-z_]\w*>|[a-zA-Z-]*:))?/.exec(s.slice(i))![0];
      const inner = stripAlternation(s, i + opener.length, atomEnd - 1);
      if (inner?.changed) {
        out += `${opener}${inner.text})`;
        dropped += inner.dropped;
        changed = descended = true;
        i = atomEnd;
      }
    }
    break;
  }
  const rest = s.slice(i, to);
  // An alternative left empty (or with flags only) matches everywhere: no use as a probe.
  if (changed && !descended && rest.length === 0) return undefined;
  return { text: out + rest, dropped, changed };
}

/** A piece that matches one character of a set: `[…]`, `.`, `\w`, `\d`, `\s` (and complements), `\pL`, `\p{…}`. */
function isClassAtom(atom: string): boolean {
  return atom === '.' || atom.startsWith('[') || /^\\(?:[wWdDsS]|[pP](?:[A-Za-z]|\{\^?\w+\}))$/.test(atom);
}

/** The end of the atom starting at s[i]. */
function skipAtom(s: string, i: number, to: number): number {
  const c = s[i];
  if (c === '[') return classEnd(s, i) + 1;
  if (c === '\\') {
    const rest = s.slice(i + 1);
    const long = /^(?:x\{[0-9a-fA-F]+\}|x[0-9a-fA-F]{2}|[pP]\{\^?\w+\}|[pP][A-Za-z]|[0-7]{1,3})/.exec(rest);
    if (long) return i + 1 + long[0].length;
    if (i + 1 >= to) throw new Error('trailing backslash');
    return i + 2;
  }
  if (c === '(') {
    let depth = 0;
    for (let k = i; k < to; k++) {
      if (s[k] === '\\') k++;
      else if (s[k] === '[') k = classEnd(s, k);
      else if (s[k] === '(') depth++;
      else if (s[k] === ')' && --depth === 0) return k + 1;
    }
    throw new Error('unclosed group');
  }
  return i + 1;
}

/** Index of the `]` closing the class that opens at s[i] (`[]a]` and `[^]a]` hold a `]`; `[[:alpha:]]`). */
function classEnd(s: string, i: number): number {
  let k = i + 1;
  if (s[k] === '^') k++;
  if (s[k] === ']') k++;
  for (; k < s.length; k++) {
    if (s[k] === '\\') k++;
    else if (s[k] === '[' && s[k + 1] === ':') {
      const close = s.indexOf(':]', k + 2);
      if (close < 0) throw new Error('bad class');
      k = close + 1;
    } else if (s[k] === ']') return k;
  }
  throw new Error('unclosed class');
}

/** The repetition after an atom (`*`, `+`, `?`, `{n}`, `{n,}`, `{n,m}`, each maybe lazy), if any. */
function quantifier(s: string, i: number, to: number): { min: number; max: number; end: number; lazy: boolean } | undefined {
  const m = /^(?:([*+?])|\{(\d+)(?:(,)(\d*))?\})(\??)/.exec(s.slice(i, to));
  if (!m) return undefined;
  const lazy = m[5] === '?';
  if (m[1]) return { min: m[1] === '+' ? 1 : 0, max: m[1] === '?' ? 1 : Infinity, end: i + m[0].length, lazy };
  const min = Number(m[2]);
  const max = m[3] === undefined ? min : m[4] === '' ? Infinity : Number(m[4]);
  return { min, max, end: i + m[0].length, lazy };
}

/** Positions of the `|` separating the alternatives of s[from, to) (not inside groups, classes or escapes). */
function topLevelBars(s: string, from: number, to: number): number[] {
  const bars: number[] = [];
  let depth = 0;
  for (let k = from; k < to; k++) {
    if (s[k] === '\\') k++;
    else if (s[k] === '[') k = classEnd(s, k);
    else if (s[k] === '(') depth++;
    else if (s[k] === ')') depth--;
    else if (s[k] === '|' && depth === 0) bars.push(k);
  }
  return bars;
}

/**
 * `pattern` with every counted repetition cut to at most 2, for checking at load that RE2 accepts a pattern
 * compiled only on first use: syntax, classes, groups and flags are unchanged, and the program RE2 builds is
 * small. Undefined when the counts themselves decide (over RE2's limit of 1,000, min over max, a count on a
 * group: nested repetitions have a limit of their own).
 */
export function smallCounts(pattern: string): string | undefined {
  let out = '';
  for (let i = 0; i < pattern.length; ) {
    const c = pattern[i];
    if (c === '[' || c === '\\') {
      const end = c === '[' ? classEnd(pattern, i) + 1 : skipAtom(pattern, i, pattern.length);
      out += pattern.slice(i, end);
      i = end;
      continue;
    }
    const counted = c === '{' ? /^\{(\d+)(?:(,)(\d*))?\}/.exec(pattern.slice(i)) : null;
    if (!counted) {
      out += c;
      i++;
      continue;
    }
    const min = Number(counted[1]);
    const max = counted[2] === undefined ? min : counted[3] === '' ? Infinity : Number(counted[3]);
    if (min > 1000 || (max !== Infinity && max > 1000) || min > max || pattern[i - 1] === ')') return undefined;
    out += counted[2] === undefined ? `{${Math.min(min, 2)}}` : `{${Math.min(min, 2)},${max === Infinity ? '' : Math.min(max, 2)}}`;
    i += counted[0].length;
  }
  return out;
}
