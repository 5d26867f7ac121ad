// Check 5, least privilege: a key whose format shows broad scope (Stripe `sk_` where `rk_` would do, GitHub
// classic `ghp_`, AWS long-lived `AKIA` in code) gets an information note pointing at the provider's page on
// narrower keys; the data is each rule's `leastPrivilege` field. An exchange key with trading or withdrawal
// permissions visible next to it in config is graded like its key (error).
import { isEnvFileName } from '../envFile';
import type { Finding, Rule } from '../types';
import { HYGIENE_CHECKS, hygieneFinding } from './policy';

/** Exchange permission flags that let a leaked key move funds, set on (within 5 lines of the key). */
const FUNDS_PERMISSION = /\b(?:enable_?|can_?|allow_?)?(?<what>withdraw(?:al)?s?|trading|trade|futures|margin|transfer)['"]?\s*(?::|=>|=)\s*['"]?(?:true|1|yes|on|enabled)\b|\bpermissions?['"]?\s*(?::|=)\s*\[[^\]\n]{0,200}?['"](?<listed>withdraw(?:al)?s?|trade|trading|transfer)['"]/i;
const PERMISSION_LINES = 5;

/** Notes for the rule findings in `findings` (the resolved findings of `text`, the content of `path`). */
export function leastPrivilegeNotes(text: string, path: string, findings: Finding[], rules: ReadonlyMap<string, Rule>): Finding[] {
  const notes: Finding[] = [];
  for (const finding of findings) {
    if (finding.category === 'hygiene' || finding.publicByDesign || finding.encoded) continue;
    const rule = rules.get(finding.ruleId);
    const hint = rule?.leastPrivilege;
    if (hint) {
      const value = text.slice(finding.start, finding.end);
      const applies = (!hint.prefixes || hint.prefixes.some((p) => value.startsWith(p))) && (!hint.inCodeOnly || !isEnvFileName(path));
      if (applies) {
        notes.push(
          hygieneFinding({
            ruleId: HYGIENE_CHECKS.leastPrivilege,
            title: 'Broader key than needed',
            provider: finding.provider,
            severity: 'information',
            confidence: finding.confidence,
            start: finding.start,
            end: finding.end,
            masked: finding.masked,
            docs: hint.docs,
            evidence: finding.evidence,
            message: `${finding.title} ${finding.masked}: ${hint.note} See ${hint.docs}`,
          }),
        );
      }
    }
    if (finding.category === 'crypto') {
      const permission = fundsPermissionNear(text, finding.start);
      if (permission) {
        notes.push(
          hygieneFinding({
            ruleId: HYGIENE_CHECKS.leastPrivilege,
            title: 'Exchange key allowed to move funds',
            provider: finding.provider,
            severity: 'error',
            start: finding.start,
            end: finding.end,
            masked: finding.masked,
            docs: finding.docs,
            message: `${finding.title} ${finding.masked} is configured here with "${permission}" permission: a leaked key can trade or withdraw funds. Create a read-only key (or one without withdrawals, bound to your server's IP addresses) for code that only reads${finding.docs ? `; see ${finding.docs}` : ''}.`,
          }),
        );
      }
    }
  }
  return notes;
}

/** The first funds-moving permission set within PERMISSION_LINES lines of `offset`. */
function fundsPermissionNear(text: string, offset: number): string | undefined {
  let from = offset;
  for (let lines = 0; from > 0 && offset - from < 2000; from--) if (text[from - 1] === '\n' && ++lines > PERMISSION_LINES) break;
  let to = offset;
  for (let lines = 0; to < text.length && to - offset < 2000; to++) if (text[to] === '\n' && ++lines > PERMISSION_LINES) break;
  const match = FUNDS_PERMISSION.exec(text.slice(from, to));
  return match?.groups?.what ?? match?.groups?.listed;
}
