// Which characters of a .env document masking hides, as line ranges; no VS Code API here, so it is tested
// directly. Parsing a 20 MB .env on every keystroke cost 22 s and 622 MB (issue 11 item 13): a document over
// FULL_PARSE_CHARS is parsed only in windows around the visible lines, and a line over LONG_LINE_CHARS is
// never parsed at all. Windows hide on the safe side: a line that may continue a value opened above is hidden.
import { parseEnvFile } from '../../server/src/engine/envFile';

/** Documents up to this many UTF-16 units are parsed whole, as dotenv would. */
export const FULL_PARSE_CHARS = 1024 * 1024;
/** A line longer than this is not parsed: everything after its first `=` (or `:`) is hidden. */
export const LONG_LINE_CHARS = 64 * 1024;
/** Lines parsed above and below the visible ones, so scrolling a little shows masked values at once. */
export const WINDOW_MARGIN_LINES = 100;

/** The part of a text document masking reads (vscode.TextDocument has all of it). */
export interface MaskSource {
  readonly lineCount: number;
  /** The document's length in UTF-16 units. */
  readonly length: number;
  lineText(line: number): string;
  /** The whole text: read only for documents up to FULL_PARSE_CHARS. */
  text(): string;
  positionAt(offset: number): { line: number; character: number };
}

/** A hidden span within one line. */
export interface LineSpan {
  line: number;
  start: number;
  end: number;
}

export interface MaskPlan {
  spans: LineSpan[];
  /** True when only windows around `visible` were read: the caller tells the user, and re-plans on scroll. */
  windowed: boolean;
}

/**
 * The spans to hide: every value, except those touching a line in `shownLines` (the caret's, so it can be
 * edited). `visible` are the line ranges on screen (inclusive); they matter only for large documents.
 */
export function planEnvMask(source: MaskSource, visible: ReadonlyArray<{ start: number; end: number }>, shownLines: ReadonlySet<number>): MaskPlan {
  if (source.length <= FULL_PARSE_CHARS) return { spans: fullPlan(source, shownLines), windowed: false };
  const spans: LineSpan[] = [];
  for (const window of windowsOf(visible, source.lineCount)) spans.push(...windowPlan(source, window.start, window.end, shownLines));
  return { spans, windowed: true };
}

function fullPlan(source: MaskSource, shownLines: ReadonlySet<number>): LineSpan[] {
  const spans: LineSpan[] = [];
  for (const entry of parseEnvFile(source.text())) {
    if (entry.valueEnd <= entry.valueStart) continue;
    const start = source.positionAt(entry.valueStart);
    const end = source.positionAt(entry.valueEnd);
    if (touches(start.line, end.line, shownLines)) continue;
    spans.push(...perLine(source, start, end));
  }
  return spans;
}

/** The visible ranges widened by the margin, clipped to the document and merged. */
function windowsOf(visible: ReadonlyArray<{ start: number; end: number }>, lineCount: number): Array<{ start: number; end: number }> {
  const widened = (visible.length > 0 ? visible : [{ start: 0, end: 0 }])
    .map((r) => ({ start: Math.max(0, Math.min(lineCount - 1, r.start - WINDOW_MARGIN_LINES)), end: Math.min(lineCount - 1, r.end + WINDOW_MARGIN_LINES) }))
    .sort((a, b) => a.start - b.start);
  const merged: Array<{ start: number; end: number }> = [];
  for (const range of widened) {
    const last = merged[merged.length - 1];
    if (last && range.start <= last.end + 1) last.end = Math.max(last.end, range.end);
    else merged.push({ ...range });
  }
  return merged;
}

/** Lines `first`..`last` parsed on their own; long lines and lines no entry explains are hidden after `=`/whole. */
function windowPlan(source: MaskSource, first: number, last: number, shownLines: ReadonlySet<number>): LineSpan[] {
  const spans: LineSpan[] = [];
  // Long lines split the window into runs of ordinary lines, each parsed as its own text.
  let runStart = first;
  const flush = (end: number) => {
    if (end >= runStart) spans.push(...runPlan(source, runStart, end, shownLines));
  };
  for (let line = first; line <= last; line++) {
    const text = source.lineText(line);
    if (text.length <= LONG_LINE_CHARS) continue;
    flush(line - 1);
    runStart = line + 1;
    if (shownLines.has(line)) continue;
    const head = text.slice(0, 256);
    const separator = head.search(/[=:]/);
    spans.push({ line, start: separator < 0 ? 0 : separator + 1, end: text.length });
  }
  flush(last);
  return spans;
}

function runPlan(source: MaskSource, first: number, last: number, shownLines: ReadonlySet<number>): LineSpan[] {
  const lines: string[] = [];
  for (let line = first; line <= last; line++) lines.push(source.lineText(line));
  const text = lines.join('\n');
  const starts: number[] = [];
  for (let i = 0, at = 0; i < lines.length; at += lines[i].length + 1, i++) starts.push(at);
  const lineOf = (offset: number) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  const at = (offset: number) => {
    const index = lineOf(offset);
    return { line: first + index, character: offset - starts[index] };
  };
  const spans: LineSpan[] = [];
  const explained = new Set<number>();
  for (const entry of parseEnvFile(text)) {
    const name = lineOf(entry.nameStart);
    const start = at(entry.valueStart);
    const end = at(entry.valueEnd);
    for (let line = name; line <= end.line - first; line++) explained.add(line);
    if (entry.valueEnd <= entry.valueStart || touches(start.line, end.line, shownLines)) continue;
    spans.push(...perLine({ lineText: (line) => lines[line - first] }, start, end));
  }
  // A line no entry explains may be the middle of a quoted value opened above the window: hide it whole.
  lines.forEach((line, index) => {
    const trimmed = line.trim();
    if (explained.has(index) || trimmed.length === 0 || trimmed.startsWith('#') || shownLines.has(first + index)) return;
    spans.push({ line: first + index, start: 0, end: line.length });
  });
  return spans;
}

function touches(from: number, to: number, lines: ReadonlySet<number>): boolean {
  for (let line = from; line <= to; line++) if (lines.has(line)) return true;
  return false;
}

/** A value spanning lines (a PEM block) is hidden line by line: decorations are drawn per line. */
function perLine(source: Pick<MaskSource, 'lineText'>, start: { line: number; character: number }, end: { line: number; character: number }): LineSpan[] {
  if (start.line === end.line) return end.character > start.character ? [{ line: start.line, start: start.character, end: end.character }] : [];
  const spans: LineSpan[] = [];
  for (let line = start.line; line <= end.line; line++) {
    const from = line === start.line ? start.character : 0;
    const to = line === end.line ? end.character : source.lineText(line).length;
    if (to > from) spans.push({ line, start: from, end: to });
  }
  return spans;
}
