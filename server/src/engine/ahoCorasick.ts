// The Aho-Corasick automaton both keyword passes share (engine/prefilter.ts for rule keywords,
// engine/serviceNames.ts for service names): words as symbol sequences in, a dense transition table with
// failure links folded in (a DFA: one array read per input symbol) and the words ending at each state out.

export interface Automaton {
  /** transitions[state * alphabet + symbol] = next state. */
  transitions: Int32Array;
  /** Indexes of the words that end at each state, including those reached through failure links. */
  outputs: Array<number[] | undefined>;
}

/** `words[i]` is word i as symbols in [0, alphabet). */
export function buildAutomaton(words: ReadonlyArray<ArrayLike<number>>, alphabet: number): Automaton {
  const trie: Array<Map<number, number>> = [new Map()];
  const ends: number[][] = [[]];
  words.forEach((word, index) => {
    let state = 0;
    for (let k = 0; k < word.length; k++) {
      const symbol = word[k];
      let next = trie[state].get(symbol);
      if (next === undefined) {
        next = trie.length;
        trie.push(new Map());
        ends.push([]);
        trie[state].set(symbol, next);
      }
      state = next;
    }
    ends[state].push(index);
  });

  const transitions = new Int32Array(trie.length * alphabet);
  const fail = new Int32Array(trie.length);
  const outputs: Array<number[] | undefined> = new Array(trie.length);
  // Breadth-first: a state's failure target is always complete before the state itself, so its row is
  // the failure target's row (one native copy) with the state's own children written over it.
  const queue: number[] = [0];
  for (let head = 0; head < queue.length; head++) {
    const state = queue[head];
    const failRow = fail[state] * alphabet;
    const merged = state === 0 ? ends[0] : [...ends[state], ...(outputs[fail[state]] ?? [])];
    outputs[state] = merged.length > 0 ? merged : undefined;
    if (state !== 0) transitions.copyWithin(state * alphabet, failRow, failRow + alphabet);
    for (const [symbol, child] of trie[state]) {
      fail[child] = state === 0 ? 0 : transitions[failRow + symbol];
      transitions[state * alphabet + symbol] = child;
      queue.push(child);
    }
  }
  return { transitions, outputs };
}
