// Scans many files on worker threads. Each worker reads its own files and returns outcomes only, so the
// main thread just walks folders and prints; outcomes come back in the order the files were given.
// Files are added while the walk still runs: the workers load their rules and start scanning meanwhile.
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { FileOutcome } from './fileScan';
import type { WorkerReply, WorkerRequest, WorkerSetup } from './workerProtocol';

/** Files per message: enough to make messaging cheap, few enough to keep the workers evenly loaded. */
const BATCH_SIZE = 16;

/** The worker script: next to the running bundle (dist/scanWorker.js) or the compiled module. */
export function workerScript(): string {
  return path.join(__dirname, 'scanWorker.js');
}

/** A pool of `workers` threads fed with files as they are found (`add`, then `close`). */
export class ScanPool {
  private readonly batches: string[][] = [];
  private readonly results: Array<FileOutcome[] | undefined> = [];
  private readonly idle: Worker[] = [];
  private readonly pool: Worker[];
  private current: string[] = [];
  private next = 0;
  private closed = false;
  private failure: Error | undefined;
  private wake: (() => void) | undefined;

  constructor(workers: number, setup: WorkerSetup) {
    this.pool = Array.from({ length: workers }, () => new Worker(workerScript(), { workerData: setup }));
    for (const worker of this.pool) {
      worker.on('message', (reply: WorkerReply) => {
        this.results[reply.batch] = reply.outcomes;
        this.feed(worker);
        this.notify();
      });
      worker.on('error', (error) => {
        this.failure ??= error;
        this.notify();
      });
      worker.on('exit', (code) => {
        if (code !== 0) this.failure ??= new Error(`a scan worker stopped (exit code ${code})`);
        this.notify();
      });
      this.idle.push(worker);
    }
  }

  add(file: string): void {
    this.current.push(file);
    if (this.current.length === BATCH_SIZE) this.flush();
  }

  /** No more files: the last, partial batch goes out. */
  close(): void {
    if (this.current.length > 0) this.flush();
    this.closed = true;
    this.notify();
  }

  /** One outcome per file, in the order they were added; the workers stop when it ends. */
  async *outcomes(): AsyncGenerator<FileOutcome> {
    try {
      for (let batch = 0; ; batch++) {
        while (this.results[batch] === undefined) {
          if (this.failure) throw this.failure;
          if (this.closed && batch >= this.batches.length) return;
          await new Promise<void>((resolve) => (this.wake = resolve));
        }
        yield* this.results[batch]!;
        this.results[batch] = undefined;
      }
    } finally {
      await this.stop();
    }
  }

  async stop(): Promise<void> {
    await Promise.all(this.pool.map((worker) => worker.terminate()));
  }

  private flush(): void {
    this.batches.push(this.current);
    this.current = [];
    const worker = this.idle.pop();
    if (worker) this.feed(worker);
  }

  private feed(worker: Worker): void {
    if (this.next < this.batches.length) {
      const batch = this.next++;
      worker.postMessage({ batch, files: this.batches[batch] } satisfies WorkerRequest);
      this.batches[batch] = [];
    } else this.idle.push(worker);
  }

  private notify(): void {
    this.wake?.();
    this.wake = undefined;
  }
}
