// Issue 11 item 8 through the CLI: a hostile team-config glob (`*a*a…*b`, 15 stars) ran picomatch's regex for
// over a minute on a 40-character name; now the scan finishes and reports, and an extglob is refused on its line.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { secret } from '../support/rules';

const CLI = path.resolve(__dirname, '..', '..', '..', 'dist', 'cli.js');

test('issue 11 item 8: hostile exclude globs do not stall the scan; extglobs are refused with their position', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sh-hostile-glob-'));
  const hostile = `${'*a'.repeat(15)}*b`;
  fs.mkdirSync(path.join(dir, '.secret-hygiene'));
  fs.writeFileSync(path.join(dir, '.secret-hygiene', 'config.json'), `{\n  "exclude": [\n    "${hostile}",\n    "+(a|aa)+(a|aa)c"\n  ]\n}\n`);
  const key = secret('AKIA{alnumupper:16}', 'hostile-glob');
  fs.writeFileSync(path.join(dir, `${'a'.repeat(40)}.py`), `KEY = "${key}"\n`);
  const result = spawnSync(process.execPath, [CLI, 'scan', '.', '--format', 'json'], { cwd: dir, encoding: 'utf8', timeout: 60_000, env: { ...process.env, NO_COLOR: '1' } });
  assert.equal(result.signal, null, 'the scan finished');
  assert.deepEqual(JSON.parse(result.stdout).filter((f: { ruleId: string }) => f.ruleId === 'aws-access-key-id').length, 1);
  assert.match(result.stderr, /config\.json:4:\d+.*glob ignored: extended globs/);
});
