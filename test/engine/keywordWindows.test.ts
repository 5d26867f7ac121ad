// Running rules only around their keyword hits must find exactly what one pass over the whole text finds:
// large generated documents mixing every rule's examples with code full of everyday keyword words
// (`://`, "method", `-us`, `pat`), long minified lines and CRLF, compared with the one-pass reference.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { expandExample, scanText } from '../../server/src/engine';
import { ESCAPED_TOKEN, tokensWith, URL_TOKEN } from '../../server/src/engine/encoded';
import { seededRandom } from '../../server/src/engine/exampleTokens';
import { keywordWindows, unionWindows } from '../../server/src/engine/keywordWindows';
import { builtinRuleSet } from '../support/rules';

const ruleSet = builtinRuleSet();

const FILLER = [
  'const method = request.method; // eth',
  'see https://example.com/docs/path?x=1 and http://localhost:8080/',
  'export function compute(a, b) { return a + b; }',
  '  "name": "en-us", "pattern": "patch", "cycle": "yc",',
  '\tlet wallet = new Wallet(signer); // deployer notes',
  'password: process.env.DB_PASSWORD,',
  "const escaped = 'line\\nnext\\t\\u0041\\x42';",
  'redirect=%2Fhome%3Fq%3D1&state=abc',
];

function document(seed: string, lines: number, minified: boolean): string {
  const random = seededRandom(seed);
  const examples = ruleSet.rules.flatMap((rule) => [...rule.examples.positive, ...rule.examples.negative]).map((e, i) => expandExample(e, `${seed}-${i}`));
  const pick = (list: string[]) => list[Math.floor(random() * list.length)];
  const out: string[] = [];
  for (let i = 0; i < lines; i++) {
    const r = random();
    if (r < 0.04) out.push(pick(examples));
    else if (minified && r < 0.06) out.push(Array.from({ length: 400 }, () => pick(FILLER)).join(';'));
    else out.push(pick(FILLER));
  }
  return out.join(random() < 0.3 ? '\r\n' : '\n');
}

const exact = (findings: ReturnType<typeof scanText>) => JSON.stringify(findings);

test('windowed scans equal one-pass scans on large mixed documents', () => {
  let compared = 0;
  for (let round = 0; round < 24; round++) {
    const text = document(`windows-${round}`, 600 + round * 150, round % 3 === 0);
    for (const file of ['src/app.ts', 'config/.env', 'README.md']) {
      const windowed = scanText(text, file, ruleSet);
      assert.equal(exact(windowed), exact(scanText(text, file, ruleSet, { windows: false })), `round ${round} ${file}`);
      compared += windowed.length;
    }
  }
  assert.ok(compared > 100, `the documents hold findings to compare (${compared})`);
});

test('each rule still finds its own examples inside a large file', () => {
  const padding = 'const method = value; // see https://example.com\n'.repeat(800);
  for (const rule of ruleSet.rules.filter((r) => !r.pathMatcher)) {
    const file = 'src/config.txt';
    for (const [i, example] of rule.examples.positive.entries()) {
      const text = `${padding}${expandExample(example, `big-${rule.id}-${i}`)}\n${padding}`;
      assert.equal(exact(scanText(text, file, ruleSet)), exact(scanText(text, file, ruleSet, { windows: false })), `${rule.id} example ${i}`);
    }
  }
});

test('windows cover whole lines around each hit and give up when they would cover most of the text', () => {
  const text = Array.from({ length: 100 }, (_, i) => `line ${i}`).join('\n');
  const hit = text.indexOf('line 50');
  const windows = keywordWindows(text, [hit], 0, text.length);
  assert.deepEqual(windows?.map(([s, e]) => text.slice(s, e)), ['line 48\nline 49\nline 50\nline 51\nline 52\n']);
  const everywhere = Array.from({ length: 100 }, (_, i) => text.indexOf(`line ${i}`));
  assert.equal(keywordWindows(text, everywhere, 0, text.length), undefined);
});

test("the union of each keyword's windows is the windows of all their hits together, verdict included", () => {
  const random = seededRandom('union');
  let coveredTooMuch = 0;
  for (let round = 0; round < 200; round++) {
    const lines = Array.from({ length: 20 + Math.floor(random() * 300) }, () => 'x'.repeat(Math.floor(random() * 120)));
    const text = lines.join(random() < 0.5 ? '\n' : '\r\n');
    const from = Math.floor(random() * 50);
    const to = text.length - Math.floor(random() * 50);
    const lists = Array.from({ length: 1 + Math.floor(random() * 4) }, () =>
      Array.from({ length: Math.floor(random() * 12) }, () => Math.floor(random() * text.length)).sort((a, b) => a - b),
    );
    const together = [...new Set(lists.flat())].sort((a, b) => a - b);
    const expected = keywordWindows(text, together, from, to);
    if (expected === undefined) coveredTooMuch++;
    assert.deepEqual(unionWindows(lists.map((hits) => keywordWindows(text, hits, from, to)), from, to), expected, `round ${round}`);
  }
  // Both verdicts were compared, not just one.
  assert.ok(coveredTooMuch > 10 && coveredTooMuch < 190, `${coveredTooMuch} of 200 covered too much`);
});

test('escaped and URL-encoded tokens are the same whether every line or only marked lines are tokenised', () => {
  for (let round = 0; round < 20; round++) {
    const text = document(`tokens-${round}`, 300, round % 2 === 0);
    for (const [marker, regex] of [['\\', ESCAPED_TOKEN], ['%', URL_TOKEN]] as const) {
      const everyLine = Array.from(text.matchAll(regex), (m): [number, number] => [m.index, m.index + m[0].length]).filter(([s, e]) => text.slice(s, e).includes(marker));
      assert.deepEqual(tokensWith(text, 0, marker, regex), everyLine, `round ${round} ${marker}`);
    }
  }
});
