// Activates the extension: starts the language server over IPC and wires the status bar and commands.
// Everything another editor could use lives in the server, not here.
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { createRestartingErrorHandler } from './errorHandler';
import { createFindingsStatusBar } from './statusBar';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const module = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6010'] } },
  };
  const outputChannel = vscode.window.createOutputChannel('Secret Hygiene', { log: true });
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ scheme: 'file' }, { scheme: 'untitled' }],
    synchronize: { configurationSection: 'secretHygiene' },
    // In an untrusted workspace the server loads no rules or configuration from the workspace.
    initializationOptions: { trusted: vscode.workspace.isTrusted },
    outputChannel,
    errorHandler: createRestartingErrorHandler(outputChannel),
  };
  client = new LanguageClient('secretHygiene', 'Secret Hygiene', serverOptions, clientOptions);

  context.subscriptions.push(
    outputChannel,
    createFindingsStatusBar(),
    vscode.commands.registerCommand('secretHygiene.showOutput', () => outputChannel.show(true)),
    vscode.commands.registerCommand('secretHygiene.restartServer', () => client?.restart()),
  );
  context.subscriptions.push(vscode.workspace.onDidGrantWorkspaceTrust(() => void client?.sendNotification('secretHygiene/workspaceTrusted')));
  await client.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
