// The incremental path must always agree with a full scan (ripgrep tests its fast and slow searchers
// against each other): random edits over documents full of real-shaped findings.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { IncrementalScanner, scanText, expandExample } from '../../server/src/engine';
import { seededRandom } from '../../server/src/engine/exampleTokens';
import { LONG_LINE, LONG_LINE_REACH, lineWindow } from '../../server/src/engine/incremental';
import { builtinRuleSet, secret } from '../support/rules';

const ruleSet = builtinRuleSet();

function snippets(): string[] {
  const fromRules = ruleSet.rules.flatMap((rule) => [...rule.examples.positive, ...rule.examples.negative]).map((e) => expandExample(e, 'incremental'));
  return [...fromRules, 'const x = 1;', '', '// comment', 'function f() {', '}', '// secret-hygiene-ignore-next-line', '# gitleaks:allow', ' // secret-hygiene-ignore openai-project-key', `key = "${secret('sk-proj-{alnum:60}', 'inc')}"`, `  data: ${btoa(`OPENAI_API_KEY=${secret('sk-proj-{alnum:60}', 'inc64')}`)}`];
}

function applyEdit(text: string, start: number, end: number, inserted: string): string {
  return text.slice(0, start) + inserted + text.slice(end);
}

const strip = (findings: ReturnType<typeof scanText>) => findings.map((f) => `${f.ruleId}@${f.start}-${f.end}`);

test('incremental findings equal full-scan findings after random edits', () => {
  const pool = snippets();
  for (let round = 0; round < 40; round++) {
    const random = seededRandom(`round-${round}`);
    const pick = () => pool[Math.floor(random() * pool.length)];
    let text = Array.from({ length: 30 }, pick).join(round % 2 ? '\r\n' : '\n');
    const scanner = new IncrementalScanner(ruleSet, 'src/file.ts');
    // The first update is one pass with every rule, split between the tracks (issue 12).
    assert.deepEqual(strip(scanner.update(text)), strip(scanText(text, 'src/file.ts', ruleSet)), `round ${round} first scan`);
    for (let step = 0; step < 25; step++) {
      const edits = 1 + Math.floor(random() * 3);
      for (let e = 0; e < edits; e++) {
        const start = Math.floor(random() * (text.length + 1));
        const end = Math.min(text.length, start + Math.floor(random() * (random() < 0.3 ? 200 : 8)));
        const choice = random();
        const inserted = choice < 0.4 ? pick().slice(0, 1 + Math.floor(random() * 60)) : choice < 0.7 ? '' : choice < 0.85 ? '\n' : pick();
        scanner.applyEdit({ start, end, insertedLength: inserted.length });
        text = applyEdit(text, start, end, inserted);
      }
      assert.deepEqual(strip(scanner.update(text)), strip(scanText(text, 'src/file.ts', ruleSet)), `round ${round} step ${step}`);
    }
  }
});

test('typing a key one character at a time ends with exactly one finding on it', () => {
  const key = secret('sk-proj-{alnum:30}T3BlbkFJ{alnum:30}', 'typing');
  const base = Array.from({ length: 10000 }, (_, i) => `const value${i} = ${i};`).join('\n');
  const insertAt = base.indexOf('const value5000');
  let text = base;
  const scanner = new IncrementalScanner(ruleSet, 'big.ts');
  scanner.update(text);
  const typed = `k = "${key}";\n`;
  for (let i = 0; i < typed.length; i++) {
    scanner.applyEdit({ start: insertAt + i, end: insertAt + i, insertedLength: 1 });
    text = applyEdit(text, insertAt + i, insertAt + i, typed[i]);
    scanner.update(text);
  }
  const findings = scanner.update(text);
  assert.equal(findings.length, 1);
  assert.equal(text.slice(findings[0].start, findings[0].end), key);
});

test('editing inside a private key block re-evaluates the whole block', () => {
  const pem = expandExample('-----BEGIN RSA PRIVATE KEY-----\n{pem-body}\n-----END RSA PRIVATE KEY-----', 'pem');
  const filler = Array.from({ length: 40 }, (_, i) => `line ${i}`).join('\n');
  let text = `${filler}\n${pem}\n${filler}`;
  const scanner = new IncrementalScanner(ruleSet, 'key.pem');
  const before = scanner.update(text);
  assert.equal(before.length, 1, 'the key block is found');
  assert.deepEqual(strip(before), strip(scanText(text, 'key.pem', ruleSet)));
  // Break the END marker, then restore it.
  const endAt = text.indexOf('-----END');
  scanner.applyEdit({ start: endAt, end: endAt + 5, insertedLength: 0 });
  text = applyEdit(text, endAt, endAt + 5, '');
  assert.deepEqual(strip(scanner.update(text)), strip(scanText(text, 'key.pem', ruleSet)));
  scanner.applyEdit({ start: endAt, end: endAt, insertedLength: 5 });
  text = applyEdit(text, endAt, endAt, '-----');
  assert.deepEqual(strip(scanner.update(text)), strip(before));
});

// Issue 11 item 13: a line longer than LONG_LINE (a minified bundle) is rescanned only near an edit; the
// findings still agree with a full scan, and the window stays bounded however long the line.
test('edits inside one very long line: findings equal a full scan, the rescanned window stays small', () => {
  const pool = snippets().map((s) => s.replace(/[\r\n]+/g, ' '));
  for (let round = 0; round < 4; round++) {
    const random = seededRandom(`long-line-${round}`);
    const pick = () => pool[Math.floor(random() * pool.length)];
    let text = '';
    // Minified-code density: a snippet (most are rule examples) among plain code.
    const filler = 'function(e,t){return e.map(function(n){return n+t})},'.repeat(4);
    while (text.length < 1.5 * LONG_LINE) text += `${pick()}${round % 2 ? ';' : ' '}${filler}`;
    if (round === 3) text = `first line\n${text}\nlast line`;
    const scanner = new IncrementalScanner(ruleSet, 'dist/app.min.js');
    scanner.update(text);
    for (let step = 0; step < 10; step++) {
      const start = Math.floor(random() * (text.length + 1));
      const end = Math.min(text.length, start + Math.floor(random() * 8));
      const inserted = random() < 0.5 ? pick().slice(0, 1 + Math.floor(random() * 60)) : random() < 0.5 ? '' : pick();
      scanner.applyEdit({ start, end, insertedLength: inserted.length });
      text = applyEdit(text, start, end, inserted);
      assert.deepEqual(strip(scanner.update(text)), strip(scanText(text, 'dist/app.min.js', ruleSet)), `round ${round} step ${step}`);
    }
  }
  const line = 'x'.repeat(10 * LONG_LINE);
  const [from, to] = lineWindow(line, 5 * LONG_LINE, 5 * LONG_LINE + 1, 2);
  assert.ok(to - from <= 2 * LONG_LINE_REACH + 1, `window ${to - from}`);
  assert.deepEqual(lineWindow(`a\nb\n${line}\nc`, 1, 2, 2), [0, 4], 'context lines stop before a long line');
  assert.deepEqual(lineWindow(`a\nb\nc\nd\ne`, 4, 5, 1), [2, 8], 'short lines keep whole-line context');
});
