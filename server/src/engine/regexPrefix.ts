// A guard for rule regexes: the few character sequences every match must start with, put in front of the
// pattern as a lookahead. V8 tries a pattern at every position; a generic rule that opens with a large
// lookbehind (`(?<!public|site|…)(?:[Ss]ecret|…)`) pays for that lookbehind at every one, while a lookahead
// on `[Ss]ecr|[Tt]oke|…` fails at once on ordinary text. The lookahead consumes nothing and only refuses
// positions where no match can start, so matches, groups and indices are unchanged.
//
// The analysis is conservative: a sequence may be cut short at any point (a shorter prefix admits more), and
// anything it does not understand (a backreference, a token that can start with anything) either ends the
// sequence or gives up on the pattern.

/** Characters per sequence: enough to be selective, few enough to keep the alternation short. */
const MAX_LENGTH = 4;
/** Sequences in the guard at most; past this the analysis stops lengthening them. */
const MAX_SEQUENCES = 48;

/** One way a match can start: atoms (the source of one character each: `a`, `[Ss]`, `\d`, `.`), and
 * whether they are the whole of what the piece matched (so the next piece may extend them). */
interface Start {
  atoms: string[];
  complete: boolean;
  /** Source characters of the look-arounds V8 evaluates before the first atom. */
  lead?: number;
}

type Starts = Start[];

const EMPTY: Starts = [{ atoms: [], complete: true }];
/** Anything at all may follow from here on (a backreference): the sequence ends. */
const UNKNOWN: Starts = [{ atoms: [], complete: false }];

// Sticky: read at the parser's position without slicing the pattern.
const QUANTIFIER = /(?:[*+?]|\{(\d+)(,(\d*))?\})\??/y;
const GROUP_HEAD = /\((?:\?(?::|=|!|<=|<!|<[A-Za-z_$][\w$]*>))?/y;
const BACKREFERENCE = /\\(?:\d+|k<[^>]*>)/y;
const ESCAPE = /\\(?:x[0-9A-Fa-f]{2}|u[0-9A-Fa-f]{4}|c[A-Za-z]|0(?![0-9])|[\s\S])/y;

class Parser {
  i = 0;
  private depth = 0;
  /** Whether the pattern is several alternatives at its top level (`a|b`). */
  topLevelAlternation = false;
  constructor(readonly source: string) {}

  private read(token: RegExp): RegExpExecArray | null {
    token.lastIndex = this.i;
    return token.exec(this.source);
  }

  /** alternative ('|' alternative)* up to a ')' or the end. */
  disjunction(): Starts {
    const result: Starts = [];
    for (;;) {
      result.push(...this.alternative());
      if (this.source[this.i] !== '|') return result;
      if (this.depth === 0) this.topLevelAlternation = true;
      this.i++;
    }
  }

  private alternative(): Starts {
    let starts = EMPTY;
    while (this.i < this.source.length && this.source[this.i] !== '|' && this.source[this.i] !== ')') {
      starts = concat(starts, this.quantified());
    }
    return starts;
  }

  /** One term and its quantifier, if any. */
  private quantified(): Starts {
    const term = this.term();
    const quantifier = this.read(QUANTIFIER);
    if (!quantifier) return term;
    this.i += quantifier[0].length;
    const kind = quantifier[0][0];
    const min = kind === '+' ? 1 : kind === '{' ? Number(quantifier[1]) : 0;
    const max = kind === '?' ? 1 : kind === '{' ? (quantifier[2] === undefined ? min : quantifier[3] === '' ? Infinity : Number(quantifier[3])) : Infinity;
    // After one repetition more may follow: the sequence ends there.
    const once = max === 1 ? term : term.map((start) => ({ ...start, complete: false }));
    return min === 0 ? [...EMPTY, ...once] : once;
  }

  private term(): Starts {
    const s = this.source;
    const c = s[this.i];
    if (c === '^' || c === '$') {
      this.i++;
      return EMPTY;
    }
    if (c === '(') return this.group();
    if (c === '[') return atom(this.characterClass());
    if (c === '\\') return this.escape();
    this.i++;
    // `{`, `}` and `]` are literals here (no quantifier followed); escaped, they stay literals anywhere.
    return atom(c === '{' || c === '}' || c === ']' ? `\\${c}` : c);
  }

  private group(): Starts {
    const s = this.source;
    const start = this.i;
    const head = this.read(GROUP_HEAD)![0];
    if (head === '(' && s[this.i + 1] === '?') throw new Error('unknown group syntax');
    this.i += head.length;
    if (head === '(?=' || head === '(?!' || head === '(?<=' || head === '(?<!') {
      // Look-arounds consume nothing; leaving their condition out only admits more.
      this.skipToGroupEnd();
      return [{ atoms: [], complete: true, lead: this.i - start }];
    }
    this.depth++;
    const inner = this.disjunction();
    this.depth--;
    if (s[this.i] !== ')') throw new Error('unbalanced group');
    this.i++;
    return inner;
  }

  /** Moves past the `)` closing the group whose content starts here (classes and escapes respected). */
  private skipToGroupEnd(): void {
    const s = this.source;
    let depth = 1;
    while (this.i < s.length) {
      const c = s[this.i];
      if (c === '\\') this.i += 2;
      else if (c === '[') this.characterClass();
      else {
        this.i++;
        if (c === '(') depth++;
        else if (c === ')' && --depth === 0) return;
      }
    }
    throw new Error('unbalanced group');
  }

  private characterClass(): string {
    const s = this.source;
    const start = this.i;
    this.i++;
    if (s[this.i] === '^') this.i++;
    while (this.i < s.length && s[this.i] !== ']') this.i += s[this.i] === '\\' ? 2 : 1;
    if (s[this.i] !== ']') throw new Error('unterminated class');
    this.i++;
    return s.slice(start, this.i);
  }

  private escape(): Starts {
    const s = this.source;
    const next = s[this.i + 1];
    if (next === undefined) throw new Error('trailing backslash');
    if (next === 'b' || next === 'B') {
      this.i += 2;
      return EMPTY;
    }
    if (/[1-9]/.test(next) || (next === 'k' && s[this.i + 2] === '<')) {
      const backreference = this.read(BACKREFERENCE)![0];
      this.i += backreference.length;
      return UNKNOWN;
    }
    const escape = this.read(ESCAPE)![0];
    this.i += escape.length;
    return atom(escape);
  }
}

const atom = (source: string): Starts => [{ atoms: [source], complete: true }];

/** Every way `first` then `second` can start; a sequence stops growing at MAX_LENGTH atoms. */
function concat(first: Starts, second: Starts): Starts {
  if (!first.some((start) => start.complete)) return first;
  const result: Starts = [];
  for (const a of first) {
    if (!a.complete) {
      result.push(a);
      continue;
    }
    for (const b of second) {
      const atoms = [...a.atoms, ...b.atoms];
      const lead = a.atoms.length === 0 ? (a.lead ?? 0) + (b.lead ?? 0) : a.lead;
      result.push(atoms.length > MAX_LENGTH ? { atoms: atoms.slice(0, MAX_LENGTH), complete: false, lead } : { atoms, complete: b.complete && atoms.length < MAX_LENGTH, lead });
    }
  }
  const reduced = minimal(result);
  // Too many ways: keep the shorter sequences we had, and stop lengthening them.
  return reduced.length > MAX_SEQUENCES ? minimal(first.map((start) => ({ ...start, complete: false }))) : reduced;
}

/** Drops duplicates and sequences that extend another one (its condition already admits them). */
function minimal(starts: Starts): Starts {
  const sorted = [...starts].sort((a, b) => a.atoms.length - b.atoms.length);
  const kept: Starts = [];
  for (const start of sorted) {
    const covered = kept.find((other) => !other.complete && other.atoms.every((atom, k) => start.atoms[k] === atom));
    const same = kept.find((other) => other.atoms.length === start.atoms.length && other.atoms.every((atom, k) => start.atoms[k] === atom));
    if (same) {
      same.complete &&= start.complete;
      same.lead = Math.max(same.lead ?? 0, start.lead ?? 0);
    }
    else if (!covered) kept.push({ ...start });
  }
  return kept;
}

/** Look-arounds shorter than this in front of a pattern cost less than a guard would (V8 already skips
 * quickly to a literal start, and a guard of many alternatives is slower than a small character class). */
const MIN_GUARDED_LEAD = 100;

/** The lookahead that every match of `pattern` satisfies where it starts (`(?=abc|de)`), or undefined when
 * some match may start with anything, or the pattern uses syntax this analysis does not read. */
export function startGuard(pattern: string): string | undefined {
  let starts: Starts;
  try {
    const parser = new Parser(pattern);
    starts = parser.disjunction();
    if (parser.i !== pattern.length) return undefined;
  } catch {
    return undefined;
  }
  starts = minimal(starts.map((start) => ({ ...start, complete: false })));
  if (starts.length === 0 || starts.some((start) => start.atoms.length === 0)) return undefined;
  return `(?=${starts.map((start) => start.atoms.join('')).join('|')})`;
}

/** How many characters of look-around source V8 evaluates, at most, before a match's first character. */
export function leadingLookaround(pattern: string): number {
  try {
    return Math.max(0, ...new Parser(pattern).disjunction().map((start) => start.lead ?? 0));
  } catch {
    return 0;
  }
}

const runnable = new WeakMap<RegExp, RegExp>();

/** The regex scanText runs for `regex`: guarded when that pays (guardedRegex), worked out on first use so
 * start-up never analyses rules that do not run. A workspace rule's RE2 stand-in is not a RegExp and has no
 * look-arounds: it runs as it is. */
export function runnableRegex(regex: RegExp): RegExp {
  if (!(regex instanceof RegExp)) return regex;
  let guarded = runnable.get(regex);
  if (!guarded) {
    guarded = guardedRegex(regex);
    runnable.set(regex, guarded);
  }
  return guarded;
}

/** `regex` with its start guard in front when look-arounds it opens with are costly, else `regex` itself.
 * A pattern anchored at line starts (`^…`) keeps its anchor first: it rejects most positions cheaper still. */
export function guardedRegex(regex: RegExp): RegExp {
  const source = regex.source;
  if (leadingLookaround(source) < MIN_GUARDED_LEAD) return regex;
  const anchored = source.startsWith('^') && !hasTopLevelAlternation(source);
  const guard = startGuard(anchored ? source.slice(1) : source);
  if (!guard) return regex;
  return new RegExp(anchored ? `^${guard}(?:${source.slice(1)})` : `${guard}(?:${source})`, regex.flags);
}

function hasTopLevelAlternation(pattern: string): boolean {
  try {
    const parser = new Parser(pattern);
    parser.disjunction();
    return parser.topLevelAlternation;
  } catch {
    return true;
  }
}
