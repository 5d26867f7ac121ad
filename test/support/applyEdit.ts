// Applies what fixes produce, as an editor would: a FixPlan to in-memory files (planner tests) and an
// LSP WorkspaceEdit to a real folder (LSP tests), so tests check the resulting files, not the edit shape.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { FixPlan, TextReplace } from '../../server/src/fixes/types';

/** Applies non-overlapping offset edits to `text`. */
export function applyReplaces(text: string, edits: TextReplace[]): string {
  let result = text;
  for (const edit of [...edits].sort((a, b) => b.start - a.start)) result = result.slice(0, edit.start) + edit.newText + result.slice(edit.end);
  return result;
}

/** Applies `plan` to `files` (path → text; missing = does not exist) and returns the new map. */
export function applyPlan(plan: FixPlan, files: Record<string, string | undefined>): Record<string, string | undefined> {
  const result = { ...files };
  for (const change of plan.changes) {
    if (change.create && result[change.path] !== undefined) throw new Error(`${change.path} exists but the plan creates it`);
    if (!change.create && result[change.path] === undefined) throw new Error(`${change.path} does not exist but the plan edits it`);
    result[change.path] = applyReplaces(result[change.path] ?? '', change.edits);
  }
  return result;
}

interface LspTextEdit {
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  newText: string;
}

/** Applies a WorkspaceEdit (documentChanges with create/edit, or changes) to the file system. Like
 * VS Code it fails before writing anything when a create hits an existing file. Open documents are
 * passed in `buffers` (uri → text) and updated there instead of on disk. */
export function applyWorkspaceEdit(edit: any, buffers: Map<string, string> = new Map()): void {
  const operations: Array<{ uri: string; create?: boolean; ignoreIfExists?: boolean; edits?: LspTextEdit[] }> = [];
  if (edit.documentChanges) {
    for (const change of edit.documentChanges) {
      if (change.kind === 'create') {
        if (change.options?.overwrite) throw new Error(`create ${change.uri} would overwrite`);
        operations.push({ uri: change.uri, create: true, ignoreIfExists: change.options?.ignoreIfExists === true });
      }
      else if (change.kind) throw new Error(`unexpected resource operation ${change.kind}`);
      else operations.push({ uri: change.textDocument.uri, edits: change.edits });
    }
  } else {
    for (const [uri, edits] of Object.entries(edit.changes ?? {})) operations.push({ uri, edits: edits as LspTextEdit[] });
  }
  for (const op of operations) {
    if (op.create && !op.ignoreIfExists && fs.existsSync(fileURLToPath(op.uri))) throw new Error(`create: ${op.uri} exists`);
  }
  for (const op of operations) {
    const file = fileURLToPath(op.uri);
    if (op.create) {
      if (fs.existsSync(file)) continue; // ignoreIfExists: the file keeps its content
      // VS Code creates missing parent folders for a CreateFile.
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, '');
      continue;
    }
    const original = buffers.get(op.uri) ?? fs.readFileSync(file, 'utf8');
    const bom = original.startsWith('\uFEFF') ? '\uFEFF' : '';
    const document = TextDocument.create(op.uri, 'plaintext', 0, original.slice(bom.length));
    const updated = bom + TextDocument.applyEdits(document, op.edits ?? []);
    if (buffers.has(op.uri)) buffers.set(op.uri, updated);
    else fs.writeFileSync(file, updated);
  }
}
