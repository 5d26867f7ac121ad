// Issue 15 (gitleaks' default config within 2× of the built-in rules, the first pass after loading included): a
// pattern that starts with a lazy optional class run (gitleaks' generic rules) is matched as its rest, anchored
// where the probe matches, with the run before it counted apart; the whole pattern is never run. Every match,
// offset and secret must be the whole pattern's, at every edge of the run: its bound, the search start, the
// line start, assertions right after it, characters outside the BMP, windows of long lines.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { leadingLazyRun } from '../../server/src/project/regexProbe';
import { compileSafeRegex, liveRe2Patterns, releaseSafeRegexes } from '../../server/src/project/safeRegex';
import { secret } from '../support/rules';

const R = String.raw;

test('leadingLazyRun: flags, one lazy optional class run, then the rest', () => {
  assert.deepEqual(leadingLazyRun(R`(?i)[\w.-]{0,50}?(?:key|token)=(\w{8,})`), { run: R`(?i)[\w.-]`, max: 50, rest: R`(?i)(?:key|token)=(\w{8,})` });
  assert.deepEqual(leadingLazyRun(R`\S*?key`), { run: R`\S`, max: Infinity, rest: 'key' });
  assert.deepEqual(leadingLazyRun(R`.??x`), { run: '.', max: 1, rest: 'x' });
  assert.equal(leadingLazyRun(R`[\w.-]{0,50}key`), undefined, 'greedy: it takes the last place the rest matches');
  assert.equal(leadingLazyRun(R`[\w.-]{0,50}?key|token`), undefined, 'the rest would bind to one alternative');
  assert.equal(leadingLazyRun(R`(?U)[\w.-]{0,50}?key`), undefined, 'U swaps laziness');
  assert.equal(leadingLazyRun(R`[\w.-]{1,50}?key`), undefined, 'not optional');
  assert.equal(leadingLazyRun(R`(?:ab){0,3}?key`), undefined, 'a group, not a class');
  assert.equal(leadingLazyRun(R`[a-z]{0,3}?(?i)`), undefined, 'nothing after the run');
});

/** Every match of `pattern` in `body` (offset, text, secret span), line-bounded, split on or off. */
function matches(pattern: string, body: string, keywords: string[], split: boolean): string[] {
  const re = compileSafeRegex(pattern, { secretGroup: 'first', lineBounded: true, lineKeywords: keywords, prefixProbe: split, lazy: true });
  const out: string[] = [];
  for (let m = re.exec(body); m; m = re.exec(body)) {
    const secretAt = (m.indices as unknown as { groups?: { secret?: [number, number] } }).groups?.secret;
    out.push(`${m.index}:${m[0]}:${secretAt?.join('-') ?? ''}`);
    if (m[0].length === 0) re.lastIndex++;
  }
  releaseSafeRegexes([re]);
  return out;
}

test('the split finds exactly what the whole pattern finds (issue 15)', () => {
  const v = (seed: string, n = 20) => secret(`{alnum:${n}}`, seed);
  const lines: string[] = [];
  for (let i = 0; i < 300; i++) {
    const run = ['', 'a', 'x'.repeat(48), 'y'.repeat(49), 'z'.repeat(50), 'w'.repeat(51), 'q.r-s'.repeat(30)][i % 7];
    if (i % 3 === 0) lines.push(`${run}key=${v(`a${i}`)} ${run}token: '${v(`b${i}`)}'`); // two matches; the second's run must not reach into the first
    else if (i % 5 === 0) lines.push(`key=${v(`c${i}`)}`); // at the line's start
    else if (i % 7 === 0) lines.push(`😀${run}😀key=${v(`d${i}`, 12)};ключ token=${v(`e${i}`)}`);
    else if (i % 11 === 0) lines.push(`${run}key=${'m'.repeat(70)} then token=${v(`f${i}`)}`); // the probe (counts widened) matches where the rest does not
    else if (i % 13 === 0) lines.push(`var s = "${'z'.repeat(3000)} ${run}key=${v(`g${i}`)}; ${'q'.repeat(2500)} token: ${v(`h${i}`)}"`); // windows
    else lines.push(`const ${run}key_${i} = value${i};`);
  }
  lines.push(`${'k'.repeat(300_000)}key=${v('long')} ${'p'.repeat(600)}.token=${v('long2')}`); // a line over RE2's window
  const body = lines.join('\n');
  const keywords = ['key', 'token'];
  for (const pattern of [
    R`(?i)[\w.-]{0,50}?(?:key|token)(?:[ \t\w.-]{0,20})[\s'"]{0,3}(?:=|:)[\x60'"\s=]{0,5}([\w.=-]{10,60})(?:[\x60'"\s;]|$)`,
    R`[\w.-]{0,50}?\b(?:key|token)\s*[=:]\s*'?(?P<secret>[A-Za-z0-9]{10,40})`,
    R`(?i).{0,5}?(?:^|\b)(?:key|token)=(\w{8,})`,
    R`\S*?(?:key|token)[=:] ?'?([A-Za-z0-9]{12,})\b`,
  ]) {
    const expected = matches(pattern, body, keywords, false);
    assert.ok(expected.length > 100, `${pattern}: only ${expected.length} matches`);
    assert.deepEqual(matches(pattern, body, keywords, true), expected, pattern);
    assert.deepEqual(matches(pattern, body, [], true), matches(pattern, body, [], false), `${pattern} without keywords`);
  }
});

test('the whole pattern is not compiled: its probe, its rest anchored and the run are (issue 15)', () => {
  const before = liveRe2Patterns();
  const re = compileSafeRegex(R`(?i)[\w~]{0,9}?(?:splitkey)\s*=\s*([a-z0-9]{16,64})`, { secretGroup: 'first', lineBounded: true, lineKeywords: ['splitkey'], lazy: true });
  const value = secret('{alnum:20}', 'split').toLowerCase();
  const match = re.exec(`const x = 1;\nconst x.a~b_splitkey = ${value}\n`);
  assert.equal(match?.[0], `a~b_splitkey = ${value}`, 'the run stops at the "."');
  assert.equal(match?.[1], value);
  assert.equal(liveRe2Patterns() - before, 3);
  releaseSafeRegexes([re]);
  assert.equal(liveRe2Patterns(), before);
});
