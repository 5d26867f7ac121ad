// Contextual noise: digests in lockfiles and SRI, data URIs, and UUIDs / identifiers / env names under generic rules.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { scanText } from '../../server/src/engine';
import { builtinRuleSet, ruleSetOf, secret } from '../support/rules';

const generic = ruleSetOf({ id: 'generic-value', category: 'generic', keywords: ['token'], pattern: 'token\\s*[=:]\\s*"(?<secret>[^"]{8,})"' });
const specific = ruleSetOf({ id: 'tok-key', keywords: ['tok_'], pattern: '(?<secret>tok_[A-Za-z0-9+/]{24})' });
const count = (text: string, path = 'src/a.ts', rules = generic) => scanText(text, path, rules).length;

test('generic rules skip UUIDs, env var names, identifiers and prose', () => {
  assert.equal(count(`token = "${secret('{alnum:32}', 'noise')}"`), 1, 'a random value is still found');
  assert.equal(count('token = "123e4567-e89b-42d3-a456-426614174000"'), 0);
  assert.equal(count('token = "GITHUB_TOKEN_NAME"'), 0);
  assert.equal(count('token = "getAccessTokenSilently"'), 0);
  assert.equal(count('token = "auth.errors.expired"'), 0);
  assert.equal(count('token = "auth/wrong-password"'), 0, 'error codes read as slashed identifiers');
  assert.equal(count('token = "Your session has expired"'), 0);
});

test('lockfiles, SRI prefixes and data URIs are not secrets; URL credentials in lockfiles are', () => {
  const key = `tok_${secret('{alnum:24}', 'lock')}`;
  assert.equal(count(`"integrity": "sha512-${key}"`, 'src/a.json', specific), 0);
  assert.equal(count(`  resolved "https://registry.example/x.tgz#${key}"`, 'yarn.lock', specific), 0);
  assert.equal(count(`  resolved "https://me:${key}@registry.example/x.tgz"`, 'yarn.lock', specific), 1);
  assert.equal(count(`url(data:image/png;base64,AAAA${key})`, 'a.css', specific), 0);
  assert.equal(count(`key = "${key}"`, 'src/a.ts', specific), 1);
});

test('generic rules skip API documentation example files; specific rules still scan them', () => {
  const line = `token = "${secret('{alnum:32}', 'docex')}"`;
  assert.equal(count(line, 'apis/s3-2006-03-01.examples.json'), 0);
  assert.equal(count(line, 'apis/s3-2006-03-01.json'), 1);
  const key = `tok_${secret('{alnum:24}', 'docex')}`;
  assert.equal(count(`key = "${key}"`, 'apis/s3.examples.json', specific), 1);
});

test('anti-forgery tokens (Rails, Django, ASP.NET) are not generic secrets', () => {
  const csrf = secret('{base64url:86}', 'csrf');
  const rules = builtinRuleSet();
  const generic = (text: string) => scanText(text, 'app/views/form.html', rules).filter((f) => f.category === 'generic');
  assert.deepEqual(generic(`<input type="hidden" name="authenticity_token" value="${csrf}" />`), []);
  assert.deepEqual(generic(`<input type="hidden" name="csrfmiddlewaretoken" value="${csrf}">`), []);
  assert.equal(generic(`<add key="ApiSecret" value="${secret('{alnum:32}', 'csrf')}" />`).length, 1, 'other hidden values are still read');
});

test("detect-secrets' baseline hashes (hashed_secret: SHA-1 hex) are digests, not secrets", () => {
  const text = `{\n  "results": {\n    "a.py": [{ "type": "Secret Keyword", "hashed_secret": "${secret('{hex:40}', 'noise-ds')}", "line_number": 3 }]\n  }\n}\n`;
  assert.deepEqual(scanText(text, '.secrets.baseline', builtinRuleSet()).map((f) => f.ruleId), []);
  assert.deepEqual(scanText(text.replace('hashed_secret', 'client_secret'), 'config.json', builtinRuleSet()).length > 0, true, 'the same value under a secret name is found');
});
