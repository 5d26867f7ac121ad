// Issue 12 (memory after a workspace scan): releaseMemory runs a full collection, so what a finished scan
// left unreachable is freed at once rather than at V8's next full collection.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { releaseMemory } from '../../server/src/features/releaseMemory';

test('an unreachable large text is collected by releaseMemory', async () => {
  let text: string | undefined = 'x'.repeat(4 * 1024 * 1024) + String(Math.random());
  const ref = new WeakRef({ text });
  text = undefined;
  // A WeakRef's target stays alive until the job that created it ends.
  await nextTurn();
  releaseMemory();
  assert.equal(ref.deref(), undefined);
  releaseMemory(); // again: the collector is looked up once
});
