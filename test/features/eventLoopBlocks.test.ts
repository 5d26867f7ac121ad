// Issue 14: the server logs the longest event-loop blocks of its start-up (how long, when each ended), so a
// keystroke that waited unread can be put down to what ran instead.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LoopBlocks, watchEventLoop } from '../../server/src/features/eventLoopBlocks';
import { parseTimeline } from '../../server/src/features/startupTimeline';

const LABEL = 'Secret Hygiene: server event-loop blocks';

test('the three longest blocks, as lateness past the interval, in time order with the end of the watch', () => {
  const blocks = new LoopBlocks(0, 10);
  // On time, a 15 ms hiccup (under 20: not a block), then blocks of 90, 30, 200 and 40 ms.
  for (const now of [10, 20, 45, 145, 185, 395, 405, 455]) blocks.sample(now);
  assert.deepEqual(blocks.blocks(), [
    { ms: 200, endedAt: 395 },
    { ms: 90, endedAt: 145 },
    { ms: 40, endedAt: 455 },
  ]);
  const line = blocks.format(LABEL, 1_000_000);
  assert.deepEqual([...(parseTimeline(line, LABEL) ?? [])], [
    ['blocked 90 ms', 1_000_145],
    ['blocked 200 ms', 1_000_395],
    ['blocked 40 ms', 1_000_455],
    ['watched until', 1_000_455],
  ]);
});

test('a loop that never blocked says how long it was watched', () => {
  const blocks = new LoopBlocks(0, 10);
  for (const now of [10, 21, 30]) blocks.sample(now);
  assert.match(blocks.format(LABEL, 0), /\): watched until \+30$/);
});

test('a real block of the event loop is reported once, when asked', async () => {
  const limited: string[] = [];
  const watch = watchEventLoop(LABEL, 60_000, (line) => limited.push(line));
  await new Promise((resolve) => setTimeout(resolve, 30));
  const blockedFrom = performance.now();
  while (performance.now() - blockedFrom < 150) {
    // the event loop does not turn
  }
  await new Promise((resolve) => setTimeout(resolve, 30));
  const line = watch.report();
  assert.ok(line);
  const blocked = [...(parseTimeline(line, LABEL) ?? [])].map(([name]) => /^blocked (\d+) ms$/.exec(name)).filter((m) => m !== null);
  assert.ok(blocked.some((m) => Number(m[1]) >= 130 && Number(m[1]) <= 200), line);
  assert.equal(watch.report(), undefined, 'once');
  assert.deepEqual(limited, []);
});

test('without a first finding, the line is logged when the watch runs out', async () => {
  const limited: string[] = [];
  watchEventLoop(LABEL, 40, (line) => limited.push(line));
  await new Promise((resolve) => setTimeout(resolve, 80));
  assert.equal(limited.length, 1);
  assert.match(limited[0], /event-loop blocks \(ms since .*watched until \+\d+$/);
});
