// A minimal LSP client over stdio for tests: spawns dist/server.js --stdio, frames JSON-RPC with
// Content-Length headers, answers the server's requests, and records every notification it sends.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';

export interface Message {
  jsonrpc: '2.0';
  id?: number | string;
  method?: string;
  params?: any;
  result?: any;
  error?: any;
}

export const SERVER_PATH = path.resolve(__dirname, '..', '..', '..', 'dist', 'server.js');

export class LspTestClient {
  readonly process: ChildProcessWithoutNullStreams;
  /** Every message the server sent, in order, including raw text for leak checks. */
  readonly received: Message[] = [];
  readonly rawOutput: string[] = [];
  /** Answers to server requests (workspace/applyEdit, window/showMessageRequest…) by method. */
  readonly handlers = new Map<string, (params: any) => unknown>();
  private buffer = Buffer.alloc(0);
  private nextId = 1;
  private readonly pending = new Map<number, (message: Message) => void>();
  private readonly waiters: Array<{ predicate: (m: Message) => boolean; resolve: (m: Message) => void }> = [];
  /** The last version of each open document this client sent: diagnostics for older versions are stale. */
  private readonly sentVersions = new Map<string, number>();

  constructor(
    args: string[] = ['--stdio'],
    private readonly configuration: unknown = {},
    env: NodeJS.ProcessEnv = {},
  ) {
    this.process = spawn(process.execPath, [SERVER_PATH, ...args], { stdio: 'pipe', env: { ...process.env, ...env } });
    this.process.stdout.on('data', (chunk: Buffer) => this.onData(chunk));
    this.process.stderr.on('data', (chunk: Buffer) => this.rawOutput.push(chunk.toString('utf8')));
  }

  request(method: string, params: unknown): Promise<any> {
    const id = this.nextId++;
    this.send({ jsonrpc: '2.0', id, method, params });
    return new Promise((resolve, reject) => {
      this.pending.set(id, (message) => (message.error ? reject(new Error(JSON.stringify(message.error))) : resolve(message.result)));
    });
  }

  notify(method: string, params: any): void {
    const document = params?.textDocument;
    if (method === 'textDocument/didOpen' || method === 'textDocument/didChange') this.sentVersions.set(document.uri, document.version);
    if (method === 'textDocument/didClose') this.sentVersions.delete(document.uri);
    this.send({ jsonrpc: '2.0', method, params });
  }

  async initialize(rootUri: string | null, capabilities: unknown = { workspace: { configuration: true }, window: { workDoneProgress: true } }, initializationOptions?: unknown): Promise<any> {
    const result = await this.request('initialize', {
      processId: process.pid,
      rootUri,
      workspaceFolders: rootUri ? [{ uri: rootUri, name: 'root' }] : null,
      capabilities,
      initializationOptions,
    });
    this.notify('initialized', {});
    return result;
  }

  /** Resolves with the first message (already received or future) matching `predicate`. */
  waitFor(predicate: (m: Message) => boolean, timeoutMs = 5000, since = 0): Promise<Message> {
    const existing = this.received.slice(since).find(predicate);
    if (existing) return Promise.resolve(existing);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out after ${timeoutMs} ms waiting for a server message`)), timeoutMs);
      this.waiters.push({
        predicate,
        resolve: (m) => {
          clearTimeout(timer);
          resolve(m);
        },
      });
    });
  }

  /** Writes `text` to `file`, opens it (version 1) and resolves with its first diagnostics. */
  async openFile(file: string, text: string, languageId = 'typescript'): Promise<{ uri: string; diagnostics: any[] }> {
    fs.writeFileSync(file, text);
    const uri = pathToFileURL(file).toString();
    const since = this.received.length;
    this.notify('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
    return { uri, diagnostics: (await this.nextDiagnostics(uri, since)).params.diagnostics };
  }

  /** The next publishDiagnostics for `uri` received after message index `since`, for the version last sent:
   * a publish for an older version (a background check republishing what it had) or without one is skipped. */
  nextDiagnostics(uri: string, since: number, timeoutMs = 5000): Promise<Message> {
    return this.waitFor((m) => m.method === 'textDocument/publishDiagnostics' && m.params.uri === uri && isCurrent(m.params.version, this.sentVersions.get(uri)), timeoutMs, since);
  }

  async shutdown(): Promise<void> {
    try {
      await Promise.race([this.request('shutdown', null), new Promise((r) => setTimeout(r, 2000))]);
      this.notify('exit', null);
    } catch {
      // The process may already be gone.
    }
    await new Promise<void>((resolve) => {
      if (this.process.exitCode !== null) return resolve();
      const timer = setTimeout(() => {
        this.process.kill();
        resolve();
      }, 2000);
      this.process.on('exit', () => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  private send(message: Message): void {
    const body = Buffer.from(JSON.stringify(message), 'utf8');
    this.process.stdin.write(`Content-Length: ${body.length}\r\n\r\n`);
    this.process.stdin.write(body);
  }

  private onData(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const headerEnd = this.buffer.indexOf('\r\n\r\n');
      if (headerEnd < 0) return;
      const length = Number(/Content-Length: (\d+)/i.exec(this.buffer.subarray(0, headerEnd).toString('ascii'))?.[1]);
      if (this.buffer.length < headerEnd + 4 + length) return;
      const text = this.buffer.subarray(headerEnd + 4, headerEnd + 4 + length).toString('utf8');
      this.buffer = this.buffer.subarray(headerEnd + 4 + length);
      this.rawOutput.push(text);
      this.dispatch(JSON.parse(text));
    }
  }

  private dispatch(message: Message): void {
    if (message.id !== undefined && message.method) {
      // A request from the server: answer the ones a real client would.
      let result: unknown = null;
      if (message.method === 'workspace/configuration') result = message.params.items.map(() => this.configuration);
      const handler = this.handlers.get(message.method);
      if (handler) result = handler(message.params);
      this.send({ jsonrpc: '2.0', id: message.id, result });
    } else if (message.id !== undefined) {
      this.pending.get(message.id as number)?.(message);
      this.pending.delete(message.id as number);
      return;
    }
    this.received.push(message);
    for (let i = this.waiters.length - 1; i >= 0; i--) {
      if (this.waiters[i].predicate(message)) {
        this.waiters[i].resolve(message);
        this.waiters.splice(i, 1);
      }
    }
  }
}

/** For a document this client opened, only a publish of the version it sent: a versionless one comes from the
 * background scan of the file on disk (written just before didOpen) and may arrive before the open is handled. */
function isCurrent(published: number | undefined, sent: number | undefined): boolean {
  return sent === undefined || published === sent;
}
