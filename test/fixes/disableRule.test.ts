// "Disable this rule for the workspace": the rule id lands in `disable` of .secret-hygiene/config.json,
// which then parses to a config that turns the rule off; comments, other keys, indentation and CRLF stay.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { planDisableRule } from '../../server/src/fixes/disableRule';
import { parseTeamConfig } from '../../server/src/project/teamConfig';
import { applyReplaces } from '../support/applyEdit';

const FILE = '/w/.secret-hygiene/config.json';
const apply = (text: string, ruleId: string) => {
  const plan = planDisableRule(FILE, text, ruleId);
  assert.equal(plan.refusal, undefined, plan.refusal);
  return applyReplaces(text, plan.changes[0].edits);
};

test('no config yet: the file is created with the rule disabled', () => {
  const plan = planDisableRule(FILE, undefined, 'stripe-live-secret-key');
  assert.equal(plan.changes[0].create, true);
  const text = applyReplaces('', plan.changes[0].edits);
  const parsed = parseTeamConfig(text);
  assert.deepEqual(parsed.problems, []);
  assert.deepEqual(parsed.config.disable, ['stripe-live-secret-key']);
  assert.match(plan.messages[0], /commit it/);
});

test('an existing list gets the id appended; comments, other keys and the file\'s indentation are kept', () => {
  const text = '{\n    // why we turned these off\n    "disable": ["generic-password"], // reviewed 2026-11\n    /* keep */ "exclude": ["fixtures/**"]\n}\n';
  const edited = apply(text, 'aws-access-key-id');
  assert.ok(edited.includes('// why we turned these off') && edited.includes('// reviewed 2026-11') && edited.includes('/* keep */'), edited);
  const parsed = parseTeamConfig(edited);
  assert.deepEqual(parsed.config.disable, ['generic-password', 'aws-access-key-id']);
  assert.deepEqual(parsed.config.exclude, ['fixtures/**']);
});

test('a config without "disable" gets the key, with CRLF line endings kept', () => {
  const text = '{\r\n  // team policy\r\n  "exclude": ["a/**"]\r\n}\r\n';
  const edited = apply(text, 'slack-webhook');
  assert.ok(!/[^\r]\n/.test(edited), `a bare LF was added: ${JSON.stringify(edited)}`);
  assert.ok(edited.includes('// team policy'));
  assert.deepEqual(parseTeamConfig(edited).config.disable, ['slack-webhook']);
});

test('an id already disabled, a broken file or a "disable" that is not a list change nothing', () => {
  assert.match(planDisableRule(FILE, '{"disable":["x"]}', 'x').refusal ?? '', /already disabled/);
  assert.match(planDisableRule(FILE, '{"disable": [', 'x').refusal ?? '', /not a valid JSON object/);
  assert.match(planDisableRule(FILE, '{"disable": "x"}', 'y').refusal ?? '', /not a list/);
  for (const text of ['{"disable":["x"]}', '{"disable": [', '{"disable": "x"}']) assert.deepEqual(planDisableRule(FILE, text, 'x').changes, []);
});
