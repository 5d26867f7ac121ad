// The `hygiene` finding category: its check ids, how a finding of it is built (masked previews only,
// AI and crypto keys graded error, others warning) and how a team config turns checks off or re-grades them.
import type { Evidence, Finding, Severity } from '../types';
import type { ProviderFamily } from './names';

/** One id per check; suppressions, the team config and `secretHygiene.severity` refer to them. */
export const HYGIENE_CHECKS = {
  sharedEnvKey: 'hygiene-shared-env-key',
  productionKeyInDevelopment: 'hygiene-production-key-in-development',
  plainHttp: 'hygiene-plain-http',
  clientApiCall: 'hygiene-client-api-call',
  secretInLog: 'hygiene-secret-in-log',
  leastPrivilege: 'hygiene-least-privilege',
  exposureAge: 'hygiene-exposure-age',
} as const;
export type HygieneCheckId = (typeof HYGIENE_CHECKS)[keyof typeof HYGIENE_CHECKS];
export const HYGIENE_CHECK_IDS: readonly string[] = Object.values(HYGIENE_CHECKS);

/** What `.secret-hygiene/config.json` says about hygiene: `disable` and `severity` keyed by check id or `hygiene`. */
export interface HygienePolicy {
  disable: readonly string[];
  severity: Readonly<Record<string, Severity | 'off'>>;
}

/** Exchange and AI provider keys are the prime targets: their hygiene problems are errors, others warnings. */
export function hygieneSeverity(family: ProviderFamily): Severity {
  return family === 'other' ? 'warning' : 'error';
}

export interface HygieneFields {
  ruleId: HygieneCheckId;
  title: string;
  provider: string;
  severity: Severity;
  confidence?: Finding['confidence'];
  start: number;
  end: number;
  /** The span the check looked at (call, URL and its neighbours); the incremental scanner re-checks it on edits. */
  matchStart?: number;
  matchEnd?: number;
  masked?: string;
  message: string;
  docs?: string;
  envName?: string;
  /** Why it fired: a credential name (logs), the key's format (least privilege), a value seen elsewhere. */
  evidence?: Evidence;
}

export function hygieneFinding(fields: HygieneFields): Finding {
  return {
    ruleId: fields.ruleId,
    title: fields.title,
    provider: fields.provider,
    category: 'hygiene',
    severity: fields.severity,
    confidence: fields.confidence ?? 'medium',
    start: fields.start,
    end: fields.end,
    matchStart: fields.matchStart ?? fields.start,
    matchEnd: fields.matchEnd ?? fields.end,
    masked: fields.masked ?? '…',
    evidence: fields.evidence ?? 'service-context',
    message: fields.message,
    ...(fields.docs ? { docs: fields.docs } : {}),
    ...(fields.envName ? { envName: fields.envName } : {}),
  };
}

/** Drops hygiene findings the policy turns off and re-grades the others; other findings pass unchanged. */
export function applyHygienePolicy(findings: Finding[], policy: HygienePolicy | undefined): Finding[] {
  if (!policy || (policy.disable.length === 0 && Object.keys(policy.severity).length === 0)) return findings;
  const out: Finding[] = [];
  for (const finding of findings) {
    if (finding.category !== 'hygiene') {
      out.push(finding);
      continue;
    }
    if (policy.disable.includes(finding.ruleId) || policy.disable.includes('hygiene')) continue;
    const level = policy.severity[finding.ruleId] ?? policy.severity.hygiene;
    if (level === 'off') continue;
    out.push(level ? { ...finding, severity: level } : finding);
  }
  return out;
}

/** True when the policy turns every hygiene check off (the checks then need not run at all). */
export function hygieneOff(policy: HygienePolicy | undefined): boolean {
  return policy !== undefined && (policy.disable.includes('hygiene') || policy.severity.hygiene === 'off');
}
