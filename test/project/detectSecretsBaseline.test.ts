// detect-secrets users: a `.secrets.baseline` (its format: results per file, hashed_secret = SHA-1 hex of the
// secret) silences the findings it lists, in the CLI and wherever the policy applies; others still show.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { scanText } from '../../server/src/engine';
import { parseDetectSecretsBaseline } from '../../server/src/project/detectSecretsBaseline';
import { dropIgnored, loadWorkspacePolicy } from '../../server/src/project/workspacePolicy';
import { builtinRuleSet, secret } from '../support/rules';

const CLI = path.resolve(__dirname, '..', '..', '..', 'dist', 'cli.js');
const awsKey = secret('AKIA{alnumupper:16}', 'detect-secrets');
const pat = secret('{github:ghp}', 'detect-secrets');
const password = secret('{alnum:12}#{alnum:6}', 'detect-secrets');
const sha1 = (value: string) => createHash('sha1').update(value).digest('hex');

/** A baseline as `detect-secrets scan > .secrets.baseline` writes it (version 1.x layout). */
function baseline(results: Record<string, Array<{ type: string; secret: string; line: number }>>): string {
  const out: Record<string, unknown[]> = {};
  for (const [file, list] of Object.entries(results)) {
    out[file] = list.map((s) => ({ type: s.type, filename: file, hashed_secret: sha1(s.secret), is_verified: false, line_number: s.line }));
  }
  return JSON.stringify({ version: '1.5.0', plugins_used: [{ name: 'AWSKeyDetector' }, { name: 'KeywordDetector', keyword_exclude: '' }], filters_used: [], results: out, generated_at: '2026-01-01T00:00:00Z' }, null, 2);
}

function repo(files: Record<string, string>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'sh-detect-secrets-'));
  fs.mkdirSync(path.join(root, '.git'));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    fs.writeFileSync(path.join(root, name), text);
  }
  return root;
}

const APP = `import os\n# moved down a line since the baseline was written\nAWS_KEY = "${awsKey}"\nGH = "${pat}"\ndb_password = "${password}"\n`;

test('the CLI leaves out the secrets a detect-secrets baseline lists for that file, and reports the rest', () => {
  const root = repo({
    'src/app.py': APP,
    'src/other.py': `AWS_KEY = "${awsKey}"\n`,
    '.secrets.baseline': baseline({
      'src/app.py': [
        { type: 'AWS Access Key', secret: awsKey, line: 2 },
        { type: 'Secret Keyword', secret: password, line: 4 },
      ],
    }),
  });
  const result = spawnSync(process.execPath, [CLI, 'scan', '.', '--format', 'json'], { cwd: root, encoding: 'utf8' });
  assert.equal(result.status, 1, result.stderr);
  const found = JSON.parse(result.stdout).map((f: any) => `${f.file}:${f.line}:${f.ruleId}`);
  assert.deepEqual(found.sort(), ['src/app.py:4:github-personal-access-token', 'src/other.py:1:aws-access-key-id']);
  assert.equal(result.stderr, '');
});

test('without the baseline the same findings are reported (the check can fail)', () => {
  const policy = loadWorkspacePolicy(repo({}), builtinRuleSet().rules);
  const ids = dropIgnored(policy, 'src/app.py', APP, scanText(APP, 'src/app.py', policy.ruleSet)).map((f) => f.ruleId);
  assert.ok(ids.includes('aws-access-key-id') && ids.includes('github-personal-access-token'), ids.join());
});

test('a detector that cut the value differently still matches on its line (hash of the trimmed line)', () => {
  const text = `token: ${pat}\n`;
  const root = repo({ 'ci.yml': text, '.secrets.baseline': baseline({ './ci.yml': [{ type: 'GitHub Token', secret: text.trim(), line: 1 }] }) });
  const policy = loadWorkspacePolicy(root, builtinRuleSet().rules);
  assert.deepEqual(dropIgnored(policy, 'ci.yml', text, scanText(text, 'ci.yml', policy.ruleSet)), []);
});

test('a malformed baseline is reported with line and column; entries without a SHA-1 are skipped with a warning', () => {
  assert.deepEqual(parseDetectSecretsBaseline('{ "results": { "a.py": [ { "line_number": 3 } ] } }').problems.map((p) => `${p.line}:${p.column}:${p.severity}`), ['1:26:warning']);
  const broken = parseDetectSecretsBaseline('{\n  "results": {\n    "a.py": [ }\n}');
  assert.equal(broken.problems[0].line, 3);
  assert.match(broken.problems[0].message, /^JSON: /);
  const root = repo({ '.secrets.baseline': '{ "version": "1.5.0" }' });
  const problems = [...loadWorkspacePolicy(root, builtinRuleSet().rules).problems.values()].flat();
  assert.match(problems[0].message, /needs a "results" object/);
});
