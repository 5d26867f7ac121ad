// Keyword prefilter: one Aho-Corasick pass over the text says which keywords occur, so only the rules
// that can match run their regexes. The automaton (engine/ahoCorasick.ts) is a dense ASCII transition
// table, so the pass costs one array read per character; it is case-insensitive and never copies the text.
import { buildAutomaton, rowTable } from './ahoCorasick';

/** Keywords are ASCII; any other character sends the automaton back to its root. */
const ALPHABET = 128;

export class KeywordPrefilter {
  readonly keywords: readonly string[];
  /** The search's table: per state and ASCII code (upper case folded in), the next state's row offset
   * (state * ALPHABET), plus 1 when words end in it. One array read and no multiply per character. */
  readonly rows: Int32Array;
  private readonly outputStarts: Int32Array;
  private readonly outputWords: Int32Array;
  private readonly lengths: number[];

  constructor(keywords: readonly string[]) {
    this.keywords = keywords;
    this.lengths = keywords.map((keyword) => keyword.length);
    const symbols = keywords.map((keyword) => {
      const lower = keyword.toLowerCase();
      return Array.from(lower, (char) => {
        const code = char.charCodeAt(0);
        if (code >= ALPHABET) throw new Error(`keyword "${keyword}" is not ASCII`);
        return code;
      });
    });
    const automaton = buildAutomaton(symbols, ALPHABET);
    ({ outputStarts: this.outputStarts, outputWords: this.outputWords } = automaton);
    this.rows = rowTable(automaton, ALPHABET, (code) => (code >= 65 && code <= 90 ? code | 0x20 : code));
  }

  /** Indexes (into `keywords`) of every keyword present in text[from, to). */
  search(text: string, from = 0, to = text.length): Iterable<number> {
    return this.locate(text, from, to, 0).keys();
  }

  /** Like `search`, with where each keyword starts: its first `maxHits + 1` start offsets, so a list
   * longer than `maxHits` says the keyword is too frequent to be worth windowing; every offset of the
   * keywords flagged in `allHits`. */
  locate(text: string, from: number, to: number, maxHits: number, allHits?: Uint8Array): Map<number, number[]> {
    const found = new Map<number, number[]>();
    const { rows } = this;
    let row = 0;
    for (let i = from; i < to; i++) {
      const code = text.charCodeAt(i);
      if (code >= ALPHABET) {
        row = 0;
        continue;
      }
      const next = rows[row + code];
      row = next & ~1;
      if ((next & 1) !== 0) this.record(found, row, i, maxHits, allHits);
    }
    return found;
  }

  /** Records the keywords ending at text[i], where the search reached `row` (a row whose entry had the flag
   * bit): the step `locate` takes on a hit, shared with the fused first pass (engine/firstPass.ts). */
  record(found: Map<number, number[]>, row: number, i: number, maxHits: number, allHits: Uint8Array | undefined): void {
    const { outputStarts, outputWords, lengths } = this;
    const state = row / ALPHABET;
    const last = outputStarts[state + 1];
    for (let k = outputStarts[state]; k < last; k++) {
      const keyword = outputWords[k];
      const starts = found.get(keyword);
      if (starts === undefined) found.set(keyword, [i + 1 - lengths[keyword]]);
      else if (starts.length <= maxHits || (allHits !== undefined && allHits[keyword] === 1)) starts.push(i + 1 - lengths[keyword]);
    }
  }
}
