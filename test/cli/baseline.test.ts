// `secret-hygiene baseline` and `scan --baseline/--no-baseline` on temporary projects.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { secret } from '../support/rules';

const CLI = path.resolve(__dirname, '..', '..', '..', 'dist', 'cli.js');
const run = (args: string[], cwd: string) => spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
const keyA = secret('AKIA{alnumupper:16}', 'baseline-a');
const keyB = secret('AKIA{alnumupper:16}', 'baseline-b');

test('baseline accepts today\'s findings; new ones still fail the scan', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sh-cli-baseline-'));
  fs.mkdirSync(path.join(dir, 'src'));
  fs.writeFileSync(path.join(dir, 'src/old.ts'), `const id = "${keyA}";\n`);
  const created = run(['baseline'], dir);
  assert.equal(created.status, 0, created.stderr);
  assert.match(created.stdout, /1 entry \(1 added, 0 removed/);
  const stored = fs.readFileSync(path.join(dir, '.secret-hygiene/baseline.json'), 'utf8');
  assert.ok(!stored.includes(keyA) && !stored.includes(keyA.slice(4, 16)), 'no value stored');
  assert.match(stored, /"file":"src\/old.ts","ruleId":"aws-access-key-id","hash":"[0-9a-f]{10}"/);

  assert.equal(run(['scan', '.'], dir).status, 0, 'baselined finding is accepted');
  fs.writeFileSync(path.join(dir, 'src/new.ts'), `const id = "${keyB}";\n`);
  const scan = run(['scan', '.', '--format', 'json'], dir);
  assert.equal(scan.status, 1);
  assert.deepEqual(JSON.parse(scan.stdout).map((f: { file: string }) => f.file), ['src/new.ts']);
  assert.equal(JSON.parse(run(['scan', '.', '--no-baseline', '--format', 'json'], dir).stdout).length, 2);

  // Re-running on one folder keeps other files' entries; the salt stays.
  const salt = JSON.parse(stored).salt;
  fs.writeFileSync(path.join(dir, 'other.ts'), `const id = "${keyB}";\n`);
  assert.equal(run(['baseline', 'src'], dir).status, 0);
  const updated = JSON.parse(fs.readFileSync(path.join(dir, '.secret-hygiene/baseline.json'), 'utf8'));
  assert.equal(updated.salt, salt);
  assert.deepEqual(updated.entries.map((e: { file: string }) => e.file), ['src/new.ts', 'src/old.ts']);
  assert.equal(run(['scan', 'src'], dir).status, 0);
});

test('an explicit baseline that is missing or broken is a usage error (exit 2)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sh-cli-baseline-'));
  const missing = run(['scan', '.', '--baseline', 'nope.json'], dir);
  assert.equal(missing.status, 2);
  assert.match(missing.stderr, /nope.json does not exist/);
  fs.mkdirSync(path.join(dir, '.secret-hygiene'));
  fs.writeFileSync(path.join(dir, '.secret-hygiene/baseline.json'), '{"version":1');
  const broken = run(['scan', '.'], dir);
  assert.equal(broken.status, 2);
  assert.match(broken.stderr, /baseline.*is broken/);
});
