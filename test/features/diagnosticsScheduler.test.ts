// Issue 14 (first squiggle): the adaptive debounce decides from what edits' scans cost, not from the scan
// at open, does not let one slow scan debounce the next keystroke, and rescans a long burst of typing.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Connection } from 'vscode-languageserver';
import { DiagnosticsScheduler } from '../../server/src/features/diagnostics';

const DELAY_MS = 40;
const connection = { console: { error: () => undefined } } as unknown as Connection;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A scheduler whose scans report the costs queued in `costs` (CPU ms; 0 once they run out). */
function scheduler(costs: number[]) {
  const scans: number[] = [];
  const started = performance.now();
  const validate = async () => {
    scans.push(performance.now() - started);
    return costs.shift() ?? 0;
  };
  return { scheduler: new DiagnosticsScheduler(connection, validate, DELAY_MS), scans };
}

/** Schedules one edit of `uri` and returns how long until its scan started (ms). */
async function editLatency(s: ReturnType<typeof scheduler>, uri: string): Promise<number> {
  const before = s.scans.length;
  const at = performance.now();
  s.scheduler.schedule(uri);
  while (s.scans.length === before) await sleep(1);
  return performance.now() - at;
}

test('a slow scan at open does not debounce the first edits: they are scanned at once', async () => {
  const s = scheduler([500]); // the open scan read the whole file and compiled its regexes
  s.scheduler.schedule('file:///a.js', true);
  await sleep(5);
  assert.equal(s.scheduler.cost('file:///a.js'), 0);
  assert.ok((await editLatency(s, 'file:///a.js')) < DELAY_MS / 2);
});

test('one slow edit scan among cheap ones does not debounce the next keystroke; two in a row do', async () => {
  const s = scheduler([1, 60, 2, 70, 80]);
  const uri = 'file:///b.js';
  await editLatency(s, uri); // 1
  await editLatency(s, uri); // 60: a rule's first compile
  assert.ok((await editLatency(s, uri)) < DELAY_MS / 2, 'scanned at once after one slow scan'); // 2
  await editLatency(s, uri); // 70
  await sleep(2);
  assert.ok((await editLatency(s, uri)) < DELAY_MS / 2); // 80 (the one before was 2)
  await sleep(2);
  assert.ok((await editLatency(s, uri)) >= DELAY_MS - 2, 'debounced after two slow scans');
  s.scheduler.forget(uri);
  assert.equal(s.scheduler.cost(uri), 0);
});

test('a debounced document typed into without a pause is still rescanned within four debounce delays', async () => {
  const s = scheduler([50, 50]);
  const uri = 'file:///c.js';
  await editLatency(s, uri);
  await editLatency(s, uri);
  assert.ok(s.scheduler.cost(uri) >= 20);
  const before = s.scans.length;
  const started = performance.now();
  while (s.scans.length === before && performance.now() - started < 20 * DELAY_MS) {
    s.scheduler.schedule(uri); // a keystroke every 10 ms: a plain debounce would never fire
    await sleep(10);
  }
  const waited = performance.now() - started;
  assert.ok(s.scans.length > before, 'no scan while typing');
  assert.ok(waited < 4 * DELAY_MS + 60, `rescanned after ${waited.toFixed(0)} ms`);
});
