// Issue 11: no pattern a workspace supplies runs on V8's backtracking engine, where `(a+)+$` against a long run
// of "a" hangs the CLI and the server. Team rules' patterns and `allow` entries, config.json allowlist values,
// .gitleaks.toml allowlist regexes and .secretlintrc allows all compile on RE2 (project/safeRegex.ts).
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { loadWorkspacePolicy } from '../../server/src/project/workspacePolicy';
import { builtinRuleSet } from '../support/rules';

const HOSTILE = '(a+)+$';

function hostileWorkspace(): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'sh-hostile-patterns-'));
  const write = (file: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), text);
  };
  write('.secret-hygiene/rules/team.json', JSON.stringify({
    provider: 'Acme',
    rules: [{ id: 'acme-token', title: 'Acme token', category: 'cloud', keywords: ['acme_'], pattern: 'acme_(?<secret>[a-z!]{30,80})', allow: [HOSTILE, '^(a|a)*$'] }],
  }));
  write('.secret-hygiene/config.json', JSON.stringify({ gitleaks: true, allowlist: [{ values: [HOSTILE] }] }));
  write('.gitleaks.toml', [
    '[extend]', 'useDefault = true', '',
    '[[rules]]', 'id = "acme-session"', 'regex = \'\'\'acme_sess=([a-z]{20,})\'\'\'', 'keywords = ["acme_sess"]',
    '[[rules.allowlists]]', 'regexes = [\'\'\'(x+x+)+y\'\'\']', '',
    '[allowlist]', 'regexes = [\'\'\'(b|b)*c\'\'\']', '',
  ].join('\n'));
  write('.secretlintrc.json', JSON.stringify({ rules: [{ id: '@secretlint/secretlint-rule-preset-recommend', rules: [{ id: '@secretlint/secretlint-rule-aws', options: { allows: ['/(c+)+$/i'] } }] }] }));
  return root;
}

test('issue 11: hostile allow entries from every workspace source are compiled on RE2, never V8, and answer at once', () => {
  const builtin = builtinRuleSet();
  const policy = loadWorkspacePolicy(hostileWorkspace(), builtin.rules, { builtinRuleSet: builtin });
  assert.deepEqual([...policy.problems.values()].flat().filter((p) => p.severity === 'error'), []);
  const builtinById = new Map(builtin.rules.map((rule) => [rule.id, rule]));
  const workspacePatterns = new Set<{ test(text: string): boolean }>();
  for (const rule of policy.ruleSet.rules) {
    const own = builtinById.get(rule.id);
    if (!own || own.regex !== rule.regex) {
      assert.ok(!(rule.regex instanceof RegExp), `${rule.id}: its pattern comes from the workspace and runs on V8`);
      workspacePatterns.add(rule.regex);
    }
    for (const allowed of rule.allow) {
      if (own?.allow.includes(allowed)) continue; // reviewed built-in entries stay on V8
      assert.ok(!(allowed instanceof RegExp), `${rule.id}: allow entry /${allowed.source}/ comes from the workspace and runs on V8`);
      workspacePatterns.add(allowed);
    }
  }
  const sources = [...workspacePatterns].map((p) => (p as { source?: string }).source);
  for (const hostile of [HOSTILE, '^(a|a)*$', '(x+x+)+y', '(b|b)*c', '(c+)+$']) assert.ok(sources.includes(hostile), `${hostile} was loaded`);
  // Each of these takes V8 longer than the test suite's lifetime at this length; RE2 answers in linear time.
  for (const pattern of workspacePatterns) {
    for (const input of [`${'a'.repeat(30_000)}!`, `${'x'.repeat(30_000)}`, `${'b'.repeat(30_000)}d`, `${'c'.repeat(30_000)}!`]) pattern.test(input);
  }
});
