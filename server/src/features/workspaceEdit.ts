// Turns a fix plan (offsets per file) into an LSP WorkspaceEdit: CreateFile for new files, versioned
// TextDocumentEdits for open documents, unversioned ones for files on disk. The only place plans meet LSP.
import { pathToFileURL } from 'node:url';
import type { CreateFile, TextDocumentEdit, TextEdit, WorkspaceEdit } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { FixPlan } from '../fixes/types';

/** A file the edit touches as the editor sees it: its URI, version when open, and current text. */
export interface EditTarget {
  uri: string;
  version: number | null;
  text: string;
}

export interface EditCapabilities {
  documentChanges: boolean;
  createFiles: boolean;
}

/** Looks up a path: an open document (uri, version, text) or the file on disk (text, version null). */
export type TargetLookup = (file: string) => EditTarget | undefined;

/** The WorkspaceEdit for `plan`, or a reason the client cannot apply it. */
export function toWorkspaceEdit(plan: FixPlan, lookup: TargetLookup, caps: EditCapabilities): WorkspaceEdit | string {
  const documentChanges: Array<TextDocumentEdit | CreateFile> = [];
  const changes: Record<string, TextEdit[]> = {};
  for (const change of plan.changes) {
    const target: EditTarget | undefined = change.create ? { uri: pathToFileURL(change.path).toString(), version: null, text: '' } : lookup(change.path);
    if (!target) return `${change.path} could not be read`;
    if (change.create && canCreate(caps)) {
      // Never overwrite. A line file (.env, .gitignore) that appeared meanwhile (another fix made it) keeps its
      // content and gets our lines in front; any other file that appeared fails the whole edit, changing nothing.
      documentChanges.push({ kind: 'create', uri: target.uri, options: { overwrite: false, ignoreIfExists: change.mergeIfExists === true } });
    }
    const document = TextDocument.create(target.uri, 'plaintext', 0, target.text);
    const edits = change.edits.map((edit) => ({
      range: { start: document.positionAt(edit.start), end: document.positionAt(edit.end) },
      newText: edit.newText,
    }));
    documentChanges.push({ textDocument: { uri: target.uri, version: target.version }, edits });
    (changes[target.uri] ??= []).push(...edits);
  }
  return caps.documentChanges ? { documentChanges } : { changes };
}

/** CreateFile needs documentChanges and the `create` resource operation. Without them a new file is a plain edit
 * into its URI, which clients (Neovim, Emacs…) open as a new buffer that saving writes; the whole fix stays one
 * edit, so it is applied together or not at all. */
export function canCreate(caps: EditCapabilities): boolean {
  return caps.createFiles && caps.documentChanges;
}

/** Said after a fix whose new files are unsaved buffers in this editor (no CreateFile support). */
export function unsavedFileNotes(plan: FixPlan, caps: EditCapabilities): string[] {
  if (canCreate(caps)) return [];
  const created = plan.changes.filter((c) => c.create).map((c) => c.path);
  if (created.length === 0) return [];
  return [`Your editor cannot create files through the language server, so ${created.map((f) => f.split(/[\\/]/).pop()).join(', ')} ${created.length === 1 ? 'is a new unsaved buffer' : 'are new unsaved buffers'}: save ${created.length === 1 ? 'it' : 'them'} (Neovim: :wall) to finish the fix (${created.join(', ')}).`];
}
