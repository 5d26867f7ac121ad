// The CLI applies the repository policy (.secret-hygiene/config.json, .gitleaks.toml) and --config;
// problems in it are printed as file:line:column and make the run exit 2.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { secret } from '../support/rules';

const CLI = path.resolve(__dirname, '..', '..', '..', 'dist', 'cli.js');
const awsKey = secret('AKIA{alnumupper:16}', 'cli-config');
const corpToken = secret('{alnumlower:24}', 'cli-config');

function project(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sh-cli-config-'));
  for (const [name, text] of Object.entries({ '.git/HEAD': 'ref: refs/heads/main\n', ...files })) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

function cli(cwd: string, ...args: string[]) {
  const result = spawnSync(process.execPath, [CLI, 'scan', '--format', 'json', ...args], { cwd, encoding: 'utf8' });
  return { code: result.status, findings: result.stdout ? JSON.parse(result.stdout) : [], stderr: result.stderr };
}

test('the repository config re-grades, allowlists and excludes, and is found from a subfolder', () => {
  const dir = project({
    '.secret-hygiene/config.json': '{\n  "severity": { "aws-access-key-id": "warning" },\n  "allowlist": [{ "paths": ["docs/**"] }],\n  "exclude": ["vendor/**"]\n}\n',
    'src/a.py': `K = "${awsKey}"\n`,
    'docs/example.md': `K = "${awsKey}"\n`,
    'vendor/lib.py': `K = "${awsKey}"\n`,
  });
  const { code, findings } = cli(path.join(dir, 'src'), '.');
  assert.equal(code, 1);
  assert.deepEqual(findings.map((f: any) => [f.file, f.severity]), [['a.py', 'warning']]);
  assert.equal(cli(dir).findings.length, 1, 'docs/ allowed and vendor/ excluded from the root too');
});

test('a broken config is reported at file:line:column and the run exits 2, still scanning with the valid parts', () => {
  const dir = project({ '.secret-hygiene/config.json': '{\n  "disable": ["aws-access-key-id"],\n  "vault": { "provider": "shoebox" }\n}\n', 'a.py': `K = "${awsKey}"\n` });
  const { code, findings, stderr } = cli(dir);
  assert.equal(code, 2);
  assert.match(stderr, /^\.secret-hygiene\/config\.json:3:26: error: unknown vault provider "shoebox"/m);
  assert.deepEqual(findings, [], 'the valid "disable" still applied');
});

test('--config takes a .gitleaks.toml; .gitleaksignore silences a fingerprint', () => {
  const toml = `[extend]\nuseDefault = true\n\n[[rules]]\nid = "corp-token"\ndescription = "Corp token"\nregex = '''corp_token\\s*=\\s*"([a-z0-9]{24})"'''\nkeywords = ["corp_token"]\n`;
  const dir = project({ 'ci/gitleaks.toml': toml, 'a.py': `corp_token = "${corpToken}"\nK = "${awsKey}"\n` });
  const { code, findings } = cli(dir, '--config', 'ci/gitleaks.toml');
  assert.equal(code, 1);
  assert.deepEqual(findings.map((f: any) => f.ruleId).sort(), ['aws-access-key-id', 'corp-token']);
  fs.writeFileSync(path.join(dir, '.gitleaksignore'), 'a.py:aws-access-key-id:2\n');
  assert.deepEqual(cli(dir, '--config', 'ci/gitleaks.toml').findings.map((f: any) => f.ruleId), ['corp-token']);
  assert.equal(cli(dir, '--config', 'missing.json').code, 2);
});
