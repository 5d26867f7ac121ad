// Issue 14: the start-up timeline the extension logs, and "activation → first diagnostics" counted as the
// cost of start-up, not the time before somebody opened a file.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { StartupLog } from '../../client/src/startupLog';
import { parseTimeline, StartupTimeline } from '../../server/src/features/startupTimeline';

function clock() {
  const state = { now: 0 };
  return { state, now: () => state.now };
}

test('a timeline line reads back as epoch times of each moment, first mark of a name wins', () => {
  const { state, now } = clock();
  const timeline = new StartupTimeline(1_000_000, now);
  state.now = 12.4;
  timeline.mark('bundle loaded');
  state.now = 40;
  timeline.mark('rules loaded');
  timeline.mark('bundle loaded');
  const line = timeline.report('server start-up');
  assert.ok(line);
  assert.deepEqual([...(parseTimeline(`[info] ${line}`, 'server start-up') ?? [])], [['bundle loaded', 1_000_012], ['rules loaded', 1_000_040]]);
  assert.equal(timeline.report('server start-up'), undefined, 'reported once');
});

test('a document opened long after the server is up: only its own scan counts', () => {
  const { state, now } = clock();
  const lines: string[] = [];
  const log = new StartupLog((line) => lines.push(line), 5_000, now);
  state.now = 100;
  log.mark('activate');
  log.mark('activated');
  log.mark('server spawn');
  state.now = 700;
  log.mark('server running');
  state.now = 20_000; // somebody opens a file 19 s later
  log.documentOpened('file:///a.js');
  log.didOpenSent('file:///a.js');
  state.now = 20_050;
  log.diagnostics('file:///other.js'); // another document's diagnostics do not end the timeline
  assert.equal(lines.length, 0);
  log.diagnostics('file:///a.js');
  assert.equal(log.activationToDiagnostics(), 600 + 50);
  assert.match(lines[0], /client start-up .*activate \+100, activated \+100, server spawn \+100, server running \+700, first document opened \+20000, first didOpen sent \+20000, first diagnostics \+20050$/);
  assert.match(lines[1], /^first diagnostics 650 ms after activation/);
  log.diagnostics('file:///a.js');
  assert.equal(lines.length, 2, 'logged once');
});

test('a document opened while the server starts: everything from activation counts', () => {
  const { state, now } = clock();
  const lines: string[] = [];
  const log = new StartupLog((line) => lines.push(line), 0, now);
  state.now = 100;
  log.mark('activate');
  log.mark('activated');
  state.now = 300;
  log.documentOpened('file:///a.js');
  log.documentOpened('file:///b.js'); // only the first document is followed
  state.now = 900;
  log.mark('server running');
  log.didOpenSent('file:///a.js');
  state.now = 1_000;
  log.diagnostics('file:///a.js');
  assert.equal(log.activationToDiagnostics(), 900);
  assert.match(lines[1], /^first diagnostics 900 ms after activation/);
});

test('the first finding of the first document: the last change before it, and when it came', () => {
  const { state, now } = clock();
  const lines: string[] = [];
  const log = new StartupLog((line) => lines.push(line), 0, now);
  log.mark('activate');
  log.documentOpened('file:///a.js');
  state.now = 10;
  log.didChangeSent('file:///a.js');
  state.now = 20;
  log.didChangeSent('file:///b.js');
  log.diagnostics('file:///a.js', 0);
  state.now = 30;
  log.didChangeSent('file:///a.js');
  state.now = 45;
  log.diagnostics('file:///b.js', 1); // not the followed document
  log.diagnostics('file:///a.js', 1);
  log.diagnostics('file:///a.js', 2);
  const found = lines.filter((line) => line.includes('client first finding'));
  assert.equal(found.length, 1);
  assert.deepEqual([...(parseTimeline(found[0], 'Secret Hygiene: client first finding') ?? [])], [['last didChange sent', 30], ['received', 45]]);
});

test('diagnostics before activate(): logged once activate comes, counted from the module load', () => {
  const { state, now } = clock();
  const lines: string[] = [];
  const log = new StartupLog((line) => lines.push(line), 0, now);
  state.now = 50;
  log.markAt('module loaded', 50);
  log.markAt('server spawn', 55);
  log.documentOpened('file:///a.js');
  state.now = 400;
  log.mark('server running');
  log.didOpenSent('file:///a.js');
  state.now = 450;
  log.diagnostics('file:///a.js');
  assert.deepEqual(lines, [], 'the timeline waits for activate');
  assert.equal(log.activationToDiagnostics(), 400);
  state.now = 2_000; // VS Code calls activate() late
  log.mark('activate');
  assert.deepEqual(lines, [], 'and for activate() to have wired the UI');
  state.now = 2_030;
  log.mark('activated');
  assert.match(lines[0], /client start-up .*module loaded \+50, server spawn \+55, first document opened \+50, server running \+400, first didOpen sent \+400, first diagnostics \+450, activate \+2000, activated \+2030$/);
  assert.match(lines[1], /^first diagnostics 400 ms after activation began/);
  log.mark('activate');
  log.diagnostics('file:///a.js');
  assert.equal(lines.length, 2, 'logged once');
});
