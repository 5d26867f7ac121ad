// Where a rule can match in a big text: windows of whole lines around its keyword hits. Every finding
// of a rule with keywords contains one of them (scanText checks the match), so a rule whose keywords
// are rare in a large text need only run near them instead of over all of it. Pure.

/** Lines kept on each side of a hit's line (as the incremental scanner keeps around an edit). */
const CONTEXT_LINES = 2;
/** A window reaches at most this far from its hit, so one minified line is not a whole-file window. */
const REACH = 4096;
/** Windowing pays off only when the windows cover at most this share of the range. */
const MAX_COVERED_SHARE = 0.5;

/** At most this many hits per keyword are worth windowing over a range of `length` characters. */
export function maxWindowedHits(length: number): number {
  return Math.max(8, Math.floor(length / 2048));
}

/** Merged windows [start, end) inside [from, to) around the sorted hit offsets, or undefined when they
 * would cover so much of the range that one pass over all of it is cheaper. */
export function keywordWindows(text: string, hits: readonly number[], from: number, to: number): Array<[number, number]> | undefined {
  const windows: Array<[number, number]> = [];
  const budget = (to - from) * MAX_COVERED_SHARE;
  let covered = 0;
  for (const hit of hits) {
    const last = windows[windows.length - 1];
    const start = last && hit < last[1] ? last[0] : Math.max(from, linesBefore(text, hit, Math.max(from, hit - REACH)));
    if (start >= to) continue;
    const end = Math.min(to, linesAfter(text, hit, Math.min(to, hit + REACH)));
    if (last && start <= last[1]) {
      covered += Math.max(0, end - last[1]);
      last[1] = Math.max(last[1], end);
    } else {
      covered += end - start;
      windows.push([start, end]);
    }
    if (covered > budget) return undefined;
  }
  return windows;
}

/** The windows of several keywords' hits together, from each keyword's own windows (keywordWindows): their
 * union is what keywordWindows gives for all the hits at once, and so is the verdict that they cover too much.
 * Rules share keywords, so each keyword's windows are worked out once per text. */
export function unionWindows(lists: ReadonlyArray<ReadonlyArray<readonly [number, number]> | undefined>, from: number, to: number): Array<[number, number]> | undefined {
  if (lists.some((list) => list === undefined)) return undefined;
  const union = unionBlocks(lists as ReadonlyArray<ReadonlyArray<readonly [number, number]>>);
  let covered = 0;
  for (const [start, end] of union) covered += end - start;
  return covered > (to - from) * MAX_COVERED_SHARE ? undefined : union;
}

/** The start of the line CONTEXT_LINES above the one holding `offset`, not before `floor`. */
function linesBefore(text: string, offset: number, floor: number): number {
  let newlines = 0;
  for (let i = offset - 1; i >= floor; i--) {
    if (text.charCodeAt(i) === 10 && ++newlines > CONTEXT_LINES) return i + 1;
  }
  return floor;
}

/** The end (after its newline) of the line CONTEXT_LINES below the one holding `offset`, not past `ceiling`. */
function linesAfter(text: string, offset: number, ceiling: number): number {
  let newlines = 0;
  for (let i = offset; i < ceiling; i++) {
    if (text.charCodeAt(i) === 10 && ++newlines > CONTEXT_LINES) return i + 1;
  }
  return ceiling;
}

/** The lines holding the sorted hit offsets, as merged blocks [start, end) of whole lines (`end` is past
 * the line's `\n`), cut to [lo, hi): on a line longer than the range (a minified bundle, an edit inside
 * a 50 MB line) only the range is looked at. Each line is searched for its ends once, however many hits it holds. */
export function hitLines(text: string, hits: readonly number[], lo = 0, hi = text.length): Array<[number, number]> {
  const blocks: Array<[number, number]> = [];
  let end = -1;
  for (const hit of hits) {
    if (hit < end) continue;
    const start = lineStartAt(text, hit, lo);
    end = lineEndAt(text, hit, hi);
    const last = blocks[blocks.length - 1];
    if (last && start <= last[1]) last[1] = end;
    else blocks.push([start, end]);
  }
  return blocks;
}

/** The start of the line holding `offset`, or `lo` if that is later. Searches back in growing slices: the
 * cost follows the distance to the line break, not the size of the text. */
export function lineStartAt(text: string, offset: number, lo = 0): number {
  for (let reach = 256; ; reach *= 4) {
    const from = Math.max(lo, offset - reach);
    const newline = lastNewlineIn(text, from, offset);
    if (newline >= 0) return newline + 1;
    if (from === lo) return lo;
  }
}

/** The end of the line holding `offset` (past its `\n`), or `hi` if that is earlier. */
export function lineEndAt(text: string, offset: number, hi = text.length): number {
  // indexOf on a slice: lines are searched whole here, where its memchr beats a loop.
  const newline = text.slice(offset, hi).indexOf('\n');
  return newline < 0 ? hi : offset + newline + 1;
}

/** The first line break in text[from, to), or -1: bounded by the range, not by the rest of a long line.
 * A plain loop (a slice per call costs more on the hot paths: every service name, every log call). */
export function newlineIn(text: string, from: number, to: number): number {
  const end = Math.min(to, text.length);
  for (let i = from; i < end; i++) if (text.charCodeAt(i) === 10) return i;
  return -1;
}

/** The last line break in text[from, to), or -1 (lastIndexOf with a start position may scan from the far end
 * of a large string; a slice bounds it). */
export function lastNewlineIn(text: string, from: number, to: number): number {
  const at = text.slice(from, to).lastIndexOf('\n');
  return at < 0 ? -1 : from + at;
}

/** Sorted union of several sorted lists of disjoint blocks; touching blocks merge. */
export function unionBlocks(lists: ReadonlyArray<ReadonlyArray<readonly [number, number]>>): Array<[number, number]> {
  if (lists.length === 1) return lists[0] as Array<[number, number]>;
  const all = lists.flat().sort((a, b) => a[0] - b[0]);
  const merged: Array<[number, number]> = [];
  for (const [start, end] of all) {
    const last = merged[merged.length - 1];
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else merged.push([start, end]);
  }
  return merged;
}
