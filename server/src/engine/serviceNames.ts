// Finds service names in text in one pass: an Aho-Corasick automaton over the dictionary's names written
// without separators ("newrelic"), that steps over `_`, `-`, `.`, spaces and tabs, so `NEW_RELIC_`,
// `new-relic`, `newRelic`, `New Relic` and `new.relic` are all one name. Letters are case-folded; any
// other character sends it back to the root. The automaton (engine/ahoCorasick.ts) is dense over a
// 36-symbol alphabet.
import { buildAutomaton, RESTART, rowTable, STAY } from './ahoCorasick';

/** a-z and 0-9; `SKIP` characters leave the state as it is; `RESET` characters restart. The search's table
 * has a column for each (no branch per character). */
const SYMBOLS = 36;
export const RESET = 36;
const SKIP = 37;
const COLUMNS = 38;
export const CODE = new Uint8Array(128).fill(RESET);
for (let c = 0; c < 26; c++) {
  CODE[97 + c] = c;
  CODE[65 + c] = c;
}
for (let d = 0; d < 10; d++) CODE[48 + d] = 26 + d;
for (const c of '_-. \t') CODE[c.charCodeAt(0)] = SKIP;

/** Lower-case letters and digits only: the form names are compiled and compared in. */
export function normalizeName(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, '');
}

const isAlnum = (code: number) => code < 128 && CODE[code] < SYMBOLS;
const isUpper = (code: number) => code >= 65 && code <= 90;
const isLower = (code: number) => code >= 97 && code <= 122;

export interface NameHit {
  /** Index into the names the matcher was built from. */
  name: number;
  /** Raw span of the name in the text (separators inside it included). */
  start: number;
  end: number;
}

export class ServiceNameMatcher {
  /** Per state and column (CODE), the next state's row offset (state * COLUMNS) plus 1 when names end in it. */
  readonly rows: Int32Array;
  private readonly outputStarts: Int32Array;
  private readonly outputWords: Int32Array;
  private readonly lengths: number[];

  /** `names` must already be normalized (see normalizeName) and non-empty. */
  constructor(readonly names: readonly string[]) {
    this.lengths = names.map((n) => n.length);
    const symbols = names.map((name) =>
      Array.from(name, (char) => {
        const code = CODE[char.charCodeAt(0)];
        if (code === undefined || code >= SYMBOLS) throw new Error(`service name "${name}" is not normalized`);
        return code;
      }),
    );
    const automaton = buildAutomaton(symbols, SYMBOLS);
    ({ outputStarts: this.outputStarts, outputWords: this.outputWords } = automaton);
    this.rows = rowTable(automaton, COLUMNS, (column) => (column === RESET ? RESTART : column === SKIP ? STAY : column));
  }

  /** Every name that starts on a word boundary in text[from, to) (`to` bounds where names may end). Names
   * inside longer words (`box` in `inbox`) are left out; camelCase parts (`myBox`) count. */
  search(text: string, from: number, to: number): NameHit[] {
    const hits: NameHit[] = [];
    const { rows } = this;
    let row = 0;
    for (let i = from; i < to; i++) {
      const char = text.charCodeAt(i);
      const next = rows[row + (char < 128 ? CODE[char] : RESET)];
      row = next & ~1;
      if ((next & 1) !== 0) this.record(hits, text, row, i, from);
    }
    return hits;
  }

  /** Records the names ending at text[i], where the search reached `row` (a row whose entry had the flag bit):
   * the step `search` takes on a hit, shared with the fused first pass (engine/firstPass.ts). */
  record(hits: NameHit[], text: string, row: number, i: number, from: number): void {
    const { outputStarts, outputWords } = this;
    const state = row / COLUMNS;
    const last = outputStarts[state + 1];
    for (let k = outputStarts[state]; k < last; k++) {
      const name = outputWords[k];
      const start = this.rawStart(text, i, this.lengths[name]);
      if (start >= from && startsWord(text, start)) hits.push({ name, start, end: i + 1 });
    }
  }

  /** Walks back from the name's last character over `length` letters or digits, skipping separators. */
  private rawStart(text: string, last: number, length: number): number {
    let i = last;
    let remaining = length - 1;
    while (remaining > 0) {
      i--;
      if (isAlnum(text.charCodeAt(i))) remaining--;
    }
    return i;
  }
}

/** A name starts a word: nothing alphanumeric before it, or a camelCase hump (`myStripe`; not `HTTPStripe`, `3SCALE`). */
function startsWord(text: string, start: number): boolean {
  if (start === 0) return true;
  const before = text.charCodeAt(start - 1);
  if (!isAlnum(before)) return true;
  return isUpper(text.charCodeAt(start)) && isLower(before);
}
