// Migration from gitleaks: its default rule ids (rules/migration/gitleaks.json) stand for our rules in
// [extend] disabledRules, .gitleaksignore fingerprints (as gitleaks writes them) and config.json disable;
// ids we cannot map are reported. Team rule files may skip examples (a warning), built-in ones may not.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { compileRuleFile, scanText } from '../../server/src/engine';
import { gitleaksRuleIds } from '../../server/src/project/gitleaksRuleIds';
import { dropIgnored, loadWorkspacePolicy } from '../../server/src/project/workspacePolicy';
import { builtinRuleSet, secret } from '../support/rules';

const pat = secret('{github:ghp}', 'gitleaks-ids');
const stripe = secret('sk_live_{alnum:24}', 'gitleaks-ids');

function policyFor(files: Record<string, string>) {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'sh-gitleaks-ids-'));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    fs.writeFileSync(path.join(root, name), text);
  }
  return loadWorkspacePolicy(root, builtinRuleSet().rules);
}

const problemsOf = (policy: ReturnType<typeof policyFor>) => [...policy.problems.entries()].flatMap(([file, list]) => list.map((p) => `${path.basename(file)}:${p.line}:${p.severity}: ${p.message}`));

test('every rule id the gitleaks table maps to exists here', () => {
  const ours = builtinRuleSet().byId;
  for (const [gitleaksId, ids] of gitleaksRuleIds()) {
    for (const id of ids) assert.ok(ours.has(id), `${gitleaksId} maps to ${id}, which is not a built-in rule`);
  }
});

test("gitleaks' best-known default ids are in the table and map to a rule", () => {
  const table = gitleaksRuleIds();
  assert.ok(table.size >= 200, `${table.size} gitleaks ids`);
  for (const id of ['github-pat', 'github-fine-grained-pat', 'aws-access-token', 'slack-bot-token', 'slack-webhook-url', 'stripe-access-token', 'generic-api-key', 'private-key', 'gcp-api-key', 'jwt', 'openai-api-key']) {
    assert.ok((table.get(id) ?? []).length > 0, `${id} maps to one of our rules`);
  }
});

test('[extend] disabledRules with a gitleaks id disables the matching rule; unmapped and unknown ids warn at their line', () => {
  const toml = '[extend]\nuseDefault = true\ndisabledRules = [\n  "github-pat",\n  "twitter-api-key",\n  "no-such-rule",\n]\n';
  const text = `token = "${pat}"\nkey = "${stripe}"\n`;
  // Hygiene notes (least privilege) follow their rule findings; this test is about the rules.
  const rulesOnly = (findings: ReturnType<typeof scanText>) => findings.filter((f) => f.category !== 'hygiene').map((f) => f.ruleId);
  const before = rulesOnly(scanText(text, 'src/a.py', policyFor({}).ruleSet));
  assert.ok(before.includes('github-personal-access-token'), 'found without the config');
  const policy = policyFor({ '.gitleaks.toml': toml });
  assert.deepEqual(rulesOnly(scanText(text, 'src/a.py', policy.ruleSet)), before.filter((id) => id !== 'github-personal-access-token'));
  assert.deepEqual(problemsOf(policy), [
    '.gitleaks.toml:5:warning: disabledRules: gitleaks rule "twitter-api-key" has no equivalent here; nothing disabled',
    '.gitleaks.toml:6:warning: disabledRules: no rule "no-such-rule" here or in gitleaks\' defaults (typo?)',
  ]);
});

test('.gitleaksignore fingerprints written by gitleaks (gitleaks rule ids, with a commit or ./) silence our finding', () => {
  const text = `# config\nconst a = "${pat}";\nconst b = "${pat}";\nconst c = "${pat}";\n`;
  const ignore = [
    '0123456789abcdef0123456789abcdef01234567:src/app.ts:github-pat:2', // gitleaks git
    './src/app.ts:github-pat:4', // gitleaks dir .
    'src/app.ts:twitter-api-key:3', // no equivalent: harmless
  ].join('\n');
  const policy = policyFor({ '.gitleaksignore': ignore });
  const kept = dropIgnored(policy, 'src/app.ts', text, scanText(text, 'src/app.ts', policy.ruleSet));
  assert.deepEqual(kept.map((f) => [f.ruleId, text.slice(0, f.start).split('\n').length]), [['github-personal-access-token', 3], ['hygiene-least-privilege', 3]]);
});

test('config.json disable accepts a gitleaks id; one without an equivalent is a warning', () => {
  const policy = policyFor({ '.secret-hygiene/config.json': '{ "disable": ["stripe-access-token", "twitter-api-key"] }' });
  for (const id of ['stripe-live-secret-key', 'stripe-live-restricted-key', 'stripe-test-key']) assert.ok(!policy.ruleSet.byId.has(id), id);
  assert.ok(policy.ruleSet.byId.has('github-personal-access-token'));
  assert.deepEqual(problemsOf(policy), ['config.json:1:warning: gitleaks rule "twitter-api-key" has no equivalent here; it changes nothing']);
});

test('a team rule without examples is accepted with a warning; a built-in rule file still needs them', () => {
  const rule = { id: 'acme-token', title: 'Acme token', category: 'generic', keywords: ['acme_'], pattern: 'acme_(?<secret>[a-z0-9]{24})' };
  const file = JSON.stringify({ provider: 'Acme', rules: [rule] }, null, 2);
  const policy = policyFor({ '.secret-hygiene/rules/acme.json': file });
  assert.ok(policy.ruleSet.byId.has('acme-token'));
  assert.deepEqual(problemsOf(policy), ['acme.json:5:warning: rule acme-token: field "examples": no examples: add "examples": { "positive": [...], "negative": [...] } so the rule is tested']);
  const value = secret('{alnumlower:24}', 'acme');
  assert.deepEqual(scanText(`x = acme_${value}\n`, 'a.txt', policy.ruleSet).map((f) => f.ruleId), ['acme-token']);
  const builtin = compileRuleFile(JSON.parse(file), 'rules/acme.json');
  assert.deepEqual([builtin.rules.length, builtin.errors.map((e) => e.field)], [0, ['examples']]);
});
