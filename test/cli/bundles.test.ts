// Issue 4, built output: `scan --bundles` looks inside ignored build folders for rule findings and for
// values of .env secrets (naming the variable), in minified files and source maps; plain `scan` too.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { packageJson, removeProject, writeProject } from '../support/projects';
import { secret } from '../support/rules';

const CLI = path.resolve(__dirname, '..', '..', '..', 'dist', 'cli.js');
const adminToken = secret('{alnum:40}', 'cli-bundles');
const stripeKey = secret('sk_live_{alnum:24}', 'cli-bundles');
const root = writeProject({
  'package.json': packageJson({ next: '15.0.0' }),
  '.gitignore': '.next/\nnode_modules/\n.env*.local\n',
  '.env.local': `ADMIN_API_TOKEN=${adminToken}\nNEXT_PUBLIC_SITE=demo\n`,
  'app/page.tsx': 'export default function Page() { return null; }\n',
  '.next/static/chunks/app/page-3f2a.js': `(self.webpackChunk=self.webpackChunk||[]).push([[1],{42:function(e,t,n){"use strict";var r="${adminToken}";t.default=function(){return fetch("/api",{headers:{"x-admin":r}})}}}]);`,
  '.next/static/chunks/app/page-3f2a.js.map': JSON.stringify({ version: 3, sources: ['app/page.tsx'], sourcesContent: [`const stripe = "${stripeKey}";`], mappings: 'AAAA' }),
  '.next/static/css/app.css': 'body{margin:0}',
});
after(() => removeProject(root));

function scan(args: string[]) {
  const result = spawnSync(process.execPath, [CLI, 'scan', ...args, '--format', 'json'], { cwd: root, encoding: 'utf8' });
  return { code: result.status, findings: JSON.parse(result.stdout || '[]') as any[], stderr: result.stderr };
}

test('--bundles finds a .env secret inlined in a minified chunk and a key in a source map', () => {
  const { code, findings } = scan(['--bundles']);
  assert.equal(code, 1);
  assert.deepEqual(findings.map((f) => [f.file, f.ruleId]).sort(), [
    ['.next/static/chunks/app/page-3f2a.js', 'bundle-env-secret'],
    ['.next/static/chunks/app/page-3f2a.js.map', 'stripe-live-secret-key'],
  ]);
  const envHit = findings.find((f) => f.ruleId === 'bundle-env-secret');
  assert.match(envHit.message, /ADMIN_API_TOKEN \(\.env\.local:1/);
  assert.equal(envHit.line, 1);
  assert.ok(!JSON.stringify(findings).includes(adminToken.slice(4, -4)), 'masked only');
  assert.ok(!findings.some((f) => f.file === '.env.local'), '--bundles checks build output only');
});

test('--bundles with a build folder path scans that folder; plain scan also checks build output', () => {
  assert.equal(scan(['--bundles', '.next/static/css']).code, 0);
  const { findings } = scan([]);
  assert.ok(findings.some((f) => f.ruleId === 'bundle-env-secret'), 'the ignored .next/static is still checked');
});

test('a Vite build: opaque server-only .env values no rule knows are found inlined in dist/, public ones are not', () => {
  const serviceToken = secret('{alnumlower:8}-{alnum:20}', 'vite-opaque');
  const internalKey = secret('{hex:32}', 'vite-opaque');
  const vite = writeProject({
    'package.json': packageJson({ vite: '5.4.0' }),
    '.gitignore': 'dist/\nnode_modules/\n.env\n',
    '.env': `INTERNAL_SERVICE_TOKEN=${serviceToken}\nINTERNAL_API_KEY=${internalKey}\nVITE_APP_TITLE=Demo shop\nAPP_REGION=eu-west-1\n`,
    'src/main.ts': 'console.log(import.meta.env.VITE_APP_TITLE);\n',
    'dist/assets/index-9c1d.js': `const t="${serviceToken}",k="${internalKey}";fetch("/x",{headers:{"x-t":t,"x-k":k}});document.title="Demo shop";const r="eu-west-1";`,
  });
  try {
    const result = spawnSync(process.execPath, [CLI, 'scan', '--bundles', '--format', 'json'], { cwd: vite, encoding: 'utf8' });
    const findings = JSON.parse(result.stdout || '[]') as any[];
    assert.equal(result.status, 1);
    const named = findings.filter((f) => f.ruleId === 'bundle-env-secret').map((f) => f.message.match(/[A-Z_]{6,}/)?.[0]).sort();
    assert.deepEqual(named, ['INTERNAL_API_KEY', 'INTERNAL_SERVICE_TOKEN']);
    assert.ok(!result.stdout.includes(serviceToken.slice(4, -4)), 'masked only');
  } finally {
    removeProject(vite);
  }
});
