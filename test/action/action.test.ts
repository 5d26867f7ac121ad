// The GitHub Action (action.yml) run locally: its steps' `run` commands and `env` exactly as action.yml
// declares them, with fake GITHUB_* variables, on a temporary repository with an origin and a pull request
// branch. Checks --diff against the base (fetched when missing), annotations on the added lines only (masked),
// the SARIF report, the step outputs and the verdict. The SARIF upload step is checked for its wiring only.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { parse } from 'yaml';
import { secret } from '../support/rules';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const action = parse(fs.readFileSync(path.join(ROOT, 'action.yml'), 'utf8'));
const oldKey = secret('AKIA{alnumupper:16}', 'action-old');
const newKey = secret('AKIA{alnumupper:16}', 'action-new');
const GIT_ENV = { GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.invalid', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.invalid', GIT_CONFIG_NOSYSTEM: '1' };

function git(cwd: string, ...args: string[]) {
  const result = spawnSync('git', args, { cwd, encoding: 'utf8', env: { ...process.env, ...GIT_ENV, HOME: os.tmpdir() } });
  assert.equal(result.status, 0, result.stderr);
  return result.stdout.trim();
}

/** origin (bare) with main holding an old key; a checkout on a pull request branch adding a new one. */
function pullRequestCheckout() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sh-action-'));
  const origin = path.join(dir, 'origin.git');
  const checkout = path.join(dir, 'checkout');
  git(dir, 'init', '-q', '--bare', '-b', 'main', origin);
  git(dir, 'clone', '-q', origin, checkout);
  git(checkout, 'checkout', '-q', '-b', 'main');
  fs.writeFileSync(path.join(checkout, 'old.py'), `# legacy\nAWS_KEY = "${oldKey}"\n`);
  git(checkout, 'add', '.');
  git(checkout, 'commit', '-qm', 'base');
  git(checkout, 'push', '-q', 'origin', 'main');
  git(checkout, 'checkout', '-q', '-b', 'feature');
  fs.mkdirSync(path.join(checkout, 'src'));
  fs.writeFileSync(path.join(checkout, 'src', 'my config.py'), `import os\nAWS_KEY = "${newKey}"\n`);
  fs.appendFileSync(path.join(checkout, 'old.py'), 'print("touched")\n');
  git(checkout, 'add', '.');
  git(checkout, 'commit', '-qm', 'feature');
  // As after actions/checkout of a pull request: the base branch may not be fetched; run.sh fetches it.
  git(checkout, 'update-ref', '-d', 'refs/remotes/origin/main');
  return { dir, checkout };
}

/** Runs one step of action.yml as the runner would: its `run` in bash, its `env` with inputs substituted. */
function runStep(id: string | number, inputs: Record<string, string>, github: Record<string, string>, outputs: Record<string, string> = {}) {
  const steps = action.runs.steps as Array<{ id?: string; run?: string; env?: Record<string, string> }>;
  const step = typeof id === 'number' ? steps[id] : steps.find((s) => s.id === id)!;
  const defaults = Object.fromEntries(Object.entries(action.inputs as Record<string, { default: string }>).map(([name, spec]) => [name, spec.default]));
  const expand = (value: string) =>
    value
      .replace(/\$\{\{\s*inputs\.([\w-]+)\s*\}\}/g, (_, name) => ({ ...defaults, ...inputs })[name] ?? '')
      .replace(/\$\{\{\s*steps\.scan\.outputs\.([\w-]+)\s*\}\}/g, (_, name) => outputs[name] ?? '');
  const env = Object.fromEntries(Object.entries(step.env ?? {}).map(([name, value]) => [name, expand(value)]));
  const result = spawnSync('bash', ['-c', step.run!], { cwd: github.GITHUB_WORKSPACE, encoding: 'utf8', env: { ...process.env, ...GIT_ENV, HOME: os.tmpdir(), ...github, GITHUB_ACTION_PATH: ROOT, ...env } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function githubEnv(dir: string, checkout: string, extra: Record<string, string>) {
  const output = path.join(dir, 'github-output');
  const summary = path.join(dir, 'step-summary');
  fs.writeFileSync(output, '');
  fs.writeFileSync(summary, '');
  return { GITHUB_WORKSPACE: checkout, GITHUB_OUTPUT: output, GITHUB_STEP_SUMMARY: summary, GITHUB_ACTIONS: 'true', ...extra };
}

const readOutputs = (file: string) => Object.fromEntries(fs.readFileSync(file, 'utf8').trim().split('\n').map((line) => line.split(/=(.*)/s).slice(0, 2)));

test('on a pull request: --diff against the fetched base, one annotation on the added line, SARIF and outputs, masked', () => {
  const { dir, checkout } = pullRequestCheckout();
  const github = githubEnv(dir, checkout, { GITHUB_EVENT_NAME: 'pull_request', GITHUB_BASE_REF: 'main', GITHUB_HEAD_REF: 'feature' });
  const scan = runStep('scan', {}, github);
  assert.equal(scan.code, 0, `the scan step itself succeeds so the upload runs:\n${scan.stderr}`);
  const annotations = scan.stdout.split('\n').filter((line) => line.startsWith('::'));
  assert.equal(annotations.length, 1, scan.stdout);
  assert.match(annotations[0], /^::error file=src\/my config\.py,line=2,endLine=2,col=12,endColumn=32,title=Secret Hygiene%3A AWS access key ID \(aws-access-key-id\)::AWS access key ID \(AWS\) is hardcoded: AKIA…/);
  assert.match(scan.stderr, /--diff origin\/main/);
  const outputs = readOutputs(github.GITHUB_OUTPUT);
  assert.deepEqual(outputs, { findings: '1', sarif: 'secret-hygiene.sarif', 'exit-code': '1' });
  const sarif = JSON.parse(fs.readFileSync(path.join(checkout, outputs.sarif), 'utf8'));
  assert.equal(sarif.version, '2.1.0');
  assert.deepEqual(sarif.runs[0].results.map((r: any) => r.locations[0].physicalLocation.artifactLocation.uri), ['src/my%20config.py']);
  const summary = fs.readFileSync(github.GITHUB_STEP_SUMMARY, 'utf8');
  assert.match(summary, /1 secret\(s\) found/);
  for (const text of [scan.stdout, scan.stderr, summary, JSON.stringify(sarif)]) {
    assert.ok(!text.includes(newKey) && !text.includes(oldKey), 'no value leaves the scan');
  }
  const verdict = runStep(2, {}, github, outputs);
  assert.equal(verdict.code, 1, 'findings fail the job');
  assert.equal(runStep(2, { 'fail-on-findings': 'false' }, github, outputs).code, 0);
});

test('on a push: the whole tree is scanned; annotations can be turned off; a broken scan fails the verdict', () => {
  const { dir, checkout } = pullRequestCheckout();
  const github = githubEnv(dir, checkout, { GITHUB_EVENT_NAME: 'push', GITHUB_REF: 'refs/heads/feature' });
  const scan = runStep('scan', { sarif: 'reports/secrets.sarif' }, github);
  assert.equal(scan.code, 0, scan.stderr);
  assert.deepEqual(scan.stdout.split('\n').filter((l) => l.startsWith('::')).map((l) => /file=([^,]+),line=(\d+)/.exec(l)!.slice(1).join(':')).sort(), ['old.py:2', 'src/my config.py:2']);
  assert.deepEqual(readOutputs(github.GITHUB_OUTPUT), { findings: '2', sarif: 'reports/secrets.sarif', 'exit-code': '1' });

  const quiet = githubEnv(dir, checkout, { GITHUB_EVENT_NAME: 'push' });
  assert.equal(runStep('scan', { annotations: 'false' }, quiet).stdout.split('\n').filter((l) => l.startsWith('::')).length, 0);

  const broken = githubEnv(dir, checkout, { GITHUB_EVENT_NAME: 'pull_request' });
  const bad = runStep('scan', { base: 'no-such-branch' }, broken);
  assert.equal(bad.code, 0);
  const outputs = readOutputs(broken.GITHUB_OUTPUT);
  assert.equal(outputs['exit-code'], '2');
  const verdict = runStep(2, { 'fail-on-findings': 'false' }, broken, outputs);
  assert.equal(verdict.code, 1);
  assert.match(verdict.stdout, /::error title=Secret Hygiene::the scan did not complete \(exit code 2\)/);
});

test('action.yml: one composite action whose SARIF goes to code scanning', () => {
  assert.equal(action.runs.using, 'composite');
  const upload = action.runs.steps.find((s: any) => typeof s.uses === 'string' && s.uses.startsWith('github/codeql-action/upload-sarif@'));
  assert.ok(upload, 'an upload-sarif step');
  assert.equal(upload.with.sarif_file, '${{ steps.scan.outputs.sarif }}');
  assert.match(upload.if, /always\(\)/, 'uploads even when secrets were found');
  assert.deepEqual(Object.keys(action.outputs).sort(), ['exit-code', 'findings', 'sarif']);
  for (const step of action.runs.steps.filter((s: any) => s.run)) assert.equal(step.shell, 'bash');
});
