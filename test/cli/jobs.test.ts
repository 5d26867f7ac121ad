// The worker pool must not change a report: a generated tree with findings of every rule, .env files,
// a browser project, a baseline, binary and oversized files and an unreadable file, scanned with
// --jobs 1, 2 and 3, gives the same stdout, stderr and exit code byte for byte.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { expandExample } from '../../server/src/engine';
import { MIN_FILES_FOR_WORKERS } from '../../server/src/scan/pipeline';
import { builtinRuleSet, secret } from '../support/rules';

const CLI = path.resolve(__dirname, '..', '..', '..', 'dist', 'cli.js');

function run(args: string[], cwd: string) {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr.replace(/ in \d+(\.\d+)? m?s/g, '') };
}

function generatedTree(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sh-jobs-'));
  const write = (name: string, content: string | Buffer) => {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), content);
  };
  const examples = builtinRuleSet().rules.flatMap((rule) => rule.examples.positive.map((e, i) => expandExample(e, `jobs-${rule.id}-${i}`)));
  const files = MIN_FILES_FOR_WORKERS + 90;
  for (let i = 0; i < files; i++) {
    const lines = Array.from({ length: 20 }, (_, j) => (j % 9 === 4 ? examples[(i * 7 + j) % examples.length] : `export const value${j} = ${i * j};`));
    write(`pkg${i % 9}/src/module${i}.ts`, lines.join(i % 4 === 0 ? '\r\n' : '\n'));
  }
  write('web/package.json', '{ "dependencies": { "next": "15.0.0" } }\n');
  write('web/.env', `NEXT_PUBLIC_STRIPE_SECRET=${secret('sk_live_{alnum:24}', 'jobs-env')}\nDB_PASSWORD=${secret('{alnum:20}', 'jobs-db')}\n`);
  write('web/app/page.tsx', '"use client";\nexport default function Page() { return process.env.DB_PASSWORD; }\n');
  write('assets/blob.bin', Buffer.from([0, 1, 2, 3, 0, 0, 7]));
  write('assets/huge.txt', 'x'.repeat(70_000));
  return dir;
}

test('--jobs 1, 2 and 3 give the same report byte for byte', { skip: process.platform === 'win32' && 'POSIX file modes' }, () => {
  const dir = generatedTree();
  const runs = (extra: string[]) => ['1', '2', '3'].map((jobs) => run(['scan', '.', '--format', 'json', '--max-file-size', '65536', '--public-by-design', 'show', '--jobs', jobs, ...extra], dir));
  const [one, two, three] = runs([]);
  assert.equal(one.code, 1);
  assert.ok(JSON.parse(one.stdout).length > MIN_FILES_FOR_WORKERS / 2, 'the tree holds many findings');
  assert.match(one.stderr, /huge\.txt/);
  assert.deepEqual(two, one);
  assert.deepEqual(three, one);

  // A baseline drops the same findings in workers as in-process.
  assert.equal(run(['baseline', 'pkg0', 'pkg1'], dir).code, 0);
  const b1 = run(['scan', '.', '--format', 'json', '--jobs', '1'], dir);
  assert.ok(JSON.parse(b1.stdout).length < JSON.parse(one.stdout).length, 'the baseline leaves findings out');
  assert.deepEqual(run(['scan', '.', '--format', 'json', '--jobs', '3'], dir), b1);
  fs.rmSync(dir, { recursive: true, force: true });
});

test('--jobs must be a whole number of at least 1', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sh-jobs-'));
  for (const bad of ['0', '1.5', 'many']) {
    const result = run(['scan', '.', '--jobs', bad], dir);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /--jobs must be a whole number/);
  }
  fs.rmSync(dir, { recursive: true, force: true });
});
