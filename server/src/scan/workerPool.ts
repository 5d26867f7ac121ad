// Scans many files on worker threads. Each worker reads its own files and returns outcomes only, so the
// main thread just walks folders and prints; outcomes come back in the order the files were given.
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

/** Yields one outcome per file, in order, scanning on `workers` threads. */
export async function* scanOnWorkers(files: string[], workers: number, setup: WorkerSetup): AsyncGenerator<FileOutcome> {
  const batches: string[][] = [];
  for (let i = 0; i < files.length; i += BATCH_SIZE) batches.push(files.slice(i, i + BATCH_SIZE));
  const results: Array<FileOutcome[] | undefined> = new Array(batches.length);
  let next = 0;
  let failure: Error | undefined;
  let wake: (() => void) | undefined;
  const notify = () => {
    wake?.();
    wake = undefined;
  };
  const pool = Array.from({ length: Math.min(workers, batches.length) }, () => new Worker(workerScript(), { workerData: setup }));
  const feed = (worker: Worker) => {
    if (next < batches.length) worker.postMessage({ batch: next, files: batches[next++] } satisfies WorkerRequest);
  };
  for (const worker of pool) {
    worker.on('message', (reply: WorkerReply) => {
      results[reply.batch] = reply.outcomes;
      feed(worker);
      notify();
    });
    worker.on('error', (error) => {
      failure ??= error;
      notify();
    });
    worker.on('exit', (code) => {
      if (code !== 0) failure ??= new Error(`a scan worker stopped (exit code ${code})`);
      notify();
    });
    feed(worker);
  }
  try {
    for (let batch = 0; batch < batches.length; batch++) {
      while (results[batch] === undefined) {
        if (failure) throw failure;
        await new Promise<void>((resolve) => (wake = resolve));
      }
      yield* results[batch]!;
      results[batch] = undefined;
    }
  } finally {
    await Promise.all(pool.map((worker) => worker.terminate()));
  }
}
