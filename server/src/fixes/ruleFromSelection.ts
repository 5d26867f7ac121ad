// "Create a rule from this selection": turns a selected token (an internal key format such as
// `acme_live_…`) into a team rule file `.secret-hygiene/rules/<id>.json`: its literal prefix becomes the
// keyword, the rest a character class and length, and the examples use generator tokens, so the selected
// value itself is never written. The rule is compiled and its examples checked before it is offered.
// Pure: text in, plan out.
import { buildRuleSet, compileRuleFile, expandExample, scanText, type Category } from '../engine';
import { refuse, type FixPlan } from './types';

export const TEAM_RULES_DIR = '.secret-hygiene/rules';

/** Character classes from narrow to wide, each with the generator alphabet its examples use. */
const BODY_CLASSES: Array<{ test: RegExp; pattern: string; token: string }> = [
  { test: /^[0-9a-f]+$/, pattern: '[0-9a-f]', token: 'hex' },
  { test: /^[0-9A-F]+$/, pattern: '[0-9A-F]', token: 'HEX' },
  { test: /^[A-Z0-9]+$/, pattern: '[A-Z0-9]', token: 'alnumupper' },
  { test: /^[a-z0-9]+$/, pattern: '[a-z0-9]', token: 'alnumlower' },
  { test: /^[A-Za-z0-9]+$/, pattern: '[A-Za-z0-9]', token: 'alnum' },
  { test: /^[A-Za-z0-9_-]+$/, pattern: '[A-Za-z0-9_-]', token: 'base64url' },
];

export interface RuleDraft {
  id: string;
  prefix: string;
  file: string;
}

/** The literal start of a token: letters (and digits after them) up to and including the last `_` or `-`
 * of the leading word groups, e.g. `acme_live_` in `acme_live_9f…`, or a run of 3+ capitals (`ACME`). */
export function literalPrefix(token: string): string | undefined {
  const separated = /^(?:[A-Za-z][A-Za-z0-9]{1,11}[_-]){1,3}/.exec(token)?.[0];
  if (separated && separated.length < token.length - 7) return separated;
  const capitals = /^[A-Z]{3,8}(?=[A-Z0-9]{8})/.exec(token)?.[0];
  return capitals;
}

/** Plans the rule file for `selection` in the rules folder `rulesDir`; `exists` tells which files exist. */
export function planRuleFromSelection(rulesDir: string, selection: string, exists: (file: string) => boolean): FixPlan & { draft?: RuleDraft } {
  const token = selection.trim();
  if (token.length < 16 || token.length > 256 || /\s/.test(token)) return refuse('select one token (16 to 256 characters, no spaces), such as an internal API key');
  const prefix = literalPrefix(token);
  if (!prefix) return refuse('the selection has no literal prefix (like acme_live_) to anchor a rule on; write the rule by hand in .secret-hygiene/rules/');
  const body = token.slice(prefix.length);
  const bodyClass = BODY_CLASSES.find((c) => c.test.test(body));
  if (!bodyClass) return refuse('the part after the prefix mixes characters a rule cannot describe safely; write the rule by hand');
  const slug = prefix.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
  const id = `team-${slug}-token`;
  const file = `${rulesDir}/${id}.json`;
  if (exists(file)) return refuse(`${file} exists already; edit it instead`);
  const min = Math.max(8, body.length - 4);
  const max = body.length + 4;
  const escaped = prefix.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&');
  const spec = {
    provider: 'Team',
    rules: [
      {
        id,
        title: `${prefix}… token (team rule)`,
        category: 'generic' satisfies Category,
        keywords: [prefix.toLowerCase()],
        // \b rather than look-arounds: team patterns run on RE2 (project/safeRegex.ts), which has none.
        pattern: `\\b(?<secret>${escaped}${bodyClass.pattern}{${min},${max}})\\b`,
        entropy: 3,
        examples: {
          positive: [`TOKEN=${prefix}{${bodyClass.token}:${body.length}}`, `const token = "${prefix}{${bodyClass.token}:${body.length}}";`],
          negative: [`TOKEN=${prefix}`, `const token = config.get("TOKEN");`],
        },
      },
    ],
  };
  const problem = checkRule(spec, file);
  if (problem) return refuse(problem);
  const newText = `${JSON.stringify(spec, null, 2)}\n`;
  return {
    changes: [{ path: file, create: true, edits: [{ start: 0, end: 0, newText }] }],
    messages: [`Created ${file} for tokens starting with ${prefix} (the selected value is not in it: its examples are generated). Commit it to share the rule; adjust the pattern and examples if needed.`],
    draft: { id, prefix, file },
  };
}

/** The rule compiles, its positive examples are found and its negatives are not. */
function checkRule(spec: unknown, file: string): string | undefined {
  const compiled = compileRuleFile(spec, file);
  if (compiled.errors.length > 0 || compiled.rules.length !== 1) return `the generated rule does not compile (${compiled.errors[0]?.message ?? 'no rule'})`;
  const ruleSet = buildRuleSet(compiled.rules);
  const { positive, negative } = (spec as { rules: Array<{ examples: { positive: string[]; negative: string[] } }> }).rules[0].examples;
  for (const example of positive) if (scanText(expandExample(example, file), 'example.txt', ruleSet).length === 0) return 'the generated rule does not match a token of the selected shape';
  for (const example of negative) if (scanText(expandExample(example, file), 'example.txt', ruleSet).length > 0) return 'the generated rule matches text it should not';
  return undefined;
}
