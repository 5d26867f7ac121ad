// Line mode (issue 12): a rule whose pattern never matches a line break runs only on the lines holding its
// keywords. The analysis must never call a pattern single-line when some match can hold a `\n`, and line
// mode must find exactly what one pass finds, for whole texts and for ranges of them.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { expandExample, scanText } from '../../server/src/engine';
import { seededRandom } from '../../server/src/engine/exampleTokens';
import { hitLines, unionBlocks } from '../../server/src/engine/keywordWindows';
import { canMatchLineFeed, staysOnOneLine } from '../../server/src/engine/lineBound';
import { builtinRuleSet } from '../support/rules';

const ruleSet = builtinRuleSet();

test('patterns that can match a line break are never called single-line', () => {
  const multi = ['a\\sb', 'a\\nb', '[^"]+', '[^]', '[\\s\\S]', '\\D', '\\W', '[\\x00-\\x1f]', '\\x0a', '\\x0A', '\\u000a', '\\cJ', '\\012', '[^\\d]', '(?=[^a])', '(?<!\\s)x', 'a\nb', '[\\t-\\r]', '\\u{a}'];
  for (const source of multi) assert.equal(canMatchLineFeed(source), true, source);
  const single = ['[A-Za-z0-9_.-]{8,40}', '[^\\s\'"]+', '[^\\n]+', '[^\\r\\n]*', '\\S+', '\\d\\w\\b', '(?<![A-Za-z])key[ \\t]*=', '\\x41\\u0042', '(?<q>[\'"])x\\k<q>', '[\\d-z]', '.+', '[^\\s\\d]'];
  for (const source of single) assert.equal(canMatchLineFeed(source), false, source);
  assert.equal(staysOnOneLine(/a.b/s), false, 'the s flag lets . match a line break');
  assert.equal(staysOnOneLine(/\p{L}/u), false, 'u patterns are not analysed');
  assert.equal(staysOnOneLine(/^key=\S+$/gim), true);
});

test('no built-in single-line rule matches across a line break in its own examples', () => {
  for (const rule of ruleSet.rules.filter((r) => r.regex instanceof RegExp && staysOnOneLine(r.regex))) {
    for (const [i, example] of [...rule.examples.positive, ...rule.examples.negative].entries()) {
      const text = expandExample(example, `line-${rule.id}-${i}`);
      for (const match of text.matchAll(new RegExp(rule.regex.source, rule.regex.flags))) assert.ok(!match[0].includes('\n'), `${rule.id} example ${i}`);
    }
  }
});

test('hit lines are whole lines, merged when they touch', () => {
  const text = 'one\ntwo key\nkey three\nfour\nfive key';
  const hits = [...text.matchAll(/key/g)].map((m) => m.index);
  assert.deepEqual(hitLines(text, hits).map(([s, e]) => text.slice(s, e)), ['two key\nkey three\n', 'five key']);
  assert.deepEqual(unionBlocks([[[0, 4]], [[4, 8], [20, 30]], [[25, 40]]]), [[0, 8], [20, 40]]);
});

function document(seed: string, lines: number): string {
  const random = seededRandom(seed);
  const examples = ruleSet.rules.flatMap((rule) => rule.examples.positive).map((e, i) => expandExample(e, `${seed}-${i}`));
  const filler = ['const token = next(); // the secret is elsewhere', 'x = 1', '', '  key: value', 'a long line '.repeat(30)];
  const out: string[] = [];
  for (let i = 0; i < lines; i++) out.push(random() < 0.05 ? examples[Math.floor(random() * examples.length)] : filler[Math.floor(random() * filler.length)]);
  return out.join(random() < 0.3 ? '\r\n' : '\n');
}

test('line mode equals one pass on texts between 4 and 16 KB, on whole texts and on ranges', () => {
  let compared = 0;
  for (let round = 0; round < 30; round++) {
    const text = document(`lines-${round}`, 80 + round * 6);
    const reference = scanText(text, 'src/app.ts', ruleSet, { windows: false });
    assert.equal(JSON.stringify(scanText(text, 'src/app.ts', ruleSet)), JSON.stringify(reference), `round ${round}`);
    compared += reference.length;
    // A range cut inside lines: matches starting in it, keywords possibly past the keyword search's end.
    const from = Math.floor(text.length / 7) + round;
    const to = Math.min(text.length, from + 4096 + round * 97);
    const options = { from, to, tail: 300, decode: false, hygiene: false };
    assert.equal(JSON.stringify(scanText(text, 'src/app.ts', ruleSet, options)), JSON.stringify(scanText(text, 'src/app.ts', ruleSet, { ...options, windows: false })), `round ${round} range`);
  }
  assert.ok(compared > 30, `the documents hold findings (${compared})`);
});
