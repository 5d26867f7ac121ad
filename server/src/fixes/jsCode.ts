// Just enough JavaScript/TypeScript structure for fixes that rewrite a call: which brackets enclose an offset,
// where a bracket closes and its top-level commas. Strings, template literals (with `${}` nesting), comments
// and regex literals are skipped, so brackets inside them never count. Pure; not a parser.

/** An open bracket enclosing an offset: its position and character. */
export interface OpenBracket {
  at: number;
  char: '(' | '[' | '{';
}

const CLOSE: Record<string, string> = { '(': ')', '[': ']', '{': '}' };

/** Calls `visit` for each code character of `text` from `from` (not inside strings or comments); stops when it
 * returns true. Template expressions are code; their closing `}` returns to the template. */
function walkCode(text: string, from: number, visit: (i: number, ch: string) => boolean | void): void {
  /** Per open `${`: the brace depth inside it, so its `}` is told from an object's. */
  const templates: number[] = [];
  let i = from;
  const skipTemplate = (): void => {
    // i is just after a backtick or a template expression's `}`: runs to the closing backtick or the next `${`.
    for (; i < text.length; i++) {
      if (text[i] === '\\') i++;
      else if (text[i] === '`') return;
      else if (text[i] === '$' && text[i + 1] === '{') {
        templates.push(0);
        i++;
        return;
      }
    }
  };
  for (; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"' || ch === "'") {
      for (i++; i < text.length && text[i] !== ch && text[i] !== '\n'; i++) if (text[i] === '\\') i++;
      continue;
    }
    if (ch === '`') {
      i++;
      skipTemplate();
      continue;
    }
    if (ch === '/' && text[i + 1] === '/') {
      i = text.indexOf('\n', i);
      if (i < 0) return;
      continue;
    }
    if (ch === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      if (end < 0) return;
      i = end + 1;
      continue;
    }
    if (ch === '/' && regexAllowedAfter(text, i)) {
      let inClass = false;
      for (i++; i < text.length && text[i] !== '\n'; i++) {
        if (text[i] === '\\') i++;
        else if (text[i] === '[') inClass = true;
        else if (text[i] === ']') inClass = false;
        else if (text[i] === '/' && !inClass) break;
      }
      continue;
    }
    if (templates.length > 0) {
      if (ch === '{') templates[templates.length - 1]++;
      else if (ch === '}') {
        if (templates[templates.length - 1] === 0) {
          templates.pop();
          i++;
          skipTemplate();
          continue;
        }
        templates[templates.length - 1]--;
      }
    }
    if (visit(i, ch)) return;
  }
}

/** A `/` starts a regex literal after an operator or an opening bracket, not after a value. */
function regexAllowedAfter(text: string, slash: number): boolean {
  let j = slash - 1;
  while (j >= 0 && /\s/.test(text[j])) j--;
  if (j < 0) return true;
  if (/[(,=:[!&|?{};+\-*%<>~^]/.test(text[j])) return true;
  return /\b(return|typeof|case|do|else|in|of|new|delete|void|throw|yield|await)$/.test(text.slice(Math.max(0, j - 10), j + 1));
}

/** The brackets open at `offset`, outermost first. */
export function bracketsAround(text: string, offset: number): OpenBracket[] {
  const stack: OpenBracket[] = [];
  walkCode(text, 0, (i, ch) => {
    if (i >= offset) return true;
    if (ch === '(' || ch === '[' || ch === '{') stack.push({ at: i, char: ch });
    else if ((ch === ')' || ch === ']' || ch === '}') && stack.length > 0) stack.pop();
    return false;
  });
  return stack;
}

/** The bracket opened at `open`: where it closes and the commas directly inside it; undefined when unclosed. */
export function groupAt(text: string, open: number): { close: number; commas: number[] } | undefined {
  const want = CLOSE[text[open]];
  if (!want) return undefined;
  let depth = 0;
  const commas: number[] = [];
  let close = -1;
  walkCode(text, open + 1, (i, ch) => {
    if (ch === '(' || ch === '[' || ch === '{') depth++;
    else if (ch === ')' || ch === ']' || ch === '}') {
      if (depth === 0) {
        if (ch === want) close = i;
        return true;
      }
      depth--;
    } else if (ch === ',' && depth === 0) commas.push(i);
    return false;
  });
  return close < 0 ? undefined : { close, commas };
}

/** The element of the group opened at `open` that holds `offset`: [start, end) trimmed, and the separator to
 * remove with it (the comma after it, else the one before). */
export function elementAt(text: string, open: number, offset: number): { start: number; end: number; removeStart: number; removeEnd: number } | undefined {
  const group = groupAt(text, open);
  if (!group || offset <= open || offset >= group.close) return undefined;
  const bounds = [open, ...group.commas, group.close];
  const index = bounds.findIndex((b, k) => k > 0 && offset < b) - 1;
  if (index < 0) return undefined;
  let start = bounds[index] + 1;
  let end = bounds[index + 1];
  while (start < end && /\s/.test(text[start])) start++;
  while (end > start && /\s/.test(text[end - 1])) end--;
  const isLast = index + 1 === bounds.length - 1;
  if (!isLast) {
    // Through the comma after it and the space up to the next element.
    let removeEnd = bounds[index + 1] + 1;
    while (removeEnd < group.close && /[ \t]/.test(text[removeEnd])) removeEnd++;
    if (text[removeEnd] === '\r') removeEnd++;
    if (text[removeEnd] === '\n') {
      // A property on its own line: take the whole line.
      const lineStart = text.lastIndexOf('\n', start - 1) + 1;
      if (/^[ \t]*$/.test(text.slice(lineStart, start))) return { start, end, removeStart: lineStart, removeEnd: removeEnd + 1 };
    }
    return { start, end, removeStart: start, removeEnd };
  }
  if (index > 0) {
    // The last element: from the comma before it (unless a trailing comma stays after it).
    const trailing = text.slice(end, group.close).includes(',');
    if (trailing) {
      const lineStart = text.lastIndexOf('\n', start - 1) + 1;
      let removeEnd = text.indexOf(',', end) + 1;
      if (/^[ \t]*$/.test(text.slice(lineStart, start)) && text.slice(removeEnd).match(/^[ \t]*\r?\n/)) return { start, end, removeStart: lineStart, removeEnd: removeEnd + text.slice(removeEnd).match(/^[ \t]*\r?\n/)![0].length };
      return { start, end, removeStart: start, removeEnd };
    }
    return { start, end, removeStart: bounds[index], removeEnd: end };
  }
  return { start, end, removeStart: start, removeEnd: end };
}
