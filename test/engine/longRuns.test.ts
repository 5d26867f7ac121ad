// engine/longRuns.ts skips ahead by probing; it must list exactly the runs a character-by-character walk
// finds, and the encoded pass built on it exactly the base64 tokens the earlier loop yielded.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { base64Runs } from '../../server/src/engine/encoded';
import { seededRandom } from '../../server/src/engine/exampleTokens';
import { charClass, longRuns, type CharClass } from '../../server/src/engine/longRuns';

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/_-';

function referenceRuns(text: string, from: number, to: number, members: CharClass, min: number): Array<[number, number]> {
  const runs: Array<[number, number]> = [];
  const member = (i: number) => text.charCodeAt(i) < 128 && members[text.charCodeAt(i)] === 1;
  for (let i = from; i < to; ) {
    if (!member(i)) {
      i++;
      continue;
    }
    const start = i;
    while (i < text.length && member(i)) i++;
    if (i - start >= min) runs.push([start, i]);
  }
  return runs;
}

/** The encoded pass's loop before it used longRuns, kept as the reference. */
function referenceBase64(text: string, from: number, to: number): Array<[number, number]> {
  const is = (code: number) => code < 128 && BASE64.includes(String.fromCharCode(code));
  const out: Array<[number, number]> = [];
  let i = from;
  while (i < to) {
    if (!is(text.charCodeAt(i))) {
      i++;
      continue;
    }
    const start = i;
    while (i < text.length && is(text.charCodeAt(i))) i++;
    if (i - start > 64 * 1024) continue;
    let end = i;
    while (end < text.length && end - i < 2 && text.charCodeAt(end) === 61) end++;
    if (end - start >= 24 && (end === text.length || !(is(text.charCodeAt(end)) || text.charCodeAt(end) === 61))) out.push([start, end]);
    i = end;
  }
  return out;
}

/** Text mixing words, separators, padding and long runs, so runs start and end everywhere. */
function generated(seed: string, length: number): string {
  const random = seededRandom(seed);
  const pieces = ['=', '==', '===', ' ', '\n', '.', ':', '"', '/', '-', 'é', '\u212a', '0OIl'];
  let text = '';
  while (text.length < length) {
    const r = random();
    if (r < 0.4) text += pieces[Math.floor(random() * pieces.length)];
    else {
      const run = Math.floor(random() * (r < 0.9 ? 12 : 80));
      for (let k = 0; k < run; k++) text += BASE64[Math.floor(random() * BASE64.length)];
    }
  }
  return text.slice(0, length);
}

test('longRuns lists the runs a character-by-character walk finds, for any range and length', () => {
  const classes = [charClass(BASE64), charClass('123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz'), charClass('0123456789abcdef')];
  for (let seed = 0; seed < 200; seed++) {
    const text = generated(`runs-${seed}`, 50 + seed * 7);
    const random = seededRandom(`range-${seed}`);
    const from = Math.floor(random() * text.length * 0.3);
    const to = from + Math.floor(random() * (text.length - from + 1));
    for (const members of classes) {
      for (const min of [0, 1, 2, 5, 22, 51, 200]) {
        assert.deepEqual(longRuns(text, from, to, members, min), referenceRuns(text, from, to, members, min), `seed ${seed}, min ${min}, [${from}, ${to})`);
      }
    }
  }
});

test('base64Runs yields the same tokens as the character-by-character loop', () => {
  for (let seed = 0; seed < 300; seed++) {
    const text = generated(`b64-${seed}`, 40 + seed * 11);
    const random = seededRandom(`b64-range-${seed}`);
    const from = Math.floor(random() * text.length * 0.5);
    const to = from + Math.floor(random() * (text.length - from + 1));
    assert.deepEqual(base64Runs(text, from, to), referenceBase64(text, from, to), `seed ${seed}, [${from}, ${to})`);
    assert.deepEqual(base64Runs(text, 0, text.length), referenceBase64(text, 0, text.length), `seed ${seed}, whole text`);
  }
  const blob = 'A1b2'.repeat(20_000);
  assert.deepEqual(base64Runs(`x ${blob} y`, 0, blob.length + 4), [], 'a blob over 64 KB is not a token');
});
