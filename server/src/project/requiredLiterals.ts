// Keywords derived from a workspace pattern (RE2/Go syntax): lower-case strings one of which every match
// contains. A gitleaks rule without `keywords` (its default config's database-password) otherwise runs RE2 on
// every line of every file; with derived keywords it joins the keyword prefilter like any other rule, and
// finds exactly what it found before. Pure analysis of the pattern's text: it never runs it.
//
// Conservative: a construct it does not understand (a wide class, an unbounded repeat, an escape it does not
// know) constrains nothing, so the answer is at worst "no keywords", never a keyword some match lacks.

/** What is known of the strings a piece of pattern matches (all lower-cased). */
interface Info {
  /** Every string it can match, when that is a small finite set. */
  exact?: Set<string>;
  /** Strings one of which every match contains, when known. */
  required?: Set<string>;
}

/** Largest exact set kept; strings are cut to this length when they become a required set. */
const MAX_SET = 32;
const MAX_LENGTH = 24;
/** Derived keywords shorter than this select too many lines to be worth it. */
const MIN_KEYWORD = 3;
/** Classes of at most this many characters count as alternatives (`[Aa]`, `[_-]`). */
const MAX_CLASS = 4;

const UNKNOWN: Info = {};
const EMPTY: Info = { exact: new Set(['']) };

/** Lower-case ASCII keywords every match of `pattern` contains, or [] when none can be derived. */
export function requiredLiterals(pattern: string): string[] {
  // \Q…\E quotes metacharacters, which the parser below would read as syntax.
  if (pattern.includes('\\Q')) return [];
  let info: Info;
  try {
    const parser = new Parser(pattern);
    info = parser.alternation();
    if (parser.i < pattern.length) return [];
  } catch {
    return [];
  }
  const best = pick([info.required, info.exact]);
  return best ? [...best].sort() : [];
}

/** The most selective usable set: every string ASCII and at least MIN_KEYWORD long; longer shortest string wins, then fewer strings. */
function pick(sets: Array<Set<string> | undefined>): Set<string> | undefined {
  let best: Set<string> | undefined;
  let bestScore = -1;
  for (const set of sets) {
    if (!set || set.size === 0) continue;
    const strings = [...set];
    // eslint-disable-next-line no-control-regex
    if (strings.some((s) => !/^[\x00-\x7f]*$/.test(s))) continue;
    const shortest = Math.min(...strings.map((s) => s.length));
    if (shortest < MIN_KEYWORD) continue;
    const score = Math.min(shortest, 8) * 100 - strings.length;
    if (score > bestScore) {
      best = set;
      bestScore = score;
    }
  }
  return best;
}

function product(a: Set<string>, b: Set<string>): Set<string> | undefined {
  if (a.size * b.size > MAX_SET) return undefined;
  const out = new Set<string>();
  for (const x of a) for (const y of b) out.add(x + y);
  return out;
}

const cut = (set: Set<string>) => new Set([...set].map((s) => s.slice(0, MAX_LENGTH)));

function concat(parts: Info[]): Info {
  let run: Set<string> | undefined = new Set(['']);
  let whole = true;
  const candidates: Array<Set<string> | undefined> = [];
  for (const part of parts) {
    candidates.push(part.required);
    const next: Set<string> | undefined = part.exact && run ? product(run, part.exact) : undefined;
    if (next && Math.max(...[...next].map((s) => s.length)) <= MAX_LENGTH * 2) {
      run = next;
      continue;
    }
    // The run of exactly known pieces ends here: what it matched is one of its strings.
    if (run) candidates.push(cut(run));
    whole = false;
    run = part.exact ? new Set(part.exact) : new Set(['']);
  }
  if (run) candidates.push(cut(run));
  return { exact: whole ? run : undefined, required: pick(candidates) };
}

function alternate(alternatives: Info[]): Info {
  let exact: Set<string> | undefined = new Set();
  for (const a of alternatives) {
    if (!a.exact || !exact || exact.size + a.exact.size > MAX_SET) exact = undefined;
    else for (const s of a.exact) exact.add(s);
  }
  // Every alternative must contribute: one without a constraint lets any match through.
  const required = new Set<string>();
  for (const a of alternatives) {
    const own = pick([a.required, a.exact && cut(a.exact)]);
    if (!own) return { exact, required: undefined };
    for (const s of own) required.add(s);
  }
  return { exact, required: required.size <= MAX_SET ? required : undefined };
}

function repeat(info: Info, min: number, max: number): Info {
  if (min === 0) {
    if (max === 1 && info.exact && info.exact.size < MAX_SET) return { exact: new Set(['', ...info.exact]) };
    return UNKNOWN;
  }
  // At least once: the piece's own constraint holds; its exact strings only when it repeats a fixed small number of times.
  const required = pick([info.required, info.exact && cut(info.exact)]);
  if (min === max && info.exact && min <= 4) {
    let exact: Set<string> | undefined = new Set(['']);
    for (let i = 0; i < min && exact; i++) exact = product(exact, info.exact);
    if (exact) return { exact, required };
  }
  return { required };
}

class Parser {
  i = 0;
  constructor(private readonly s: string) {}

  alternation(): Info {
    const alternatives = [this.sequence()];
    while (this.s[this.i] === '|') {
      this.i++;
      alternatives.push(this.sequence());
    }
    return alternatives.length === 1 ? alternatives[0] : alternate(alternatives);
  }

  private sequence(): Info {
    const parts: Info[] = [];
    while (this.i < this.s.length && this.s[this.i] !== '|' && this.s[this.i] !== ')') {
      const atom = this.atom();
      parts.push(this.quantified(atom));
    }
    return parts.length === 1 ? parts[0] : concat(parts);
  }

  private quantified(atom: Info): Info {
    const c = this.s[this.i];
    let min: number;
    let max: number;
    if (c === '*' || c === '+' || c === '?') {
      this.i++;
      [min, max] = c === '*' ? [0, Infinity] : c === '+' ? [1, Infinity] : [0, 1];
    } else if (c === '{' && /^\{\d+(?:,\d*)?\}/.test(this.s.slice(this.i))) {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(this.s.slice(this.i))!;
      this.i += m[0].length;
      min = Number(m[1]);
      max = m[2] === undefined ? min : m[3] === '' ? Infinity : Number(m[3]);
    } else return atom;
    if (this.s[this.i] === '?') this.i++; // lazy: same strings
    return this.quantified(repeat(atom, min, max));
  }

  private atom(): Info {
    const c = this.s[this.i];
    if (c === '(') return this.group();
    if (c === '[') return this.charClass();
    if (c === '\\') return this.escape();
    this.i++;
    if (c === '.') return UNKNOWN;
    if (c === '^' || c === '$') return EMPTY;
    return { exact: new Set([c.toLowerCase()]) };
  }

  private group(): Info {
    this.i++;
    if (this.s[this.i] === '?') {
      // (?flags) alone, (?flags:…), (?P<name>…), (?<name>…); flags only change case, which lower-casing covers.
      const flags = /^\?[a-zA-Z-]*(?=[:)])/.exec(this.s.slice(this.i));
      const named = /^\?P?<[A-Za-z_][\w]*>/.exec(this.s.slice(this.i));
      if (flags) {
        this.i += flags[0].length;
        if (this.s[this.i] === ')') {
          this.i++;
          return EMPTY;
        }
        this.i++; // ':'
      } else if (named) this.i += named[0].length;
      else throw new Error('unsupported group');
    }
    const inner = this.alternation();
    if (this.s[this.i] !== ')') throw new Error('unclosed group');
    this.i++;
    return inner;
  }

  private charClass(): Info {
    const end = this.classEnd();
    const body = this.s.slice(this.i + 1, end);
    this.i = end + 1;
    if (body.startsWith('^') || /\\[dDwWsSpP]|\[:/.test(body)) return UNKNOWN;
    const chars = new Set<string>();
    for (let k = 0; k < body.length; k++) {
      let ch = body[k];
      if (ch === '\\') {
        const next = body[++k];
        if (!next || /[0-9a-zA-Z]/.test(next)) return UNKNOWN; // \x60, \n, … : not worth decoding here
        ch = next;
      }
      if (body[k + 1] === '-' && k + 2 < body.length) return UNKNOWN; // a range
      chars.add(ch.toLowerCase());
      if (chars.size > MAX_CLASS) return UNKNOWN;
    }
    return chars.size > 0 ? { exact: chars } : UNKNOWN;
  }

  /** Index of the `]` closing the class at this.i. */
  private classEnd(): number {
    let k = this.i + 1;
    if (this.s[k] === '^') k++;
    if (this.s[k] === ']') k++;
    for (; k < this.s.length; k++) {
      if (this.s[k] === '\\') k++;
      else if (this.s[k] === '[' && this.s[k + 1] === ':') {
        const close = this.s.indexOf(':]', k + 2);
        if (close < 0) throw new Error('bad class');
        k = close + 1;
      } else if (this.s[k] === ']') return k;
    }
    throw new Error('unclosed class');
  }

  private escape(): Info {
    const next = this.s[this.i + 1];
    if (next === undefined) throw new Error('trailing backslash');
    this.i += 2;
    if ('bBAz'.includes(next)) return EMPTY;
    if (next === 'x') {
      const hex = /^(?:\{([0-9a-fA-F]+)\}|([0-9a-fA-F]{2}))/.exec(this.s.slice(this.i));
      if (!hex) throw new Error('bad \\x');
      this.i += hex[0].length;
      return { exact: new Set([String.fromCodePoint(parseInt(hex[1] ?? hex[2], 16)).toLowerCase()]) };
    }
    if (next === 'p' || next === 'P') {
      if (this.s[this.i] === '{') this.i = this.s.indexOf('}', this.i) + 1;
      else this.i++;
      return UNKNOWN;
    }
    if (/[0-9a-zA-Z]/.test(next)) return UNKNOWN; // \d, \w, \s, \n, \t, \Q…: a class or a control character
    return { exact: new Set([next.toLowerCase()]) };
  }
}
