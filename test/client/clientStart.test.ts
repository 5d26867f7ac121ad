// Issue 14: the language client starts while extension.js loads, once; activate() and the first opened
// document share that start, and deactivate() stops it whenever it comes, even halfway through the start.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ClientStart } from '../../client/src/clientStart';

/** A client whose start resolves (or fails) when the test says so; records what was called. */
function fakeClient() {
  const calls: string[] = [];
  let finish: (error?: Error) => void = () => undefined;
  const client = {
    start: () => {
      calls.push('start');
      return new Promise<void>((resolve, reject) => (finish = (error) => (error ? reject(error) : resolve())));
    },
    stop: async () => {
      calls.push('stop');
    },
  };
  return { client, calls, finish: (error?: Error) => finish(error) };
}

test('every caller shares one start, and running resolves once it succeeded', async () => {
  const { client, calls, finish } = fakeClient();
  const start = new ClientStart(client);
  assert.equal(start.started, false);
  const first = start.start();
  const second = start.start();
  assert.equal(first, second);
  assert.equal(start.started, true);
  let running = false;
  void start.running.then(() => (running = true));
  await Promise.resolve();
  assert.equal(running, false, 'not before the start finished');
  finish();
  await first;
  await start.running;
  assert.equal(running, true);
  assert.deepEqual(calls, ['start']);
});

test('a stop during the start waits for it, then stops the client', async () => {
  const { client, calls, finish } = fakeClient();
  const start = new ClientStart(client);
  void start.start();
  const stopped = start.stop();
  await Promise.resolve();
  assert.deepEqual(calls, ['start'], 'a starting client cannot be stopped yet');
  finish();
  await stopped;
  assert.deepEqual(calls, ['start', 'stop']);
});

test('a failed start still ends in a stop (its process must go), and the failure reaches the starter', async () => {
  const { client, calls, finish } = fakeClient();
  const start = new ClientStart(client);
  const started = start.start();
  finish(new Error('server did not start'));
  await assert.rejects(started, /did not start/);
  await start.stop();
  assert.deepEqual(calls, ['start', 'stop']);
});

test('nothing starts after a stop: a document opened after deactivate() starts no server', async () => {
  const { client, calls } = fakeClient();
  const start = new ClientStart(client);
  await start.stop();
  await start.start();
  assert.deepEqual(calls, [], 'never started, so nothing to stop either');
  assert.equal(start.started, false);
});
