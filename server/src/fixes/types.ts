// The data a fix planner returns: edits as plain offsets per file, files to create, and messages. Pure
// data, so planners stay testable without an editor; features/codeActions.ts turns it into a WorkspaceEdit.

/** Replace [start, end) of a file's current text (UTF-16 offsets) with `newText`. */
export interface TextReplace {
  start: number;
  end: number;
  newText: string;
}

/** Edits to one file. `create` means the file does not exist yet: create it, then insert at offset 0. */
export interface FileChange {
  /** Absolute file-system path. The source document is named by its own path too. */
  path: string;
  create: boolean;
  edits: TextReplace[];
  /** A line-based file (.env, .gitignore) whose created text may as well go in front of a file that
   * appeared meanwhile: created with ignoreIfExists, never overwritten. Others fail the whole edit. */
  mergeIfExists?: boolean;
}

/** A variable name a plan writes to a dotenv file, kept by the server so a second fix planned before the
 * first is applied picks another name (the digest tells the same value from another). */
export interface EnvReservation {
  path: string;
  name: string;
  digest: string;
}

/** What a fix does, or why it cannot be done safely (then `changes` is empty). */
export interface FixPlan {
  changes: FileChange[];
  /** Shown to the user after the fix is applied; never contains a secret value. */
  messages: string[];
  /** Set when the fix must change nothing; a sentence saying why. */
  refusal?: string;
  /** The environment variable name the fix uses, when there is one (for titles). */
  envName?: string;
  /** Names this plan appends to dotenv files. */
  reservations?: EnvReservation[];
}

export function refuse(reason: string): FixPlan {
  return { changes: [], messages: [], refusal: reason };
}

/** Line ending of a text: CRLF when its first line break is CRLF, else LF. */
export function lineEnding(text: string): '\r\n' | '\n' {
  const index = text.indexOf('\n');
  return index > 0 && text[index - 1] === '\r' ? '\r\n' : '\n';
}

/** An edit that appends `lines` at the end of `text`, keeping its line endings and adding the missing
 * final newline first. `eol` is used when the text has no line break of its own. */
export function appendLines(text: string, lines: string[], eol?: '\r\n' | '\n'): TextReplace {
  const ending = text.includes('\n') ? lineEnding(text) : (eol ?? '\n');
  const needsBreak = text.length > 0 && !text.endsWith('\n');
  const body = lines.join(ending) + ending;
  return { start: text.length, end: text.length, newText: (needsBreak ? ending : '') + body };
}

/** Applies non-overlapping offset edits to `text`. */
export function applyReplaces(text: string, edits: TextReplace[]): string {
  let result = text;
  for (const edit of [...edits].sort((a, b) => b.start - a.start)) result = result.slice(0, edit.start) + edit.newText + result.slice(edit.end);
  return result;
}
