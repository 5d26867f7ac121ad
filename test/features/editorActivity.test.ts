// Issue 14: background work waits until the editor is not waiting for the server (no message lately, no
// document scan pending).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { EditorActivity } from '../../server/src/features/editorActivity';

test('idle once no scan is pending and the transport has been quiet long enough', async () => {
  const clock = { now: 1_000 };
  let pending = false;
  const activity = new EditorActivity(() => pending, () => clock.now);
  assert.ok(activity.isIdle(100), 'nothing received yet');
  activity.noteMessage();
  clock.now += 40;
  assert.ok(!activity.isIdle(100));
  assert.equal(activity.quietIn(100), 60);
  clock.now += 60;
  assert.ok(activity.isIdle(100));
  pending = true;
  assert.ok(!activity.isIdle(100), 'a scan is pending');
  let resolved = false;
  const idle = activity.whenIdle(100, 1).then(() => (resolved = true));
  await new Promise((resolve) => setTimeout(resolve, 20));
  assert.ok(!resolved);
  pending = false;
  await idle;
});
