// The automata built with the bundle (issue 12: start-up reads them instead of building them) must be the
// very tables the rules would build, and stand in only for exactly the words they were built from.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { automatonFingerprint, buildAutomaton, deserializeAutomata, recordAutomata, RESTART, rowTable, rowTablesOf, serializeAutomata, STAY, type Automaton } from '../../server/src/engine/ahoCorasick';
import { loadRuleDirs, PREBUILT_AUTOMATA } from '../../server/src/project/ruleFiles';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const words = (list: string[]) => list.map((word) => Array.from(word, (c) => c.charCodeAt(0) - 97));

test('a serialized automaton reads back as the same tables', () => {
  const built = buildAutomaton(words(['he', 'she', 'his', 'hers']), 26);
  const [[fingerprint, read]] = deserializeAutomata(serializeAutomata([['f', built]]));
  assert.equal(fingerprint, 'f');
  assert.deepEqual(Array.from(read.transitions), Array.from(built.transitions));
  assert.deepEqual(Array.from(read.outputStarts), Array.from(built.outputStarts));
  assert.deepEqual(Array.from(read.outputWords), Array.from(built.outputWords));
  assert.throws(() => deserializeAutomata(serializeAutomata([['f', built]]).subarray(0, 100)), /truncated/);
});

test('the row tables built for an automaton are written with it, and rowTable reads them back instead of filling them', () => {
  const built = buildAutomaton(words(['row', 'table', 'tab']), 26);
  const fold = (code: number) => (code < 26 ? code : code === 26 ? STAY : RESTART);
  const rows = rowTable(built, 28, fold);
  const [[, read]] = deserializeAutomata(serializeAutomata([['f', built]]));
  const again = rowTable(read, 28, fold);
  assert.deepEqual(Array.from(again), Array.from(rows));
  // The very array in the buffer, not a new one.
  assert.equal(rowTable(read, 28, fold), again);
  // Another input mapping is still built from the transitions.
  assert.deepEqual(Array.from(rowTable(read, 26, (code) => code)), Array.from(rowTable(built, 26, (code) => code)));
});

test('fingerprints tell word lists apart: order, split, alphabet', () => {
  const base = automatonFingerprint(words(['ab', 'c']), 26);
  assert.equal(automatonFingerprint(words(['ab', 'c']), 26), base);
  for (const other of [automatonFingerprint(words(['c', 'ab']), 26), automatonFingerprint(words(['a', 'bc']), 26), automatonFingerprint(words(['ab', 'c']), 27), automatonFingerprint(words(['ab', 'd']), 26)]) assert.notEqual(other, base);
});

test('dist/automata.bin holds exactly the automata the built-in rules build, table for table', () => {
  const built: Array<[string, Automaton]> = [];
  recordAutomata((fingerprint, automaton) => built.push([fingerprint, automaton]));
  try {
    loadRuleDirs([path.join(ROOT, 'rules')], { checkEmptyMatch: false });
  } finally {
    recordAutomata(undefined);
  }
  const prebuilt = new Map(deserializeAutomata(fs.readFileSync(path.join(ROOT, 'dist', PREBUILT_AUTOMATA))));
  assert.equal(built.length, 2, 'the keyword prefilter and the service names');
  for (const [fingerprint, automaton] of built) {
    const read = prebuilt.get(fingerprint);
    assert.ok(read, `dist/${PREBUILT_AUTOMATA} is stale (run node esbuild.mjs)`);
    assert.ok(Buffer.from(read.transitions.buffer, read.transitions.byteOffset, read.transitions.byteLength).equals(Buffer.from(automaton.transitions.buffer, automaton.transitions.byteOffset, automaton.transitions.byteLength)));
    assert.deepEqual(Array.from(read.outputStarts), Array.from(automaton.outputStarts));
    assert.deepEqual(Array.from(read.outputWords), Array.from(automaton.outputWords));
  }
  // Each one's row tables too: the ones the rules build (fresh automata fill theirs) equal those in the file.
  const tables = rowTablesOf;
  for (const [fingerprint, automaton] of built) {
    const fresh = tables(automaton);
    const read = tables(prebuilt.get(fingerprint)!);
    assert.ok(fresh.size > 0);
    assert.deepEqual([...read.keys()], [...fresh.keys()]);
    for (const [key, rows] of fresh) assert.ok(Buffer.from(rows.buffer, rows.byteOffset, rows.byteLength).equals(Buffer.from(read.get(key)!.buffer, read.get(key)!.byteOffset, read.get(key)!.byteLength)), `row table ${key.slice(0, 20)}… differs`);
  }
});

test('rowTable: next row offsets with a word-end flag; a STAY code keeps the state, a RESTART code goes to the root', () => {
  // Words "ab" and "b" over symbols a=0, b=1; input codes 0 → a, 1 → b, 2 → stay, 3 → restart.
  const automaton = buildAutomaton([[0, 1], [1]], 2);
  const rows = rowTable(automaton, 4, (code) => (code === 2 ? STAY : code === 3 ? RESTART : code));
  const walk = (codes: number[]) => {
    let row = 0;
    const ends: number[] = [];
    codes.forEach((code, i) => {
      const next = rows[row + code];
      row = next & ~1;
      if (next & 1) ends.push(i);
    });
    return ends;
  };
  assert.deepEqual(walk([0, 1]), [1], '"ab" (and "b") end at the second code');
  assert.deepEqual(walk([0, 2, 1]), [2], 'a stepped-over code between a and b');
  assert.deepEqual(walk([0, 3, 1]), [2], 'after a restart only "b" ends there');
  assert.deepEqual(walk([0, 2, 2]), [], 'staying ends no word');
});
