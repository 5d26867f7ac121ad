// Keywords derived from workspace patterns (server/src/project/requiredLiterals.ts, issue 15): every match
// contains one of them, and a construct the analysis does not understand yields fewer keywords, never wrong ones.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { requiredLiterals } from '../../server/src/project/requiredLiterals';
import { compileSafeRegex } from '../../server/src/project/safeRegex';

test('literals, alternations, optional pieces and case', () => {
  assert.deepEqual(requiredLiterals(String.raw`ghp_[0-9a-zA-Z]{36}`), ['ghp_']);
  assert.deepEqual(requiredLiterals(String.raw`(?i)\b(dor_v1_[a-f0-9]{64})`), ['dor_v1_']);
  assert.deepEqual(requiredLiterals(String.raw`(?:db_passw(?:or)?d|pwd)\s*=\s*(\S+)`), ['db_passwd', 'db_password', 'pwd']);
  assert.deepEqual(requiredLiterals(String.raw`(?-i:ACME|[Aa]cme)_key`), ['acme_key']);
  assert.deepEqual(requiredLiterals(String.raw`\x41CME-[0-9]{4}`), ['acme-']);
  assert.deepEqual(requiredLiterals(String.raw`(?P<tok>zz[Tt]ok)[a-z]+`), ['zztok']);
});

test('no keywords when some match need not contain one', () => {
  for (const pattern of [String.raw`[a-f0-9]{40}`, String.raw`(?:acme)?[0-9]{8}`, String.raw`acme|[0-9]{8}`, String.raw`ab`, String.raw`\Qacme\E`, String.raw`(?:acme)*x`, '(unclosed']) {
    assert.deepEqual(requiredLiterals(pattern), [], pattern);
  }
});

test('every match of every pattern contains one of its derived keywords (checked with RE2)', () => {
  const cases: Array<[string, string[]]> = [
    [String.raw`(?i)[\w.-]{0,20}(?:db_passw(?:or)?d|database_passw(?:or)?d|pwd)[ \t]*=[ \t]*(\w{4,})`, ['DB_PASSWORD = hunter2x', 'x.Pwd=abcd', 'database_passwd =  q1w2e3']],
    [String.raw`(?:hooks.slack.com|hooks.acme.dev)/(?:services|triggers)/[A-Za-z0-9]{4}`, ['hooks.slack.com/services/AbC1', 'hooksXacmeYdev/triggers/zzzz']],
    [String.raw`\b(sk-(?:proj|live)-[a-z]{4}|rk_[a-z]{6})\b`, ['sk-proj-abcd', 'rk_abcdef']],
  ];
  for (const [pattern, samples] of cases) {
    const literals = requiredLiterals(pattern);
    assert.ok(literals.length > 0, pattern);
    const regex = compileSafeRegex(pattern);
    for (const sample of samples) {
      const match = regex.exec(`… ${sample} …`);
      regex.lastIndex = 0;
      assert.ok(match, `${pattern} matches ${sample}`);
      assert.ok(literals.some((literal) => match[0].toLowerCase().includes(literal)), `${match[0]} holds one of ${literals.join(', ')}`);
    }
  }
});
