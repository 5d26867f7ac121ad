// The Aho-Corasick automaton both keyword passes share (engine/prefilter.ts for rule keywords,
// engine/serviceNames.ts for service names): words as symbol sequences in, a dense transition table with
// failure links folded in (a DFA: one array read per input symbol) and the words ending at each state out.

export interface Automaton {
  /** transitions[state * alphabet + symbol] = next state. */
  transitions: Int32Array;
  /** The words that end at each state, including those reached through failure links:
   * words[outputStarts[state] .. outputStarts[state + 1]) of `outputWords`. */
  outputStarts: Int32Array;
  outputWords: Int32Array;
}

/** The automaton's transitions as a search loop wants them: per state and input code, the next state's
 * row offset (state * alphabet) plus 1 when some word ends there, so a pass reads one array per character
 * and touches the outputs only at word ends. `symbolOf` maps each of the `codes` input codes to an
 * alphabet symbol (case folding), RESTART or STAY; `codes` must be even, for the flag bit. */
export function rowTable(automaton: Automaton, codes: number, symbolOf: (code: number) => number): Int32Array {
  const symbols = Int32Array.from({ length: codes }, (_, code) => symbolOf(code));
  // One table per automaton and input mapping: rule sets built again from the same words share it.
  const key = `${codes}:${symbols.join(',')}`;
  let tables = rowTables.get(automaton);
  const cached = tables?.get(key);
  if (cached) return cached;
  const { transitions, outputStarts } = automaton;
  const states = outputStarts.length - 1;
  const alphabet = transitions.length / states;
  if (codes % 2 !== 0) throw new Error('rowTable needs an even number of input codes');
  // Each target's row offset with its flag, once per state rather than once per state and code (start-up time).
  const entry = new Int32Array(states);
  for (let state = 0; state < states; state++) entry[state] = state * codes + (outputStarts[state + 1] > outputStarts[state] ? 1 : 0);
  const rows = new Int32Array(states * codes);
  for (let state = 0; state < states; state++) {
    const row = state * codes;
    const from = state * alphabet;
    for (let code = 0; code < codes; code++) {
      const symbol = symbols[code];
      // A code that restarts goes back to the root; one that is stepped over stays, and ends no word.
      rows[row + code] = symbol >= 0 ? entry[transitions[from + symbol]] : symbol === RESTART ? 0 : row;
    }
  }
  if (!tables) rowTables.set(automaton, (tables = new Map()));
  tables.set(key, rows);
  return rows;
}

const rowTables = new WeakMap<Automaton, Map<string, Int32Array>>();

/** The row tables built (or read back) for `automaton` so far, by input mapping. */
export function rowTablesOf(automaton: Automaton): ReadonlyMap<string, Int32Array> {
  return rowTables.get(automaton) ?? new Map();
}
/** What `symbolOf` returns for an input code that sends the search back to the root, or leaves it where it is. */
export const RESTART = -1;
export const STAY = -2;

/** Automata built ahead of time (the built-in rules' keywords and service names, written next to the
 * bundle at build time: engine cold code builds them slowly), by the fingerprint of what they were built from. */
const prebuilt = new Map<string, Automaton>();
/** When set, every automaton built is handed here with its fingerprint (the build writes them out). */
let recorder: ((fingerprint: string, automaton: Automaton) => void) | undefined;

/** `words[i]` is word i as symbols in [0, alphabet). */
export function buildAutomaton(words: ReadonlyArray<ArrayLike<number>>, alphabet: number): Automaton {
  const fingerprint = automatonFingerprint(words, alphabet);
  const ready = prebuilt.get(fingerprint);
  if (ready) return ready;
  const built = constructAutomaton(words, alphabet);
  recorder?.(fingerprint, built);
  return built;
}

/** Two 32-bit FNV-1a hashes (different seeds) over the alphabet, the word count and every symbol, with the
 * totals: what a prebuilt automaton must have been built from to stand in for a new one. */
export function automatonFingerprint(words: ReadonlyArray<ArrayLike<number>>, alphabet: number): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  let symbols = 0;
  const mix = (value: number) => {
    a = Math.imul(a ^ value, 0x01000193);
    b = Math.imul(b ^ (value + 0x9e37), 0x01000193);
  };
  mix(alphabet);
  mix(words.length);
  for (const word of words) {
    mix(word.length + 0x10000);
    for (let k = 0; k < word.length; k++) mix(word[k]);
    symbols += word.length;
  }
  return `${alphabet}:${words.length}:${symbols}:${(a >>> 0).toString(16)}:${(b >>> 0).toString(16)}`;
}

/** Starts (a function) or stops (undefined) recording the automata built. */
export function recordAutomata(record: ((fingerprint: string, automaton: Automaton) => void) | undefined): void {
  recorder = record;
}

/** Makes `automaton` the one buildAutomaton returns for words with this fingerprint. */
export function usePrebuiltAutomaton(fingerprint: string, automaton: Automaton): void {
  prebuilt.set(fingerprint, automaton);
}

/** Several automata in one buffer: a JSON header (fingerprints, sizes), then each one's transitions, its
 * outputs (per state an offset into one flat list of word indexes) and the row tables rowTable built for it
 * (so start-up reads them instead of filling them: about 35 ms of every process start), all 32-bit little-endian. */
export function serializeAutomata(entries: ReadonlyArray<[string, Automaton]>): Uint8Array {
  const tablesOf = (a: Automaton) => [...rowTablesOf(a)];
  const header = new TextEncoder().encode(
    JSON.stringify(
      entries.map(([fingerprint, a]) => ({
        fingerprint,
        transitions: a.transitions.length,
        states: a.outputStarts.length - 1,
        outputs: a.outputWords.length,
        rows: tablesOf(a).map(([key, rows]) => ({ key, length: rows.length })),
      })),
    ),
  );
  const headerBytes = Math.ceil((4 + header.length) / 4) * 4;
  const arrays = entries.flatMap(([, a]) => [a.transitions, a.outputStarts, a.outputWords, ...tablesOf(a).map(([, rows]) => rows)]);
  const bytes = new Uint8Array(headerBytes + arrays.reduce((sum, array) => sum + 4 * array.length, 0));
  const view = new DataView(bytes.buffer);
  view.setUint32(0, header.length, true);
  bytes.set(header, 4);
  let at = headerBytes;
  for (const array of arrays) {
    for (let i = 0; i < array.length; i++, at += 4) view.setInt32(at, array[i], true);
  }
  return bytes;
}

/** Reads what serializeAutomata wrote (views into `bytes` where they are aligned); throws on a malformed buffer. */
export function deserializeAutomata(bytes: Uint8Array): Array<[string, Automaton]> {
  if (new Uint8Array(Uint32Array.of(1).buffer)[0] !== 1) throw new Error('prebuilt automata are little-endian');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerLength = view.getUint32(0, true);
  const header = JSON.parse(new TextDecoder().decode(bytes.subarray(4, 4 + headerLength))) as Array<{
    fingerprint: string;
    transitions: number;
    states: number;
    outputs: number;
    rows?: Array<{ key: string; length: number }>;
  }>;
  let at = Math.ceil((4 + headerLength) / 4) * 4;
  const read = (length: number) => {
    if (at + 4 * length > bytes.byteLength) throw new Error('truncated automata file');
    const offset = bytes.byteOffset + at;
    at += 4 * length;
    return offset % 4 === 0 ? new Int32Array(bytes.buffer, offset, length) : new Int32Array(bytes.buffer.slice(offset, offset + 4 * length));
  };
  return header.map((entry) => {
    const automaton = { transitions: read(entry.transitions), outputStarts: read(entry.states + 1), outputWords: read(entry.outputs) };
    const tables = (entry.rows ?? []).map(({ key, length }) => [key, read(length)] as const);
    if (tables.length > 0) rowTables.set(automaton, new Map(tables));
    return [entry.fingerprint, automaton];
  });
}

function constructAutomaton(words: ReadonlyArray<ArrayLike<number>>, alphabet: number): Automaton {
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
  const outputStarts = new Int32Array(trie.length + 1);
  const outputWords: number[] = [];
  for (let state = 0; state < trie.length; state++) {
    outputStarts[state] = outputWords.length;
    for (const word of outputs[state] ?? []) outputWords.push(word);
  }
  outputStarts[trie.length] = outputWords.length;
  return { transitions, outputStarts, outputWords: Int32Array.from(outputWords) };
}
