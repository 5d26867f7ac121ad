// Issue 4, item 6: one small realistic project per framework, scanned by the CLI. In each: a secret under
// the public prefix, a read of it and a read of a server-only secret in client code, and a secret value in
// the built bundle are reported; a publishable key under the prefix and server code reading a secret are not.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { packageJson, removeProject, writeProject } from '../support/projects';
import { secret } from '../support/rules';

const CLI = path.resolve(__dirname, '..', '..', '..', 'dist', 'cli.js');
const roots: string[] = [];
after(() => roots.forEach(removeProject));

interface Fixture {
  name: string;
  prefix: string;
  files: Record<string, string>;
  /** Client code: reads `PUBLIC_READ` (the public secret) and `DB_PASSWORD` (server-only). */
  client: [string, (publicName: string) => string];
  /** Server code reading the server-only secret: never reported. */
  server: [string, string];
  bundle: string;
}

const FIXTURES: Fixture[] = [
  {
    name: 'Next.js', prefix: 'NEXT_PUBLIC_',
    files: { 'package.json': packageJson({ next: '15.0.0', react: '19.0.0' }), 'next.config.mjs': 'export default {};\n' },
    client: ['app/checkout/pay-button.tsx', (p) => `'use client';\nconst a = process.env.${p};\nconst b = process.env.DB_PASSWORD;\n`],
    server: ['app/api/orders/route.ts', 'export async function GET() { return db(process.env.DB_PASSWORD); }\n'],
    bundle: '.next/static/chunks/app/checkout/page-1a2b.js',
  },
  {
    name: 'Vite (React)', prefix: 'VITE_',
    files: { 'package.json': packageJson({ react: '18.0.0' }, { vite: '5.0.0', '@vitejs/plugin-react': '4.0.0' }), 'vite.config.ts': 'export default {};\n', 'index.html': '<script type="module" src="/src/main.tsx"></script>\n', 'src/main.tsx': "import './pay';\n" },
    client: ['src/pay.ts', (p) => `const a = import.meta.env.${p};\nconst b = import.meta.env.DB_PASSWORD;\n`],
    server: ['scripts/seed.ts', 'connect(process.env.DB_PASSWORD);\n'],
    bundle: 'dist/assets/index-4f5e.js',
  },
  {
    name: 'SvelteKit', prefix: 'PUBLIC_',
    files: { 'package.json': packageJson({}, { '@sveltejs/kit': '2.0.0', svelte: '4.0.0' }), 'svelte.config.js': 'export default { kit: {} };\n' },
    client: ['src/routes/checkout/+page.svelte', (p) => `<script>\n  import { ${p} } from '$env/static/public';\n  const b = import.meta.env.DB_PASSWORD;\n</script>\n`],
    server: ['src/routes/checkout/+page.server.ts', "import { DB_PASSWORD } from '$env/static/private';\nexport const load = () => db(DB_PASSWORD);\n"],
    bundle: '.svelte-kit/output/client/_app/immutable/nodes/2.js',
  },
  {
    name: 'Nuxt', prefix: 'NUXT_PUBLIC_',
    files: { 'package.json': packageJson({ nuxt: '3.0.0' }), 'nuxt.config.ts': 'export default defineNuxtConfig({ runtimeConfig: { public: {} } });\n' },
    client: ['components/PayButton.vue', (p) => `<script setup>\nconst a = process.env.${p};\nconst b = process.env.DB_PASSWORD;\n</script>\n`],
    server: ['server/api/orders.ts', 'export default defineEventHandler(() => db(process.env.DB_PASSWORD));\n'],
    bundle: '.output/public/_nuxt/entry.3c4d.js',
  },
  {
    name: 'Create React App', prefix: 'REACT_APP_',
    files: { 'package.json': packageJson({ react: '18.0.0', 'react-scripts': '5.0.0' }), 'src/index.js': "import './pay';\n" },
    client: ['src/pay.js', (p) => `const a = process.env.${p};\nconst b = process.env.DB_PASSWORD;\n`],
    server: ['scripts/deploy.js', 'deploy(process.env.DB_PASSWORD);\n'],
    bundle: 'build/static/js/main.8e9f.js',
  },
  {
    name: 'Gatsby', prefix: 'GATSBY_',
    files: { 'package.json': packageJson({ gatsby: '5.0.0', react: '18.0.0' }) },
    client: ['src/components/pay.js', (p) => `const a = process.env.${p};\nconst b = process.env.DB_PASSWORD;\n`],
    server: ['gatsby-node.js', 'exports.sourceNodes = () => db(process.env.DB_PASSWORD);\n'],
    bundle: 'public/app-5a6b.js',
  },
  {
    name: 'Expo', prefix: 'EXPO_PUBLIC_',
    files: { 'package.json': packageJson({ expo: '51.0.0', 'react-native': '0.74.0' }) },
    client: ['app/pay.tsx', (p) => `const a = process.env.${p};\nconst b = process.env.DB_PASSWORD;\n`],
    server: ['scripts/seed.js', 'seed(process.env.DB_PASSWORD);\n'],
    bundle: 'dist/_expo/static/js/web/entry-7c8d.js',
  },
];

for (const fixture of FIXTURES) {
  test(`${fixture.name}: public-prefix secret, its reads, a server secret read in client code and a bundle leak are reported; the rest is not`, () => {
    const publicName = `${fixture.prefix}STRIPE_SECRET_KEY`;
    const stripeSecret = secret('sk_live_{alnum:24}', fixture.name);
    const dbPassword = secret('{alnum:28}', fixture.name);
    const root = writeProject({
      ...fixture.files,
      '.gitignore': 'node_modules/\n.env\ndist/\nbuild/\n.next/\n.svelte-kit/\n.output/\npublic/\n',
      '.env': `${publicName}=${stripeSecret}\n${fixture.prefix}STRIPE_PUBLISHABLE_KEY=${secret('pk_live_{alnum:24}', fixture.name)}\nDB_PASSWORD=${dbPassword}\n`,
      [fixture.client[0]]: fixture.client[1](publicName),
      [fixture.server[0]]: fixture.server[1],
      [fixture.bundle]: `!function(){var e="${dbPassword}";fetch("/x",{headers:{a:e}})}();`,
    });
    roots.push(root);
    const result = spawnSync(process.execPath, [CLI, 'scan', '.', '--format', 'json'], { cwd: root, encoding: 'utf8' });
    assert.equal(result.status, 1, result.stderr);
    const findings = JSON.parse(result.stdout) as any[];
    const clientBundle = findings.filter((f) => f.category === 'client-bundle').map((f) => `${f.file}:${f.line} ${f.ruleId}`).sort();
    const clientText = fixture.client[1](publicName);
    const lineOf = (needle: string) => clientText.slice(0, clientText.indexOf(needle)).split('\n').length;
    assert.deepEqual(clientBundle, [
      `${fixture.bundle}:1 bundle-env-secret`,
      `${fixture.client[0]}:${lineOf(publicName)} public-env-secret-use`,
      `${fixture.client[0]}:${lineOf('DB_PASSWORD')} client-reads-server-env`,
      '.env:1 public-env-secret',
    ].sort());
    assert.ok(!findings.some((f) => f.file === fixture.server[0]), 'server code may read server secrets');
    assert.ok(!findings.some((f) => f.file === '.env' && f.line === 2), 'a publishable key under the prefix is fine');
    assert.ok(!result.stdout.includes(dbPassword) && !result.stdout.includes(stripeSecret), 'values are masked');
  });
}
