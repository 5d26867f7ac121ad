// Findings in client modules: hardcoded secrets become errors with the import chain; reads of server-only
// secret env variables are flagged; public and harmless reads are not.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { scanClientModule, scanText, type ClientModuleFacts } from '../../server/src/engine';
import { builtinRuleSet, secret } from '../support/rules';

const facts: ClientModuleFacts = {
  chain: ['app/checkout.tsx', 'lib/pay.ts'],
  reason: '"use client" directive',
  policy: { prefixes: [{ prefix: 'NEXT_PUBLIC_', framework: 'Next.js' }], names: [] },
  secretNames: new Set(['STRIPE_KEY']),
};

test('a hardcoded warning-level key in client code becomes an error naming the chain', () => {
  const key = secret('sk_test_{alnum:24}', 'client');
  const text = `export const key = "${key}";\n`;
  const rule = scanText(text, 'lib/pay.ts', builtinRuleSet());
  assert.equal(rule[0].severity, 'warning');
  const [finding] = scanClientModule(text, 'lib/pay.ts', rule, facts);
  assert.equal(finding.severity, 'error');
  assert.deepEqual(finding.context?.importChain, facts.chain);
  assert.match(finding.message!, /hardcoded in client code: imported from app\/checkout\.tsx \("use client" directive\) via lib\/pay\.ts/);
});

test('reads of server-only secrets are flagged; public, harmless and plain reads are not', () => {
  const text = 'const a = process.env.STRIPE_KEY;\nconst b = process.env.AUTH_SECRET;\nconst c = process.env.NEXT_PUBLIC_URL;\nconst d = process.env.NODE_ENV;\nconst e = process.env.FEATURE_FLAG;\n';
  const findings = scanClientModule(text, 'lib/pay.ts', [], facts);
  assert.deepEqual(findings.map((f) => [f.ruleId, f.envName, f.confidence]), [
    ['client-reads-server-env', 'STRIPE_KEY', 'high'],
    ['client-reads-server-env', 'AUTH_SECRET', 'medium'],
  ]);
  assert.match(findings[0].message!, /runs in the browser.*reads STRIPE_KEY, a server-only secret/);
});
