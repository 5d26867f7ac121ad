// Actions on a finding of the Findings view: open it, or run one of the server's quick fixes on it
// (Move to .env, ignore, add to baseline) exactly as Ctrl+. would, and copy its masked preview.
// The fixes stay in the server; this only opens the file and asks for its code actions.
import * as vscode from 'vscode';
import type { FindingSummary } from '../../server/src/features/findingsIndex';
import type { FindingsNode } from './findingsView';

/** Quick fixes by the start of their title, as the server words them (features/codeActions.ts). */
export const FIX_TITLES = { moveToEnv: 'Move to .env', ignore: 'Ignore this finding', baseline: 'Add to baseline' } as const;
/** How long to wait for the server to scan a file the action just opened. */
const READY_TIMEOUT_MS = 10_000;

function findingOf(node: FindingsNode | FindingSummary | undefined): FindingSummary | undefined {
  if (!node) return undefined;
  if ('kind' in node) return node.kind === 'finding' ? node.finding : undefined;
  return node;
}

function rangeOf(finding: FindingSummary): vscode.Range {
  const { start, end } = finding.range;
  return new vscode.Range(start.line, start.character, end.line, end.character);
}

export async function openFinding(node: FindingsNode | undefined): Promise<vscode.TextEditor | undefined> {
  const finding = findingOf(node);
  if (!finding) return undefined;
  const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(finding.uri));
  const range = rangeOf(finding);
  return vscode.window.showTextDocument(document, { selection: range, preview: false });
}

/** Opens the finding and applies the server's quick fix whose title starts with `title`. */
export async function applyFindingFix(node: FindingsNode | undefined, title: string): Promise<boolean> {
  const finding = findingOf(node);
  const editor = await openFinding(node);
  if (!finding || !editor) return false;
  const uri = editor.document.uri;
  const range = rangeOf(finding);
  const action = await waitForAction(uri, range, title);
  if (!action) {
    void vscode.window.showWarningMessage(`Secret Hygiene: "${title}" is not available for this finding.`);
    return false;
  }
  if (action.disabled) {
    void vscode.window.showWarningMessage(`Secret Hygiene changed nothing: ${action.disabled.reason}.`);
    return false;
  }
  if (action.edit && !(await vscode.workspace.applyEdit(action.edit))) return false;
  if (action.command) await vscode.commands.executeCommand(action.command.command, ...(action.command.arguments ?? []));
  return true;
}

/** The server answers code actions once it has scanned the opened document: ask again after each
 * diagnostics update for the file until the fix is offered or the time is up. */
async function waitForAction(uri: vscode.Uri, range: vscode.Range, title: string): Promise<vscode.CodeAction | undefined> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  for (;;) {
    const listed = (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, range, vscode.CodeActionKind.QuickFix.value)) ?? [];
    const index = listed.findIndex((action) => action.title.startsWith(title));
    if (index >= 0) {
      // Ask once more with resolving up to that action, so its edit is filled in.
      const resolved = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, range, vscode.CodeActionKind.QuickFix.value, index + 1);
      return resolved?.find((action) => action.title.startsWith(title)) ?? listed[index];
    }
    if (Date.now() > deadline) return undefined;
    await nextDiagnostics(uri, Math.min(500, deadline - Date.now()));
  }
}

function nextDiagnostics(uri: vscode.Uri, timeoutMs: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, Math.max(timeoutMs, 50));
    const subscription = vscode.languages.onDidChangeDiagnostics((event) => {
      if (event.uris.some((changed) => changed.toString() === uri.toString())) done();
    });
    function done() {
      clearTimeout(timer);
      subscription.dispose();
      resolve();
    }
  });
}

export async function copyMaskedValue(node: FindingsNode | undefined): Promise<void> {
  const finding = findingOf(node);
  if (!finding) return;
  await vscode.env.clipboard.writeText(finding.masked);
  void vscode.window.setStatusBarMessage(`Secret Hygiene: copied the masked value ${finding.masked}`, 3000);
}

export function registerFindingActions(): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.commands.registerCommand('secretHygiene.findings.open', openFinding),
    vscode.commands.registerCommand('secretHygiene.findings.moveToEnv', (node?: FindingsNode) => applyFindingFix(node, FIX_TITLES.moveToEnv)),
    vscode.commands.registerCommand('secretHygiene.findings.ignore', (node?: FindingsNode) => applyFindingFix(node, FIX_TITLES.ignore)),
    vscode.commands.registerCommand('secretHygiene.findings.addToBaseline', (node?: FindingsNode) => applyFindingFix(node, FIX_TITLES.baseline)),
    vscode.commands.registerCommand('secretHygiene.findings.copyMasked', copyMaskedValue),
  );
}
