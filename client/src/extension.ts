// Activates the extension: starts the language server over IPC and wires the status bar, the Findings
// view, masking, the vault picker and the commands. Everything another editor could use lives in the server.
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { registerCommands } from './commands';
import { createRestartingErrorHandler } from './errorHandler';
import { registerFindingActions } from './findingActions';
import { FindingsView } from './findingsView';
import { Masking } from './masking';
import { createFindingsStatusBar } from './statusBar';
import { initializationOptionsFor } from './trust';
import { CHOOSE_VAULT_COMMAND, registerVaultPicker } from './vaultPicker';

const FINDINGS_REQUEST = 'secretHygiene/findings';
const FINDINGS_CHANGED = 'secretHygiene/findingsChanged';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const activated = Date.now();
  const isScanned = (document: vscode.TextDocument) => document.uri.scheme === 'file' || document.uri.scheme === 'untitled';
  let firstOpened = vscode.workspace.textDocuments.some(isScanned) ? activated : undefined;
  let loggedFirst = false;
  const module = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6010'] } },
  };
  const outputChannel = vscode.window.createOutputChannel('Secret Hygiene', { log: true });
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ scheme: 'file' }, { scheme: 'untitled' }],
    synchronize: { configurationSection: 'secretHygiene' },
    // Read on every (re)start: trust granted mid-session must survive a server restart.
    initializationOptions: initializationOptionsFor(vscode.workspace, [CHOOSE_VAULT_COMMAND]),
    outputChannel,
    errorHandler: createRestartingErrorHandler(outputChannel),
    middleware: {
      // How soon squiggles can appear: activation (or the first document, in an empty window) → the
      // first publishDiagnostics, empty or not.
      handleDiagnostics: (uri, diagnostics, next) => {
        if (!loggedFirst) {
          loggedFirst = true;
          outputChannel.info(`first diagnostics ${Date.now() - Math.max(activated, firstOpened ?? activated)} ms after activation (or the first document)`);
        }
        next(uri, diagnostics);
      },
    },
  };
  const languageClient = new LanguageClient('secretHygiene', 'Secret Hygiene', serverOptions, clientOptions);
  client = languageClient;

  const changed = new vscode.EventEmitter<void>();
  const findingsView = new FindingsView(
    {
      fetch: () => (languageClient.isRunning() ? languageClient.sendRequest(FINDINGS_REQUEST) : Promise.resolve(undefined)),
      onDidChange: (listener) => changed.event(listener),
    },
    context.workspaceState,
  );
  context.subscriptions.push(
    outputChannel,
    changed,
    createFindingsStatusBar(),
    findingsView,
    registerFindingActions(),
    new Masking(),
    registerVaultPicker(() => client, context.workspaceState),
    registerCommands({ client: () => client, findingsView, context, outputChannel }),
    vscode.workspace.onDidGrantWorkspaceTrust(() => void client?.sendNotification('secretHygiene/workspaceTrusted')),
  );

  languageClient.onNotification(FINDINGS_CHANGED, () => changed.fire());
  // Activated at start-up ("*") so the first squiggle is not late; the server itself starts once there is
  // something to scan: a folder, or the first text document of an empty window.
  const start = async () => {
    await languageClient.start();
    outputChannel.info(`language server started ${Date.now() - activated} ms after activation`);
    changed.fire();
  };
  const opened = vscode.workspace.onDidOpenTextDocument((document) => {
    if (firstOpened !== undefined || !isScanned(document)) return;
    firstOpened = Date.now();
    opened.dispose();
    if (!vscode.workspace.workspaceFolders?.length) void start();
  });
  context.subscriptions.push(opened);
  if (vscode.workspace.workspaceFolders?.length || firstOpened !== undefined) await start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
