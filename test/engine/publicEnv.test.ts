// Public .env variables holding secrets: by rule, by secret-like name; publishable keys and server-only
// variables are fine. Values are generated at run time.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { exposureOf, jwtRole, mergeClientBundleFindings, publishableKind, scanPublicEnv, scanText, type PublicEnvPolicy } from '../../server/src/engine';
import { builtinRuleSet, secret } from '../support/rules';

const rules = builtinRuleSet();
const next: PublicEnvPolicy = { prefixes: [{ prefix: 'NEXT_PUBLIC_', framework: 'Next.js' }], names: [{ name: 'LEGACY_KEY', framework: 'Next.js', via: 'the env block of next.config.js' }] };
const openai = secret('sk-proj-{alnum:74}T3BlbkFJ{alnum:74}', 'public-env');
const stripeSecret = secret('sk_live_{alnum:24}', 'public-env');
const stripePublishable = secret('pk_live_{alnum:24}', 'public-env');

/** A JWT with the given Supabase role, built at run time. */
export function supabaseJwt(role: string): string {
  const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64({ iss: 'supabase', ref: secret('{alnum:20}', role), role, iat: 1700000000 })}.${secret('{base64url:43}', role)}`;
}

test('a secret under NEXT_PUBLIC_ is an error on exactly its value, masked, naming the prefix', () => {
  const text = `# public\nNEXT_PUBLIC_OPENAI_KEY=${openai}\nOPENAI_API_KEY=${openai}\n`;
  const findings = scanPublicEnv(text, '.env.local', next, rules);
  assert.equal(findings.length, 1);
  const [finding] = findings;
  assert.equal(text.slice(finding.start, finding.end), openai);
  assert.equal(finding.category, 'client-bundle');
  assert.equal(finding.severity, 'error');
  assert.equal(finding.ruleId, 'public-env-secret');
  assert.equal(finding.envName, 'OPENAI_KEY');
  assert.equal(finding.context?.publicEnvVar, 'NEXT_PUBLIC_OPENAI_KEY');
  assert.equal(finding.context?.detectedBy, 'openai-project-key');
  assert.match(finding.message!, /NEXT_PUBLIC_ prefix.*Next\.js inlines its value into the client bundle/);
  assert.ok(!finding.message!.includes(openai.slice(8, 30)), 'the message carries the masked value only');
});

test('secret-like names are reported even when no rule knows the value', () => {
  const text = ['NEXT_PUBLIC_SUPABASE_SERVICE_ROLE_KEY=' + supabaseJwt('service_role'), 'NEXT_PUBLIC_DB_PASSWORD=' + secret('{alnum:16}', 'pw'), 'NEXT_PUBLIC_SESSION_SECRET=' + secret('{hex:32}', 's'), 'NEXT_PUBLIC_PORT_TOKEN=3000'].join('\n');
  const names = scanPublicEnv(text, '.env', next, rules).map((f) => f.context?.publicEnvVar);
  assert.deepEqual(names, ['NEXT_PUBLIC_SUPABASE_SERVICE_ROLE_KEY', 'NEXT_PUBLIC_DB_PASSWORD', 'NEXT_PUBLIC_SESSION_SECRET']);
});

test('publishable keys under a public prefix are fine', () => {
  const text = [
    `NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY=${stripePublishable}`,
    `NEXT_PUBLIC_SUPABASE_ANON_KEY=${supabaseJwt('anon')}`,
    `NEXT_PUBLIC_FIREBASE_API_KEY=${secret('AIza{base64url:35}', 'fb')}`,
    `NEXT_PUBLIC_SENTRY_DSN=https://${secret('{hex:32}', 'sentry')}@o123456.ingest.sentry.io/1234567`,
    `NEXT_PUBLIC_MAPBOX_TOKEN=pk.${secret('{alnum:60}', 'mb')}.${secret('{alnum:22}', 'mb2')}`,
    'NEXT_PUBLIC_API_URL=https://api.example.org',
    'NEXT_PUBLIC_AUTH_SECRET=your-secret-here',
  ].join('\n');
  assert.deepEqual(scanPublicEnv(text, '.env', next, rules), []);
  assert.equal(publishableKind(stripePublishable), 'Stripe publishable key');
  assert.equal(jwtRole(supabaseJwt('anon')), 'anon');
});

test('server-only variables are not client-bundle findings; names from config are public', () => {
  const text = `STRIPE_SECRET_KEY=${stripeSecret}\nLEGACY_KEY=${stripeSecret}\n`;
  const findings = scanPublicEnv(text, '.env.production', next, rules);
  assert.deepEqual(findings.map((f) => f.context?.publicEnvVar), ['LEGACY_KEY']);
  assert.match(findings[0].message!, /env block of next\.config\.js/);
});

test('only .env files are analysed', () => {
  assert.deepEqual(scanPublicEnv(`NEXT_PUBLIC_OPENAI_KEY=${openai}`, 'config.ts', next, rules), []);
});

test('an assumed policy (no framework detected) gives warnings', () => {
  const policy: PublicEnvPolicy = { prefixes: [{ prefix: 'VITE_', framework: 'Vite' }], names: [], assumed: true };
  const [finding] = scanPublicEnv(`VITE_STRIPE_KEY=${stripeSecret}`, '.env', policy, rules);
  assert.equal(finding.severity, 'warning');
  assert.match(finding.message!, /assumed/);
});

test('the longest matching prefix wins and empty-prefix policies expose every variable', () => {
  const policy: PublicEnvPolicy = { prefixes: [{ prefix: 'PUBLIC_', framework: 'SvelteKit' }, { prefix: '', framework: 'react-native-config' }], names: [] };
  assert.equal(exposureOf('PUBLIC_X', policy)?.framework, 'SvelteKit');
  assert.equal(exposureOf('ANYTHING', policy)?.framework, 'react-native-config');
});

test('client-bundle findings replace the rule finding on the same value', () => {
  const text = `NEXT_PUBLIC_OPENAI_KEY=${openai}\nOPENAI_API_KEY=${openai}\n`;
  const merged = mergeClientBundleFindings(scanText(text, '.env', rules), scanPublicEnv(text, '.env', next, rules));
  assert.deepEqual(merged.map((f) => f.ruleId), ['public-env-secret', 'openai-project-key']);
});
