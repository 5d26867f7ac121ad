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
    if (change.create) {
      if (!caps.createFiles || !caps.documentChanges) return `this editor cannot create ${change.path} through the language server; create it first`;
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
