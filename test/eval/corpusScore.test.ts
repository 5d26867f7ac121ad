// `npm run eval:corpus`: the scoring arithmetic on a tiny corpus built here, and one run of the real CLI on a
// generated corpus file (never the shared corpus: `npm test` must not depend on it).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { secret } from '../support/rules';
import { formatScores, isExplicitNegative, judgeCase, missLines, parseCorpus, scoreOutcomes, targetSpans, type CorpusCase } from './corpusScore';

const token = secret('{alnum:32}', 'corpus');
const positive = (id: string, source: string, text: string, extra: Partial<CorpusCase> = {}): CorpusCase => ({ id, source, text, negative: false, positives: [token], ...extra });
const negative = (id: string, source: string, extra: Partial<CorpusCase> = {}): CorpusCase => ({ id, source, text: 'nothing here', negative: true, positives: [], ...extra });

test('a positive counts only when a finding overlaps one occurrence of its secret', () => {
  const c = positive('p', 'a', `first ${token} then ${token}`);
  assert.deepEqual(targetSpans(c), [[6, 38], [44, 76]]);
  assert.equal(judgeCase(c, [{ ruleId: 'r', start: 0, end: 5 }]).flagged, false);
  assert.equal(judgeCase(c, [{ ruleId: 'r', start: 0, end: 6 }]).flagged, false, 'touching is not overlapping');
  assert.equal(judgeCase(c, [{ ruleId: 'r', start: 50, end: 52 }]).flagged, true, 'the second occurrence counts too');
  assert.equal(judgeCase(c, []).flagged, false);
});

test('parts and whole_text widen what counts as found; absent positives find nothing', () => {
  const parts = positive('p', 'a', `id=ABC123 key=${token}`, { positives: ['not in the text'], parts: ['ABC123'] });
  assert.equal(judgeCase(parts, [{ ruleId: 'r', start: 3, end: 9 }]).flagged, true);
  const whole = positive('w', 'a', 'x'.repeat(40), { positives: [], whole_text: true });
  assert.equal(judgeCase(whole, [{ ruleId: 'r', start: 39, end: 40 }]).flagged, true);
  const absent = positive('n', 'a', 'no secret at all', { positives: ['missing'] });
  assert.deepEqual(targetSpans(absent), []);
  assert.equal(judgeCase(absent, [{ ruleId: 'r', start: 0, end: 16 }]).flagged, false);
});

test('per-source recall, fair recall, FPR and explicit FPR', () => {
  const text = `key ${token}`;
  const hit = [{ ruleId: 'r', start: 4, end: 36 }];
  const outcomes = [
    judgeCase(positive('1', 'alpha', text), hit),
    judgeCase(positive('2', 'alpha', text), []),
    judgeCase(positive('3', 'alpha', text, { artifact: 'placeholder' }), []),
    judgeCase(negative('4', 'alpha'), hit),
    judgeCase(negative('5', 'alpha', { negative_kind: 'malformed' }), hit),
    judgeCase(negative('6', 'alpha', { contains_known_positive: true }), []),
    judgeCase(negative('7', 'alpha'), []),
    judgeCase(positive('8', 'beta', text), hit),
  ];
  const [alpha, beta, all] = scoreOutcomes(outcomes);
  assert.deepEqual(
    [alpha.source, alpha.positives, alpha.found, alpha.fairPositives, alpha.fairFound, alpha.negatives, alpha.falsePositives, alpha.explicitNegatives, alpha.explicitFalsePositives],
    ['alpha', 3, 1, 2, 1, 4, 2, 2, 1],
  );
  assert.deepEqual([beta.source, beta.positives, beta.found, beta.negatives], ['beta', 1, 1, 0]);
  assert.deepEqual([all.source, all.positives, all.found, all.fairPositives, all.fairFound], ['ALL', 4, 2, 3, 2]);
  const table = formatScores([alpha, beta, all]).split('\n');
  assert.match(table[1], /^alpha\s+3\s+33\.3%\s+50\.0%\s+4\s+50\.0%\s+50\.0%\s+2$/);
  assert.match(table[2], /^beta\s+1\s+100\.0%\s+100\.0%\s+0\s+n\/a\s+n\/a\s+0$/);
  assert.deepEqual(missLines(outcomes).map((line) => JSON.parse(line).id), ['2', '3', '4', '5']);
  assert.equal(missLines(outcomes).some((line) => line.includes(token)), false, 'miss lines never carry case text');
});

test('explicit negatives exclude format-only and known-positive negatives', () => {
  assert.equal(isExplicitNegative(negative('a', 's')), true);
  assert.equal(isExplicitNegative(negative('b', 's', { negative_kind: 'context' })), false);
  assert.equal(isExplicitNegative(negative('c', 's', { contains_known_positive: true })), false);
  assert.equal(isExplicitNegative(positive('d', 's', token)), false);
});

test('a malformed corpus line is an error with its line number', () => {
  assert.throws(() => parseCorpus('{"text":"a","negative":true}\n\n{oops'), /line 3: not JSON/);
  assert.throws(() => parseCorpus('{"text":1,"negative":true}'), /line 1: "text" must be a string/);
  assert.throws(() => parseCorpus('{"id":"x","text":"a","negative":true}\n{"id":"x","text":"b","negative":true}'), /duplicate id "x"/);
  const [c] = parseCorpus('{"text":"a","negative":true}');
  assert.deepEqual([c.id, c.source, c.positives], ['line-1', 'unknown', []]);
});

test('eval:corpus scores the built CLI on a corpus file', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sh-corpus-test-'));
  try {
    const key = secret('ghp_{alnum:36}', 'corpus-cli');
    const cases = [
      { id: 'found', source: 'tiny', text: `export GITHUB_TOKEN=${key}\n`, negative: false, positives: [key] },
      { id: 'missed', source: 'tiny', text: 'the value is elsewhere\n', negative: false, positives: ['elsewhere-not-a-key'] },
      { id: 'clean', source: 'tiny', text: 'const answer = 42;\n', negative: true, positives: [] },
    ];
    const file = path.join(dir, 'tiny.jsonl');
    fs.writeFileSync(file, cases.map((c) => JSON.stringify(c)).join('\n'));
    const misses = path.join(dir, 'misses.jsonl');
    const run = spawnSync(process.execPath, [path.join(__dirname, 'corpus.js'), file, '--misses', misses], { encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /^tiny\s+2\s+50\.0%\s+50\.0%\s+1\s+0\.0%\s+0\.0%\s+1$/m);
    assert.match(run.stdout, /^ALL\s+2\s+50\.0%/m);
    assert.deepEqual(fs.readFileSync(misses, 'utf8').trim().split('\n').map((line) => JSON.parse(line).id), ['missed']);
    const bad = spawnSync(process.execPath, [path.join(__dirname, 'corpus.js'), path.join(dir, 'absent.jsonl')], { encoding: 'utf8' });
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /no corpus file at/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
