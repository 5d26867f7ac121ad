// Our own repository stays clean: `secret-hygiene scan .` on it reports nothing.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { test } from 'node:test';

const root = path.resolve(__dirname, '..', '..', '..');

test('secret-hygiene scan . on this repository reports nothing', () => {
  const result = spawnSync(process.execPath, [path.join(root, 'dist', 'cli.js'), 'scan', '.', '--format', 'json'], { cwd: root, encoding: 'utf8' });
  assert.equal(result.status, 0, `${result.stdout}\n${result.stderr}`);
  assert.deepEqual(JSON.parse(result.stdout), []);
});
