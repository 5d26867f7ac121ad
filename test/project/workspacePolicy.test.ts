// A folder's policy over the built-in rules: a folder whose policy changes no rule reuses the built-in rule
// set (its keyword and service-name automata are the costliest part of start-up); any change builds anew.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { scanText } from '../../server/src/engine';
import { loadWorkspacePolicy } from '../../server/src/project/workspacePolicy';
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
