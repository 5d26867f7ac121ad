// `npm run eval`: precision and recall per category on the generated evaluation set (cases.ts), plus the
// share of look-alike negatives flagged, by kind. Run from the repository; nothing is downloaded.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { scanText, type Finding, type RuleSpec } from '../../server/src/engine';
import { builtinRulesDir } from '../../server/src/project/ruleFiles';
import { builtinRuleSet, samplePathFor } from '../support/rules';
import { buildCases, type EvalCase } from './cases';
import { formatScores, score, type CaseResult } from './metrics';

const ruleSet = builtinRuleSet();
const started = performance.now();
const globs = new Map<string, string[] | undefined>();
for (const name of fs.readdirSync(builtinRulesDir(__dirname)).filter((n) => n.endsWith('.json') && n !== 'schema.json')) {
  for (const spec of JSON.parse(fs.readFileSync(path.join(builtinRulesDir(__dirname), name), 'utf8')).rules as RuleSpec[]) globs.set(spec.id, spec.paths);
}
const cases = buildCases(ruleSet, (rule) => samplePathFor(rule, globs.get(rule.id)));
const misses: string[] = [];
const alarms: string[] = [];
const visible = (findings: Finding[]) => findings.filter((f) => !f.publicByDesign);

const results: CaseResult[] = cases.map((c: EvalCase) => {
  const findings = visible(scanText(c.text, c.path, ruleSet));
  if (c.positive) {
    const [start, end] = c.secret!;
    const flagged = findings.some((f) => f.start < end && start < f.end);
    if (!flagged) misses.push(c.label);
    return { category: c.category, positive: true, flagged, reportedCategories: [] };
  }
  if (findings.length > 0) alarms.push(`${c.label}: ${findings.map((f) => `${f.ruleId} ${f.masked}`).join(', ')}`);
  return { category: c.category, positive: false, flagged: findings.length > 0, reportedCategories: findings.map((f) => f.category) };
});

const scores = score(results);
console.log(`Evaluation: ${cases.length} cases, ${ruleSet.rules.length} rules, ${(performance.now() - started).toFixed(0)} ms\n`);
console.log(formatScores(scores));
const kinds = new Map<string, [number, number]>();
cases.forEach((c, i) => {
  if (c.positive) return;
  const entry = kinds.get(c.category) ?? [0, 0];
  entry[0]++;
  if (results[i].flagged) entry[1]++;
  kinds.set(c.category, entry);
});
console.log('\nnegatives by kind (flagged / cases):');
for (const [kind, [total, flagged]] of [...kinds].sort()) console.log(`  ${kind.padEnd(14)} ${flagged} / ${total}`);
const show = (title: string, list: string[]) => {
  if (list.length === 0) return;
  console.log(`\n${title} (${list.length}${list.length > 40 ? ', first 40' : ''}):`);
  for (const line of list.slice(0, 40)) console.log(`  ${line}`);
};
show('missed positives', misses);
show('false alarms (masked)', alarms);
