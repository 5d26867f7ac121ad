// The long run of one character class that every match of a rule's pattern must hold (`[5KLc9]…{50,51}`
// needs 50 base58 characters in a row, a 64-digit hex key 64 hex digits): a text without such a run
// cannot match, and a match of a one-line pattern lies on a line holding one. scanText skips the rule, or
// runs it only on those lines. Pure; the reading is conservative: a pattern it does not fully follow
// (alternation around the run, a negated class, class escapes other than \d and \w, u/v/s flags) gets none.
import { charClass, type CharClass } from './longRuns';

/** Shorter runs are everywhere in code: looking for them costs more than it saves. */
export const MIN_REQUIRED_RUN = 20;

/** The characters of most needed runs (letters, digits and the punctuation of base64 and base64url): one
 * search for runs of these serves every class inside it. */
export const RUN_CHARACTERS = charClass('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+-/_=');

export interface RequiredRun {
  /** The class's members (ASCII only; never a line break). */
  members: CharClass;
  min: number;
  /** Every member is one of RUN_CHARACTERS. */
  withinRunCharacters: boolean;
  /** Tells apart runs of different classes or lengths (rules needing the same run share one search). */
  key: string;
}

const cache = new WeakMap<RegExp, RequiredRun | null>();

/** The longest class run every match of `regex` holds, when it is at least MIN_REQUIRED_RUN long. */
export function requiredRun(regex: RegExp): RequiredRun | undefined {
  let known = cache.get(regex);
  if (known === undefined) {
    known = /^[dgimy]*$/.test(regex.flags) ? longestRun(regex.source, regex.flags.includes('i')) : null;
    cache.set(regex, known);
  }
  return known ?? undefined;
}

function longestRun(source: string, ignoreCase: boolean): RequiredRun | null {
  let best: { members: string; min: number } | undefined;
  try {
    for (const candidate of mandatoryClasses(source, 0, source.length)) if (!best || candidate.min > best.min) best = candidate;
  } catch {
    return null;
  }
  if (!best || best.min < MIN_REQUIRED_RUN) return null;
  let members = best.members;
  if (ignoreCase) members = [...new Set(members + members.toUpperCase() + members.toLowerCase())].join('');
  if (members.includes('\n') || members.includes('\r') || [...members].some((c) => c.charCodeAt(0) >= 128)) return null;
  const sorted = [...members].sort().join('');
  const table = charClass(sorted);
  return { members: table, min: best.min, withinRunCharacters: table.every((member, code) => member === 0 || RUN_CHARACTERS[code] === 1), key: `${best.min}:${sorted}` };
}

/** Thrown where the reading stops: the caller then claims nothing. */
class Unreadable extends Error {}

/** Quantified classes that every match of source[start, end) (a sequence, or an alternation: then none)
 * must match, each with its minimum repeat count. */
function mandatoryClasses(source: string, start: number, end: number): Array<{ members: string; min: number }> {
  const found: Array<{ members: string; min: number }> = [];
  if (topLevelBars(source, start, end)) return found;
  let i = start;
  while (i < end) {
    const c = source[i];
    if (c === '[') {
      const close = classClose(source, i);
      const members = classMembers(source, i + 1, close);
      const quantifier = readQuantifier(source, close + 1);
      if (members !== undefined && quantifier.min >= 1) found.push({ members, min: quantifier.min });
      i = quantifier.end;
    } else if (c === '(') {
      const close = groupClose(source, i);
      const quantifier = readQuantifier(source, close + 1);
      const lookaround = /^\(\?(?:=|!|<=|<!)/.test(source.slice(i, i + 4));
      if (!lookaround && quantifier.min >= 1) {
        const bodyStart = source.startsWith('(?:', i) ? i + 3 : source.startsWith('(?<', i) ? source.indexOf('>', i) + 1 : source[i + 1] === '?' ? -1 : i + 1;
        if (bodyStart < 0) throw new Unreadable();
        found.push(...mandatoryClasses(source, bodyStart, close));
      }
      i = quantifier.end;
    } else if (c === '\\') {
      i = readQuantifier(source, escapeEnd(source, i)).end;
    } else if (c === ')' || c === '|') {
      throw new Unreadable();
    } else {
      i = readQuantifier(source, i + 1).end;
    }
  }
  return found;
}

/** Whether source[start, end) has a `|` outside any group or class. */
function topLevelBars(source: string, start: number, end: number): boolean {
  for (let i = start; i < end; ) {
    const c = source[i];
    if (c === '|') return true;
    if (c === '\\') i = escapeEnd(source, i);
    else if (c === '[') i = classClose(source, i) + 1;
    else if (c === '(') i = groupClose(source, i) + 1;
    else i++;
  }
  return false;
}

/** The `]` closing the class opening at source[open]. */
function classClose(source: string, open: number): number {
  let i = open + 1;
  if (source[i] === '^') i++;
  if (source[i] === ']') throw new Unreadable(); // `[]` / `[^]`
  while (i < source.length && source[i] !== ']') i += source[i] === '\\' ? 2 : 1;
  if (i >= source.length) throw new Unreadable();
  return i;
}

/** The `)` closing the group opening at source[open]. */
function groupClose(source: string, open: number): number {
  let depth = 0;
  for (let i = open; i < source.length; ) {
    const c = source[i];
    if (c === '\\') i = escapeEnd(source, i);
    else if (c === '[') i = classClose(source, i) + 1;
    else {
      if (c === '(') depth++;
      else if (c === ')' && --depth === 0) return i;
      i++;
    }
  }
  throw new Unreadable();
}

function escapeEnd(source: string, at: number): number {
  const next = source[at + 1];
  if (next === undefined) throw new Unreadable();
  if (next === 'x') return at + 4;
  if (next === 'u') return source[at + 2] === '{' ? source.indexOf('}', at) + 1 : at + 6;
  if (next === 'c') return at + 3;
  if (next === 'k' && source[at + 2] === '<') return source.indexOf('>', at) + 1;
  return at + 2;
}

/** The minimum of the quantifier at source[at] (1 when there is none) and where it ends. */
function readQuantifier(source: string, at: number): { min: number; end: number } {
  let min = 1;
  let end = at;
  const c = source[at];
  if (c === '*' || c === '?') [min, end] = [0, at + 1];
  else if (c === '+') end = at + 1;
  else if (c === '{') {
    const braces = /^\{(\d+)(,\d*)?\}/.exec(source.slice(at, at + 24));
    if (braces) [min, end] = [Number(braces[1]), at + braces[0].length];
  }
  if (end > at && source[end] === '?') end++;
  return { min, end };
}

/** The characters of the class body source[start, end), or undefined when it is negated or holds what
 * this reading does not follow. */
function classMembers(source: string, start: number, end: number): string | undefined {
  if (source[start] === '^') return undefined;
  let members = '';
  let i = start;
  const atom = (): string | undefined => {
    const c = source[i];
    if (c !== '\\') {
      i++;
      return c;
    }
    const next = source[i + 1];
    i += 2;
    if (next === 'd') return '0123456789';
    if (next === 'w') return 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_';
    // Identity escapes of punctuation only: letters and digits after `\` mean something else.
    return /[A-Za-z0-9]/.test(next) ? undefined : next;
  };
  while (i < end) {
    const first = atom();
    if (first === undefined) return undefined;
    if (source[i] === '-' && i + 1 < end && first.length === 1) {
      i++;
      const last = atom();
      if (last === undefined || last.length !== 1 || last < first) return undefined;
      for (let code = first.charCodeAt(0); code <= last.charCodeAt(0); code++) members += String.fromCharCode(code);
    } else members += first;
  }
  return members;
}
