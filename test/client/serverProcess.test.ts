// Issue 14, first squiggle: the server forked while extension.js loads is the one the language client's
// first start uses; later starts (a restart, a crash) fork a fresh one, and none outlives the client.
import assert from 'node:assert/strict';
import type * as cp from 'node:child_process';
import { EventEmitter } from 'node:events';
import { test } from 'node:test';
import { ServerProcesses } from '../../client/src/serverProcess';

class FakeChild extends EventEmitter {
  exitCode: number | null = null;
  signalCode: NodeJS.Signals | null = null;
  connected = true;
  killed = 0;
  stdout = new EventEmitter();
  stderr = new EventEmitter();
  kill(): boolean {
    this.killed++;
    this.signalCode = 'SIGTERM';
    this.connected = false;
    this.emit('exit', null, 'SIGTERM');
    return true;
  }
}

function processes(early: FakeChild | undefined) {
  const forked: FakeChild[] = [];
  const output: string[] = [];
  const servers = new ServerProcesses('server.js', early as unknown as cp.ChildProcess, (text) => output.push(text), (child) => child as unknown as FakeChild, () => {
    const child = new FakeChild();
    forked.push(child);
    return child as unknown as cp.ChildProcess;
  });
  return { servers, forked, output };
}

test('the first start talks to the early server; a restart forks a new one', async () => {
  const early = new FakeChild();
  const { servers, forked, output } = processes(early);
  assert.equal(await servers.start(), early);
  assert.equal(forked.length, 0);
  early.stderr.emit('data', Buffer.from('a server log line\n'));
  assert.deepEqual(output, ['a server log line\n']);
  const second = await servers.start();
  assert.equal(forked.length, 1);
  assert.equal(second, forked[0]);
});

test('an early server that already exited is not used: the start forks a new one', async () => {
  const early = new FakeChild();
  early.exitCode = 1;
  early.connected = false;
  const { servers, forked } = processes(early);
  assert.equal(await servers.start(), forked[0]);
});

test('stop ends an early server no start used, and a started one that did not exit after the grace period', async () => {
  const early = new FakeChild();
  const unused = processes(early);
  unused.servers.stop();
  assert.equal(early.killed, 1);

  const started = new FakeChild();
  const used = processes(started);
  await used.servers.start();
  used.servers.stop(10);
  assert.equal(started.killed, 0, 'the client asked it to exit: it gets a grace period');
  await new Promise((resolve) => setTimeout(resolve, 50));
  assert.equal(started.killed, 1);
});
