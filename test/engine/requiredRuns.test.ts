// A rule whose pattern needs a long run of one character class is skipped where the text holds none, and
// runs only on the lines holding one (engine/requiredRuns.ts): the findings must be exactly those of the
// scan without the skip, on generated documents full of near misses (runs one character short, runs broken
// by a character outside the class, runs crossing the range's end) and every rule's examples.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { expandExample, scanText } from '../../server/src/engine';
import { seededRandom } from '../../server/src/engine/exampleTokens';
import { requiredRun } from '../../server/src/engine/requiredRuns';
import { builtinRuleSet } from '../support/rules';

const ruleSet = builtinRuleSet();
const BASE58 = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
const HEX = '0123456789abcdef';
const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-';

const run = (random: () => number, alphabet: string, length: number) => Array.from({ length }, () => alphabet[Math.floor(random() * alphabet.length)]).join('');

/** Lines of code, rule examples, and runs of the classes rules need, at and around the lengths they need. */
function document(seed: string, lines: number, minified: boolean): string {
  const random = seededRandom(seed);
  const examples = ruleSet.rules.flatMap((rule) => [...rule.examples.positive, ...rule.examples.negative]).map((e, i) => expandExample(e, `${seed}-${i}`));
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)];
  const line = (): string => {
    const r = random();
    if (r < 0.1) return pick(examples);
    if (r < 0.5) {
      const alphabet = pick([BASE58, HEX, BASE64URL, HEX.toUpperCase()]);
      const length = pick([19, 20, 26, 27, 31, 32, 39, 40, 49, 50, 51, 52, 63, 64, 65]);
      const prefix = pick(['', 'K', '5', 'M', 'key = "', 'token: ', '0x', 'wallet ', 'secret_']);
      const body = run(random, alphabet, length);
      // Sometimes broken by a character outside the class, one short of the length a rule needs.
      const broken = random() < 0.3 ? `${body.slice(0, length >> 1)}${pick(['0', 'O', 'l', '+', '.', 'é'])}${body.slice(length >> 1)}` : body;
      return `${prefix}${broken}${pick(['', '"', ';', ' // note', `.${run(random, BASE64URL, 6)}.${run(random, BASE64URL, 30)}`])}`;
    }
    return pick(['const method = request.method;', 'export function f(a, b) { return a + b; }', '  "name": "en-us",', 'see https://example.com/a/b']);
  };
  const out = Array.from({ length: lines }, () => (minified && random() < 0.05 ? Array.from({ length: 200 }, line).join(' ') : line()));
  return out.join(random() < 0.3 ? '\r\n' : '\n');
}

const exact = (findings: ReturnType<typeof scanText>) => JSON.stringify(findings);

test('scans with the required-run skip equal scans without it', () => {
  let compared = 0;
  for (let round = 0; round < 30; round++) {
    const text = document(`runs-${round}`, 40 + round * 60, round % 3 === 0);
    for (const file of ['src/app.ts', 'wallet.txt', 'config/.env']) {
      const skipped = scanText(text, file, ruleSet);
      assert.equal(exact(skipped), exact(scanText(text, file, ruleSet, { requiredRuns: false })), `round ${round} ${file}`);
      compared += skipped.length;
    }
    // Ranges of the text (the incremental scanner's windows), including one that ends inside a run.
    for (const [from, to] of [[0, text.length >> 1], [text.length >> 2, text.length], [100, 101 + (round * 37) % Math.max(1, text.length - 101)]]) {
      const options = { from, to: Math.min(to, text.length) };
      assert.equal(exact(scanText(text, 'src/app.ts', ruleSet, options)), exact(scanText(text, 'src/app.ts', ruleSet, { ...options, requiredRuns: false })), `round ${round} [${from}, ${to})`);
    }
  }
  assert.ok(compared > 200, `the documents hold findings to compare (${compared})`);
});

test('each rule still finds its own examples, alone and inside a large file', () => {
  const padding = 'const method = value; // see https://example.com\n'.repeat(120);
  for (const rule of ruleSet.rules.filter((r) => !r.pathMatcher && r.regex instanceof RegExp && requiredRun(r.regex))) {
    for (const [i, example] of rule.examples.positive.entries()) {
      const value = expandExample(example, `required-${rule.id}-${i}`);
      for (const text of [value, `${padding}${value}\n${padding}`]) {
        assert.equal(exact(scanText(text, 'src/config.txt', ruleSet)), exact(scanText(text, 'src/config.txt', ruleSet, { requiredRuns: false })), `${rule.id} example ${i}`);
      }
    }
  }
});

test('the run a pattern needs: the longest mandatory quantified class, none under alternation or negation', () => {
  const of = (pattern: string, flags = 'd') => {
    const found = requiredRun(new RegExp(pattern, flags));
    return found && found.key;
  };
  assert.equal(of('(?<![1-9A-HJ-NP-Za-km-z])(?<secret>[5KLc9][1-9A-HJ-NP-Za-km-z]{50,51})'), `50:${BASE58}`);
  assert.equal(of('key\\s*=\\s*(?:0x)?([a-f0-9]{64})(?![a-f0-9])'), `64:${HEX}`);
  assert.equal(of('(?<secret>[a-f0-9]{40})', 'di'), '40:0123456789ABCDEFabcdef', 'case-insensitive: both cases');
  assert.equal(of('[A-Za-z0-9]{12}'), undefined, 'too short to be worth a search');
  assert.equal(of('(?:ghp_[A-Za-z0-9]{36}|[a-f0-9]{40})'), undefined, 'each branch needs another run');
  assert.equal(of('tok_(?:[A-Za-z0-9]{32})?'), undefined, 'an optional run is not needed');
  assert.equal(of('(?=[a-f0-9]{64})\\w+'), undefined, 'a look-ahead consumes nothing');
  assert.equal(of('[^"\\s]{30,}'), undefined, 'negated classes are not read');
  assert.equal(of('[\\s\\S]{64}'), undefined, 'class escapes other than \\d and \\w are not read');
  assert.equal(of('a{2}(?:x|y)[\\w-]{24,}'), '24:-0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz', 'a class after an alternation group still counts');
  assert.equal(of('[a-f0-9]{64}', 'du'), undefined, 'u flag: not read');
});
