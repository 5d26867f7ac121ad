// The baseline format: strict parsing, sorted one-entry-per-line output, merging and matching by hash.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { test } from 'node:test';
import { BaselineMatcher, mergeBaseline, parseBaseline, serializeBaseline, type Baseline } from '../../server/src/engine';
import { ruleSetOf, secret } from '../support/rules';
import { scanText } from '../../server/src/engine';

const sha256 = (input: string) => createHash('sha256').update(input).digest('hex');
const hex = (seed: string) => sha256(seed);
// A fast stand-in for the slow tag (project/baseline.ts supplies scrypt): the engine only needs a function.
const hashes = { sha256, slowTag: (salt: string, input: string) => sha256(`${salt}|${input}`).slice(0, 10) };
const rules = ruleSetOf({ id: 'tok-key', keywords: ['tok_'], pattern: '(?<secret>tok_[A-Za-z0-9]{24})' });

test('serialises sorted, de-duplicated, one entry per line, and parses back', () => {
  const baseline: Baseline = {
    version: 1,
    salt: 'a'.repeat(32),
    entries: [
      { file: 'src/b.ts', ruleId: 'x', hash: hex('1') },
      { file: 'src/a.ts', ruleId: 'y', hash: hex('2') },
      { file: 'src/a.ts', ruleId: 'x', hash: hex('3') },
      { file: 'src/b.ts', ruleId: 'x', hash: hex('1') },
    ],
  };
  const text = serializeBaseline(baseline);
  const entryLines = text.split('\n').filter((line) => line.includes('"hash"'));
  assert.equal(entryLines.length, 3);
  assert.deepEqual(entryLines.map((line) => JSON.parse(line.replace(/,$/, '')).file + JSON.parse(line.replace(/,$/, '')).ruleId), ['src/a.tsx', 'src/a.tsy', 'src/b.tsx']);
  assert.deepEqual(parseBaseline(text).entries.length, 3);
  assert.equal(serializeBaseline(parseBaseline(text)), text, 'stable round trip');
});

test('broken baselines give clear errors', () => {
  assert.throws(() => parseBaseline('{'), /not valid JSON/);
  assert.throws(() => parseBaseline('{"version":3}'), /"version": 2/);
  assert.throws(() => parseBaseline(`{"version":2,"salt":"${'s'.repeat(32)}","entries":[{"file":"a","ruleId":"b","hash":"${hex('x')}"}]}`), /10-digit/);
  assert.throws(() => parseBaseline('{"version":1,"salt":"short","entries":[]}'), /salt/);
  assert.throws(() => parseBaseline(`{"version":1,"salt":"${'s'.repeat(32)}","entries":[{"file":"a","ruleId":"b","hash":"nothex"}]}`), /entry #1/);
});

test('matches by rule and value in any file, never stores the value', () => {
  const key = `tok_${secret('{alnum:24}', 'baseline')}`;
  const other = `tok_${secret('{alnum:24}', 'baseline-2')}`;
  const text = `a = "${key}"\nb = "${other}"\n`;
  const findings = scanText(text, 'a.ts', rules);
  const empty = new BaselineMatcher({ version: 2, salt: 's'.repeat(32), entries: [] }, hashes);
  const entry = empty.entryFor('a.ts', text, findings[0]);
  assert.ok(!JSON.stringify(entry).includes(key.slice(4)));
  assert.match(entry.hash, /^[0-9a-f]{10}$/, 'version 2 stores a 10-digit tag');
  const matcher = new BaselineMatcher({ ...empty.baseline, entries: [entry] }, hashes);
  assert.deepEqual(matcher.filter(text, findings).map((f) => text.slice(f.start, f.end)), [other]);
  // Moved to another file and another position: still accepted.
  const moved = `\n\n  c = "${key}"`;
  assert.equal(matcher.filter(moved, scanText(moved, 'b.ts', rules)).length, 0);
  // Another salt gives other hashes: the same entry does not match.
  const resalted = new BaselineMatcher({ version: 2, salt: 't'.repeat(32), entries: [entry] }, hashes);
  assert.equal(resalted.filter(text, findings).length, 2);
});

test('merging replaces the scanned files and keeps the others while they exist', () => {
  const existing: Baseline = {
    version: 1,
    salt: 's'.repeat(32),
    entries: [
      { file: 'scanned.ts', ruleId: 'x', hash: hex('old') },
      { file: 'elsewhere.ts', ruleId: 'x', hash: hex('keep') },
      { file: 'deleted.ts', ruleId: 'x', hash: hex('gone') },
    ],
  };
  const merged = mergeBaseline(existing, [{ file: 'scanned.ts', ruleId: 'x', hash: hex('new') }], new Set(['scanned.ts']), (file) => file !== 'deleted.ts');
  assert.equal(merged.salt, existing.salt);
  assert.deepEqual(merged.entries.map((e) => e.hash), [hex('keep'), hex('new')]);
});

test('version 1 baselines (full SHA-256) are still honoured when read', () => {
  const key = `tok_${secret('{alnum:24}', 'baseline-v1')}`;
  const text = `a = "${key}"\n`;
  const findings = scanText(text, 'a.ts', rules);
  const salt = 's'.repeat(32);
  const legacy = parseBaseline(serializeBaseline({ version: 1, salt, entries: [{ file: 'a.ts', ruleId: 'tok-key', hash: sha256(`${salt}\0tok-key\0${key}`) }] }));
  assert.equal(legacy.version, 1);
  assert.deepEqual(new BaselineMatcher(legacy, hashes).filter(text, findings), []);
});
