// Workspace patterns run on RE2: a catastrophic pattern finishes in linear time, constructs RE2 cannot
// bound are refused with a clear message, and a hostile rule never stops the other rules.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { scanText } from '../../server/src/engine';
import { compileSafeRegex } from '../../server/src/project/safeRegex';
import { loadWorkspacePolicy } from '../../server/src/project/workspacePolicy';
import { builtinRuleSet, secret } from '../support/rules';

/** Far above RE2's cost on these inputs (a few ms); exponential backtracking would take longer than the universe. */
const BOUND_MS = 3000;

test('(a+)+$ on 100,000 "a" and a "!" completes in bounded time', () => {
  const regex = compileSafeRegex('(a+)+$');
  const started = performance.now();
  assert.equal(regex.exec(`${'a'.repeat(100_000)}!`), null);
  assert.ok(performance.now() - started < BOUND_MS);
  assert.equal(new RegExp('(a+)+$').test(`${'a'.repeat(18)}!`), false, 'V8 agrees on a small input');
});

test('lookarounds and backreferences are refused with a message saying why', () => {
  assert.throws(() => compileSafeRegex('key(?=[0-9])'), /lookarounds .* not supported in workspace rules: they cannot be matched in linear time/);
  assert.throws(() => compileSafeRegex('(?<q>["\'])x\\k<q>'), /backreferences are not supported/);
  assert.throws(() => compileSafeRegex('([a-z]'), /^Error: invalid regular expression: missing \)/);
});

test('offsets are UTF-16 like JavaScript, after astral characters too, and the secret group is located', () => {
  const regex = compileSafeRegex('token=(?P<secret>[a-z0-9]{8})');
  const text = '😀😀 é token=abcd1234 😀 token=wxyz9876';
  const spans: string[] = [];
  let match: RegExpExecArray | null;
  while ((match = regex.exec(text)) !== null) {
    const [start, end] = match.indices!.groups!.secret!;
    spans.push(text.slice(start, end));
    assert.equal(text.slice(match.index, match.index + match[0].length), match[0]);
  }
  assert.deepEqual(spans, ['abcd1234', 'wxyz9876']);
});

test('a hostile workspace rule file: its catastrophic rule runs bounded, its lookahead rule is disabled with a diagnostic, other rules keep working', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'sh-hostile-'));
  fs.mkdirSync(path.join(root, '.secret-hygiene', 'rules'), { recursive: true });
  const rule = (id: string, pattern: string) => ({ id, title: id, category: 'generic', keywords: ['aaaa'], pattern, examples: { positive: ['aaaa'], negative: [] } });
  const file = path.join(root, '.secret-hygiene', 'rules', 'evil.json');
  fs.writeFileSync(file, JSON.stringify({ provider: 'Evil', rules: [rule('evil-nested', '(a+)+$'), rule('evil-lookahead', '(?=a)(a|aa)+$')] }, null, 2));
  const policy = loadWorkspacePolicy(root, builtinRuleSet().rules);
  assert.ok(policy.ruleSet.byId.has('evil-nested'));
  assert.ok(!policy.ruleSet.byId.has('evil-lookahead'));
  const problems = policy.problems.get(file)!;
  assert.equal(problems.length, 1);
  assert.match(problems[0].message, /^rule evil-lookahead: lookarounds .*; rule disabled$/);
  assert.equal(problems[0].line, 26, 'the line of the refused pattern');

  const awsKey = secret('AKIA{alnumupper:16}', 'hostile');
  const text = `aws = "${awsKey}"\n${'a'.repeat(50_000)}!\n`;
  const started = performance.now();
  const findings = scanText(text, 'src/x.txt', policy.ruleSet);
  assert.ok(performance.now() - started < BOUND_MS, 'the scan is not stalled');
  assert.deepEqual(findings.filter((f) => f.category !== 'hygiene').map((f) => f.ruleId), ['aws-access-key-id']);
});
