// Issue 11 item 13: a problem in a team rule file points at the line and column of the value at fault
// (the field, the list entry, the JSON syntax error), not at column 1 of the rule's id line.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { loadWorkspacePolicy } from '../../server/src/project/workspacePolicy';
import { removeProject, writeProject } from '../support/projects';
import { builtinRuleSet } from '../support/rules';

const roots: string[] = [];
after(() => roots.forEach(removeProject));
const builtin = builtinRuleSet();

function problemsOf(ruleFile: string) {
  const root = writeProject({ '.secret-hygiene/rules/team.json': ruleFile });
  roots.push(root);
  const policy = loadWorkspacePolicy(root, builtin.rules, { builtinRuleSet: builtin });
  // The first rule has no examples: a warning at its opening brace, not under test here.
  return (policy.problems.get(path.join(root, '.secret-hygiene/rules/team.json')) ?? []).filter((p) => p.severity === 'error');
}

/** The 1-based line and column of the first occurrence of `needle` in `text`. */
function at(text: string, needle: string): { line: number; column: number } {
  const offset = text.indexOf(needle);
  assert.ok(offset >= 0, `${needle} in the fixture`);
  const before = text.slice(0, offset);
  return { line: before.split('\n').length, column: offset - before.lastIndexOf('\n') };
}

const ruleFile = (rule: string) => `{\n  "provider": "Acme",\n  "rules": [\n    {\n      "id": "acme-ok", "title": "ok", "category": "generic", "keywords": ["acme"], "pattern": "acme_[0-9]{8}"\n    },\n    {\n${rule}\n    }\n  ]\n}\n`;

test('a bad field points at its value in the second rule', () => {
  const text = ruleFile(`      "id": "acme-bad",\n      "title": "bad", "category": "generic", "keywords": ["acme"],   "severity": "loud", "pattern": "acme_[a-z]{8}"`);
  const [problem, ...rest] = problemsOf(text);
  assert.equal(rest.length, 0);
  assert.match(problem.message, /field "severity"/);
  assert.deepEqual({ line: problem.line, column: problem.column }, at(text, '"loud"'));
  assert.equal(problem.endColumn - problem.column, '"loud"'.length);
});

test('a bad allow entry points at that entry, without quoting it', () => {
  const text = ruleFile(`      "id": "acme-allow", "title": "allow", "category": "generic", "keywords": ["acme"], "pattern": "acme_[a-z]{8}",\n      "allow": ["fine",\n                "(unclosed"]`);
  const [problem] = problemsOf(text);
  assert.match(problem.message, /entry 2/);
  assert.ok(!problem.message.includes('unclosed'));
  assert.deepEqual({ line: problem.line, column: problem.column }, at(text, '"(unclosed"'));
});

test('a pattern RE2 refuses points at the pattern', () => {
  const text = ruleFile(`      "id": "acme-lookahead", "title": "lookahead", "category": "generic", "keywords": ["acme"],\n         "pattern": "acme_(?=[a-z]{8})[a-z]+"`);
  const [problem] = problemsOf(text);
  assert.match(problem.message, /acme-lookahead/);
  assert.deepEqual({ line: problem.line, column: problem.column }, at(text, '"acme_(?='));
});

test('a missing field points at its rule\'s id, a bad keyword at that keyword', () => {
  const text = ruleFile(`      "id": "acme-nopattern", "title": "none", "category": "generic", "keywords": ["acme", "X"]`);
  const problems = problemsOf(text);
  const pattern = problems.find((p) => p.message.includes('"pattern"'));
  const keyword = problems.find((p) => p.message.includes('"keywords"'));
  assert.ok(pattern && keyword);
  assert.deepEqual({ line: pattern.line, column: pattern.column }, at(text, '"acme-nopattern"'));
  assert.deepEqual({ line: keyword.line, column: keyword.column }, at(text, '"X"'));
});

test('a JSON syntax error points at its line and column', () => {
  const text = '{\n  "provider": "Acme",\n  "rules": [ { "id": "a" ] \n}\n';
  const [problem] = problemsOf(text);
  assert.equal(problem.line, 3);
  assert.ok(problem.column > 1, `column ${problem.column}`);
  assert.match(problem.message, new RegExp(`line 3, column ${problem.column}`));
});
