// The editor side through the real transport (dist/server.js over stdio, test/support/lspClient.ts):
// keystroke → publishDiagnostics latency, cold start to first diagnostics, didOpen of a big file, and
// the server's memory after a workspace scan.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { LspTestClient } from '../support/lspClient';
import { secret } from '../support/rules';

export const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((values.length * p) / 100))];

function codeFile(lines: number): string {
  const key = secret('sk-proj-{alnum:60}', 'bench-editor');
  return Array.from({ length: lines }, (_, i) => (i % 2500 === 1250 ? `const apiKey${i} = "${key}";` : `export function handler${i}(request, response) { return response.json({ id: ${i}, name: "item-${i}" }); }`)).join('\n');
}

async function started(env: NodeJS.ProcessEnv = {}, rootUri: string | null = null): Promise<LspTestClient> {
  const client = new LspTestClient(['--stdio'], {}, env);
  await client.initialize(rootUri);
  return client;
}

function open(client: LspTestClient, name: string, text: string): string {
  const uri = pathToFileURL(path.join(os.tmpdir(), 'sh-bench-editor', name)).toString();
  client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'typescript', version: 1, text } });
  return uri;
}

/** Milliseconds from each one-character edit to the diagnostics that answer it. */
async function keystrokes(lines: number, edits: number, env: NodeJS.ProcessEnv): Promise<number[]> {
  const client = await started(env);
  const text = codeFile(lines);
  let since = client.received.length;
  const uri = open(client, `keys-${lines}.ts`, text);
  await client.nextDiagnostics(uri, since, 30000);
  // A few edits first: the adaptive debounce learns the document's scan cost from the previous scan.
  const latencies: number[] = [];
  const line = Math.floor(lines / 2);
  for (let i = 0; i < edits + 10; i++) {
    since = client.received.length;
    const at = performance.now();
    client.notify('textDocument/didChange', {
      textDocument: { uri, version: i + 2 },
      contentChanges: [{ range: { start: { line, character: i % 40 }, end: { line, character: i % 40 } }, text: 'a' }],
    });
    await client.nextDiagnostics(uri, since, 30000);
    if (i >= 10) latencies.push(performance.now() - at);
  }
  await client.shutdown();
  return latencies;
}

export interface EditorFigures {
  keystrokes: Array<{ lines: number; debounce: 'included' | 'excluded'; p50: number; p95: number }>;
  coldStart: { p50: number; p95: number; initializeP50: number; nodeAloneP50: number };
  didOpen50k: { p50: number; p95: number };
  workspaceScan?: { rssMb: number; atEndMb: number; peakMb: number; seconds: number };
}

/** Spawn → the first line from a Node process that prints one and exits: the floor under every cold start
 * on this machine (Node's own boot), so the cold-start figure can be read against it. */
async function nodeAlone(runs: number): Promise<number[]> {
  const times: number[] = [];
  for (let r = 0; r < runs; r++) {
    const at = performance.now();
    const child = spawn(process.execPath, ['-e', 'process.stdout.write("up\\n")'], { stdio: ['ignore', 'pipe', 'ignore'] });
    await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
    times.push(performance.now() - at);
    await new Promise((resolve) => child.once('exit', resolve));
  }
  return times;
}

/** Spawn → first diagnostics of a small file with a key, and how long `initialize` took. */
async function coldStarts(runs: number): Promise<{ total: number[]; initialize: number[] }> {
  const total: number[] = [];
  const initialize: number[] = [];
  for (let r = 0; r < runs; r++) {
    const at = performance.now();
    const client = new LspTestClient();
    const requested = performance.now();
    await client.initialize(null);
    initialize.push(performance.now() - requested);
    const uri = open(client, `cold-${r}.ts`, `const key = "${secret('sk-proj-{alnum:60}', `cold${r}`)}";\n`);
    await client.nextDiagnostics(uri, 0, 30000);
    total.push(performance.now() - at);
    await client.shutdown();
  }
  return { total, initialize };
}

async function didOpens(lines: number, runs: number): Promise<number[]> {
  const client = await started();
  const text = codeFile(lines);
  const times: number[] = [];
  for (let r = 0; r < runs + 2; r++) {
    const since = client.received.length;
    const at = performance.now();
    const uri = open(client, `open-${r}.ts`, text);
    await client.nextDiagnostics(uri, since, 30000);
    if (r >= 2) times.push(performance.now() - at);
    client.notify('textDocument/didClose', { textDocument: { uri } });
  }
  await client.shutdown();
  return times;
}

/** V8 hands freed pages back to the system a moment after the server's full collection at the end of the scan:
 * read at once, RSS was anywhere from 98 to 150 MB on the same build; 3 s later, 98 MB every time (measured). */
const RSS_SETTLE_MS = 3000;

/** Resident memory of the server once its background scan of `folder` has finished: read at the end of the
 * scan and again once settled (what an idle editor keeps). */
async function workspaceScan(folder: string): Promise<EditorFigures['workspaceScan']> {
  const client = new LspTestClient();
  const at = performance.now();
  await client.initialize(pathToFileURL(folder).toString());
  await client.waitFor((m) => m.method === 'window/logMessage' && /background scan:/.test(m.params.message), 900_000);
  const seconds = (performance.now() - at) / 1000;
  const megabytes = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(fs.readFileSync(`/proc/${client.process.pid}/status`, 'utf8'))?.[1] ?? NaN) / 1024;
  const atEndMb = megabytes('VmRSS');
  await new Promise((resolve) => setTimeout(resolve, RSS_SETTLE_MS));
  const figures = { rssMb: megabytes('VmRSS'), atEndMb, peakMb: megabytes('VmHWM'), seconds };
  await client.shutdown();
  return figures;
}

export async function benchEditor(edits: number, workspace: string | undefined): Promise<EditorFigures> {
  const figures: EditorFigures = { keystrokes: [], coldStart: { p50: 0, p95: 0, initializeP50: 0, nodeAloneP50: 0 }, didOpen50k: { p50: 0, p95: 0 } };
  for (const lines of [1000, 10000, 50000]) {
    for (const debounce of ['included', 'excluded'] as const) {
      const latencies = await keystrokes(lines, edits, debounce === 'excluded' ? { SECRET_HYGIENE_TYPING_DEBOUNCE_MS: '0' } : {});
      figures.keystrokes.push({ lines, debounce, p50: percentile(latencies, 50), p95: percentile(latencies, 95) });
    }
  }
  const cold = await coldStarts(7);
  figures.coldStart = { p50: percentile(cold.total, 50), p95: percentile(cold.total, 95), initializeP50: percentile(cold.initialize, 50), nodeAloneP50: percentile(await nodeAlone(7), 50) };
  const opens = await didOpens(50000, 20);
  figures.didOpen50k = { p50: percentile(opens, 50), p95: percentile(opens, 95) };
  if (workspace && process.platform === 'linux') figures.workspaceScan = await workspaceScan(workspace);
  return figures;
}
