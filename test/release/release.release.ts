// The release tree as users install it (npm run test:release; CI runs it after npm test): built from the
// committed sources by scripts/release.mjs onto a `release` branch, reproducible byte for byte, installed
// with npm from git (as `npm install -g github:…#v…` does) and from a folder with --install-links (pre-commit
// 4.x), and used by the real pre-commit: try-repo and a real `git commit` are blocked by a staged fake key
// and pass once it is gone. Keys are generated at run time.
import assert from 'node:assert/strict';
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { before, test } from 'node:test';
import { secret } from '../support/rules';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const key = secret('AKIA{alnumupper:16}', 'release-hook');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'sh-release-'));
const ENV = {
  ...process.env,
  GIT_AUTHOR_NAME: 't',
  GIT_AUTHOR_EMAIL: 't@example.invalid',
  GIT_COMMITTER_NAME: 't',
  GIT_COMMITTER_EMAIL: 't@example.invalid',
  GIT_CONFIG_NOSYSTEM: '1',
  HOME: work,
  PRE_COMMIT_HOME: path.join(work, 'pre-commit-home'),
  npm_config_cache: path.join(work, 'npm-cache'),
  npm_config_update_notifier: 'false',
  NO_COLOR: '1',
};

function run(command: string, args: string[], cwd: string, options: SpawnSyncOptions = {}) {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', env: ENV, timeout: 300_000, ...options });
  return { code: result.status, out: `${result.stdout ?? ''}${result.stderr ?? ''}` };
}
function ok(command: string, args: string[], cwd: string) {
  const result = run(command, args, cwd);
  assert.equal(result.code, 0, `${command} ${args.join(' ')}:\n${result.out}`);
  return result.out;
}

const source = path.join(work, 'source');
const release = path.join(work, 'release-checkout');
const hasPreCommit = spawnSync('pre-commit', ['--version']).status === 0;

before(() => {
  // The committed sources only (what a tag is made from), with this checkout's devDependencies to build.
  ok('git', ['clone', '-q', ROOT, source], work);
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(source, 'node_modules'));
  ok(process.execPath, ['scripts/release.mjs', '--commit'], source);
  ok('git', ['clone', '-q', '--branch', 'release', source, release], work);
});

test('the release branch holds the CLI bundle, the rules and a package.json that needs nothing installed', () => {
  const manifest = JSON.parse(fs.readFileSync(path.join(release, 'package.json'), 'utf8'));
  assert.deepEqual(manifest.bin, { 'secret-hygiene': 'dist/cli.js' });
  assert.equal(manifest.dependencies, undefined);
  assert.equal(manifest.scripts, undefined, 'no prepare script: nothing to build, no banner in npm pack');
  for (const file of ['dist/cli.js', 'dist/re2.wasm', 'rules/schema.json', 'rules/migration/gitleaks.json', '.pre-commit-hooks.yaml', 'LICENSE']) {
    assert.ok(fs.existsSync(path.join(release, file)), file);
  }
  assert.ok(!fs.existsSync(path.join(release, 'dist', 'extension.js')), 'the editor bundles stay out');
  assert.match(ok('git', ['tag', '--points-at', 'release'], source), /^v\d+\.\d+\.\d+/);
});

test('a fresh build matches the committed release bytes, and a changed byte is caught', () => {
  assert.match(ok(process.execPath, ['scripts/release.mjs', '--check', release], source), /matches a fresh build/);
  const cli = path.join(release, 'dist', 'cli.js');
  fs.appendFileSync(cli, '\n');
  const changed = run(process.execPath, ['scripts/release.mjs', '--check', release], source);
  assert.equal(changed.code, 1);
  assert.match(changed.out, /differs: dist\/cli\.js/);
  ok('git', ['checkout', '--', 'dist/cli.js'], release);
});

function installedCliFinds(prefix: string) {
  const bin = path.join(prefix, 'bin', 'secret-hygiene');
  const project = fs.mkdtempSync(path.join(work, 'scan-'));
  fs.writeFileSync(path.join(project, 'config.py'), `AWS_KEY = "${key}"\n`);
  const scan = run(bin, ['scan', '.'], project);
  assert.equal(scan.code, 1, scan.out);
  assert.match(scan.out, /aws-access-key-id/);
  assert.ok(!scan.out.includes(key), 'the value is masked');
}

test('npm install -g from git (as github:…#v… does) installs a working CLI without devDependencies', () => {
  const prefix = path.join(work, 'global-git');
  ok('npm', ['install', '-g', '--prefix', prefix, '--no-audit', '--no-fund', `git+file://${source}#release`], work);
  installedCliFinds(prefix);
});

test('npm install -g --install-links of a checkout (pre-commit 4.x) installs a working CLI', () => {
  const prefix = path.join(work, 'global-links');
  ok('npm', ['install', '-g', '--install-links', '--prefix', prefix, '--no-audit', '--no-fund', release], work);
  installedCliFinds(prefix);
});

function userRepo(name: string) {
  const repo = path.join(work, name);
  fs.mkdirSync(repo);
  ok('git', ['init', '-q'], repo);
  fs.writeFileSync(path.join(repo, 'README.md'), '# app\n');
  ok('git', ['add', 'README.md'], repo);
  ok('git', ['-c', 'core.hooksPath=/dev/null', 'commit', '-qm', 'init'], repo);
  return repo;
}

test('pre-commit try-repo: a staged fake key fails the hook; without it the hook passes', { skip: !hasPreCommit && 'pre-commit is not installed (.ci/system-deps.sh installs it in CI)' }, () => {
  const repo = userRepo('try-repo');
  fs.writeFileSync(path.join(repo, 'settings.py'), `AWS_ACCESS_KEY_ID = "${key}"\n`);
  ok('git', ['add', 'settings.py'], repo);
  const blocked = run('pre-commit', ['try-repo', source, 'secret-hygiene', '--ref', 'release'], repo);
  assert.equal(blocked.code, 1, blocked.out);
  assert.match(blocked.out, /settings\.py:1:\d+ +error +aws-access-key-id/);
  assert.ok(!blocked.out.includes(key), 'the hook prints the masked value only');
  fs.writeFileSync(path.join(repo, 'settings.py'), 'import os\nAWS_ACCESS_KEY_ID = os.environ["AWS_ACCESS_KEY_ID"]\n');
  ok('git', ['add', 'settings.py'], repo);
  const passed = run('pre-commit', ['try-repo', source, 'secret-hygiene', '--ref', 'release'], repo);
  assert.equal(passed.code, 0, passed.out);
  assert.match(passed.out, /Secret Hygiene\.+Passed/);
});

test('pre-commit install: git commit with a fake key is blocked, the clean commit goes through', { skip: !hasPreCommit && 'pre-commit is not installed (.ci/system-deps.sh installs it in CI)' }, () => {
  const repo = userRepo('installed');
  const rev = ok('git', ['rev-parse', 'release'], source).trim();
  fs.writeFileSync(path.join(repo, '.pre-commit-config.yaml'), `repos:\n  - repo: ${source}\n    rev: ${rev}\n    hooks:\n      - id: secret-hygiene\n`);
  ok('pre-commit', ['install'], repo);
  fs.writeFileSync(path.join(repo, 'deploy.sh'), `export AWS_ACCESS_KEY_ID=${key}\n`);
  ok('git', ['add', '.pre-commit-config.yaml', 'deploy.sh'], repo);
  const blocked = run('git', ['commit', '-m', 'deploy script'], repo);
  assert.notEqual(blocked.code, 0, blocked.out);
  assert.match(blocked.out, /deploy\.sh:1:\d+ +error +aws-access-key-id/);
  assert.equal(run('git', ['rev-list', '--count', 'HEAD'], repo).out.trim(), '1', 'nothing was committed');
  fs.writeFileSync(path.join(repo, 'deploy.sh'), 'export AWS_ACCESS_KEY_ID="$(vault read -field=id aws/creds)"\n');
  ok('git', ['add', 'deploy.sh'], repo);
  ok('git', ['commit', '-qm', 'deploy script'], repo);
  assert.equal(run('git', ['rev-list', '--count', 'HEAD'], repo).out.trim(), '2');
});
