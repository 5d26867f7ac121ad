// "Create a rule from this selection": the rule file finds the selected token and others of its shape, never
// holds the selected value (its examples are generated), and selections that cannot anchor a rule are refused.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildRuleSet, compileRuleFile, scanText } from '../../server/src/engine';
import { literalPrefix, planRuleFromSelection } from '../../server/src/fixes/ruleFromSelection';
import { applyReplaces } from '../support/applyEdit';
import { secret } from '../support/rules';

const DIR = '/w/.secret-hygiene/rules';

test('a prefixed internal token becomes a rule that finds it and its siblings, without the value in the file', () => {
  const token = secret('acme_live_{alnum:32}', 'rule-from-selection');
  const plan = planRuleFromSelection(DIR, token, () => false);
  assert.equal(plan.refusal, undefined, plan.refusal);
  assert.equal(plan.changes[0].path, `${DIR}/team-acme-live-token.json`);
  assert.equal(plan.changes[0].create, true);
  const text = applyReplaces('', plan.changes[0].edits);
  assert.ok(!text.includes(token.slice('acme_live_'.length)), 'the selected value was written into the rule file');
  const compiled = compileRuleFile(JSON.parse(text), 'team.json');
  assert.deepEqual(compiled.errors, []);
  const rules = buildRuleSet(compiled.rules);
  assert.equal(scanText(`const key = "${token}";`, 'src/a.ts', rules).length, 1);
  assert.equal(scanText(`KEY=${secret('acme_live_{alnum:30}', 'sibling')}`, '.env.example', rules).length, 1);
  assert.equal(scanText('const key = "acme_live_";', 'src/a.ts', rules).length, 0);
});

test('upper-case hex after a capital prefix, and the literal prefix rules', () => {
  assert.equal(literalPrefix('ACME9F3A0B1C2D3E4F5A'), 'ACME');
  assert.equal(literalPrefix('tok-prod-abcdefghijklmnop'), 'tok-prod-');
  assert.equal(literalPrefix('abcdefghijklmnopqrstuvwx'), undefined);
  const plan = planRuleFromSelection(DIR, secret('ACME{HEX:32}', 'hex'), () => false);
  assert.equal(plan.refusal, undefined, plan.refusal);
});

test('too short, spaces, no prefix, or an existing file: refused and nothing written', () => {
  for (const [selection, reason] of [
    ['acme_live_12', /select one token/],
    ['acme live 1234567890abcdef', /select one token/],
    [secret('{alnum:32}', 'np'), /no literal prefix/],
  ] as const) {
    const plan = planRuleFromSelection(DIR, selection, () => false);
    assert.match(plan.refusal ?? '', reason);
    assert.deepEqual(plan.changes, []);
  }
  assert.match(planRuleFromSelection(DIR, secret('acme_live_{alnum:32}', 'x'), () => true).refusal ?? '', /exists already/);
});
