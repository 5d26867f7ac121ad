// Issue 4 in the CLI: `scan` reports public .env variables holding secrets per framework, with the
// message and context in JSON; publishable keys and server-only variables are not client-bundle findings.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { packageJson, removeProject, writeProject } from '../support/projects';
import { secret } from '../support/rules';

const CLI = path.resolve(__dirname, '..', '..', '..', 'dist', 'cli.js');
const stripeSecret = secret('sk_live_{alnum:24}', 'cli-bundle');
const roots: string[] = [];
after(() => roots.forEach(removeProject));

function scanJson(files: Record<string, string>, args: string[] = []): any[] {
  const root = writeProject(files);
  roots.push(root);
  const result = spawnSync(process.execPath, [CLI, 'scan', '.', '--format', 'json', ...args], { cwd: root, encoding: 'utf8' });
  assert.ok(result.status === 0 || result.status === 1, result.stderr);
  return JSON.parse(result.stdout);
}

test('Vite (Vue) with a custom envPrefix: the public variable is an error, the server one a plain finding', () => {
  const findings = scanJson({
    'package.json': packageJson({ vue: '3.0.0' }, { vite: '5.0.0', '@vitejs/plugin-vue': '5.0.0' }),
    'vite.config.ts': "export default { envPrefix: 'APP_' };\n",
    '.env.production': `APP_STRIPE_KEY=${stripeSecret}\nSTRIPE_SECRET_KEY=${stripeSecret}\nVITE_STRIPE_KEY=${stripeSecret}\nAPP_STRIPE_PUBLISHABLE_KEY=${secret('pk_live_{alnum:24}', 'x')}\n`,
  });
  const clientBundle = findings.filter((f) => f.category === 'client-bundle');
  assert.deepEqual(clientBundle.map((f) => [f.line, f.context.publicEnvVar]), [[1, 'APP_STRIPE_KEY']]);
  assert.equal(clientBundle[0].severity, 'error');
  assert.match(clientBundle[0].message, /Vite \(Vue\) inlines its value/);
  assert.deepEqual(findings.filter((f) => f.category !== 'client-bundle').map((f) => f.line), [2, 3]);
  assert.ok(!JSON.stringify(findings).includes(stripeSecret.slice(8)), 'masked values only');
});

test('SvelteKit PUBLIC_, CRA REACT_APP_, Expo EXPO_PUBLIC_, Gatsby GATSBY_ each flag their own prefix', () => {
  const cases: Array<[Record<string, string>, string]> = [
    [{ 'package.json': packageJson({}, { '@sveltejs/kit': '2.0.0' }) }, 'PUBLIC_'],
    [{ 'package.json': packageJson({ 'react-scripts': '5.0.0' }) }, 'REACT_APP_'],
    [{ 'package.json': packageJson({ expo: '51.0.0' }) }, 'EXPO_PUBLIC_'],
    [{ 'package.json': packageJson({ gatsby: '5.0.0' }) }, 'GATSBY_'],
  ];
  for (const [files, prefix] of cases) {
    const findings = scanJson({ ...files, '.env': `${prefix}ADMIN_TOKEN=${secret('{alnum:32}', prefix)}\nADMIN_TOKEN=${secret('{alnum:32}', prefix)}\n` });
    assert.deepEqual(findings.map((f) => [f.ruleId, f.line]), [['public-env-secret', 1]], prefix);
  }
});

test('reads of a public secret in source files are reported at each use site; other reads are not', () => {
  const findings = scanJson({
    'package.json': packageJson({ '@sveltejs/kit': '2.0.0' }),
    '.env': `PUBLIC_ADMIN_PASSWORD=${secret('{alnum:20}', 'svelte')}\nPUBLIC_SITE_NAME=Demo\n`,
    'src/routes/+page.svelte': "<script>\n  import { PUBLIC_ADMIN_PASSWORD, PUBLIC_SITE_NAME } from '$env/static/public';\n</script>\n",
    'src/routes/+page.server.ts': 'export const load = () => ({ name: process.env.PUBLIC_SITE_NAME });\n',
  });
  assert.deepEqual(findings.map((f) => [f.file, f.ruleId, f.line]), [
    ['.env', 'public-env-secret', 1],
    ['src/routes/+page.svelte', 'public-env-secret-use', 2],
  ]);
});

test('Next.js client components: a hardcoded key and a server secret read are reported with the chain; server code is not', () => {
  const key = secret('sk_test_{alnum:24}', 'next-client');
  const findings = scanJson({
    'package.json': packageJson({ next: '15.0.0' }),
    '.env': `STRIPE_SECRET_KEY=${stripeSecret}\n`,
    'app/page.tsx': "import Buy from './buy';\nconst s = process.env.STRIPE_SECRET_KEY;\nexport default function Page() { return <Buy />; }\n",
    'app/buy.tsx': "'use client';\nimport { price } from '../lib/price';\nexport default function Buy() { return price(); }\n",
    'lib/price.ts': `const key = "${key}";\nexport const price = () => fetch('/x', { headers: { k: process.env.STRIPE_SECRET_KEY! } });\n`,
  });
  const inClient = findings.filter((f) => f.file === 'lib/price.ts');
  assert.deepEqual(inClient.map((f) => [f.ruleId, f.severity, f.line]), [
    ['stripe-test-key', 'error', 1],
    ['client-reads-server-env', 'warning', 2],
  ]);
  assert.deepEqual(inClient[0].context.importChain, ['app/buy.tsx', 'lib/price.ts']);
  assert.ok(!findings.some((f) => f.file === 'app/page.tsx'), 'a server component may read server secrets');
});

test('hygiene check 3 in --format json: a browser module sending a public key variable to an AI API, category hygiene; the same call in server code is not', () => {
  const call = (name: string) => `export const ask = () => fetch("https://api.openai.com/v1/models", { headers: { Authorization: \`Bearer \${process.env.${name}}\` } });\n`;
  const findings = scanJson({
    'package.json': packageJson({ next: '15.0.0', react: '19.0.0' }),
    'app/page.tsx': `"use client";\nimport { ask } from "../lib/ask";\nexport default function Page() { void ask(); return null; }\n`,
    'lib/ask.ts': call('NEXT_PUBLIC_OPENAI_API_KEY'),
    'app/api/models/route.ts': call('OPENAI_API_KEY').replace('export const ask =', 'export const GET ='),
  });
  assert.deepEqual(findings.map((f) => [f.file, f.ruleId, f.category, f.severity]), [['lib/ask.ts', 'hygiene-client-api-call', 'hygiene', 'error']]);
  assert.match(findings[0].message, /imported from app\/page\.tsx/);
});
