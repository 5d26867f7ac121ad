// The first pass over a large text: the keyword automaton (engine/prefilter.ts) and the service-name
// automaton (engine/serviceNames.ts) step together in one loop, so the text is read once for both instead
// of twice. Each records its hits exactly as its own search would; only the loop is shared.
import type { KeywordPrefilter } from './prefilter';
import { CODE, RESET, type NameHit, type ServiceNameMatcher } from './serviceNames';

/** Keywords are ASCII: any other code sends the keyword automaton back to its root. */
const ALPHABET = 128;

export interface FirstPass {
  /** As KeywordPrefilter.locate(text, from, keywordsTo, maxHits, allHits). */
  keywords: Map<number, number[]>;
  /** As ServiceNameMatcher.search(text, from, namesTo); empty without a matcher. */
  names: NameHit[];
}

/** Keyword hits in text[from, keywordsTo) and service names in text[from, namesTo), in one walk. */
export function keywordsAndNames(text: string, from: number, keywordsTo: number, prefilter: KeywordPrefilter, maxHits: number, allHits: Uint8Array | undefined, matcher: ServiceNameMatcher | undefined, namesTo: number): FirstPass {
  if (!matcher) return { keywords: prefilter.locate(text, from, keywordsTo, maxHits, allHits), names: [] };
  const keywords = new Map<number, number[]>();
  const names: NameHit[] = [];
  const keywordRows = prefilter.rows;
  const nameRows = matcher.rows;
  const both = Math.min(keywordsTo, namesTo);
  let keywordRow = 0;
  let nameRow = 0;
  let i = from;
  for (; i < both; i++) {
    const code = text.charCodeAt(i);
    if (code >= ALPHABET) {
      // RESET for names too: both go back to their roots.
      keywordRow = 0;
      nameRow = 0;
      continue;
    }
    const keywordNext = keywordRows[keywordRow + code];
    keywordRow = keywordNext & ~1;
    if ((keywordNext & 1) !== 0) prefilter.record(keywords, keywordRow, i, maxHits, allHits);
    const nameNext = nameRows[nameRow + CODE[code]];
    nameRow = nameNext & ~1;
    if ((nameNext & 1) !== 0) matcher.record(names, text, nameRow, i, from);
  }
  // Whichever search reaches further goes on alone from where both stopped.
  for (let k = i; k < keywordsTo; k++) {
    const code = text.charCodeAt(k);
    if (code >= ALPHABET) {
      keywordRow = 0;
      continue;
    }
    const next = keywordRows[keywordRow + code];
    keywordRow = next & ~1;
    if ((next & 1) !== 0) prefilter.record(keywords, keywordRow, k, maxHits, allHits);
  }
  for (let k = i; k < namesTo; k++) {
    const char = text.charCodeAt(k);
    const next = nameRows[nameRow + (char < ALPHABET ? CODE[char] : RESET)];
    nameRow = next & ~1;
    if ((next & 1) !== 0) matcher.record(names, text, nameRow, k, from);
  }
  return { keywords, names };
}
