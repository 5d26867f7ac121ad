// A folder's policy over the built-in rules: a folder whose policy changes no rule reuses the built-in rule
// set (its keyword and service-name automata are the costliest part of start-up); any change builds anew.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { scanText } from '../../server/src/engine';
import { dropIgnored, loadWorkspacePolicy } from '../../server/src/project/workspacePolicy';
import { removeProject, writeProject } from '../support/projects';
import { builtinRuleSet, secret } from '../support/rules';

const roots: string[] = [];
after(() => roots.forEach(removeProject));
const folder = (files: Record<string, string>) => {
  const root = writeProject(files);
  roots.push(root);
  return root;
};
const builtin = builtinRuleSet();
const key = secret('ghp_{alnum:36}', 'policy-reuse');

test('a folder without a policy reuses the built-in rule set, with its hygiene policy attached', () => {
  const policy = loadWorkspacePolicy(folder({ 'src/app.ts': '' }), builtin.rules, { builtinRuleSet: builtin });
  assert.equal(policy.ruleSet.prefilter, builtin.prefilter);
  assert.equal(policy.ruleSet.services, builtin.services);
  assert.deepEqual(policy.ruleSet.hygiene, { disable: [], severity: {} });
  assert.deepEqual(scanText(`const token = "${key}";\n`, 'a.ts', policy.ruleSet).filter((f) => f.category !== 'hygiene').map((f) => f.ruleId), ['github-personal-access-token']);
});

test('a policy that disables a rule or adds an allow-list gets its own rule set', () => {
  const disabling = loadWorkspacePolicy(folder({ '.secret-hygiene/config.json': '{ "disable": ["github-personal-access-token"] }' }), builtin.rules, { builtinRuleSet: builtin });
  assert.notEqual(disabling.ruleSet.prefilter, builtin.prefilter);
  assert.ok(!disabling.ruleSet.byId.has('github-personal-access-token'));
  assert.equal(scanText(`const token = "${key}";\n`, 'a.ts', disabling.ruleSet).filter((f) => f.ruleId === 'github-personal-access-token').length, 0);
  const allowing = loadWorkspacePolicy(folder({ '.secret-hygiene/config.json': '{ "allowlist": [{ "paths": ["docs/**"] }] }' }), builtin.rules, { builtinRuleSet: builtin });
  assert.notEqual(allowing.ruleSet.rules, builtin.rules);
});

// Issue 10: a rule the policy turns off never resurfaces as the service-name or generic-name rule that finds
// the same value (`aws_secret_access_key = …` was reported as service-amazon-web-services once the AWS rules
// were disabled), whichever file turned it off.
const awsSecret = secret('{base64:40}', 'policy-resurface').replace(/[+/]/g, 'q');
const awsId = secret('AKIA{alnumupper:16}', 'policy-resurface');
const AWS_TEXT = `aws_secret_access_key = "${awsSecret}"\nAWS_ACCESS_KEY = "${awsId}"\n`;
const reported = (files: Record<string, string>) => {
  const policy = loadWorkspacePolicy(folder({ '.git/HEAD': '', ...files }), builtin.rules, { builtinRuleSet: builtin });
  return dropIgnored(policy, 'a.py', AWS_TEXT, scanText(AWS_TEXT, 'a.py', policy.ruleSet)).filter((f) => f.category !== 'hygiene').map((f) => f.ruleId);
};

test('issue 10: without a policy both AWS values are found by the AWS rules', () => {
  assert.deepEqual(reported({}), ['aws-secret-access-key', 'aws-access-key-id']);
});

test('issue 10: a rule disabled in config.json does not resurface under a context rule', () => {
  assert.deepEqual(reported({ '.secret-hygiene/config.json': '{ "disable": ["aws-secret-access-key"] }' }), ['aws-access-key-id']);
  assert.deepEqual(reported({ '.secret-hygiene/config.json': '{ "disable": ["aws-secret-access-key", "aws-access-key-id"] }' }), []);
});

test('issue 10: severity "off" and .gitleaks.toml disabledRules silence the same way', () => {
  assert.deepEqual(reported({ '.secret-hygiene/config.json': '{ "severity": { "aws-secret-access-key": "off" } }' }), ['aws-access-key-id']);
  assert.deepEqual(reported({ '.gitleaks.toml': '[extend]\nuseDefault = true\ndisabledRules = ["aws-secret-access-key"]\n' }), ['aws-access-key-id']);
});

test('issue 10: values no turned-off rule matches are still found by the context rules', () => {
  const token = secret('{alnum:32}', 'policy-resurface-other');
  const text = `${AWS_TEXT}SENDGRID_SECRET = "${token}"\n`;
  const policy = loadWorkspacePolicy(folder({ '.git/HEAD': '', '.secret-hygiene/config.json': '{ "disable": ["aws-secret-access-key", "aws-access-key-id"] }' }), builtin.rules, { builtinRuleSet: builtin });
  const ids = dropIgnored(policy, 'a.py', text, scanText(text, 'a.py', policy.ruleSet)).filter((f) => f.category !== 'hygiene').map((f) => f.ruleId);
  assert.equal(ids.length, 1);
  assert.notEqual(ids[0], 'aws-secret-access-key');
});
