import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compileRuleFile, maskSecret, scanText, shannonEntropy } from '../../server/src/engine';
import { builtinRuleSet, ruleSetOf, secret } from '../support/rules';

const tokenRules = ruleSetOf({ keywords: ['tok_'], pattern: 'tok_(?<secret>[A-Za-z0-9]{24})', entropy: 3.5 });

test('the secret group gives the exact range and the masked preview hides the value', () => {
  const value = secret('{alnum:24}');
  const text = `const a = 1;\nconst t = "tok_${value}";\n`;
  const [finding] = scanText(text, 'a.ts', tokenRules);
  assert.equal(text.slice(finding.start, finding.end), value);
  assert.equal(finding.masked, `${value.slice(0, 4)}…${value.slice(-4)}`);
  assert.equal(text.slice(finding.matchStart, finding.matchEnd), `tok_${value}`);
});

test('values below the entropy minimum and placeholders are not reported', () => {
  assert.deepEqual(scanText('tok_abababababababababababab', 'a', tokenRules), []);
  assert.deepEqual(scanText('tok_YOURAPIKEYHEREYOURAPIKEY', 'a', tokenRules), []);
  assert.deepEqual(scanText('tok_xxxxxxxxxxxxxxxxxxxxxxxx', 'a', tokenRules), []);
  assert.deepEqual(scanText('tok_abcdefghijklmnopqrstuvwx', 'a', tokenRules), []);
});

test('a rule without its keyword in the text does not run', () => {
  const rules = ruleSetOf({ keywords: ['needle'], pattern: '(?<secret>[A-Z0-9]{20})' });
  const value = secret('{alnumupper:20}');
  assert.equal(scanText(`haystack ${value}`, 'a', rules).length, 0);
  // The keyword must be inside the match, not merely somewhere in the text.
  assert.equal(scanText(`needle\n${value}`, 'a', rules).length, 0);
});

test('overlapping findings keep the specific rule over the generic one', () => {
  const rules = ruleSetOf(
    { id: 'generic-token', category: 'generic', keywords: ['token'], pattern: 'token\\s*=\\s*"(?<secret>[^"]{16,})"' },
    { id: 'specific', keywords: ['tok_'], pattern: '(?<secret>tok_[A-Za-z0-9]{24})' },
  );
  const findings = scanText(`token = "tok_${secret('{alnum:24}')}"`, 'a', rules);
  assert.deepEqual(findings.map((f) => f.ruleId), ['specific']);
});

test('rules restricted by path run only on matching files', () => {
  const rules = ruleSetOf({ keywords: ['_auth'], pattern: '_auth\\s*=\\s*(?<secret>[A-Za-z0-9+/=]{20,})', paths: ['.npmrc'] });
  const text = `_auth=${secret('{base64:32}')}`;
  assert.equal(scanText(text, 'project/.npmrc', rules).length, 1);
  assert.equal(scanText(text, 'project/notes.md', rules).length, 0);
});

test('entropy and masking basics', () => {
  assert.equal(shannonEntropy('aaaa'), 0);
  assert.equal(shannonEntropy('abcd'), 2);
  assert.equal(maskSecret('sk-proj-abcdefghijklmnop9xQa'), 'sk-p…9xQa');
  assert.equal(maskSecret('short'), '…');
  assert.equal(maskSecret('abc'), '…');
});

test('compile errors name the file, the rule and the field', () => {
  const result = compileRuleFile({ provider: 'X', rules: [{ id: 'Bad Id', title: '', category: 'nope', keywords: ['UPPER'], pattern: '(', examples: { positive: [], negative: [] } }] }, 'x.json');
  const fields = result.errors.map((e) => e.field).sort();
  assert.deepEqual(fields, ['category', 'examples', 'id', 'keywords', 'pattern', 'title']);
  assert.ok(result.errors.every((e) => e.source === 'x.json' && e.ruleId === 'Bad Id'));
});

test('public-by-design rules: the field or the title convention marks them, information by default', () => {
  const rules = ruleSetOf(
    { id: 'marked', keywords: ['pub_'], pattern: '(?<secret>pub_[A-Za-z0-9]{24})', publicByDesign: true },
    { id: 'titled', title: 'Browser key (public by design)', keywords: ['web_'], pattern: '(?<secret>web_[A-Za-z0-9]{24})' },
    { id: 'plain', keywords: ['sec_'], pattern: '(?<secret>sec_[A-Za-z0-9]{24})' },
  );
  const value = secret('{alnum:24}', 'pbd');
  const findings = scanText(`pub_${value}\nweb_${value}\nsec_${value}`, 'a', rules);
  assert.deepEqual(findings.map((f) => [f.ruleId, f.severity, f.publicByDesign ?? false]), [
    ['marked', 'information', true],
    ['titled', 'information', true],
    ['plain', 'error', false],
  ]);
  const bad = compileRuleFile({ provider: 'X', rules: [{ id: 'x', title: 'X', category: 'ai', keywords: [], pattern: 'x', publicByDesign: 'yes', examples: { positive: ['x'], negative: [] } }] }, 'x.json');
  assert.deepEqual(bad.errors.map((e) => e.field), ['publicByDesign']);
});

test('a Google API key is a warning when code assigns it, public by design in a Maps script tag or alone', () => {
  const rules = builtinRuleSet();
  const key = secret('AIza{base64url:35}', 'gkey');
  const only = (text: string, path = 'src/app.py') => scanText(text, path, rules).map((f) => `${f.ruleId}${f.publicByDesign ? ' (public)' : ''}`);
  assert.deepEqual(only(`GOOGLE_API_KEY = "${key}"`), ['google-api-key-assigned']);
  assert.deepEqual(only(`<script src="https://maps.googleapis.com/maps/api/js?key=${key}&callback=initMap"></script>`, 'index.html'), ['google-api-key (public)']);
  assert.deepEqual(only(`const firebaseConfig = {\n  apiKey: "${key}",\n  authDomain: "demo.firebaseapp.com",\n};`, 'src/firebase.ts'), ['firebase-web-api-key (public)']);
  assert.deepEqual(only(key, 'notes.txt'), ['google-api-key (public)']);
});

test('every finding says why it fired; a low-confidence generic finding is a warning', () => {
  const rules = ruleSetOf(
    { keywords: ['tok_'], pattern: 'tok_(?<secret>[A-Za-z0-9]{24})' },
    { category: 'generic', keywords: ['password'], pattern: 'password = "(?<secret>[^"]+)"', validate: 'password-like' },
    { category: 'generic', keywords: ['pass'], pattern: 'pass = "(?<secret>[^"]+)"', validate: 'password-like', severity: 'information' },
  );
  const [format] = scanText(`tok_${secret('{alnum:24}')}`, 'a.ts', rules);
  assert.deepEqual([format.evidence, format.severity], ['provider-format', 'error']);
  const [strong] = scanText(`password = "${secret('{alnum:24}')}"`, 'a.ts', rules);
  assert.deepEqual([strong.evidence, strong.confidence, strong.severity], ['generic-name', 'medium', 'error']);
  const short = secret('k9{alnum:6}');
  const [weak] = scanText(`password = "${short}"`, 'a.ts', rules);
  assert.deepEqual([weak.evidence, weak.confidence, weak.severity], ['generic-name', 'low', 'warning']);
  const [explicit] = scanText(`pass = "${short}"`, 'a.ts', rules);
  assert.equal(explicit.severity, 'information', "a rule's own severity below error is kept");
  const compiled = compileRuleFile({ provider: 'T', rules: [{ id: 'x', title: 'X', category: 'ai', keywords: ['ab'], pattern: 'ab', evidence: 'a hunch', examples: { positive: ['ab'], negative: [] } }] }, 't.json');
  assert.match(compiled.errors[0]?.message ?? '', /must be one of provider-format, service-context/);
});
