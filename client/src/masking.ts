// Masking on screen, with decorations only: the text, editing, copy and undo are untouched.
// - `.env*` values are hidden by default (secretHygiene.masking.envFiles); the value under the caret's
//   line is shown so it can be edited, and hovering a hidden value shows it.
// - Streaming mode (secretHygiene.masking.streamingMode) hides every value Secret Hygiene flags, in every
//   editor, and every .env value even on the caret's line, for screen sharing; nothing is revealed.
import * as vscode from 'vscode';
import { isEnvFileName, parseEnvFile } from '../../server/src/engine/envFile';
import { FULL_PARSE_CHARS, planEnvMask, type MaskPlan, type MaskSource } from './envMaskPlan';

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

/** What masking reads of a document, without copying its text unless it is small. */
function maskSource(document: vscode.TextDocument): MaskSource {
  return {
    lineCount: document.lineCount,
    length: document.offsetAt(new vscode.Position(document.lineCount, 0)),
    lineText: (line) => document.lineAt(line).text,
    text: () => document.getText(),
    positionAt: (offset) => document.positionAt(offset),
  };
}

/** The ranges to hide in `editor` under the current settings; `windowed` when only the visible part was read. */
export function maskedRanges(editor: vscode.TextEditor, envFiles: boolean, streaming: boolean): { ranges: vscode.Range[]; windowed: boolean } {
  const { document } = editor;
  const ranges: vscode.Range[] = [];
  let windowed = false;
  if (isEnvDocument(document) && (envFiles || streaming)) {
    const caretLines = new Set(streaming ? [] : editor.selections.flatMap((s) => range(s.start.line, s.end.line)));
    const plan: MaskPlan = planEnvMask(maskSource(document), editor.visibleRanges.map((r) => ({ start: r.start.line, end: r.end.line })), caretLines);
    windowed = plan.windowed;
    for (const span of plan.spans) ranges.push(new vscode.Range(span.line, span.start, span.line, span.end));
  }
  if (streaming) {
    for (const diagnostic of vscode.languages.getDiagnostics(document.uri)) {
      if (diagnostic.source === SOURCE && diagnostic.code !== 'config') ranges.push(...perLine(document, diagnostic.range));
    }
  }
  return { ranges, windowed };
}

/** Decorations are drawn per line: a diagnostic spanning lines is hidden line by line. */
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
  /** Large .env documents masked in windows; each is told once (never silently). */
  private readonly windowedDocuments = new Set<string>();

  constructor() {
    const refresh = () => this.refresh();
    this.disposables.push(
      hidden,
      vscode.window.onDidChangeVisibleTextEditors(refresh),
      vscode.window.onDidChangeTextEditorSelection((event) => isEnvDocument(event.textEditor.document) && this.apply(event.textEditor)),
      // A large .env is masked around the visible lines only: scrolling brings new lines into the window.
      vscode.window.onDidChangeTextEditorVisibleRanges((event) => this.windowedDocuments.has(event.textEditor.document.uri.toString()) && this.apply(event.textEditor)),
      // Other documents have nothing to hide unless streaming: no decoration call (a message to the
      // workbench) on every keystroke.
      vscode.workspace.onDidChangeTextDocument((event) => (isEnvDocument(event.document) || this.streaming) && this.refreshDocument(event.document)),
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
    const { ranges, windowed } = maskedRanges(editor, setting('envFiles'), this.streaming);
    editor.setDecorations(hidden, ranges);
    const uri = editor.document.uri.toString();
    if (windowed && !this.windowedDocuments.has(uri)) {
      this.windowedDocuments.add(uri);
      const megabytes = (editor.document.offsetAt(new vscode.Position(editor.document.lineCount, 0)) / (1024 * 1024)).toFixed(1);
      void vscode.window.showInformationMessage(
        `Secret Hygiene: ${editor.document.uri.path.split('/').pop()} is ${megabytes} MB, so its values are hidden only around the lines on screen (over ${FULL_PARSE_CHARS / (1024 * 1024)} MB a .env is not parsed whole on each keystroke); lines that may continue a value are hidden whole.`,
      );
    } else if (!windowed) {
      this.windowedDocuments.delete(uri);
    }
  }

  /** Hovering a hidden .env value shows it (never in streaming mode). */
  private reveal(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    if (!isEnvDocument(document) || !setting('envFiles') || this.streaming) return undefined;
    // A large .env is parsed around the hovered line only (as masking does), never whole.
    const large = document.offsetAt(new vscode.Position(document.lineCount, 0)) > FULL_PARSE_CHARS;
    const first = large ? Math.max(0, position.line - 100) : 0;
    const base = large ? document.offsetAt(new vscode.Position(first, 0)) : 0;
    const text = large ? document.getText(new vscode.Range(first, 0, Math.min(document.lineCount - 1, position.line + 100), Number.MAX_SAFE_INTEGER)) : document.getText();
    if (large && text.length > 4 * FULL_PARSE_CHARS) return undefined; // very long lines: nothing is revealed
    const offset = document.offsetAt(position) - base;
    const entry = parseEnvFile(text).find((e) => e.valueStart <= offset && offset <= e.valueEnd && e.valueEnd > e.valueStart);
    if (!entry) return undefined;
    const value = new vscode.Range(document.positionAt(base + entry.valueStart), document.positionAt(base + entry.valueEnd));
    const markdown = new vscode.MarkdownString(`**${entry.name}** (hidden by Secret Hygiene; *Toggle .env Masking* shows all)`);
    markdown.appendCodeblock(document.getText(value), 'dotenv');
    return new vscode.Hover(markdown, value);
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
