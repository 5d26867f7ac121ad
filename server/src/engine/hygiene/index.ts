// The hygiene checks that run inside scanText's path (and so as you type): code-level ones windowed like
// the rules (secrets in logs, keys over plain HTTP) and notes on the resolved rule findings (least privilege).
// File-level checks (.env comparisons, client calls, git history) run in project/ and features/.
import type { Finding, Rule } from '../types';
import { leastPrivilegeNotes } from './leastPrivilege';
import { findSecretsInLogs, type CredentialWords } from './logs';
import { findPlainHttpCredentials } from './plainHttp';
import { hygieneOff, type HygienePolicy } from './policy';

export { HYGIENE_CHECKS, HYGIENE_CHECK_IDS, applyHygienePolicy, hygieneFinding, hygieneSeverity, type HygieneCheckId, type HygienePolicy } from './policy';
export { CREDENTIAL_WORDS, holdsCredential, providerFamily, nameWords, type ProviderFamily } from './names';
export type { CredentialWords } from './logs';
export { httpsByConvention, isLocalHost } from './plainHttp';
export { codeLanguageOf, type CodeLanguage } from './codeText';

/** Code-level hygiene candidates for matches starting in [from, to); `credentialWords` (from the keyword
 * pass) narrows where log calls are looked for. */
export function collectHygiene(text: string, path: string, from: number, to: number, policy: HygienePolicy | undefined, credentialWords?: CredentialWords): Finding[] {
  if (hygieneOff(policy)) return [];
  return [...findSecretsInLogs(text, path, from, to, credentialWords), ...findPlainHttpCredentials(text, from, to)];
}

/** Notes derived from the final rule findings (never windowed: they are cheap and follow the findings). */
export function hygieneNotes(text: string, path: string, findings: Finding[], rules: ReadonlyMap<string, Rule>, policy: HygienePolicy | undefined): Finding[] {
  if (hygieneOff(policy)) return [];
  return leastPrivilegeNotes(text, path, findings, rules);
}
export { compareEnvKeys, comparableEnvEntry, environmentOf, isLiveKey, type EnvironmentKind, type HashedEnvEntry, type HashedEnvFile } from './envKeys';
export { exposureAdvice, type ExposureFacts } from './exposure';
