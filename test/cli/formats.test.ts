// `--format junit` and `--format gitlab` from the built CLI: valid reports, the usual exit codes, the commit
// GitLab CI names (CI_COMMIT_SHA).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import Ajv from 'ajv';
import { junitProblems } from '../support/junitSchema';
import { secret } from '../support/rules';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const CLI = path.join(ROOT, 'dist', 'cli.js');
const validateGitlab = new Ajv({ allErrors: true }).compile<any>(JSON.parse(fs.readFileSync(path.join(ROOT, 'test', 'fixtures', 'gitlab-secret-detection-report.schema.json'), 'utf8')));
const awsKey = secret('AKIA{alnumupper:16}', 'formats');

function project(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sh-formats-'));
  for (const [name, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), content);
  }
  return dir;
}

function run(args: string[], cwd: string, env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', CI_COMMIT_SHA: '', ...env } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

test('--format junit: a failed case per finding, exit 1; a clean folder passes with exit 0', () => {
  const dirty = run(['scan', '.', '--format', 'junit'], project({ 'src/a.ts': `const k = "${awsKey}";\n`, 'src/b.ts': 'export {};\n' }));
  assert.equal(dirty.code, 1);
  assert.deepEqual(junitProblems(dirty.stdout), []);
  assert.match(dirty.stdout, /<testcase name="aws-access-key-id at src\/a\.ts:1:12" classname="src\/a\.ts" file="src\/a\.ts" line="1">/);
  assert.ok(!dirty.stdout.includes(awsKey));
  const clean = run(['scan', '.', '--format', 'junit'], project({ 'src/b.ts': 'export {};\n' }));
  assert.equal(clean.code, 0);
  assert.deepEqual(junitProblems(clean.stdout), []);
  assert.match(clean.stdout, /<property name="files-scanned" value="1"\/>/);
});

test('--format gitlab: a valid secret-detection report carrying CI_COMMIT_SHA, exit 1', () => {
  const { code, stdout } = run(['scan', '.', '--format', 'gitlab'], project({ 'src/a.ts': `const k = "${awsKey}";\n` }), { CI_COMMIT_SHA: 'f00dfeed' });
  assert.equal(code, 1);
  const report: any = JSON.parse(stdout);
  assert.ok(validateGitlab(report), JSON.stringify(validateGitlab.errors));
  assert.deepEqual(report.vulnerabilities.map((v: any) => [v.identifiers[0].value, v.location.file, v.location.commit.sha]), [['aws-access-key-id', 'src/a.ts', 'f00dfeed']]);
  assert.ok(!stdout.includes(awsKey));
});

test('an unknown format is a usage error naming the five formats', () => {
  const { code, stderr } = run(['scan', '.', '--format', 'xml'], project({}));
  assert.equal(code, 2);
  assert.match(stderr, /text, json, sarif, junit or gitlab/);
});
