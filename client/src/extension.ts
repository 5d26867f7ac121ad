// Activates the extension: starts the language server over IPC and wires the status bar, the Findings
// view, masking, the vault picker and the commands. Everything another editor could use lives in the server.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { IPCMessageReader, IPCMessageWriter, LanguageClient, type LanguageClientOptions } from 'vscode-languageclient/node';
import { registerCommands } from './commands';
import { createRestartingErrorHandler } from './errorHandler';
import { registerFindingActions } from './findingActions';
import { FindingsView } from './findingsView';
import { Masking } from './masking';
import { forkServer, ServerProcesses } from './serverProcess';
import { StartupLog } from './startupLog';
import { createFindingsStatusBar } from './statusBar';
import { initializationOptionsFor } from './trust';
import { CHOOSE_VAULT_COMMAND, registerVaultPicker } from './vaultPicker';

const FINDINGS_REQUEST = 'secretHygiene/findings';
const FINDINGS_CHANGED = 'secretHygiene/findingsChanged';

let client: LanguageClient | undefined;
let servers: ServerProcesses<unknown> | undefined;

const isScanned = (document: vscode.TextDocument) => document.uri.scheme === 'file' || document.uri.scheme === 'untitled';
/** dist/server.js, beside this bundle (dist/extension.js). */
const SERVER_MODULE = path.join(__dirname, 'server.js');
/** When the extension host loaded this module (ms since it started): the client timeline's first moment. */
const loadedAt = performance.now();
/** The server is forked while this module loads, when there is something to scan (a folder or a document):
 * activate() runs only once the extension's context is ready (a round trip to the workbench), and
 * vscode-languageclient's start() forks after a few awaits, each a turn of an extension host busy activating
 * other extensions; in the e2e suite the two delayed the fork by 1 to 2.5 s (issue 14). */
const early = (() => {
  if (!vscode.workspace.workspaceFolders?.length && !vscode.workspace.textDocuments.some(isScanned)) return undefined;
  try {
    return { child: forkServer(SERVER_MODULE), at: performance.now() };
  } catch {
    return undefined; // the client forks it again on start, and reports what fails then
  }
})();

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const outputChannel = vscode.window.createOutputChannel('Secret Hygiene', { log: true });
  // How soon squiggles can appear (issue 14): extension host start → this module loaded → activation →
  // server → the first opened document's first diagnostics, logged once.
  const startup = new StartupLog((line) => outputChannel.info(line));
  startup.markAt('module loaded', loadedAt);
  if (early) startup.markAt('server spawn', early.at);
  startup.mark('activate');
  const openAtActivation = vscode.workspace.textDocuments.find(isScanned);
  if (openAtActivation) startup.documentOpened(openAtActivation.uri.toString());
  const processes = new ServerProcesses(SERVER_MODULE, early?.child, (text) => outputChannel.append(text), (child) => ({ reader: new IPCMessageReader(child), writer: new IPCMessageWriter(child) }));
  servers = processes;
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ scheme: 'file' }, { scheme: 'untitled' }],
    synchronize: { configurationSection: 'secretHygiene' },
    // Read on every (re)start: trust granted mid-session must survive a server restart.
    initializationOptions: initializationOptionsFor(vscode.workspace, [CHOOSE_VAULT_COMMAND], () => vscode.workspace.getConfiguration(undefined, vscode.workspace.workspaceFolders?.[0]?.uri).get('secretHygiene')),
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
  const languageClient = new LanguageClient('secretHygiene', 'Secret Hygiene', processes.start, clientOptions);
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
  servers?.stop();
}
