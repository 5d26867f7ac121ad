import assert from 'node:assert/strict';
import { test } from 'node:test';
import { KeywordPrefilter } from '../../server/src/engine/prefilter';

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
