// Where a secret sits in the source: a whole string literal (quotes and prefix included), embedded in a
// larger literal (a URL with a password), or bare (config values, shell assignments, comments).

export interface LiteralSite {
  kind: 'whole' | 'embedded' | 'bare';
  /** The opening quote ('"', "'", '`', or a triple quote). */
  quote: string;
  /** String prefix letters before the quote: Python r/b/f, C# @/$. */
  prefix: string;
  /** The literal including prefix and quotes (the value itself when bare). */
  start: number;
  end: number;
  /** The secret value. */
  valueStart: number;
  valueEnd: number;
}

const QUOTES = ['"', "'", '`'];

function prefixBefore(text: string, quoteStart: number): string {
  const match = /(?:^|[^\w$@])([rRbBuUfF]{1,2}|[@$]{1,2})$/.exec(text.slice(Math.max(0, quoteStart - 3), quoteStart));
  return match ? match[1] : '';
}

/** Finds the literal holding [start, end). Strings are tokenized from the start of the line, so a
 * string opened on an earlier line is seen as bare unless the value fills it exactly. */
export function findLiteral(text: string, start: number, end: number): LiteralSite {
  for (const q of QUOTES) {
    const triple = q.repeat(3);
    if (text.slice(start - 3, start) === triple && text.slice(end, end + 3) === triple) {
      const prefix = prefixBefore(text, start - 3);
      return { kind: 'whole', quote: triple, prefix, start: start - 3 - prefix.length, end: end + 3, valueStart: start, valueEnd: end };
    }
    if (text[start - 1] === q && text[end] === q) {
      const prefix = prefixBefore(text, start - 1);
      return { kind: 'whole', quote: q, prefix, start: start - 1 - prefix.length, end: end + 1, valueStart: start, valueEnd: end };
    }
  }
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  let lineEnd = text.indexOf('\n', end);
  if (lineEnd < 0) lineEnd = text.length;
  let open = -1;
  let quote = '';
  for (let i = lineStart; i < lineEnd; i++) {
    const ch = text[i];
    if (open < 0) {
      if (QUOTES.includes(ch)) {
        open = i;
        quote = ch;
      }
      continue;
    }
    if (ch === '\\' && i + 1 < lineEnd) {
      i++;
      continue;
    }
    if (ch !== quote) continue;
    if (open < start && i >= end) {
      const prefix = prefixBefore(text, open);
      return { kind: 'embedded', quote, prefix, start: open - prefix.length, end: i + 1, valueStart: start, valueEnd: end };
    }
    open = -1;
    if (i >= start) break;
  }
  return { kind: 'bare', quote: '', prefix: '', start, end, valueStart: start, valueEnd: end };
}
