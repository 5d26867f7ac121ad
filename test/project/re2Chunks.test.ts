// Issue 11 item 7: re2-wasm's fixed 16 MB heap aborted scans of files of a few MB. Long inputs are searched
// in overlapping windows; the matches must be those of one search over the whole text.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { scanText } from '../../server/src/engine';
import { compileSafeRegex, RE2_CHUNK, takeRe2Failures } from '../../server/src/project/safeRegex';
import { loadWorkspacePolicy } from '../../server/src/project/workspacePolicy';
import { builtinRuleSet, secret } from '../support/rules';

/** Every match of a global regex over `text`, as `index:text`. */
function allMatches(regex: { lastIndex: number; exec(text: string): RegExpExecArray | null }, text: string): string[] {
  const out: string[] = [];
  regex.lastIndex = 0;
  for (let match = regex.exec(text); match; match = regex.exec(text)) {
    out.push(`${match.index}:${match[0]}`);
    if (match[0].length === 0) regex.lastIndex++;
  }
  return out;
}

test('issue 11 item 7: a 7 MB file with a workspace rule is scanned, its key found', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'sh-re2-chunks-'));
  fs.mkdirSync(path.join(root, '.secret-hygiene', 'rules'), { recursive: true });
  const rule = { id: 'acme-key', title: 'Acme key', category: 'generic', keywords: ['acme_'], pattern: 'acme_(?<secret>[a-z0-9]{24})\\b' };
  fs.writeFileSync(path.join(root, '.secret-hygiene', 'rules', 'acme.json'), JSON.stringify({ provider: 'Acme', rules: [rule] }));
  const policy = loadWorkspacePolicy(root, []);
  assert.ok(policy.ruleSet.byId.has('acme-key'), JSON.stringify([...policy.problems.values()]));
  const key = `acme_${secret('{alnumlower:24}', 're2-chunks')}`;
  const filler = 'const acme_note = "nothing here";\n'.repeat(7 * 1024 * 1024 / 34);
  const text = `${filler}const k = "${key}";\n${filler}`;
  const findings = scanText(text, 'big.js', policy.ruleSet).filter((f) => f.ruleId === 'acme-key');
  assert.deepEqual(findings.map((f) => text.slice(f.start, f.end)), [key.slice(5)]);
});

test('windowed matches equal V8 matches on long texts, across window boundaries', () => {
  const pattern = '\\b(?:tok|key)_[a-z0-9]{8,40}\\b';
  const re2 = compileSafeRegex(pattern);
  const v8 = new RegExp(pattern, 'g');
  let seed = 7;
  const next = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff);
  const pieces: string[] = [];
  let length = 0;
  while (length < RE2_CHUNK * 3.5) {
    const roll = next() % 10;
    const piece = roll === 0 ? `tok_${'a1b2c3d4e5'.slice(0, 8 + (next() % 3))}` : roll === 1 ? '\n' : roll === 2 ? `key_${'z'.repeat(8 + (next() % 33))}` : roll === 3 ? ' 😀 ünï ' : ' filler '.repeat(1 + (next() % 40));
    pieces.push(piece);
    length += piece.length;
  }
  const text = pieces.join('');
  // Put matches right on the first window boundaries too.
  const boundary = `${text.slice(0, RE2_CHUNK - 6)} tok_abcdefghij ${text.slice(RE2_CHUNK - 6)}`;
  for (const input of [text, boundary]) assert.deepEqual(allMatches(re2, input), allMatches(v8, input));
});

test('a non-global windowed search finds the first match, a test() looks at the whole text', () => {
  const re2 = compileSafeRegex('needle_[0-9]{4}', { global: false });
  const text = `${'hay '.repeat(RE2_CHUNK)}needle_1234`;
  assert.equal(re2.exec(text)?.index, text.length - 11);
  assert.ok(re2.test(text));
  assert.ok(!re2.test(text.slice(0, -1)));
});

test('issue 11 item 7: with RE2\'s heap full (hundreds of workspace rules) a search counts as no match and is counted; other rules go on', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'sh-re2-many-'));
  fs.mkdirSync(path.join(root, '.secret-hygiene', 'rules'), { recursive: true });
  const many = Array.from({ length: 700 }, (_, i) => ({ id: `many-${i}`, title: `Many ${i}`, category: 'generic', keywords: [`key${i}`], flags: 'i', pattern: `key${i}[_-]?(?<secret>[a-z0-9]{32,64})\\b` }));
  fs.writeFileSync(path.join(root, '.secret-hygiene', 'rules', 'many.json'), JSON.stringify({ provider: 'Many', rules: many }));
  const policy = loadWorkspacePolicy(root, builtinRuleSet().rules);
  const problems = [...policy.problems.values()].flat().map((p) => p.message);
  assert.ok(problems.some((m) => /RE2 is out of memory/.test(m)), 'rules RE2 cannot hold are reported as such, not as "invalid syntax"');
  const aws = secret('AKIA{alnumupper:16}', 're2-many');
  const keywords = Array.from({ length: 700 }, (_, i) => `key${i}`).join(' ');
  const text = `${keywords}\n${'filler text\n'.repeat(40_000)}aws = "${aws}"\n`;
  takeRe2Failures();
  const findings = scanText(text, 'big.txt', policy.ruleSet);
  assert.ok(findings.some((f) => f.ruleId === 'aws-access-key-id'), 'built-in rules still report');
  assert.ok(takeRe2Failures() > 0, 'the failed searches are counted, so the file is reported as not fully scanned');
});
