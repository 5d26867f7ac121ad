// Starts the language client once and stops it at any moment, even halfway through its start (issue 14:
// the client starts while extension.js loads, so deactivate() may come before the handshake is done).
// No vscode import: languageClient.ts hands it the client, so a plain test can drive it.

/** What is started and stopped: the language client with its server process. */
export interface Startable {
  start(): Promise<void>;
  stop(): Promise<void>;
}

export class ClientStart {
  private starting: Promise<void> | undefined;
  private stopped = false;
  private markRunning!: () => void;
  /** Resolves once the first start succeeded (never, if it fails or the client is stopped first). */
  readonly running = new Promise<void>((resolve) => (this.markRunning = resolve));

  constructor(private readonly client: Startable) {}

  /** Whether start() was called (and stop() was not called before it). */
  get started(): boolean {
    return this.starting !== undefined;
  }

  /** Starts the client the first time; every later call gets that start's promise. Nothing after stop(). */
  start(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    this.starting ??= this.client.start().then(() => {
      if (!this.stopped) this.markRunning();
    });
    return this.starting;
  }

  /** Stops the client: after its start has settled if it is starting (a client cannot be stopped while it
   * starts), at once if it never started; and no start happens afterwards. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (!this.starting) return;
    await this.starting.catch(() => undefined);
    await this.client.stop();
  }
}
