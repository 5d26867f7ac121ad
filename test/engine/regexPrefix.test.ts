// A start guard may only refuse positions where no match starts: every built-in rule's regex, guarded, must
// find exactly the matches (index, length, secret group) of the bare regex on all rule examples and on
// generated text full of the words the guards look for.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { expandExample, type RuleSpec } from '../../server/src/engine';
import { seededRandom } from '../../server/src/engine/exampleTokens';
import { leadingLookaround, runnableRegex, startGuard } from '../../server/src/engine/regexPrefix';
import { builtinRulesDir } from '../../server/src/project/ruleFiles';
import { builtinRuleSet } from '../support/rules';

/** The patterns as written (the rule set holds them guarded already). */
const dir = builtinRulesDir(__dirname);
const rules = fs
  .readdirSync(dir)
  .filter((name) => name.endsWith('.json') && name !== 'schema.json')
  .flatMap((name) => (JSON.parse(fs.readFileSync(path.join(dir, name), 'utf8')) as { rules?: RuleSpec[] }).rules ?? [])
  .map((spec) => ({ id: spec.id, regex: new RegExp(spec.pattern, `gd${spec.flags ?? ''}`), examples: spec.examples }));

function matches(regex: RegExp, text: string): string[] {
  const out: string[] = [];
  regex.lastIndex = 0;
  let match: RegExpExecArray | null;
  while ((match = regex.exec(text)) !== null) {
    out.push(`${match.index}:${match[0].length}:${JSON.stringify(match.indices?.groups ?? null)}`);
    if (match[0].length === 0) regex.lastIndex++;
  }
  return out;
}

function text(seed: string): string {
  const random = seededRandom(seed);
  const examples = rules.flatMap((rule) => [...rule.examples.positive, ...rule.examples.negative]).map((e, i) => expandExample(e, `${seed}-${i}`));
  const words = ['apiKey', 'SECRET_KEY', 'publicKey', 'site_key', 'Token', 'login', 'credentials', ' = ', ': ', '"', "'", '\n', 'x', 'KEY', 'my.key', 'LICENSE_KEY'];
  const parts: string[] = [];
  for (let i = 0; i < 4000; i++) parts.push(random() < 0.2 ? examples[Math.floor(random() * examples.length)] : words[Math.floor(random() * words.length)]);
  return parts.join(random() < 0.5 ? '' : ' ');
}

test('a guarded regex finds exactly what the bare regex finds, for every built-in rule', () => {
  const samples = [text('guard-a'), text('guard-b')];
  let guardedRules = 0;
  for (const rule of rules) {
    const guard = startGuard(rule.regex.source);
    if (!guard) continue;
    guardedRules++;
    const bare = rule.regex;
    const guarded = new RegExp(`${guard}(?:${rule.regex.source})`, bare.flags);
    for (const sample of [...rule.examples.positive.map((e) => expandExample(e, rule.id)), ...samples]) {
      assert.deepEqual(matches(guarded, sample), matches(bare, sample), rule.id);
    }
  }
  assert.ok(guardedRules > rules.length / 2, 'most patterns have a guard');
});

test('the guard lists what a match must start with, skipping look-arounds and optional parts', () => {
  assert.equal(startGuard('(?<!x)(?:ab|cd)e'), '(?=abe|cde)');
  assert.equal(startGuard('[Kk]ey(?:s)?=|KEY'), '(?=KEY|[Kk]ey=|[Kk]eys)');
  assert.equal(startGuard('a?bcdefg'), '(?=bcde|abcd)');
  assert.equal(startGuard('(?<q>["\'])x\\k<q>'), '(?=["\']x)');
});

test('no guard where a match may start with anything', () => {
  assert.equal(startGuard('a*b?'), undefined);
  assert.equal(startGuard('\\1abc'), undefined);
  assert.equal(startGuard('(?:x|)y'), '(?=y|xy)');
  assert.equal(startGuard('[]a'), '(?=[]a)');
});

test('only a costly opening look-around earns a guard', () => {
  assert.equal(leadingLookaround('(?<![A-Z])AKIA'), '(?<![A-Z])'.length);
  const generic = rules.find((rule) => rule.id === 'generic-secret-assignment')!;
  assert.ok(leadingLookaround(generic.regex.source) >= 100);
  assert.ok(runnableRegex(builtinRuleSet().byId.get(generic.id)!.regex).source.startsWith(startGuard(generic.regex.source)!), 'scanText runs it guarded');
  const aws = builtinRuleSet().byId.get('aws-access-key-id')!.regex;
  assert.equal(runnableRegex(aws), aws, 'a cheap opening stays as it is');
});
