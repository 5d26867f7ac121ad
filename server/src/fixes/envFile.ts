// Writing one variable into a dotenv file without losing anything: picks a quoting that dotenv reads back
// exactly (checked with the injected parser), reuses or renames on collisions, keeps `export` style and EOLs.
import { appendLines, type FileChange, type TextReplace } from './types';

/** dotenv's `parse` (injected so this module stays pure): text → variables. */
export type EnvParser = (text: string) => Record<string, string>;

/** The line `NAME=<encoded>` (with `export ` when asked) that `parse` reads back as exactly `value`,
 * or undefined when no quoting can carry it. Prefers no quotes, then single quotes (no `$` expansion in
 * dotenv-expand or compose), then double quotes (newlines as `\n`), then backticks. */
export function encodeEnvLine(name: string, value: string, parse: EnvParser, exportPrefix = false): string | undefined {
  const prefix = exportPrefix ? 'export ' : '';
  const candidates: string[] = [];
  if (/^[\w.\-/+=:@~%,]+$/.test(value)) candidates.push(value);
  if (!/[\r\n]/.test(value)) candidates.push(`'${value}'`);
  candidates.push(`"${value.replace(/\r/g, '\\r').replace(/\n/g, '\\n')}"`);
  candidates.push(`"${value}"`, `\`${value}\``);
  for (const candidate of candidates) {
    const line = `${prefix}${name}=${candidate}`;
    if (parse(line)[name] === value && Object.keys(parse(line)).length === 1) return line;
  }
  return undefined;
}

/** True when most assignments in the file are written `export NAME=…`. */
export function usesExport(text: string): boolean {
  const assignments = text.split(/\r?\n/).filter((line) => /^\s*(export\s+)?[\w.-]+\s*=/.test(line));
  const exported = assignments.filter((line) => /^\s*export\s/.test(line)).length;
  return exported > 0 && exported * 2 >= assignments.length;
}

export interface EnvChoice {
  /** The name the code will read. */
  name: string;
  /** The variable already holds this value: nothing to append. */
  reused: boolean;
  /** The preferred name was taken by another value, so `name` differs from it. */
  renamedFrom?: string;
}

/** Picks the variable: the preferred name when free or already holding the value, any variable already
 * holding the value, else the first free `NAME_2`, `NAME_3`… */
export function chooseEnvName(preferred: string, existing: Record<string, string>, value: string, taken: ReadonlySet<string> = new Set()): EnvChoice {
  if (existing[preferred] === value) return { name: preferred, reused: true };
  const same = value === '' ? undefined : Object.keys(existing).find((key) => existing[key] === value && /^[A-Za-z_][A-Za-z0-9_]*$/.test(key));
  if (same) return { name: same, reused: true };
  const free = (name: string) => !(name in existing) && !taken.has(name);
  if (free(preferred)) return { name: preferred, reused: false };
  for (let i = 2; ; i++) {
    const candidate = `${preferred}_${i}`;
    if (free(candidate)) return { name: candidate, reused: false, renamedFrom: preferred };
  }
}

export interface EnvAppend {
  choice: EnvChoice;
  /** Undefined when the variable is reused. */
  edit?: TextReplace;
}

/** Plans writing `value` into the dotenv file whose current text is `text` ('' when it does not exist).
 * Returns a reason string when it cannot be done so that dotenv reads the value back exactly. */
export function planEnvAppend(text: string, preferred: string, value: string, parse: EnvParser, taken?: ReadonlySet<string>): EnvAppend | string {
  const existing = parse(text);
  const choice = chooseEnvName(preferred, existing, value, taken);
  if (choice.reused) return { choice };
  const line = encodeEnvLine(choice.name, value, parse, usesExport(text));
  if (!line) return 'the value cannot be written to .env so that dotenv reads it back exactly';
  const edit = appendLines(text, [line]);
  const after = text.slice(0, edit.start) + edit.newText;
  // An unterminated quote earlier in the file would swallow our line: check the whole result.
  const parsed = parse(after);
  const unchanged = Object.keys(existing).every((key) => parsed[key] === existing[key]);
  if (parsed[choice.name] !== value || !unchanged) return 'the existing .env file does not parse cleanly (an unterminated quote?); fix it first';
  return { choice, edit };
}

/** `NAME=` in the project's .env.example, created (names only, never values) when there is none yet. */
export function planExample(examplePath: string | undefined, exampleText: string | undefined, name: string, parse: EnvParser, eol: '\r\n' | '\n'): FileChange | undefined {
  if (!examplePath) return undefined;
  if (exampleText === undefined) return { path: examplePath, create: true, edits: [{ start: 0, end: 0, newText: `${name}=${eol}` }], mergeIfExists: true };
  const edit = planExampleAppend(exampleText, name, parse);
  return edit ? { path: examplePath, create: false, edits: [edit] } : undefined;
}

/** Plans `NAME=` in a .env.example unless it already lists the name. */
export function planExampleAppend(text: string, name: string, parse: EnvParser): TextReplace | undefined {
  if (name in parse(text)) return undefined;
  return appendLines(text, [`${usesExport(text) ? 'export ' : ''}${name}=`]);
}
