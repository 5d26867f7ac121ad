// The build-output pass after a walk: files the walk already scanned are read again only to look for the
// project's .env secret values, so a project without any is not read twice (the CLI's slowest tail).
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { scanBundleTargets, type BundleFileResult } from '../../server/src/project/bundleScan';
import { packageJson, removeProject, writeProject } from '../support/projects';
import { builtinRuleSet, secret } from '../support/rules';

const ruleSet = builtinRuleSet();
const roots: string[] = [];
after(() => roots.forEach(removeProject));

async function bundlePass(files: Record<string, string>, alreadyScanned: string[]): Promise<BundleFileResult[]> {
  const root = writeProject(files);
  roots.push(root);
  const scanned = new Set(alreadyScanned.map((file) => path.join(root, file)));
  const out: BundleFileResult[] = [];
  for await (const result of scanBundleTargets([path.join(root, 'dist')], { ruleSet, maxFileSize: 1 << 20, alreadyScanned: scanned, commonFolders: true })) out.push(result);
  return out.map((result) => ({ ...result, file: path.relative(root, result.file) }));
}

test('without .env secrets, a bundle file the walk scanned is not read again; one it did not scan still is', async () => {
  const key = secret('sk_live_{alnum:24}', 'bundle-pass');
  const results = await bundlePass({
    'package.json': packageJson({ vite: '5.4.0' }),
    'dist/seen.js': `const k="${key}";`,
    'dist/unseen.js': `const k="${key}";`,
  }, ['dist/seen.js']);
  assert.deepEqual(results.map((r) => [r.file, r.kind, r.kind === 'scanned' ? r.findings.map((f) => f.ruleId) : []]), [['dist/unseen.js', 'scanned', ['stripe-live-secret-key']]]);
});

test('with a .env secret, a bundle file the walk scanned is still searched for its value', async () => {
  const token = secret('{alnum:40}', 'bundle-pass');
  const results = await bundlePass({
    'package.json': packageJson({ vite: '5.4.0' }),
    '.env': `INTERNAL_SERVICE_TOKEN=${token}\n`,
    'dist/seen.js': `const t="${token}";`,
  }, ['dist/seen.js']);
  assert.deepEqual(results.map((r) => [r.file, r.kind === 'scanned' ? r.findings.map((f) => f.ruleId) : r.kind]), [['dist/seen.js', ['bundle-env-secret']]]);
});
