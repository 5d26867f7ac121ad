// Issue 14: the warm-up before the first document runs the scanner on synthetic text only; it leaves the
// rule set as it was (a scan finds the same before and after it).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { scanText } from '../../server/src/engine';
import { warmUpSteps } from '../../server/src/engine/warmUp';
import { loadBuiltinRules } from '../../server/src/project/ruleFiles';
import { secret } from '../support/rules';

test('warm-up steps scan, and a scan finds the same before and after them', () => {
  const ruleSet = loadBuiltinRules();
  const text = `const stripe = new Stripe("${secret('sk_live_{alnum:24}', 'warm-up')}");\nconst password = "${secret('{alnum:20}', 'warm-up-pw')}";\n`;
  const before = scanText(text, 'src/pay.js', ruleSet).map((f) => `${f.ruleId}@${f.start}-${f.end}`);
  const steps = warmUpSteps(ruleSet);
  assert.ok(steps.length >= 4);
  for (const step of steps) step();
  assert.deepEqual(scanText(text, 'src/pay.js', ruleSet).map((f) => `${f.ruleId}@${f.start}-${f.end}`), before);
  assert.ok(before.length >= 1);
});
