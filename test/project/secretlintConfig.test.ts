// secretlint users: a `.secretlintrc` (JSON or YAML) keeps what the team triaged there: `disabled: true` and
// `allowMessageIds` turn the matching rules off, `options.allows` allows values; unknown ids are reported with
// line and column; rules the file does not name stay on. The id table is checked against the installed preset.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { scanText } from '../../server/src/engine';
import { builtinRulesDir } from '../../server/src/project/ruleFiles';
import { fullRuleId, importSecretlintConfig } from '../../server/src/project/secretlintConfig';
import { dropIgnored, loadWorkspacePolicy } from '../../server/src/project/workspacePolicy';
import { builtinRuleSet, secret } from '../support/rules';

const awsKey = secret('AKIA{alnumupper:16}', 'secretlint');
const otherAwsKey = secret('AKIA{alnumupper:16}', 'secretlint-2');
const pat = secret('{github:ghp}', 'secretlint');
const webhook = `https://hooks.slack.com/services/T${secret('{alnumupper:8}/B{alnumupper:10}/{alnum:24}', 'secretlint')}`;
const botToken = `xoxb-${secret('{digits:12}-{digits:13}-{alnum:24}', 'secretlint')}`;
const SOURCE = `AWS_KEY = "${awsKey}"\nOTHER = "${otherAwsKey}"\nGH = "${pat}"\nHOOK = "${webhook}"\nSLACK_BOT_TOKEN = "${botToken}"\n`;
const ourIds = new Set(builtinRuleSet().rules.map((rule) => rule.id));

function policyWith(name: string, text: string) {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'sh-secretlint-'));
  fs.mkdirSync(path.join(root, '.git'));
  fs.writeFileSync(path.join(root, name), text);
  return loadWorkspacePolicy(root, builtinRuleSet().rules);
}
// As the CLI and the editor report: scanned, then what the policy silences dropped.
const found = (policy: ReturnType<typeof policyWith>) => dropIgnored(policy, 'src/app.py', SOURCE, scanText(SOURCE, 'src/app.py', policy.ruleSet)).filter((f) => f.category !== 'hygiene').map((f) => `${f.ruleId}@${SOURCE.slice(0, f.start).split('\n').length}`);

test('without a .secretlintrc every key is found', () => {
  assert.deepEqual(found(policyWith('README.md', '')), ['aws-access-key-id@1', 'aws-access-key-id@2', 'github-personal-access-token@3', 'slack-webhook-url@4', 'slack-bot-token@5']);
});

test('JSON: a disabled rule inside the recommended preset turns off the rules finding the same keys; others stay', () => {
  const rc = JSON.stringify({ rules: [{ id: '@secretlint/secretlint-rule-preset-recommend', rules: [{ id: '@secretlint/secretlint-rule-aws', disabled: true }] }] }, null, 2);
  const policy = policyWith('.secretlintrc.json', rc);
  assert.deepEqual([...policy.problems.values()].flat(), []);
  assert.deepEqual(found(policy), ['github-personal-access-token@3', 'slack-webhook-url@4', 'slack-bot-token@5']);
});

test('YAML: allowMessageIds turns off one message\'s rules; allows (literal and /regex/flags) allow values', () => {
  const rc = [
    'rules:',
    '  - id: "@secretlint/secretlint-rule-preset-recommend"',
    '    rules:',
    '      - id: "@secretlint/slack"      # the short form',
    '        allowMessageIds: ["IncomingWebhook"]',
    '      - id: "@secretlint/secretlint-rule-aws"',
    '        options:',
    '          allows:',
    `            - "${awsKey.slice(4, 14)}"`,
    `            - "/^${pat.slice(0, 12).toLowerCase()}/i"`,
    '',
  ].join('\n');
  const policy = policyWith('.secretlintrc.yml', rc);
  assert.deepEqual([...policy.problems.values()].flat(), []);
  // The literal allows the first AWS key only; the regex is the aws rule's, so it does not touch the GitHub token.
  assert.deepEqual(found(policy), ['aws-access-key-id@2', 'github-personal-access-token@3', 'slack-bot-token@5']);
});

test('an extensionless .secretlintrc may be either; unknown rules and message ids warn at their line and column', () => {
  const rc = ['rules:', '  - id: secretlint-rule-made-up', '  - id: "@secretlint/secretlint-rule-pattern"', '  - id: "@secretlint/secretlint-rule-github"', '    allowMessageIds: [GITHUB_TOKEN, NOPE]', ''].join('\n');
  const policy = policyWith('.secretlintrc', rc);
  const problems = [...policy.problems.values()].flat().map((p) => `${p.line}:${p.column}:${p.severity}:${p.message}`);
  assert.deepEqual(problems, [
    '2:9:warning:secretlint rule "secretlint-rule-made-up" has no equivalent here; its settings change nothing',
    '3:9:warning:secretlint rule "@secretlint/secretlint-rule-pattern": custom patterns are not imported; write them as .secret-hygiene/rules/*.json',
    '5:37:warning:allowMessageIds: "NOPE" is not a message of @secretlint/secretlint-rule-github (known: GITHUB_TOKEN)',
  ]);
  assert.ok(!found(policy).some((id) => id.startsWith('github-')), 'GITHUB_TOKEN still applied');
});

test('a disabled preset turns off all its members; a broken file is an error and imports nothing', () => {
  const disabled = importSecretlintConfig('{"rules": [{"id": "@secretlint/preset-recommend", "disabled": true}]}', ourIds);
  for (const id of ['aws-access-key-id', 'github-personal-access-token', 'slack-webhook-url', 'openai-project-key']) assert.ok(disabled.disable.includes(id), id);
  const broken = importSecretlintConfig('{"rules": [\n  {"id": "x",\n', ourIds);
  assert.deepEqual(broken.disable, []);
  assert.equal(broken.problems[0].severity, 'error');
  assert.match(importSecretlintConfig('{"rule": []}', ourIds).problems[0].message, /needs a "rules" list/);
  assert.match(importSecretlintConfig('{"rules": [{"id": "@secretlint/aws", "options": {"allows": ["/(a/"]}}]}', ourIds).problems[0].message, /^allows: .*entry ignored$/);
});

test('short ids expand as secretlint expands them', () => {
  assert.equal(fullRuleId('@secretlint/aws'), '@secretlint/secretlint-rule-aws');
  assert.equal(fullRuleId('@secretlint/secretlint-rule-aws'), '@secretlint/secretlint-rule-aws');
  assert.equal(fullRuleId('example'), 'secretlint-rule-example');
  assert.equal(fullRuleId('secretlint-rule-example'), 'secretlint-rule-example');
});

test('the table names every rule and message id of the installed recommended preset, and only rules we have', () => {
  // The preset is an ES module: list its rules and their messages in a child process.
  const listed = spawnSync(process.execPath, ['--input-type=module', '-e', 'import { creator } from "@secretlint/secretlint-rule-preset-recommend"; console.log(JSON.stringify(Object.fromEntries(creator.rules.map((r) => [r.meta.id, Object.keys(r.messages ?? {})]))))'], { encoding: 'utf8', cwd: path.resolve(__dirname, '..', '..', '..') });
  assert.equal(listed.status, 0, listed.stderr);
  const preset: Record<string, string[]> = JSON.parse(listed.stdout);
  const table = JSON.parse(fs.readFileSync(path.join(builtinRulesDir(), 'migration', 'secretlint.json'), 'utf8'));
  assert.deepEqual([...table.presets['@secretlint/secretlint-rule-preset-recommend']].sort(), Object.keys(preset).sort());
  for (const [rule, messages] of Object.entries(preset)) assert.deepEqual(Object.keys(table.rules[rule] ?? {}).sort(), [...messages].sort(), rule);
  for (const [rule, messages] of Object.entries(table.rules as Record<string, Record<string, string[]>>)) {
    for (const ids of Object.values(messages)) for (const id of ids) assert.ok(ourIds.has(id), `${rule} maps to unknown rule ${id}`);
  }
});
