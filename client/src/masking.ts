// Masking on screen, with decorations only: the text, editing, copy and undo are untouched.
// - `.env*` values are hidden by default (secretHygiene.masking.envFiles); the value under the caret's
//   line is shown so it can be edited, and hovering a hidden value shows it.
// - Streaming mode (secretHygiene.masking.streamingMode) hides every value Secret Hygiene flags, in every
//   editor, and every .env value even on the caret's line, for screen sharing; nothing is revealed.
import * as vscode from 'vscode';
import { isEnvFileName, parseEnvFile } from '../../server/src/engine/envFile';

const SOURCE = 'secret-hygiene';
const SECTION = 'secretHygiene.masking';

// `display: none` takes the characters off screen (and out of the page text); the bullets stand in for them.
const hidden = vscode.window.createTextEditorDecorationType({
  textDecoration: 'none; display: none',
  before: { contentText: '••••••••', color: new vscode.ThemeColor('editorCodeLens.foreground') },
  rangeBehavior: vscode.DecorationRangeBehavior.ClosedClosed,
});

function setting(name: 'envFiles' | 'streamingMode'): boolean {
  return vscode.workspace.getConfiguration(SECTION).get<boolean>(name, name === 'envFiles');
}

export function isEnvDocument(document: vscode.TextDocument): boolean {
  return isEnvFileName(document.uri.path);
}

/** The ranges to hide in `editor` under the current settings. */
export function maskedRanges(editor: vscode.TextEditor, envFiles: boolean, streaming: boolean): vscode.Range[] {
  const { document } = editor;
  const ranges: vscode.Range[] = [];
  if (isEnvDocument(document) && (envFiles || streaming)) {
    const caretLines = new Set(streaming ? [] : editor.selections.flatMap((s) => range(s.start.line, s.end.line)));
    for (const entry of parseEnvFile(document.getText())) {
      if (entry.valueEnd <= entry.valueStart) continue;
      const value = new vscode.Range(document.positionAt(entry.valueStart), document.positionAt(entry.valueEnd));
      if (range(value.start.line, value.end.line).some((line) => caretLines.has(line))) continue;
      ranges.push(...perLine(document, value));
    }
  }
  if (streaming) {
    for (const diagnostic of vscode.languages.getDiagnostics(document.uri)) {
      if (diagnostic.source === SOURCE && diagnostic.code !== 'config') ranges.push(...perLine(document, diagnostic.range));
    }
  }
  return ranges;
}

/** Decorations are drawn per line: a value spanning lines (a PEM block) is hidden line by line. */
function perLine(document: vscode.TextDocument, value: vscode.Range): vscode.Range[] {
  if (value.isSingleLine) return value.isEmpty ? [] : [value];
  const parts: vscode.Range[] = [];
  for (let line = value.start.line; line <= value.end.line; line++) {
    const start = line === value.start.line ? value.start.character : 0;
    const end = line === value.end.line ? value.end.character : document.lineAt(line).text.length;
    if (end > start) parts.push(new vscode.Range(line, start, line, end));
  }
  return parts;
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

export class Masking implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];

  constructor() {
    const refresh = () => this.refresh();
    this.disposables.push(
      hidden,
      vscode.window.onDidChangeVisibleTextEditors(refresh),
      vscode.window.onDidChangeTextEditorSelection((event) => isEnvDocument(event.textEditor.document) && this.apply(event.textEditor)),
      vscode.workspace.onDidChangeTextDocument((event) => this.refreshDocument(event.document)),
      vscode.languages.onDidChangeDiagnostics(() => this.streaming && refresh()),
      vscode.workspace.onDidChangeConfiguration((event) => event.affectsConfiguration(SECTION) && refresh()),
      vscode.languages.registerHoverProvider({ pattern: '**/.env*' }, { provideHover: (document, position) => this.reveal(document, position) }),
    );
    this.refresh();
  }

  get streaming(): boolean {
    return setting('streamingMode');
  }

  refresh(): void {
    for (const editor of vscode.window.visibleTextEditors) this.apply(editor);
  }

  private refreshDocument(document: vscode.TextDocument): void {
    for (const editor of vscode.window.visibleTextEditors) if (editor.document === document) this.apply(editor);
  }

  private apply(editor: vscode.TextEditor): void {
    editor.setDecorations(hidden, maskedRanges(editor, setting('envFiles'), this.streaming));
  }

  /** Hovering a hidden .env value shows it (never in streaming mode). */
  private reveal(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    if (!isEnvDocument(document) || !setting('envFiles') || this.streaming) return undefined;
    const offset = document.offsetAt(position);
    const entry = parseEnvFile(document.getText()).find((e) => e.valueStart <= offset && offset <= e.valueEnd && e.valueEnd > e.valueStart);
    if (!entry) return undefined;
    const shown = document.getText(new vscode.Range(document.positionAt(entry.valueStart), document.positionAt(entry.valueEnd)));
    const markdown = new vscode.MarkdownString(`**${entry.name}** (hidden by Secret Hygiene; *Toggle .env Masking* shows all)`);
    markdown.appendCodeblock(shown, 'dotenv');
    return new vscode.Hover(markdown, new vscode.Range(document.positionAt(entry.valueStart), document.positionAt(entry.valueEnd)));
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}

/** Flips a masking setting in the user's settings (so it holds in every window). */
export async function toggleMasking(name: 'envFiles' | 'streamingMode'): Promise<boolean> {
  const next = !setting(name);
  await vscode.workspace.getConfiguration(SECTION).update(name, next, vscode.ConfigurationTarget.Global);
  const label = name === 'envFiles' ? '.env masking' : 'Streaming mode';
  void vscode.window.setStatusBarMessage(`Secret Hygiene: ${label} ${next ? 'on' : 'off'}`, 3000);
  return next;
}
