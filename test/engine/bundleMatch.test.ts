// .env secret values in built output, found by fingerprint (length, rolling hash, SHA-256) in minified text.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { asBundleFindings, findFingerprints, fingerprintSecret, scanBundleForEnvSecrets, scanText } from '../../server/src/engine';
import { builtinRuleSet, secret } from '../support/rules';

const value = secret('{alnum:40}', 'bundle');
const other = secret('{alnum:40}', 'other');

test('a fingerprint never holds the value, only its shape and hashes', () => {
  const fp = fingerprintSecret('ADMIN_TOKEN', '.env:2', value)!;
  assert.ok(!JSON.stringify(fp).includes(value.slice(4, -4)));
  assert.equal(fp.length, 40);
  assert.equal(fingerprintSecret('SHORT', '.env:1', 'abc'), undefined, 'short values would match by chance');
});

test('finds every occurrence in a minified one-line bundle, and nothing else', () => {
  const filler = 'var a=function(){return 1},b="x".repeat(3);'.repeat(2000);
  const text = `${filler}const t="${value}";${filler}fetch(u,{headers:{Authorization:"Bearer ${value}"}});"${other}"`;
  const fps = [fingerprintSecret('ADMIN_TOKEN', '.env:2', value)!, fingerprintSecret('UNUSED', '.env:3', secret('{alnum:40}', 'unused'))!];
  const hits = findFingerprints(text, fps);
  assert.equal(hits.length, 2);
  for (const hit of hits) assert.equal(text.slice(hit.start, hit.end), value);
  const [finding] = scanBundleForEnvSecrets(text, '.next/static/chunks/app.js', fps);
  assert.equal(finding.ruleId, 'bundle-env-secret');
  assert.equal(finding.envName, 'ADMIN_TOKEN');
  assert.match(finding.message!, /The value of ADMIN_TOKEN \(\.env:2, .+\) is in \.next\/static\/chunks\/app\.js, which is served to browsers/);
});

test('fingerprints of several lengths and values at the very start and end', () => {
  const short = secret('{alnum:12}', 's');
  const text = `${short}..${value}`;
  const hits = findFingerprints(text, [fingerprintSecret('A', '.env:1', short)!, fingerprintSecret('B', '.env:2', value)!]);
  assert.deepEqual(hits.map((h) => [h.fingerprint.name, h.start, h.end]), [['A', 0, 12], ['B', 14, 54]]);
});

test('rule findings in build output are errors that say the file is served to browsers', () => {
  const key = secret('sk_test_{alnum:24}', 'bundle');
  const [finding] = asBundleFindings(scanText(`x="${key}"`, 'dist/a.js', builtinRuleSet()), 'dist/a.js');
  assert.equal(finding.severity, 'error');
  assert.match(finding.message!, /is in dist\/a\.js, which is served to browsers/);
});
