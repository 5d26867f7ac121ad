// Issue 16, check 5: least-privilege notes from the rules' `leastPrivilege` data (Stripe sk_ vs rk_, GitHub
// classic vs fine-grained, AWS AKIA in code vs ASIA) and exchange keys configured to trade or withdraw.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildRuleSet, scanText, HYGIENE_CHECKS } from '../../server/src/engine';
import { builtinRuleSet, secret } from '../support/rules';

const notes = (path: string, text: string) => scanText(text, path, builtinRuleSet()).filter((f) => f.ruleId === HYGIENE_CHECKS.leastPrivilege);

test('a Stripe live secret key gets a note pointing at restricted keys; a restricted key does not', () => {
  const key = secret('sk_live_{alnum:99}', 'lp-stripe');
  const [note] = notes('billing.ts', `const stripe = new Stripe("${key}");`);
  assert.equal(note.severity, 'information');
  assert.equal(note.docs, 'https://docs.stripe.com/keys#limit-access');
  assert.match(note.message ?? '', /restricted key \(rk_live_\)/);
  assert.ok(!note.message?.includes(key));
  assert.deepEqual(notes('billing.py', `stripe.api_key = "${secret('rk_live_{alnum:99}', 'lp-rk')}"`), []);
});

test('a GitHub classic token gets a note; a fine-grained one does not', () => {
  assert.equal(notes('ci.py', `token = "${secret('ghp_{alnum:36}', 'lp-ghp')}"`).length, 1);
  assert.deepEqual(notes('ci.py', `token = "${secret('github_pat_{alnum:22}_{alnum:59}', 'lp-pat')}"`), []);
});

test('an AWS AKIA key in code gets a note; in .env or as a temporary ASIA key it does not', () => {
  const akia = secret('AKIA{base32:16}', 'lp-akia');
  assert.equal(notes('deploy.go', `accessKey := "${akia}"`).length, 1);
  assert.deepEqual(notes('.env', `AWS_ACCESS_KEY_ID=${akia}`), []);
  assert.deepEqual(notes('deploy.go', `accessKey := "${secret('ASIA{base32:16}', 'lp-asia')}"`), []);
});

test('an exchange key with withdrawal or trading permission set next to it is an error', () => {
  const key = secret('{alnum:64}', 'lp-binance');
  const yaml = `binance:\n  BINANCE_API_KEY: "${key}"\n  enable_withdrawals: true\n`;
  const [note] = notes('bot.yaml', yaml);
  assert.equal(note.severity, 'error');
  assert.match(note.message ?? '', /"withdrawals" permission/);
  const json = `{ "BINANCE_API_KEY": "${key}", "permissions": ["read", "trade"] }`;
  assert.equal(notes('bot.json', json).length, 1);
  assert.deepEqual(notes('bot.yaml', `binance:\n  BINANCE_API_KEY: "${key}"\n  enable_withdrawals: false\n`), []);
});

test('the team config can turn hygiene off or re-grade it (policy on the rule set)', () => {
  const text = `const stripe = new Stripe("${secret('sk_live_{alnum:99}', 'lp-policy')}");\nconsole.log(process.env.OPENAI_API_KEY);`;
  const off = buildRuleSet(builtinRuleSet().rules, { disable: ['hygiene'], severity: {} });
  assert.deepEqual(scanText(text, 'a.ts', off).filter((f) => f.category === 'hygiene'), []);
  const regraded = buildRuleSet(builtinRuleSet().rules, { disable: [], severity: { hygiene: 'hint', [HYGIENE_CHECKS.secretInLog]: 'warning' } });
  assert.deepEqual(scanText(text, 'a.ts', regraded).filter((f) => f.category === 'hygiene').map((f) => [f.ruleId, f.severity]), [
    [HYGIENE_CHECKS.leastPrivilege, 'hint'],
    [HYGIENE_CHECKS.secretInLog, 'warning'],
  ]);
  const noLogs = buildRuleSet(builtinRuleSet().rules, { disable: [HYGIENE_CHECKS.secretInLog], severity: {} });
  assert.deepEqual(scanText(text, 'a.ts', noLogs).filter((f) => f.category === 'hygiene').map((f) => f.ruleId), [HYGIENE_CHECKS.leastPrivilege]);
});
