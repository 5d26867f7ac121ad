// Activates the extension: adopts the language client started while this module loaded (languageClient.ts)
// and wires what needs the extension's context: the status bar, the Findings view, masking, the vault
// picker and the commands. Everything another editor could use lives in the server.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { registerCommands } from './commands';
import { registerFindingActions } from './findingActions';
import { FindingsView } from './findingsView';
import { startEarly } from './languageClient';
import { Masking } from './masking';
import { createFindingsStatusBar } from './statusBar';
import { registerVaultPicker } from './vaultPicker';

const FINDINGS_REQUEST = 'secretHygiene/findings';
const FINDINGS_CHANGED = 'secretHygiene/findingsChanged';

/** When the extension host loaded this module (ms since it started): the client timeline's first moment. */
const loadedAt = performance.now();
/** Started here, not in activate(): VS Code calls activate only once the extension's context is ready (a
 * round trip to the workbench, 0.2 to 2.7 s in the e2e suite), and the first squiggle should not wait for
 * it (issue 14). dist/server.js is beside this bundle (dist/extension.js). */
const early = startEarly(path.join(__dirname, 'server.js'), loadedAt);

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const { client, outputChannel, startup } = early;
  startup.mark('activate');
  const changed = new vscode.EventEmitter<void>();
  const findingsView = new FindingsView(
    {
      fetch: () => (client.isRunning() ? client.sendRequest(FINDINGS_REQUEST) : Promise.resolve(undefined)),
      onDidChange: (listener) => changed.event(listener),
    },
    context.workspaceState,
  );
  context.subscriptions.push(
    changed,
    createFindingsStatusBar(),
    findingsView,
    registerFindingActions(),
    new Masking(),
    registerVaultPicker(() => client, context.workspaceState),
    registerCommands({ client: () => client, findingsView, context, outputChannel }),
    client.onNotification(FINDINGS_CHANGED, () => changed.fire()),
  );
  void early.running.then(() => changed.fire());
  startup.mark('activated');
  // Activation ends once the server runs (or its start failed), as when activate() started it.
  await early.starting();
}

export async function deactivate(): Promise<void> {
  await early.stop();
}
