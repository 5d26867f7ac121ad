// The language client and its server, created and started while extension.js loads (issue 14: VS Code calls
// activate() 0.2 to 2.7 s later, once the extension's storage is ready), from what needs no ExtensionContext:
// an output channel, the settings and workspace trust. activate() adopts it for the UI; deactivate() stops it.
import type { ChildProcess } from 'node:child_process';
import * as vscode from 'vscode';
import { IPCMessageReader, IPCMessageWriter, LanguageClient } from 'vscode-languageclient/node';
import { ClientStart } from './clientStart';
import { createRestartingErrorHandler } from './errorHandler';
import { forkServer, ServerProcesses } from './serverProcess';
import { StartupLog } from './startupLog';
import { initializationOptionsFor } from './trust';
import { CHOOSE_VAULT_COMMAND } from './vaultPicker';

const WORKSPACE_TRUSTED = 'secretHygiene/workspaceTrusted';

/** What activate() adopts. */
export interface EarlyClient {
  readonly client: LanguageClient;
  readonly outputChannel: vscode.LogOutputChannel;
  /** The start-up timeline; activate() adds its own moment. */
  readonly startup: StartupLog;
  /** The client's start (rejected if it failed); undefined while there is nothing to scan (it starts with
   * the first document). */
  readonly starting: () => Promise<void> | undefined;
  /** Resolves once the client's first start succeeded. */
  readonly running: Promise<void>;
  /** Stops the client and every server process, and starts none afterwards. */
  stop(): Promise<void>;
}

const isScanned = (document: vscode.TextDocument) => document.uri.scheme === 'file' || document.uri.scheme === 'untitled';

/** Creates the client for `serverModule` (dist/server.js) and starts it if there is something to scan: a
 * folder or a document; else once the first document opens. `loadedAt`: when extension.js started loading. */
export function startEarly(serverModule: string, loadedAt: number): EarlyClient {
  const openAtLoad = vscode.workspace.textDocuments.find(isScanned);
  const now = Boolean(vscode.workspace.workspaceFolders?.length || openAtLoad);
  // Forked first, before the client's start(), which reaches its fork only after a few awaits.
  const early = now ? forkNow(serverModule) : undefined;
  const outputChannel = vscode.window.createOutputChannel('Secret Hygiene', { log: true });
  // How soon squiggles can appear: extension host start → this module loaded → server → the first opened
  // document's first diagnostics (activation lands somewhere in between), logged once.
  const startup = new StartupLog((line) => outputChannel.info(line));
  startup.markAt('module loaded', loadedAt);
  if (early) startup.markAt('server spawn', early.at);
  if (openAtLoad) startup.documentOpened(openAtLoad.uri.toString());
  const processes = new ServerProcesses(serverModule, early?.child, (text) => outputChannel.append(text), (child) => ({ reader: new IPCMessageReader(child), writer: new IPCMessageWriter(child) }));
  const client = new LanguageClient('secretHygiene', 'Secret Hygiene', processes.start, {
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
  });
  const start = new ClientStart({
    start: async () => {
      startup.mark('server spawn'); // unless forked early
      await client.start();
      startup.mark('server running');
    },
    stop: async () => {
      // A client whose start failed cannot be stopped; its process is ended below all the same.
      await client.stop().catch(() => undefined);
      processes.stop();
    },
  });
  // The client reports a failed start itself (its output channel, a notification).
  const begin = () => void start.start().catch(() => undefined);
  const firstOpened = vscode.workspace.onDidOpenTextDocument((document) => {
    if (!isScanned(document)) return;
    startup.documentOpened(document.uri.toString());
    firstOpened.dispose();
    begin();
  });
  const listeners = [
    firstOpened,
    // Not before the client started: sending would start it, and its start reads the trust anyway.
    vscode.workspace.onDidGrantWorkspaceTrust(() => {
      if (start.started) void client.sendNotification(WORKSPACE_TRUSTED).catch(() => undefined);
    }),
  ];
  if (now) begin();
  return {
    client,
    outputChannel,
    startup,
    starting: () => (start.started ? start.start() : undefined),
    running: start.running,
    stop: async () => {
      for (const listener of listeners) listener.dispose();
      await start.stop();
      outputChannel.dispose();
    },
  };
}

/** The server's process, forked at once, and when; undefined if that fails (the client's start forks
 * again and reports what fails). */
function forkNow(serverModule: string): { child: ChildProcess; at: number } | undefined {
  try {
    return { child: forkServer(serverModule), at: performance.now() };
  } catch {
    return undefined;
  }
}
