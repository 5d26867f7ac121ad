// Activates the extension: starts the language server over IPC and wires the status bar, the Findings
// view, masking, the vault picker and the commands. Everything another editor could use lives in the server.
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { registerCommands } from './commands';
import { createRestartingErrorHandler } from './errorHandler';
import { registerFindingActions } from './findingActions';
import { FindingsView } from './findingsView';
import { Masking } from './masking';
import { StartupLog } from './startupLog';
import { createFindingsStatusBar } from './statusBar';
import { initializationOptionsFor } from './trust';
import { CHOOSE_VAULT_COMMAND, registerVaultPicker } from './vaultPicker';

const FINDINGS_REQUEST = 'secretHygiene/findings';
const FINDINGS_CHANGED = 'secretHygiene/findingsChanged';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const outputChannel = vscode.window.createOutputChannel('Secret Hygiene', { log: true });
  // How soon squiggles can appear (issue 14): extension host start → activation → server → the first
  // opened document's first diagnostics, logged once.
  const startup = new StartupLog((line) => outputChannel.info(line));
  startup.mark('activate');
  const isScanned = (document: vscode.TextDocument) => document.uri.scheme === 'file' || document.uri.scheme === 'untitled';
  const openAtActivation = vscode.workspace.textDocuments.find(isScanned);
  if (openAtActivation) startup.documentOpened(openAtActivation.uri.toString());
  const module = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6010'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ scheme: 'file' }, { scheme: 'untitled' }],
    synchronize: { configurationSection: 'secretHygiene' },
    // Read on every (re)start: trust granted mid-session must survive a server restart.
    initializationOptions: initializationOptionsFor(vscode.workspace, [CHOOSE_VAULT_COMMAND]),
    outputChannel,
    errorHandler: createRestartingErrorHandler(outputChannel),
    middleware: {
      didOpen: (document, next) => {
        startup.didOpenSent(document.uri.toString());
        return next(document);
      },
      didChange: (event, next) => {
        startup.didChangeSent(event.document.uri.toString());
        return next(event);
      },
      handleDiagnostics: (uri, diagnostics, next) => {
        startup.diagnostics(uri.toString(), diagnostics.length);
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
  let starting = false;
  const start = async () => {
    starting = true;
    startup.mark('server spawn');
    await languageClient.start();
    startup.mark('server running');
    changed.fire();
  };
  const opened = vscode.workspace.onDidOpenTextDocument((document) => {
    if (!isScanned(document)) return;
    startup.documentOpened(document.uri.toString());
    opened.dispose();
    if (!starting) void start();
  });
  context.subscriptions.push(opened);
  if (vscode.workspace.workspaceFolders?.length || openAtActivation) await start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
