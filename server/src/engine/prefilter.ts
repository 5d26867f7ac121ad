// Keyword prefilter: one Aho-Corasick pass over the text says which keywords occur, so only the rules
// that can match run their regexes. The automaton is compiled to a dense ASCII transition table (a DFA),
// so the pass costs one array read per character; it is case-insensitive and never copies the text.

/** Keywords are ASCII; any other character sends the automaton back to its root. */
const ALPHABET = 128;

export class KeywordPrefilter {
  readonly keywords: readonly string[];
  /** transitions[state * ALPHABET + char] = next state (failure links already folded in). */
  private readonly transitions: Int32Array;
  /** Keyword indexes that end at each state, including those reached through failure links. */
  private readonly outputs: Array<number[] | undefined>;
  private readonly lengths: number[];

  constructor(keywords: readonly string[]) {
    this.keywords = keywords;
    this.lengths = keywords.map((keyword) => keyword.length);
    const trie: Array<Map<number, number>> = [new Map()];
    const ends: number[][] = [[]];
    keywords.forEach((keyword, index) => {
      let state = 0;
      for (const char of keyword.toLowerCase()) {
        const code = char.charCodeAt(0);
        if (code >= ALPHABET) throw new Error(`keyword "${keyword}" is not ASCII`);
        let next = trie[state].get(code);
        if (next === undefined) {
          next = trie.length;
          trie.push(new Map());
          ends.push([]);
          trie[state].set(code, next);
        }
        state = next;
      }
      ends[state].push(index);
    });

    const transitions = new Int32Array(trie.length * ALPHABET);
    const fail = new Int32Array(trie.length);
    const outputs: Array<number[] | undefined> = new Array(trie.length);
    // Breadth-first: a state's failure target is always complete before the state itself.
    const queue: number[] = [0];
    for (let head = 0; head < queue.length; head++) {
      const state = queue[head];
      const merged = [...ends[state], ...(state === 0 ? [] : outputs[fail[state]] ?? [])];
      outputs[state] = merged.length > 0 ? merged : undefined;
      for (let code = 0; code < ALPHABET; code++) {
        const child = trie[state].get(code);
        if (child !== undefined) {
          fail[child] = state === 0 ? 0 : transitions[fail[state] * ALPHABET + code];
          transitions[state * ALPHABET + code] = child;
          queue.push(child);
        } else {
          transitions[state * ALPHABET + code] = state === 0 ? 0 : transitions[fail[state] * ALPHABET + code];
        }
      }
    }
    this.transitions = transitions;
    this.outputs = outputs;
  }

  /** Indexes (into `keywords`) of every keyword present in text[from, to). */
  search(text: string, from = 0, to = text.length): Set<number> {
    const found = new Set<number>();
    const { transitions, outputs } = this;
    let state = 0;
    for (let i = from; i < to; i++) {
      let code = text.charCodeAt(i);
      if (code >= ALPHABET) {
        state = 0;
        continue;
      }
      if (code >= 65 && code <= 90) code |= 0x20;
      state = transitions[state * ALPHABET + code];
      const hits = outputs[state];
      if (hits !== undefined) for (let k = 0; k < hits.length; k++) found.add(hits[k]);
    }
    return found;
  }

  /** Like `search`, with where each keyword starts: its first `maxHits + 1` start offsets, so a list
   * longer than `maxHits` says the keyword is too frequent to be worth windowing. */
  locate(text: string, from: number, to: number, maxHits: number): Map<number, number[]> {
    const found = new Map<number, number[]>();
    const { transitions, outputs, lengths } = this;
    let state = 0;
    for (let i = from; i < to; i++) {
      let code = text.charCodeAt(i);
      if (code >= ALPHABET) {
        state = 0;
        continue;
      }
      if (code >= 65 && code <= 90) code |= 0x20;
      state = transitions[state * ALPHABET + code];
      const hits = outputs[state];
      if (hits === undefined) continue;
      for (let k = 0; k < hits.length; k++) {
        const keyword = hits[k];
        const starts = found.get(keyword);
        if (starts === undefined) found.set(keyword, [i + 1 - lengths[keyword]]);
        else if (starts.length <= maxHits) starts.push(i + 1 - lengths[keyword]);
      }
    }
    return found;
  }
}
