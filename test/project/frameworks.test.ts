// Framework detection per project: dependencies and config files → public prefixes and names,
// with config overrides read as text (envPrefix, publicPrefix, next.config env, define, runtimeConfig.public).
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { detectProject, ProjectFactsCache, projectRootOf } from '../../server/src/project/frameworks';
import { packageJson, removeProject, writeProject } from '../support/projects';

const roots: string[] = [];
function project(files: Record<string, string>): string {
  const root = writeProject(files);
  roots.push(root);
  return root;
}
after(() => roots.forEach(removeProject));

const prefixesOf = (root: string) => detectProject(root).policy.prefixes.map((p) => p.prefix);
const namesOf = (root: string) => detectProject(root).policy.names.map((n) => n.name);

test('Next.js: NEXT_PUBLIC_ and the env block of next.config', () => {
  const root = project({
    'package.json': packageJson({ next: '15.0.0', react: '19.0.0' }),
    'next.config.mjs': 'export default {\n  // env: { COMMENTED: 1 },\n  env: { LEGACY_API_KEY: process.env.LEGACY_API_KEY, "QUOTED": "x", SHORT },\n  images: { domains: [] },\n};\n',
  });
  const facts = detectProject(root);
  assert.deepEqual(facts.frameworks.map((f) => f.name), ['Next.js']);
  assert.deepEqual(prefixesOf(root), ['NEXT_PUBLIC_']);
  assert.deepEqual(namesOf(root), ['LEGACY_API_KEY', 'QUOTED', 'SHORT']);
  assert.ok(facts.clientOutputDirs.includes('.next/static'));
});

test('Vite (React) with a custom envPrefix and a define', () => {
  const root = project({
    'package.json': packageJson({ react: '18.0.0' }, { vite: '5.0.0', '@vitejs/plugin-react': '4.0.0' }),
    'vite.config.ts': "import react from '@vitejs/plugin-react';\nexport default defineConfig({ plugins: [react()], envPrefix: ['VITE_', 'APP_'], define: { __KEY__: JSON.stringify(process.env.MAPS_SECRET) } });\n",
  });
  assert.equal(detectProject(root).frameworks[0].name, 'Vite (React)');
  assert.deepEqual(prefixesOf(root), ['VITE_', 'APP_']);
  assert.deepEqual(namesOf(root), ['MAPS_SECRET']);
});

test('SvelteKit: kit.env.publicPrefix replaces PUBLIC_; Vite still exposes VITE_', () => {
  const root = project({
    'package.json': packageJson({}, { '@sveltejs/kit': '2.0.0', vite: '5.0.0', '@sveltejs/vite-plugin-svelte': '3.0.0' }),
    'svelte.config.js': "export default { kit: { env: { publicPrefix: 'CLIENT_' } } };\n",
  });
  assert.deepEqual(prefixesOf(root).sort(), ['CLIENT_', 'VITE_']);
});

test('Nuxt: NUXT_PUBLIC_ and runtimeConfig.public keys', () => {
  const root = project({
    'package.json': packageJson({ nuxt: '3.0.0' }),
    'nuxt.config.ts': 'export default defineNuxtConfig({ runtimeConfig: { apiSecret: "", public: { apiBase: "/api", mapsKey: process.env.MAPS_KEY } } });\n',
  });
  assert.deepEqual(prefixesOf(root), ['NUXT_PUBLIC_']);
  assert.deepEqual(namesOf(root), ['NUXT_PUBLIC_API_BASE', 'NUXT_PUBLIC_MAPS_KEY', 'MAPS_KEY']);
});

test('CRA, Gatsby, Expo, Vue CLI, Astro prefixes; webpack EnvironmentPlugin names', () => {
  assert.deepEqual(prefixesOf(project({ 'package.json': packageJson({ 'react-scripts': '5.0.0' }) })), ['REACT_APP_']);
  assert.deepEqual(prefixesOf(project({ 'package.json': packageJson({ gatsby: '5.0.0' }) })), ['GATSBY_']);
  assert.deepEqual(prefixesOf(project({ 'package.json': packageJson({ expo: '51.0.0', 'react-native': '0.74.0' }) })), ['EXPO_PUBLIC_']);
  assert.deepEqual(prefixesOf(project({ 'package.json': packageJson({}, { '@vue/cli-service': '5.0.0' }) })), ['VUE_APP_']);
  assert.deepEqual(prefixesOf(project({ 'package.json': packageJson({ astro: '4.0.0' }) })), ['PUBLIC_']);
  const webpack = project({
    'package.json': packageJson({}, { webpack: '5.0.0' }),
    'webpack.config.js': "module.exports = { plugins: [new webpack.EnvironmentPlugin(['API_URL', 'SENTRY_AUTH_TOKEN']), new webpack.DefinePlugin({ 'process.env.STRIPE_KEY': JSON.stringify(process.env.STRIPE_KEY) })] };\n",
  });
  assert.deepEqual(namesOf(webpack).sort(), ['API_URL', 'SENTRY_AUTH_TOKEN', 'STRIPE_KEY']);
});

test('no framework: distinctive prefixes are assumed (not bare PUBLIC_)', () => {
  const facts = detectProject(project({ 'package.json': packageJson({ express: '4.0.0' }) }));
  assert.equal(facts.policy.assumed, true);
  const prefixes = facts.policy.prefixes.map((p) => p.prefix);
  assert.ok(prefixes.includes('NEXT_PUBLIC_') && prefixes.includes('VITE_'));
  assert.ok(!prefixes.includes('PUBLIC_') && !prefixes.includes(''));
});

test('a broken package.json still lets config files identify the framework', () => {
  assert.deepEqual(prefixesOf(project({ 'package.json': '{ "dependencies": { "next": ', 'next.config.js': 'module.exports = {};' })), ['NEXT_PUBLIC_']);
});

test('project root is the nearest package.json; the cache re-reads a changed config', () => {
  const root = project({ 'package.json': packageJson({ vite: '5.0.0' }), 'src/deep/file.ts': '', 'vite.config.js': 'export default {};' });
  assert.equal(projectRootOf(path.join(root, 'src', 'deep')), root);
  const cache = new ProjectFactsCache(0); // revalidate on every call; the server's default waits up to 1 s
  assert.deepEqual(cache.get(root).policy.prefixes.map((p) => p.prefix), ['VITE_']);
  fs.writeFileSync(path.join(root, 'vite.config.js'), "export default { envPrefix: 'MY_APP_' };");
  const later = new Date(Date.now() + 5000);
  fs.utimesSync(path.join(root, 'vite.config.js'), later, later);
  assert.deepEqual(cache.get(root).policy.prefixes.map((p) => p.prefix), ['MY_APP_']);
});
