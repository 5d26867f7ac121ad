// Long runs of one character class (base64 alphabets, base58), found without reading every character: a
// run of at least `min` members covers every position `min - 1` past its start, so a probe there that is
// not a member skips `min` characters at once. Pure; shared by the encoded pass and the rules that need
// such a run to match (engine/requiredRuns.ts).

/** Membership of the 128 ASCII codes in a character class (no code above 127 is ever a member). */
export type CharClass = Uint8Array;

export function charClass(members: string): CharClass {
  const table = new Uint8Array(128);
  for (const char of members) {
    const code = char.charCodeAt(0);
    if (code >= 128) throw new Error(`character class member ${JSON.stringify(char)} is not ASCII`);
    table[code] = 1;
  }
  return table;
}

const isMember = (members: CharClass, code: number) => code < 128 && members[code] === 1;

/** Every maximal run of `members` holding at least `min` characters that starts in [from, to), as [start,
 * end) spans in order; a run crossing `to` is followed to its end, and one crossing `from` starts there. */
export function longRuns(text: string, from: number, to: number, members: CharClass, min: number): Array<[number, number]> {
  const runs: Array<[number, number]> = [];
  const length = text.length;
  const reach = Math.max(1, min) - 1;
  // Invariant: no run starts in [from, i) unreported, and text[i - 1] is not a member (or i is `from`).
  let i = from;
  while (i < to) {
    const probe = i + reach;
    if (probe < length) {
      if (!isMember(members, text.charCodeAt(probe))) {
        i = probe + 1;
        continue;
      }
      // The run holding the probe starts at or after i.
      let start = probe;
      while (start > i && isMember(members, text.charCodeAt(start - 1))) start--;
      i = start;
      if (i >= to) break;
    } else if (!isMember(members, text.charCodeAt(i))) {
      i++;
      continue;
    }
    const start = i;
    while (i < length && isMember(members, text.charCodeAt(i))) i++;
    if (i - start >= min) runs.push([start, i]);
  }
  return runs;
}
