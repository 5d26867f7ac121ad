import assert from 'node:assert/strict';
import { test } from 'node:test';
import { seededRandom } from '../../server/src/engine/exampleTokens';
import { KeywordPrefilter } from '../../server/src/engine/prefilter';
import { builtinRuleSet } from '../support/rules';

const found = (filter: KeywordPrefilter, text: string, from?: number, to?: number) =>
  [...filter.search(text, from, to)].map((i) => filter.keywords[i]).sort();

test('finds every keyword, overlapping ones included (he/she/his/hers)', () => {
  const filter = new KeywordPrefilter(['he', 'she', 'his', 'hers']);
  assert.deepEqual(found(filter, 'ushers'), ['he', 'hers', 'she']);
  assert.deepEqual(found(filter, 'this'), ['his']);
  assert.deepEqual(found(filter, 'nothing here? h-e'), ['he']);
  assert.deepEqual(found(filter, 'xyz'), []);
});

test('is ASCII case-insensitive without copying the text', () => {
  const filter = new KeywordPrefilter(['sk-proj-', 'akia']);
  assert.deepEqual(found(filter, 'KEY=SK-PROJ-abc and AkIa'), ['akia', 'sk-proj-']);
});

test('searches only the requested range', () => {
  const filter = new KeywordPrefilter(['ghp_', 'xoxb-']);
  const text = 'ghp_ aaaa xoxb-';
  assert.deepEqual(found(filter, text, 5), ['xoxb-']);
  assert.deepEqual(found(filter, text, 0, 6), ['ghp_']);
});

test('failure links recover after a partial match', () => {
  const filter = new KeywordPrefilter(['abcd', 'bce']);
  assert.deepEqual(found(filter, 'abce'), ['bce']);
  assert.deepEqual(found(filter, 'aabcd'), ['abcd']);
});

test('the built-in keywords are located where a plain case-insensitive search finds them', () => {
  const { prefilter } = builtinRuleSet();
  const random = seededRandom('prefilter-locate');
  const alphabet = 'aekKyYsS_-:/.tToOnN \n0129éPpAaCcRrEeIi';
  for (let round = 0; round < 20; round++) {
    let text = '';
    while (text.length < 3000) text += random() < 0.05 ? prefilter.keywords[Math.floor(random() * prefilter.keywords.length)].toUpperCase() : alphabet[Math.floor(random() * alphabet.length)];
    const lower = text.toLowerCase();
    const expected = new Map<number, number[]>();
    prefilter.keywords.forEach((keyword, index) => {
      for (let at = lower.indexOf(keyword.toLowerCase()); at >= 0; at = lower.indexOf(keyword.toLowerCase(), at + 1)) expected.set(index, [...(expected.get(index) ?? []), at]);
    });
    const found = prefilter.locate(text, 0, text.length, Infinity);
    assert.deepEqual(new Map([...found].sort((a, b) => a[0] - b[0])), new Map([...expected].sort((a, b) => a[0] - b[0])), `round ${round}`);
  }
});
