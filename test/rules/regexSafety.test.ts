// Built-in patterns run on V8 (fast), so they must not backtrack catastrophically. Every built-in rule
// meets adversarial inputs here (its keyword followed by long runs of the characters such patterns
// repeat, and its own positive example broken near the end). `npm run audit:regex` also runs the recheck
// ReDoS analyser (pure-JS build) on every rule and replays each attack string it finds on V8; it takes
// minutes, so the default suite does not run it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Rule } from '../../server/src/engine';
import { builtinRuleSet, secret } from '../support/rules';

/** A linear pattern scans these inputs in about a millisecond; catastrophic backtracking takes seconds to ages. */
const BOUND_MS = 1000;
const RUN = 10_000;
const PUMPS = ['a', 'A', '0', ' ', '\t', '=', '"', "'", ':', '-', '_', '.', '/', '+', '\\n', 'aA0', 'a=', 'a ', '\n'];

/** Runs a rule like scanText does (every match, global) and returns the time it took. */
function timeRule(rule: Rule, text: string): number {
  const regex = new RegExp(rule.regex.source, rule.regex.flags);
  const started = performance.now();
  let count = 0;
  while (regex.exec(text) !== null && ++count < 500) {
    if (regex.lastIndex === 0) break;
  }
  return performance.now() - started;
}

function adversarialInputs(rule: Rule): string[] {
  const inputs: string[] = [];
  for (const keyword of rule.keywords.slice(0, 4)) {
    for (const pump of PUMPS) inputs.push(`${keyword}${pump.repeat(Math.ceil(RUN / pump.length))}!`);
  }
  for (const example of rule.examples.positive.slice(0, 2)) {
    const value = secret(example, 'redos');
    const broken = value.slice(0, Math.max(1, value.length - 2));
    inputs.push(broken.repeat(Math.ceil(RUN / broken.length)));
    inputs.push(`${broken}${broken.slice(-8).repeat(Math.ceil(RUN / 8))}\u0000`);
  }
  return inputs;
}

for (const rule of builtinRuleSet().rules) {
  test(`${rule.id} stays fast on adversarial inputs`, () => {
    for (const input of adversarialInputs(rule)) {
      const elapsed = timeRule(rule, input);
      assert.ok(elapsed < BOUND_MS, `${rule.id} took ${elapsed.toFixed(0)} ms on a ${input.length}-character adversarial input starting ${JSON.stringify(input.slice(0, 24))}`);
    }
  });
}

test('recheck audit: every built-in rule is safe, or its attack strings stay fast on V8', { skip: process.env.SH_REGEX_AUDIT ? false : 'set SH_REGEX_AUDIT=1 (npm run audit:regex); takes minutes' }, async () => {
  process.env.RECHECK_BACKEND = 'pure'; // never the native or Java builds
  const { check } = await import('recheck');
  const summary: Record<string, string[]> = {};
  for (const rule of builtinRuleSet().rules) {
    const diagnostics = await check(rule.regex.source, rule.regex.flags.replace(/[gd]/g, ''), { timeout: 10_000 });
    let verdict: string = diagnostics.status;
    if (diagnostics.status === 'vulnerable' && diagnostics.attack) {
      const { attack } = diagnostics;
      // Pump the attack 16 times harder than recheck's own string: real blow-up shows at once.
      const pumped = attack.pumps.map((p) => p.prefix + p.pump.repeat(Math.max(1, attack.base) * 16)).join('') + attack.suffix;
      const elapsed = timeRule(rule, pumped);
      assert.ok(elapsed < BOUND_MS, `${rule.id}: recheck's ${diagnostics.complexity.type} attack takes ${elapsed.toFixed(0)} ms on V8`);
      verdict = `flagged ${diagnostics.complexity.type}, attack ×16 ${elapsed.toFixed(1)} ms on V8`;
    }
    (summary[verdict.split(',')[0]] ??= []).push(`${rule.id}${verdict.startsWith('flagged') ? ` (${verdict})` : ''}`);
  }
  console.log(JSON.stringify(summary, null, 2));
});
