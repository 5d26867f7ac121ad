// Env reads in source code and the findings at reads of public variables that hold secrets.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findEnvReferences, scanPublicEnvUses, type PublicSecret } from '../../server/src/engine';

test('finds process.env, import.meta.env and $env imports with exact name ranges', () => {
  const text = [
    'const a = process.env.NEXT_PUBLIC_A;',
    "const b = process.env['NEXT_PUBLIC_B'];",
    'const c = import.meta.env.VITE_C;',
    "import { PUBLIC_D, PUBLIC_E as e } from '$env/static/public';",
    "import { env } from '$env/dynamic/public';",
    'const f = env.PUBLIC_F;',
    "const g = import.meta.env['VITE_G'];",
  ].join('\n');
  const refs = findEnvReferences(text);
  assert.deepEqual(refs.map((r) => r.name), ['NEXT_PUBLIC_A', 'NEXT_PUBLIC_B', 'VITE_C', 'PUBLIC_D', 'PUBLIC_E', 'PUBLIC_F', 'VITE_G']);
  for (const ref of refs) assert.equal(text.slice(ref.start, ref.end), ref.name);
  assert.deepEqual([...new Set(refs.map((r) => r.via))], ['process.env', 'import.meta.env', '$env/static/public', '$env/dynamic/public']);
});

test('reports each read of a public secret, masked, pointing at the .env line', () => {
  const secrets = new Map<string, PublicSecret>([['VITE_STRIPE_KEY', { name: 'VITE_STRIPE_KEY', masked: 'sk_l…AbCd', framework: 'Vite (React)', source: '.env.local:2' }]]);
  const text = 'const key = import.meta.env.VITE_STRIPE_KEY;\nconst url = import.meta.env.VITE_API_URL;\nfetch(x, { key: import.meta.env.VITE_STRIPE_KEY });\n';
  const findings = scanPublicEnvUses(text, secrets);
  assert.equal(findings.length, 2);
  assert.equal(findings[0].ruleId, 'public-env-secret-use');
  assert.equal(text.slice(findings[0].start, findings[0].end), 'VITE_STRIPE_KEY');
  assert.match(findings[0].message!, /\.env\.local:2.*Vite \(React\) replaces this import\.meta\.env read with the value in the client bundle/);
  assert.deepEqual(scanPublicEnvUses(text, new Map()), []);
});
