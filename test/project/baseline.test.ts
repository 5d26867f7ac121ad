// Baseline files on disk: missing, broken, written atomically, and reloaded by the server's cache on change.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { BASELINE_PATH, BaselineCache, BaselineWriter, newBaseline, readBaseline, sha256, writeBaseline } from '../../server/src/project/baseline';
import type { Finding } from '../../server/src/engine';

test('read, write and cache a folder baseline', () => {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'sh-baseline-'));
  const file = path.join(folder, BASELINE_PATH);
  assert.equal(readBaseline(file), undefined);
  const errors: string[] = [];
  const cache = new BaselineCache((message) => errors.push(message), 0);
  assert.equal(cache.forFolder(folder), undefined);

  const baseline = newBaseline();
  assert.match(baseline.salt, /^[0-9a-f]{32}$/);
  assert.notEqual(newBaseline().salt, baseline.salt, 'a fresh salt each time');
  writeBaseline(file, { ...baseline, entries: [{ file: 'a.ts', ruleId: 'x', hash: '0123456789' }] });
  assert.deepEqual(fs.readdirSync(path.dirname(file)), ['baseline.json'], 'no temporary file left behind');
  assert.equal(cache.forFolder(folder)?.size, 1);

  fs.writeFileSync(file, '{ broken');
  assert.equal(cache.forFolder(folder), undefined);
  assert.match(errors[0], /baseline.*broken.*not valid JSON/);
  assert.throws(() => readBaseline(file), /is broken/);
});

/** Writes a baseline holding one finding of `ruleId` on `value` in `folder`, through the CLI's writer. */
function baselineOf(folder: string, ruleId: string, value: string): string {
  const file = path.join(folder, BASELINE_PATH);
  const writer = new BaselineWriter(file, folder);
  const text = `password = "${value}"\n`;
  const start = text.indexOf(value);
  writer.record('a.py', text, [{ ruleId, start, end: start + value.length, category: 'generic' } as Finding]);
  writer.write();
  return file;
}

test('issue 11 item 5: a committed baseline cannot be checked against a guess list with one fast hash per guess', () => {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'sh-baseline-crack-'));
  const password = ['Win', 'ter', '2024', '!Qz'].join('');
  const stored = readBaseline(baselineOf(folder, 'generic-password', password))!;
  assert.equal(stored.version, 2);
  const [entry] = stored.entries;
  assert.match(entry.hash, /^[0-9a-f]{10}$/, 'a 40-bit tag, too short to confirm a guess from a large list');
  // The attack that cracked version 1 in 143 ms: SHA-256 of salt, rule and each guess, compared to the file.
  const guesses = ['password', 'Summer2024!', password, 'Winter2024!Qy'];
  const cracked = guesses.filter((guess) => {
    const digest = sha256(`${stored.salt}\0generic-password\0${guess}`);
    return digest === entry.hash || digest.startsWith(entry.hash);
  });
  assert.deepEqual(cracked, []);
  assert.ok(!fs.readFileSync(path.join(folder, BASELINE_PATH), 'utf8').includes(password));
});

test('a version 1 baseline is honoured with a warning, and "baseline" rewrites it as version 2', () => {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'sh-baseline-v1-'));
  const file = path.join(folder, BASELINE_PATH);
  const salt = 'b'.repeat(32);
  writeBaseline(file, { version: 1, salt, entries: [{ file: 'a.py', ruleId: 'r', hash: sha256(`${salt}\0r\0v`) }] });
  const warnings: string[] = [];
  const matcher = new BaselineCache((message) => warnings.push(message), 0).forFolder(folder);
  assert.equal(matcher?.baseline.version, 1);
  assert.ok(matcher.has('v', { ruleId: 'r', start: 0, end: 1 }));
  assert.match(warnings.join('\n'), /version 1.*secret-hygiene baseline/);
  baselineOf(folder, 'r', 'value-two');
  const rewritten = readBaseline(file)!;
  assert.equal(rewritten.version, 2);
  assert.notEqual(rewritten.salt, salt);
  assert.equal(rewritten.entries.length, 1);
});
