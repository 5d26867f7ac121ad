// The palette commands that are not quick fixes: output, restart, the Findings view's title actions,
// masking toggles and the team configuration. Each one is a few lines; the work is in the server.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { FINDINGS_VIEW_ID, type FindingsView, type GroupBy } from './findingsView';
import { toggleMasking } from './masking';
import { openSampleProject } from './sampleProject';

export interface CommandDeps {
  client: () => LanguageClient | undefined;
  findingsView: FindingsView;
  context: vscode.ExtensionContext;
  outputChannel: vscode.LogOutputChannel;
}

const TEAM_CONFIG = '.secret-hygiene/config.json';
/** What a new team configuration starts with: every key documented, nothing switched off. */
const TEAM_CONFIG_TEMPLATE = `{
  // Secret Hygiene team configuration: commit this file so everyone scans the same way.
  // Rules to switch off for this repository (rule ids, as shown in Problems):
  "disable": [],
  // Severity per rule id or category ("error", "warning", "information", "hint", "off"):
  "severity": {},
  // Glob patterns of files never scanned:
  "exclude": []
}
`;

const GROUPS: Array<{ label: string; groupBy: GroupBy }> = [
  { label: 'Severity', groupBy: 'severity' },
  { label: 'Provider', groupBy: 'provider' },
  { label: 'File', groupBy: 'file' },
];

export function registerCommands(deps: CommandDeps): vscode.Disposable {
  const { findingsView } = deps;
  return vscode.Disposable.from(
    vscode.commands.registerCommand('secretHygiene.showOutput', () => deps.outputChannel.show(true)),
    vscode.commands.registerCommand('secretHygiene.restartServer', () => deps.client()?.restart()),
    vscode.commands.registerCommand('secretHygiene.showFindings', () => vscode.commands.executeCommand(`${FINDINGS_VIEW_ID}.focus`)),
    vscode.commands.registerCommand('secretHygiene.findings.refresh', () => findingsView.refresh()),
    vscode.commands.registerCommand('secretHygiene.findings.groupBy', async (groupBy?: GroupBy) => {
      const chosen =
        groupBy ??
        (await vscode.window.showQuickPick(
          GROUPS.map((g) => ({ ...g, description: g.groupBy === findingsView.currentGroupBy ? 'current' : undefined })),
          { placeHolder: 'Group findings by' },
        ))?.groupBy;
      if (chosen) await findingsView.setGroupBy(chosen);
    }),
    vscode.commands.registerCommand('secretHygiene.findings.filter', async (text?: string) => {
      const filter = text ?? (await vscode.window.showInputBox({ prompt: 'Show findings whose rule, provider, file or severity contains', value: findingsView.currentFilter }));
      if (filter !== undefined) findingsView.setFilter(filter);
    }),
    vscode.commands.registerCommand('secretHygiene.findings.clearFilter', () => findingsView.setFilter('')),
    vscode.commands.registerCommand('secretHygiene.toggleMasking', () => toggleMasking('envFiles')),
    vscode.commands.registerCommand('secretHygiene.toggleStreamingMode', () => toggleMasking('streamingMode')),
    vscode.commands.registerCommand('secretHygiene.openTeamConfig', openTeamConfig),
    vscode.commands.registerCommand('secretHygiene.openSampleProject', () => openSampleProject(deps.context)),
    // The server offers it as a refactoring code action on the selection (features/selectionActions.ts).
    vscode.commands.registerCommand('secretHygiene.createRuleFromSelection', () =>
      vscode.commands.executeCommand('editor.action.codeAction', { kind: 'refactor.secretHygiene.createRule', apply: 'first' }),
    ),
  );
}

/** Opens the first folder's .secret-hygiene/config.json, creating it (as an undoable edit) when missing. */
async function openTeamConfig(): Promise<void> {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) {
    void vscode.window.showInformationMessage('Secret Hygiene: open a folder to give it a team configuration.');
    return;
  }
  const uri = vscode.Uri.joinPath(folder.uri, TEAM_CONFIG);
  const exists = await vscode.workspace.fs.stat(uri).then(
    () => true,
    () => false,
  );
  if (!exists) {
    const edit = new vscode.WorkspaceEdit();
    edit.createFile(uri, { ignoreIfExists: true, contents: new TextEncoder().encode(TEAM_CONFIG_TEMPLATE) });
    if (!(await vscode.workspace.applyEdit(edit))) {
      void vscode.window.showWarningMessage(`Secret Hygiene could not create ${TEAM_CONFIG}.`);
      return;
    }
  }
  await vscode.window.showTextDocument(uri, { preview: false });
}
