// Keeps one document's findings up to date under edits without rescanning the whole text: an edit
// marks a dirty range; an update rescans only whole lines around it. The work for a one-line edit
// is bounded by the window, not by the file, so a 10,000-line file stays instant.
import type { RuleSet } from './compileRules';
import { lastNewlineIn, newlineIn } from './keywordWindows';
import { collectCandidates, finishFindings } from './scanText';
import type { Finding, Rule } from './types';

/** Lines rescanned around an edit, and how far past the window a match may run: a little for
 * single-line rules, a whole key block for multi-line ones. */
const SINGLE_LINE = { contextLines: 2, tail: 512 } as const;
const MULTI_LINE = { contextLines: 120, tail: 16 * 1024 } as const;

export interface TextEdit {
  /** Offsets into the text as it was just before this edit. */
  start: number;
  end: number;
  insertedLength: number;
}

/** One family of rules (single-line or multi-line) with its candidates and pending dirty ranges. */
class Track {
  candidates: Finding[] = [];
  dirty: Array<[number, number]> = [];

  constructor(
    readonly includes: (rule: Rule) => boolean,
    readonly reach: { contextLines: number; tail: number },
    readonly decode = true,
  ) {}

  applyEdit(edit: TextEdit): void {
    const delta = edit.insertedLength - (edit.end - edit.start);
    const map = (offset: number, inside: number) => (offset <= edit.start ? offset : offset >= edit.end ? offset + delta : inside);
    const newEnd = edit.start + edit.insertedLength;
    const kept: Finding[] = [];
    for (const finding of this.candidates) {
      if (finding.matchEnd < edit.start) kept.push(finding);
      else if (finding.matchStart > edit.end) kept.push(shiftFinding(finding, delta));
      // A match touched by the edit is re-examined as a whole: its verdict may change.
      else this.dirty.push([Math.min(finding.matchStart, edit.start), Math.max(map(finding.matchEnd, newEnd), newEnd)]);
    }
    this.candidates = kept;
    this.dirty = this.dirty.map(([s, e]): [number, number] => [map(s, edit.start), map(e, newEnd)]);
    this.dirty.push([edit.start, newEnd]);
  }

  rescan(text: string, path: string, ruleSet: RuleSet): void {
    if (!this.decode && !ruleSet.rules.some(this.includes)) {
      this.dirty = [];
      return;
    }
    const windows = mergeRanges(this.dirty.map(([s, e]) => lineWindow(text, s, e, this.reach.contextLines)));
    for (const [from, to] of windows) {
      const outside = this.candidates.filter((f) => f.matchStart < from || f.matchStart >= to);
      const inside = collectCandidates(text, path, ruleSet, { from, to, ruleFilter: this.includes, tail: this.reach.tail, decode: this.decode, hygiene: this.decode });
      this.candidates = outside.concat(inside);
    }
    this.dirty = [];
  }

}

export class IncrementalScanner {
  private readonly tracks = [
    new Track((rule) => !rule.multiline, SINGLE_LINE),
    // Encoded tokens sit on one line: the single-line track decodes them (with every rule) and runs the
    // code-level hygiene checks (their evidence stays within its 2 lines of context); this one does neither.
    new Track((rule) => rule.multiline, MULTI_LINE, false),
  ];
  private scanned = false;

  constructor(
    private readonly ruleSet: RuleSet,
    private readonly path: string,
  ) {}

  /** Records an edit; call once per content change, in order. */
  applyEdit(edit: TextEdit): void {
    if (this.scanned) for (const track of this.tracks) track.applyEdit(edit);
  }

  /** Brings the findings up to date with `text`, the document after all recorded edits. The findings
   * stay valid until the next `applyEdit`, which shifts them in place. */
  update(text: string): Finding[] {
    if (this.scanned) for (const track of this.tracks) track.rescan(text, this.path, this.ruleSet);
    else this.scanAll(text);
    this.scanned = true;
    return finishFindings(text, this.path, this.ruleSet, this.tracks.flatMap((track) => track.candidates));
  }

  /** The first scan of the whole text: one pass with every rule, so the keyword prefilter and the service-name
   * pass read the document once, not once per track (a 50,000-line didOpen). Each candidate goes to the track
   * that would have found it: a multi-line rule's plain match to the multi-line track, everything else
   * (encoded tokens, hygiene checks, service names, single-line rules) to the single-line one. Rules run
   * independently and keep their order, so each track gets exactly its own pass's candidates. */
  private scanAll(text: string): void {
    const [single, multi] = this.tracks;
    single.candidates = [];
    multi.candidates = [];
    for (const candidate of collectCandidates(text, this.path, this.ruleSet)) {
      const rule = candidate.encoded || candidate.category === 'hygiene' ? undefined : this.ruleSet.byId.get(candidate.ruleId);
      (rule && multi.includes(rule) ? multi : single).candidates.push(candidate);
    }
    for (const track of this.tracks) track.dirty = [];
  }

  /** Forgets everything: the next update scans the whole text. */
  reset(): void {
    this.scanned = false;
  }
}

/** Shifts in place: copying every finding after the edit on each keystroke would make the cost grow
 * with the file. Findings returned by `update` are therefore only valid until the next `applyEdit`. */
function shiftFinding(finding: Finding, delta: number): Finding {
  finding.start += delta;
  finding.end += delta;
  finding.matchStart += delta;
  finding.matchEnd += delta;
  return finding;
}

/** Lines longer than this (minified bundles, data blobs) are rescanned only within LONG_LINE_REACH of an
 * edit, not whole: a 50 MB line would otherwise cost seconds per keystroke. A match crossing that edge
 * longer than the reach is refreshed by the next full scan (on open). */
export const LONG_LINE = 64 * 1024;
export const LONG_LINE_REACH = 8 * 1024;

/** The start of the line holding `offset`, or -1 when it lies more than `limit` characters back. */
function lineStartWithin(text: string, offset: number, limit: number): number {
  const from = Math.max(0, offset - limit);
  const newline = lastNewlineIn(text, from, offset);
  return newline >= 0 ? newline + 1 : from === 0 ? 0 : -1;
}

/** The start of the next line after `offset`, or -1 when it lies more than `limit` characters on. */
function nextLineStartWithin(text: string, offset: number, limit: number): number {
  const stop = Math.min(text.length, offset + limit);
  const newline = newlineIn(text, offset, stop);
  return newline >= 0 ? newline + 1 : stop === text.length ? text.length : -1;
}

/** Widens [start, end) to whole lines plus `context` lines on each side; within a line longer than
 * LONG_LINE, only to LONG_LINE_REACH on each side. */
export function lineWindow(text: string, start: number, end: number, context: number): [number, number] {
  start = Math.min(start, text.length);
  end = Math.min(Math.max(end, start), text.length);
  let from = lineStartWithin(text, start, LONG_LINE);
  if (from < 0) from = start - LONG_LINE_REACH;
  else for (let i = 0; i < context && from > 0; i++) {
    const previous = lineStartWithin(text, from - 1, LONG_LINE);
    if (previous < 0) break;
    from = previous;
  }
  let to = nextLineStartWithin(text, end, LONG_LINE);
  if (to < 0) to = end + LONG_LINE_REACH;
  else for (let i = 0; i < context && to < text.length; i++) {
    const next = nextLineStartWithin(text, to, LONG_LINE);
    if (next < 0) break;
    to = next;
  }
  return [Math.max(0, from), Math.min(text.length, to)];
}

function mergeRanges(ranges: Array<[number, number]>): Array<[number, number]> {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  const merged: Array<[number, number]> = [];
  for (const range of sorted) {
    const last = merged[merged.length - 1];
    if (last && range[0] <= last[1]) last[1] = Math.max(last[1], range[1]);
    else merged.push([range[0], range[1]]);
  }
  return merged;
}
