// Fixes for a secret written to a log (engine/hygiene/logs.ts): log a masked form (the first 4 characters)
// or nothing ("[redacted]" in place of the value). Pure; edits only the logged expression (and the
// interpolation braces around it) and refuses when the text no longer holds the expression.
import { codeLanguageOf, type CodeLanguage } from '../engine';
import { refuse, type FixPlan } from './types';

/** The span the finding covers, widened to its interpolation (`${…}`, `#{…}`, f-string `{…}`) when in one. */
function interpolationAround(text: string, start: number, end: number): { from: number; to: number } | undefined {
  if (text.slice(start - 2, start) === '${' || text.slice(start - 2, start) === '#{') {
    return text[end] === '}' ? { from: start - 2, to: end + 1 } : undefined;
  }
  if (text[start - 1] === '{' && text[start - 2] !== '{') {
    const close = /^(?:![rsa])?=?(?::[^{}\n]{0,20})?\}/.exec(text.slice(end, end + 24));
    if (close) return { from: start - 1, to: end + close[0].length };
  }
  return undefined;
}

/** True when the expression sits inside a double-quoted string as `$name` (PHP, shell, Kotlin). */
function isDollarInString(text: string, start: number): boolean {
  if (text[start] !== '$') return false;
  const lineStart = text.lastIndexOf('\n', start) + 1;
  const before = text.slice(lineStart, start);
  return ((before.match(/(?<!\\)"/g) ?? []).length % 2) === 1;
}

/** The masked form of `expression` in `language` (first 4 characters), or undefined where we have none. */
function maskedExpression(expression: string, language: CodeLanguage, inInterpolation: boolean): string | undefined {
  switch (language) {
    case 'js':
      return inInterpolation ? `String(${expression}).slice(0, 4)}…` : `String(${expression}).slice(0, 4) + '…'`;
    case 'python':
      return inInterpolation ? `str(${expression})[:4]}…` : `str(${expression})[:4] + "…"`;
    case 'ruby':
      return inInterpolation ? `${expression}.to_s[0, 4]}…` : `${expression}.to_s[0, 4] + "…"`;
    default:
      return undefined;
  }
}

/** Replaces the logged credential with its first 4 characters and "…". */
export function planMaskLog(sourcePath: string, text: string, start: number, end: number): FixPlan {
  const language = codeLanguageOf(sourcePath);
  if (!language || end <= start || end > text.length) return refuse('the logged expression is no longer there');
  const expression = text.slice(start, end);
  const around = interpolationAround(text, start, end);
  if (isDollarInString(text, start)) return refuse('a masked form cannot be interpolated here; log nothing instead');
  const masked = maskedExpression(expression, language, around !== undefined);
  if (!masked) return refuse(`no masked form is known for ${language} code; log nothing instead`);
  // Inside an interpolation the replacement closes it itself and puts "…" after it, as plain text.
  const edit = { start, end: around ? around.to : end, newText: masked };
  return { changes: [{ path: sourcePath, create: false, edits: [edit] }], messages: [] };
}

/** Replaces the logged credential with the text "[redacted]" (a string literal in code). */
export function planRedactLog(sourcePath: string, text: string, start: number, end: number): FixPlan {
  if (end <= start || end > text.length) return refuse('the logged expression is no longer there');
  const around = interpolationAround(text, start, end);
  const edit = around
    ? { start: around.from, end: around.to, newText: '[redacted]' }
    : isDollarInString(text, start)
      ? { start, end, newText: '[redacted]' }
      : { start, end, newText: codeLanguageOf(sourcePath) === 'php' || codeLanguageOf(sourcePath) === 'ruby' ? "'[redacted]'" : '"[redacted]"' };
  return { changes: [{ path: sourcePath, create: false, edits: [edit] }], messages: [] };
}
