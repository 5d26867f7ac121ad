// A scan worker (bundled as dist/scanWorker.js): loads the policy and baseline itself, then reads and
// scans the files it is sent, one batch at a time, and returns their outcomes (masked findings only).
import { parentPort, workerData } from 'node:worker_threads';
import { loadBaselineMatcher } from '../project/baseline';
import { FileScanner } from './fileScan';
import { loadScanPolicy, type WorkerSetup, type WorkerReply, type WorkerRequest } from './workerProtocol';

const setup = workerData as WorkerSetup;
const policy = loadScanPolicy(setup.cwd, setup.configFile);
const baseline = setup.baselineFile === undefined ? undefined : loadBaselineMatcher(setup.baselineFile);
const scanner = new FileScanner(policy, setup.cwd, setup.maxFileSize, (_file, text, found) => (baseline ? baseline.filter(text, found) : found));

parentPort!.on('message', (request: WorkerRequest) => {
  const outcomes = request.files.map((file) => {
    try {
      return scanner.scanPath(file);
    } catch (error) {
      return { kind: 'error' as const, message: (error as Error).message };
    }
  });
  parentPort!.postMessage({ batch: request.batch, outcomes } satisfies WorkerReply);
});
