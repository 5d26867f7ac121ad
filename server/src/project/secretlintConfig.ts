// Imports a `.secretlintrc` (JSON or YAML), so a team moving from secretlint keeps what it triaged there: rules
// with `"disabled": true` and `allowMessageIds` turn the matching rules here off, `options.allows` (strings, or
// "/regex/flags") become allowed values for them. Ids come from rules/migration/secretlint.json; ids and message
// ids it does not know are reported with line and column. Rules absent from the file stay on: secretlint never
// ran them, so nothing was triaged. Pure text in, rule ids + allow patterns + problems out.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import { builtinRulesDir } from './ruleFiles';
import { compileSafeRegex, type RegexLike } from './safeRegex';
import type { ConfigProblem } from './teamConfig';

/** The names secretlint looks for, in its order (JavaScript configs are never run, so never read). */
export const SECRETLINT_FILES = ['.secretlintrc', '.secretlintrc.json', '.secretlintrc.yaml', '.secretlintrc.yml'];
const TABLE = path.join('migration', 'secretlint.json');
const PATTERN_RULE = '@secretlint/secretlint-rule-pattern';

interface Table {
  presets: Record<string, string[]>;
  /** Rule id → message id → our rule ids. */
  rules: Record<string, Record<string, string[]>>;
}

let table: Table | undefined;
function secretlintTable(): Table {
  table ??= JSON.parse(fs.readFileSync(path.join(builtinRulesDir(), TABLE), 'utf8')) as Table;
  return table;
}

export interface SecretlintImport {
  /** Rule ids here turned off. */
  disable: string[];
  /** Values allowed for some of our rules (secretlint tests `allows` against the secret found). */
  allow: Array<{ rules: string[]; values: RegexLike[] }>;
  problems: ConfigProblem[];
}

/** secretlint's short forms: `aws` = `secretlint-rule-aws`, `@scope/aws` = `@scope/secretlint-rule-aws`. */
export function fullRuleId(id: string): string {
  const scoped = /^(@[^/]+)\/(.+)$/.exec(id);
  if (scoped) return scoped[2].startsWith('secretlint-rule-') ? id : `${scoped[1]}/secretlint-rule-${scoped[2]}`;
  return id.startsWith('secretlint-rule-') ? id : `secretlint-rule-${id}`;
}

export function importSecretlintConfig(text: string, ourIds: ReadonlySet<string>): SecretlintImport {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: false });
  const result: SecretlintImport = { disable: [], allow: [], problems: [] };
  const problem = (range: [number, number] | undefined, message: string, severity: ConfigProblem['severity'] = 'warning') => {
    const from = lines.linePos(range?.[0] ?? 0);
    const to = lines.linePos(Math.max(range?.[1] ?? 1, (range?.[0] ?? 0) + 1));
    result.problems.push({ line: from.line, column: from.col, endLine: to.line, endColumn: to.col, message, severity });
  };
  const rangeOf = (node: unknown) => (node as Node | undefined)?.range?.slice(0, 2) as [number, number] | undefined;
  for (const error of doc.errors) problem([error.pos[0], error.pos[1]], `${error.code}: not valid JSON or YAML; nothing imported`, 'error');
  if (doc.errors.length > 0) return result;
  const rules = isMap(doc.contents) ? doc.contents.get('rules', true) : undefined;
  if (!isSeq(rules)) {
    problem(rangeOf(doc.contents), 'a .secretlintrc needs a "rules" list; nothing imported', 'error');
    return result;
  }
  const disabled = new Set<string>();
  const known = secretlintTable();
  const ours = (ids: string[]) => ids.filter((id) => ourIds.has(id));

  const importRule = (item: unknown, presetDisabled: boolean) => {
    if (!isMap(item)) return problem(rangeOf(item), 'a rule entry is an object with an "id"');
    const idNode = item.get('id', true);
    if (!isScalar(idNode) || typeof idNode.value !== 'string') return problem(rangeOf(item), 'a rule entry needs an "id" string');
    const id = fullRuleId(idNode.value);
    const isDisabled = presetDisabled || item.get('disabled') === true;
    const preset = known.presets[id];
    if (preset) {
      const members = item.get('rules', true);
      const listed = new Set<string>();
      for (const member of isSeq(members) ? members.items : []) {
        const memberId = isMap(member) ? member.get('id') : undefined;
        if (typeof memberId === 'string') listed.add(fullRuleId(memberId));
        importRule(member, isDisabled);
      }
      // A disabled preset turns off the members its entry does not list as well.
      if (isDisabled) for (const member of preset.filter((m) => !listed.has(m))) for (const ids of Object.values(known.rules[member] ?? {})) ours(ids).forEach((r) => disabled.add(r));
      return;
    }
    const messages = known.rules[id];
    if (!messages) {
      const message = id === PATTERN_RULE
        ? `secretlint rule "${idNode.value}": custom patterns are not imported; write them as .secret-hygiene/rules/*.json`
        : `secretlint rule "${idNode.value}" has no equivalent here; its settings change nothing`;
      return problem(rangeOf(idNode), message);
    }
    if (isDisabled) for (const ids of Object.values(messages)) ours(ids).forEach((r) => disabled.add(r));
    const allowMessageIds = item.get('allowMessageIds', true);
    for (const entry of isSeq(allowMessageIds) ? allowMessageIds.items : []) {
      const messageId = isScalar(entry) ? entry.value : undefined;
      if (typeof messageId === 'string' && messages[messageId]) ours(messages[messageId]).forEach((r) => disabled.add(r));
      else problem(rangeOf(entry), `allowMessageIds: "${String(messageId)}" is not a message of ${idNode.value} (known: ${Object.keys(messages).join(', ')})`);
    }
    const options = item.get('options', true);
    const allows = isMap(options) ? options.get('allows', true) : undefined;
    const values: RegexLike[] = [];
    for (const entry of isSeq(allows) ? allows.items : []) {
      const raw = isScalar(entry) ? entry.value : undefined;
      if (typeof raw !== 'string') {
        problem(rangeOf(entry), 'allows: each entry is a string or "/regex/flags"');
        continue;
      }
      try {
        values.push(allowPattern(raw));
      } catch (error) {
        problem(rangeOf(entry), `allows: ${(error as Error).message}; entry ignored`);
      }
    }
    const applies = ours([...new Set(Object.values(messages).flat())]);
    if (values.length > 0 && applies.length > 0) result.allow.push({ rules: applies, values });
  };
  for (const item of rules.items) importRule(item, false);
  result.disable = [...disabled].sort();
  return result;
}

/** secretlint's `allows` entry as a pattern: "/source/flags" is a regular expression, anything else a literal
 * that may appear anywhere in the value (as @textlint/regexp-string-matcher reads them). */
function allowPattern(raw: string): RegexLike {
  const regex = /^\/(.+)\/([a-z]*)$/s.exec(raw);
  if (!regex) return compileSafeRegex(raw.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&'), { global: false });
  const unsupported = regex[2].replace(/[gimsuy]/g, '');
  if (unsupported) throw new Error(`flag "${unsupported}" is not supported`);
  return compileSafeRegex(regex[1], { global: false, flags: regex[2].replace(/[gyu]/g, '') });
}
