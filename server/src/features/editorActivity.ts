// Whether the editor is waiting for the server: a message arrived lately, or a document's scan is waiting
// or running. Background work (the warm-up, the workspace scan) waits for quiet between its steps, so a
// keystroke's diagnostics never queue behind it (issue 14: at start-up a background scan of four files held
// a keystroke back for 3.4 s on a loaded machine). Only the transport is read, never a message.

export class EditorActivity {
  private lastMessageAt = Number.NEGATIVE_INFINITY;

  constructor(
    /** A document's scan is waiting for its timer or running. */
    private readonly scanPending: () => boolean,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Notes each message of the transport in `argv` (IPC messages, stdin bytes); other transports are not
   * watched, so only pending scans count there. */
  watch(argv: readonly string[], proc: NodeJS.Process = process): void {
    const note = () => this.noteMessage();
    if (argv.includes('--node-ipc')) proc.on('message', note);
    else if (argv.includes('--stdio')) proc.stdin.on('data', note);
  }

  noteMessage(): void {
    this.lastMessageAt = this.now();
  }

  /** No scan pending and no message for `quietMs`. */
  isIdle(quietMs: number): boolean {
    return !this.scanPending() && this.now() - this.lastMessageAt >= quietMs;
  }

  /** How long until the transport has been quiet for `quietMs` (0 if it has). */
  quietIn(quietMs: number): number {
    return Math.max(0, quietMs - (this.now() - this.lastMessageAt));
  }

  /** Resolves once idle. Two turns of the event loop first: a message already read is dispatched (and its
   * scan scheduled) before this looks. */
  async whenIdle(quietMs: number, pollMs = 10): Promise<void> {
    await new Promise<void>((resolve) => setImmediate(resolve));
    await new Promise<void>((resolve) => setImmediate(resolve));
    while (!this.isIdle(quietMs)) await new Promise<void>((resolve) => setTimeout(resolve, Math.max(pollMs, this.quietIn(quietMs))));
  }
}
