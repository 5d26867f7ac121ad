// The status bar item: how many secrets Secret Hygiene currently reports, and a click to see them.
// Only errors and warnings count as secrets; information notes (public-by-design values, keys already
// kept in .env) are mentioned in the tooltip, so the count means "something to fix".
import * as vscode from 'vscode';

const SOURCE = 'secret-hygiene';

export function createFindingsStatusBar(): vscode.Disposable {
  const item = vscode.window.createStatusBarItem('secretHygiene.findings', vscode.StatusBarAlignment.Left, 50);
  item.name = 'Secret Hygiene';
  item.command = 'workbench.actions.view.problems';

  let shown = '';
  // Called on every change of any extension's diagnostics (each keystroke): the item is updated, which is a
  // message to the workbench, only when what it shows changes.
  const refresh = () => {
    let count = 0;
    let notes = 0;
    for (const [, diagnostics] of vscode.languages.getDiagnostics()) {
      for (const diagnostic of diagnostics) {
        if (diagnostic.source !== SOURCE) continue;
        if (diagnostic.severity <= vscode.DiagnosticSeverity.Warning) count++;
        else notes++;
      }
    }
    if (shown === `${count}/${notes}`) return;
    shown = `${count}/${notes}`;
    const noteText = notes === 0 ? '' : ` (${notes} note${notes === 1 ? '' : 's'}: public-by-design values or keys kept in .env)`;
    item.text = count === 0 ? '$(shield) Secrets: 0' : `$(warning) Secrets: ${count}`;
    item.tooltip = (count === 0 ? 'Secret Hygiene: no hardcoded secrets found' : `Secret Hygiene: ${count} hardcoded secret${count === 1 ? '' : 's'} — click to open Problems`) + noteText;
    item.backgroundColor = count === 0 ? undefined : new vscode.ThemeColor('statusBarItem.warningBackground');
    item.show();
  };
  refresh();
  const subscription = vscode.languages.onDidChangeDiagnostics(refresh);
  return vscode.Disposable.from(item, subscription);
}
