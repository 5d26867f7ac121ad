// gitleaks' default rule ids and the rules here that find the same credential (rules/migration/gitleaks.json),
// so a team's `[extend] disabledRules`, `.gitleaksignore` fingerprints and config.json `disable` written for
// gitleaks keep working. Read once, on first use.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { builtinRulesDir } from './ruleFiles';

export const GITLEAKS_ID_TABLE = path.join('migration', 'gitleaks.json');

let table: Map<string, string[]> | undefined;

/** gitleaks id → our rule ids (empty: gitleaks has the rule, we have no equivalent). */
export function gitleaksRuleIds(): Map<string, string[]> {
  if (table) return table;
  const parsed = JSON.parse(fs.readFileSync(path.join(builtinRulesDir(), GITLEAKS_ID_TABLE), 'utf8')) as { gitleaks: Record<string, string[]> };
  table = new Map(Object.entries(parsed.gitleaks));
  return table;
}

export type ResolvedRuleId = { kind: 'ours'; ids: string[] } | { kind: 'gitleaks'; ids: string[] } | { kind: 'gitleaks-unmapped' } | { kind: 'unknown' };

/** What a rule id written by a team means here: one of ours, a gitleaks id we map, one we cannot map, or nothing. */
export function resolveRuleId(id: string, ourIds: ReadonlySet<string>): ResolvedRuleId {
  if (ourIds.has(id)) return { kind: 'ours', ids: [id] };
  const mapped = gitleaksRuleIds().get(id);
  if (mapped === undefined) return { kind: 'unknown' };
  return mapped.length > 0 ? { kind: 'gitleaks', ids: mapped } : { kind: 'gitleaks-unmapped' };
}
