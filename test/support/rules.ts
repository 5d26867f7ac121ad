// Shared by the tests: the built-in rule set, loaded once, and helpers to build test secrets at run time.
import { buildRuleSet, compileRuleFile, expandExample, type Rule, type RuleSet, type RuleSpec } from '../../server/src/engine';
import { builtinRulesDir, loadRuleDirs } from '../../server/src/project/ruleFiles';

let cached: RuleSet | undefined;

export function builtinRuleSet(): RuleSet {
  if (!cached) {
    const loaded = loadRuleDirs([builtinRulesDir(__dirname)]);
    if (loaded.errors.length > 0) throw new Error(JSON.stringify(loaded.errors, null, 2));
    cached = loaded.ruleSet;
  }
  return cached;
}

/** A file path the rule applies to: its own `paths` glob made concrete, else a neutral source file. */
export function samplePathFor(rule: Rule, globs: string[] | undefined): string {
  if (!globs || globs.length === 0 || !rule.pathMatcher) return 'src/config.txt';
  return globs[0].replace(/\*\*\//g, '').replace(/\{([^,}]*)[^}]*\}/g, '$1').replace(/\*/g, 'x');
}

/** Test secrets are generated, never committed: `secret('sk-proj-{alnum:60}')`. */
export function secret(template: string, seed = 'test'): string {
  return expandExample(template, seed);
}

/** A small rule set built from partial specs (id `rule-N`, category `ai`, no keywords unless given). */
export function ruleSetOf(...rules: Array<Partial<RuleSpec>>): RuleSet {
  const compiled = compileRuleFile(
    { provider: 'Test', rules: rules.map((r, i) => ({ id: `rule-${i}`, title: `Rule ${i}`, category: 'ai', keywords: [], examples: { positive: ['x'], negative: [] }, ...r })) },
    'test.json',
  );
  if (compiled.errors.length > 0) throw new Error(JSON.stringify(compiled.errors));
  return buildRuleSet(compiled.rules);
}
