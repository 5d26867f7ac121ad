// Baseline files on disk: missing, broken, written atomically, and reloaded by the server's cache on change.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { BASELINE_PATH, BaselineCache, newBaseline, readBaseline, sha256, writeBaseline } from '../../server/src/project/baseline';

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
  writeBaseline(file, { ...baseline, entries: [{ file: 'a.ts', ruleId: 'x', hash: sha256('v') }] });
  assert.deepEqual(fs.readdirSync(path.dirname(file)), ['baseline.json'], 'no temporary file left behind');
  assert.equal(cache.forFolder(folder)?.size, 1);

  fs.writeFileSync(file, '{ broken');
  assert.equal(cache.forFolder(folder), undefined);
  assert.match(errors[0], /baseline.*broken.*not valid JSON/);
  assert.throws(() => readBaseline(file), /is broken/);
});
