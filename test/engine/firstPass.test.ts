// Issue 12: the fused first pass walks a large text once for keywords and service names. Each half must
// record exactly what its own search records, including when one search reaches further than the other.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { keywordsAndNames } from '../../server/src/engine/firstPass';
import { builtinRuleSet } from '../support/rules';

const ruleSet = builtinRuleSet();
const matcher = ruleSet.services!.matcher;
const prefilter = ruleSet.prefilter;

/** Names, keywords, halves of them and non-ASCII characters that reset both automata (a name split by one is no name). */
const PIECES = ['STRIPE_SECRET_KEY=', 'stri', 'pe', 'git', 'hub', 'pass', 'word', 'tok', 'en', 'new-relic', 'newRelic.token', ' api_key: ', 'ghp_', 'AKIA', 'Ünïcødé', '\u212a', 'const password = ', 'slack.webhook', 'twilio', 'x'.repeat(40), '\n', '\t', 'é', '  github ', '{"token":"', 'http://', 'Bearer '];

function text(seed: number, length: number): string {
  let out = '';
  let state = seed;
  while (out.length < length) {
    state = (state * 1103515245 + 12345) >>> 0;
    out += PIECES[(state >>> 16) % PIECES.length];
  }
  return out;
}

const sorted = (found: Map<number, number[]>) => [...found.entries()].sort((a, b) => a[0] - b[0]);

test('the fused pass finds what the two separate searches find, for any pair of ends', () => {
  const credentialWords = ruleSet.credentialKeywords;
  for (let seed = 1; seed <= 40; seed++) {
    const sample = text(seed, 3000);
    const from = seed % 7;
    for (const [keywordsTo, namesTo] of [
      [sample.length, sample.length],
      [sample.length, 1200],
      [900, sample.length],
      [from, 2000],
      [2500, from],
    ]) {
      for (const maxHits of [0, 3, Infinity]) {
        const fused = keywordsAndNames(sample, from, keywordsTo, prefilter, maxHits, credentialWords, matcher, namesTo);
        assert.deepEqual(sorted(fused.keywords), sorted(prefilter.locate(sample, from, keywordsTo, maxHits, credentialWords)), `keywords, seed ${seed}, ends ${keywordsTo}/${namesTo}, maxHits ${maxHits}`);
        assert.deepEqual(fused.names, matcher.search(sample, from, namesTo), `names, seed ${seed}, ends ${keywordsTo}/${namesTo}`);
      }
    }
  }
});

test('the fused pass finds names and keywords at all (the comparison above is not between two empty lists)', () => {
  const sample = text(3, 3000);
  const fused = keywordsAndNames(sample, 0, sample.length, prefilter, Infinity, undefined, matcher, sample.length);
  assert.ok(fused.names.length > 20, `${fused.names.length} names`);
  assert.ok(fused.keywords.size > 5, `${fused.keywords.size} keywords`);
  const names = new Set(fused.names.map((hit) => matcher.names[hit.name]));
  for (const name of ['stripe', 'newrelic', 'twilio', 'github']) assert.ok(names.has(name), name);
});

test('without a service dictionary the pass is the keyword search alone', () => {
  const sample = text(5, 2000);
  const fused = keywordsAndNames(sample, 0, sample.length, prefilter, 2, undefined, undefined, sample.length);
  assert.deepEqual(fused.names, []);
  assert.deepEqual(sorted(fused.keywords), sorted(prefilter.locate(sample, 0, sample.length, 2)));
});
