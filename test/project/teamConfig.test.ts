// .secret-hygiene/config.json: every mistake is reported at its line and column, the rest still applies.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseTeamConfig } from '../../server/src/project/teamConfig';

test('a valid config with comments and trailing commas parses fully', () => {
  const { config, problems } = parseTeamConfig(`{
  // team policy
  "disable": ["generic", "slack-webhook-url"],
  "severity": { "aws-access-key-id": "warning", "database": "off" },
  "allowlist": [{ "description": "docs", "paths": ["docs/**"], "values": ["^EXAMPLE"], "rules": ["ai"] }],
  "exclude": ["**/fixtures/**"],
  "publicEnvPrefixes": ["NEXT_PUBLIC_", "VITE_"],
  "vault": { "provider": "1password" },
  "gitleaks": false,
}`);
  assert.deepEqual(problems, []);
  assert.deepEqual(config.disable, ['generic', 'slack-webhook-url']);
  assert.deepEqual(config.severity, { 'aws-access-key-id': 'warning', database: 'off' });
  assert.deepEqual(config.allowlist, [{ description: 'docs', paths: ['docs/**'], values: ['^EXAMPLE'], rules: ['ai'] }]);
  assert.deepEqual(config.publicEnvPrefixes, ['NEXT_PUBLIC_', 'VITE_']);
  assert.deepEqual(config.vault, { provider: '1password' });
  assert.equal(config.gitleaks, false);
});

test('a JSON syntax error points at its line and column', () => {
  const { problems } = parseTeamConfig('{\n  "disable": ["generic"]\n  "exclude": []\n}');
  assert.equal(problems.length, 1);
  assert.deepEqual([problems[0].line, problems[0].column], [3, 3]);
  assert.match(problems[0].message, /CommaExpected/);
});

test('wrong types and values point at the offending value', () => {
  const text = ['{', '  "severity": { "ai": "loud" },', '  "disable": ["Not An Id", 3],', '  "vault": { "provider": "shoebox" },', '  "exclude": "dist/**",', '  "colour": true', '}'].join('\n');
  const { config, problems } = parseTeamConfig(text);
  const at = problems.map((p) => `${p.line}:${p.column} ${p.severity} ${p.message}`);
  assert.deepEqual(at, [
    '6:3 warning unknown setting "colour"; expected one of disable, severity, allowlist, exclude, publicEnvPrefixes, vault, gitleaks',
    '3:28 error "disable" must hold non-empty strings (rule ids or categories)',
    '5:14 error "exclude" must be an array of globs',
    '3:15 error "Not An Id" is not a rule id or a category',
    '2:23 error severity must be one of error, warning, information, hint, off',
    '4:26 error unknown vault provider "shoebox"; expected one of dotenv, 1password, aws-secrets-manager, azure-key-vault, gcp-secret-manager, hashicorp-vault, doppler, infisical',
  ]);
  assert.deepEqual(config.severity, {}, 'a bad value is not applied');
});

test('an allowlist entry without paths or values is an error on the entry', () => {
  const { problems, config } = parseTeamConfig('{\n  "allowlist": [\n    { "rules": ["ai"] }\n  ]\n}');
  assert.deepEqual(problems.map((p) => [p.line, p.column, p.message]), [[3, 5, 'an allowlist entry needs "paths" or "values"']]);
  assert.deepEqual(config.allowlist, []);
});

test('globs that reach outside the repository are refused', () => {
  const { config, problems } = parseTeamConfig('{ "exclude": ["../other/**", "/etc/**", "ok/**"] }');
  assert.deepEqual(config.exclude, ['ok/**']);
  assert.deepEqual(problems.map((p) => p.column), [15, 30]);
  assert.match(problems[0].message, /must be relative to the repository root/);
});
