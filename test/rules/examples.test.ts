// Every rule's own examples are tests: each positive is found by its rule, each negative by no rule.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { expandExample, scanText, type RuleSpec } from '../../server/src/engine';
import { builtinRulesDir } from '../../server/src/project/ruleFiles';
import { builtinRuleSet, samplePathFor } from '../support/rules';

const ruleSet = builtinRuleSet();
const specs = new Map<string, RuleSpec>();
for (const name of fs.readdirSync(builtinRulesDir(__dirname))) {
  if (!name.endsWith('.json') || name === 'schema.json') continue;
  const file = JSON.parse(fs.readFileSync(path.join(builtinRulesDir(__dirname), name), 'utf8'));
  for (const spec of file.rules as RuleSpec[]) specs.set(spec.id, spec);
}

for (const rule of ruleSet.rules) {
  const filePath = samplePathFor(rule, specs.get(rule.id)?.paths);
  describe(rule.id, () => {
    rule.examples.positive.forEach((example, index) => {
      test(`${rule.id} finds positive #${index + 1}`, () => {
        const text = expandExample(example);
        const findings = scanText(text, filePath, ruleSet);
        const own = findings.filter((f) => f.ruleId === rule.id);
        assert.ok(own.length > 0, `expected ${rule.id} in ${JSON.stringify(findings.map((f) => f.ruleId))} for ${example}`);
        for (const finding of own) {
          assert.ok(!finding.masked.includes(text.slice(finding.start, finding.end)) || finding.end - finding.start < 4, 'masked form must hide the value');
        }
      });
    });
    rule.examples.negative.forEach((example, index) => {
      test(`${rule.id} ignores negative #${index + 1}`, () => {
        const findings = scanText(expandExample(example), filePath, ruleSet);
        assert.deepEqual(findings.map((f) => `${f.ruleId} ${f.masked}`), [], `negative example: ${example}`);
      });
    });
  });
}

test('rule ids are unique across files', () => {
  const seen = new Map<string, string>();
  for (const name of fs.readdirSync(builtinRulesDir(__dirname)).filter((n) => n.endsWith('.json') && n !== 'schema.json')) {
    const file = JSON.parse(fs.readFileSync(path.join(builtinRulesDir(__dirname), name), 'utf8'));
    for (const spec of file.rules as RuleSpec[]) {
      assert.ok(!seen.has(spec.id), `${spec.id} is in ${name} and ${seen.get(spec.id)}`);
      seen.set(spec.id, name);
    }
  }
});
