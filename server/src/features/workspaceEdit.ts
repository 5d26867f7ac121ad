// Turns a fix plan (offsets per file) into an LSP WorkspaceEdit: CreateFile for new files, versioned
// TextDocumentEdits for open documents, unversioned ones for files on disk. The only place plans meet LSP.
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { AnnotatedTextEdit, ChangeAnnotation, CreateFile, TextDocumentEdit, TextEdit, WorkspaceEdit } from 'vscode-languageserver';
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
  /** The client shows change annotations (workspace.workspaceEdit.changeAnnotationSupport): previews label each file. */
  changeAnnotations?: boolean;
}

/** How the editor should present the edit: the fix's title on each file's changes, and whether to ask first. */
export interface EditPresentation {
  label: string;
  /** VS Code shows the Refactor Preview and applies only what the user confirms. */
  confirm: boolean;
}

/** Looks up a path: an open document (uri, version, text) or the file on disk (text, version null). */
export type TargetLookup = (file: string) => EditTarget | undefined;

/** The WorkspaceEdit for `plan`, or a reason the client cannot apply it. */
export function toWorkspaceEdit(plan: FixPlan, lookup: TargetLookup, caps: EditCapabilities, presentation?: EditPresentation): WorkspaceEdit | string {
  const documentChanges: Array<TextDocumentEdit | CreateFile> = [];
  const changes: Record<string, TextEdit[]> = {};
  // One annotation per file, so a preview lists "Move to .env as X: app.ts", ": .env", ": .gitignore".
  const annotate = presentation !== undefined && caps.changeAnnotations === true && caps.documentChanges;
  const changeAnnotations: Record<string, ChangeAnnotation> = {};
  for (const [index, change] of plan.changes.entries()) {
    const annotationId = annotate ? `secret-hygiene-${index}` : undefined;
    if (annotationId) changeAnnotations[annotationId] = { label: presentation!.label, description: `${change.create ? 'creates' : 'edits'} ${path.basename(change.path)}`, needsConfirmation: presentation!.confirm };
    const target: EditTarget | undefined = change.create ? { uri: pathToFileURL(change.path).toString(), version: null, text: '' } : lookup(change.path);
    if (!target) return `${change.path} could not be read`;
    if (change.create && canCreate(caps)) {
      // Never overwrite. A line file (.env, .gitignore) that appeared meanwhile (another fix made it) keeps its
      // content and gets our lines in front; any other file that appeared fails the whole edit, changing nothing.
      documentChanges.push({ kind: 'create', uri: target.uri, options: { overwrite: false, ignoreIfExists: change.mergeIfExists === true }, ...(annotationId ? { annotationId } : {}) });
    }
    const document = TextDocument.create(target.uri, 'plaintext', 0, target.text);
    const edits: Array<TextEdit | AnnotatedTextEdit> = change.edits.map((edit) => ({
      range: { start: document.positionAt(edit.start), end: document.positionAt(edit.end) },
      newText: edit.newText,
      ...(annotationId ? { annotationId } : {}),
    }));
    documentChanges.push({ textDocument: { uri: target.uri, version: target.version }, edits });
    (changes[target.uri] ??= []).push(...edits);
  }
  if (!caps.documentChanges) return { changes };
  return annotate ? { documentChanges, changeAnnotations } : { documentChanges };
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
