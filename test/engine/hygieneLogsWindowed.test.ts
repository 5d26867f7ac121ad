// Issue 12: in a large text the log check looks for call heads only shortly before credential names (from
// the keyword pass). It must find exactly what reading every call finds: `windows: false` is that reference.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CREDENTIAL_WORDS, holdsCredential, scanText, HYGIENE_CHECKS, type Finding, type RuleSet } from '../../server/src/engine';
import { builtinRuleSet, ruleSetOf } from '../support/rules';

const logFindings = (text: string, path: string, windows: boolean, ruleSet: RuleSet = builtinRuleSet()) =>
  scanText(text, path, ruleSet, { windows })
    .filter((f) => f.ruleId === HYGIENE_CHECKS.secretInLog)
    .map((f: Finding) => [f.start, f.end, f.matchStart, f.matchEnd, f.message, f.severity]);

/** Everyday code around the calls: object keys, tokens, errors and logs that pass nothing secret. */
const FILLER = [
  'const entries = Object.keys(options).map((key) => [key, options[key]]);',
  'for (const token of tokenize(source)) if (token.type === "keyword") keywords.push(token);',
  'console.log("compiled", files.length, "files in", Date.now() - started, "ms");',
  'if (!response.ok) throw new Error(`request failed: ${response.status}`);',
  'logger.debug({ cacheKey, hits: cache.size });',
  'const monkey = { keyboard: true, passage: "x", tokenizer: null };',
  '// the next page token comes back in the response',
  '',
];

function filler(lines: number, seed: number): string {
  return Array.from({ length: lines }, (_, i) => FILLER[(i * 7 + seed) % FILLER.length]).join('\n');
}

/** Calls that pass a credential, built so the names sit at the edges the windows are cut at. */
function calls(): string[] {
  const longName = `${'a'.repeat(300)}ApiKey`;
  const openToCap = 'console.log("' + 'x'.repeat(590) + '", apiKeyboard)'; // the 600-character cap ends right after `apiKey`
  return [
    'console.log(process.env.OPENAI_API_KEY);',
    'console.log("key", apiKey);',
    'this.log.info(clientSecret);',
    `console.log${' '.repeat(32)}(apiKey);`,
    `throw new${' '.repeat(32)}A${'b'.repeat(63)}Exception${' '.repeat(32)}("bad " + this.apiKey);`,
    'console.log(\n  "key",\n  accessToken,\n);',
    `console.log(${longName});`,
    'console.log(config["my-api-key"]);',
    'console.log(awsCredentials, NEXT_PUBLIC_STRIPE_SECRET_KEY);',
    'console.log(`id${API_KEY}`);',
    'console.log(status-apiKey);', // read as an identifier, not as the subscript-like `status-apiKey`
    openToCap,
    'print(os.environ["OPENAI_API_KEY"])',
    'logger.info(f"calling with {api_key}")',
    'echo "id$OPENAI_API_KEY"',
    'puts ENV["GITHUB_TOKEN"]',
    'console.log(apiKey.slice(0, 4), token, nextPageToken);',
  ];
}

function document(seed: number): string {
  const parts = [filler(300, seed)];
  for (const call of calls()) parts.push(call, filler(40 + ((seed * 13) % 50), seed + 1));
  return parts.join('\n');
}

for (const path of ['src/app.ts', 'main.py', 'deploy.sh', 'app.rb']) {
  test(`log findings in a large ${path} equal those of reading every call`, () => {
    for (const seed of [0, 1, 2]) {
      const text = document(seed);
      assert.ok(text.length > 32 * 1024, 'the text takes the windowed path');
      const windowed = logFindings(text, path, true);
      assert.deepEqual(windowed, logFindings(text, path, false));
      if (path === 'src/app.ts') assert.ok(windowed.length >= 12, `found ${windowed.length}`);
      else assert.ok(windowed.length >= 1, `found ${windowed.length}`);
    }
  });
}

test('each call alone in a large file: found as by reading every call', () => {
  const paths = ['src/app.ts', 'main.py', 'main.py', 'deploy.sh', 'app.rb', 'src/app.ts'];
  const expected = [1, 1, 1, 1, 1, 1, 1, 1, 2, 1, 1, 1, 1, 1, 1, 1, 0];
  calls().forEach((call, i) => {
    const path = paths[Math.max(0, i - 11)];
    const text = `${filler(400, i)}\n${call}\n${filler(400, i + 1)}`;
    const windowed = logFindings(text, path, true);
    assert.deepEqual(windowed, logFindings(text, path, false), call);
    assert.equal(windowed.length, expected[i], call);
  });
});

test('the longest call head the pattern allows is still read', () => {
  const text = `${filler(400, 3)}\nthrow new${' '.repeat(32)}A${'b'.repeat(63)}Exception${' '.repeat(32)}(apiKey);\n${filler(400, 4)}`;
  const found = logFindings(text, 'a.ts', true);
  assert.equal(found.length, 1);
  assert.deepEqual(found, logFindings(text, 'a.ts', false));
});

test('the per-file cap stops both searches at the same call', () => {
  const many = Array.from({ length: 70 }, (_, i) => `console.log(apiKey${i % 2 === 0 ? '' : ', clientSecret'});\n${filler(20, i)}`).join('\n');
  const windowed = logFindings(many, 'a.ts', true);
  assert.equal(windowed.length, 50);
  assert.deepEqual(windowed, logFindings(many, 'a.ts', false));
});

test('a rule set without the credential words as keywords reads every call', () => {
  const partial = ruleSetOf({ keywords: ['key', 'token'], pattern: '(?<secret>zzzz[0-9]{30})' });
  assert.equal(partial.credentialKeywords, undefined);
  assert.ok(builtinRuleSet().credentialKeywords, 'the built-in rules name every credential word');
  const text = `${filler(400, 5)}\nconsole.log(clientSecret, dbPassword);\n${filler(400, 6)}`;
  assert.equal(logFindings(text, 'a.ts', true, partial).length, 2);
});

test('a plural credential word is judged like its singular (it has no keyword of its own)', () => {
  for (const word of CREDENTIAL_WORDS.filter((w) => w.endsWith('s') && CREDENTIAL_WORDS.includes(w.slice(0, -1)))) {
    for (const before of ['', 'aws', 'api_', 'my', 'public', 'NEXT_PUBLIC_', 'hasApi']) {
      for (const form of [word, word.toUpperCase(), word[0].toUpperCase() + word.slice(1)]) {
        const singular = form.slice(0, -1);
        assert.equal(holdsCredential(before + form), holdsCredential(before + singular), before + form);
      }
    }
  }
});
