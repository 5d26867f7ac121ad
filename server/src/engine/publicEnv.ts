// Public env variables that hold secrets: a .env text + the project's public prefixes/names + rules in,
// `client-bundle` findings on the values out. Pure; the project facts come from project/frameworks.ts.
import { MIN_FINGERPRINT_LENGTH } from './bundleMatch';
import type { RuleSet } from './compileRules';
import { isEnvFileName, parseEnvFile, type EnvEntry } from './envFile';
import { maskSecret } from './mask';
import { isPlaceholder } from './placeholder';
import { hasPublishableName, hasSecretName, publishableKind } from './publishable';
import { scanText } from './scanText';
import { isNonSecretShape, isRandomToken } from './secretShape';
import type { Finding } from './types';

/** Which variables a project's build inlines into browser code. */
export interface PublicEnvPolicy {
  /** Name prefixes, e.g. `NEXT_PUBLIC_` for Next.js. */
  prefixes: Array<{ prefix: string; framework: string }>;
  /** Exact names inlined by configuration (next.config `env`, `define`, EnvironmentPlugin…), with where. */
  names: Array<{ name: string; framework: string; via: string }>;
  /** No framework was detected and the prefixes are a guess: findings are warnings, not errors. */
  assumed?: boolean;
}

/** How a variable reaches the browser, or undefined when it stays on the server. */
export interface Exposure {
  framework: string;
  /** `the NEXT_PUBLIC_ prefix` or `the env block of next.config.js`. */
  via: string;
  /** The prefix, when exposure is by prefix. */
  prefix?: string;
}

export const PUBLIC_ENV_RULE_ID = 'public-env-secret';

export function exposureOf(name: string, policy: PublicEnvPolicy): Exposure | undefined {
  const named = policy.names.find((n) => n.name === name);
  if (named) return { framework: named.framework, via: named.via };
  const prefixed = policy.prefixes.filter((p) => name.startsWith(p.prefix) && name.length > p.prefix.length);
  if (prefixed.length === 0) return undefined;
  const longest = prefixed.reduce((a, b) => (b.prefix.length > a.prefix.length ? b : a));
  return { framework: longest.framework, via: `the ${longest.prefix} prefix`, prefix: longest.prefix };
}

/** Why a public variable's value is a secret: a rule's title, or its secret-like name; undefined if it is fine. */
export interface SecretVerdict {
  reason: string;
  detectedBy?: string;
  confidence: Finding['confidence'];
  evidence: Finding['evidence'];
}

export function judgePublicValue(entry: Pick<EnvEntry, 'name' | 'value' | 'valueStart' | 'valueEnd'>, ruleFindings: Finding[]): SecretVerdict | undefined {
  const value = entry.value;
  if (value.trim().length === 0 || isPlaceholder(value) || publishableKind(value)) return undefined;
  const hit = ruleFindings.find((f) => !f.publicByDesign && f.start >= entry.valueStart && f.end <= entry.valueEnd);
  if (hit) return { reason: hit.title, detectedBy: hit.ruleId, confidence: hit.confidence, evidence: hit.evidence };
  if (hasPublishableName(entry.name) || !hasSecretName(entry.name)) return undefined;
  // A secret-looking name with a trivial value (`true`, `3000`, a short word) is configuration.
  if (value.length < 6 || /^(true|false|null|none|\d+)$/i.test(value)) return undefined;
  return { reason: 'a secret by its name', confidence: 'medium', evidence: 'generic-name' };
}

/** Findings for public variables of a .env file whose values are secrets. */
export function scanPublicEnv(text: string, path: string, policy: PublicEnvPolicy, ruleSet: RuleSet): Finding[] {
  if (!isEnvFileName(path)) return [];
  const entries = parseEnvFile(text).filter((entry) => exposureOf(entry.name, policy));
  if (entries.length === 0) return [];
  const ruleFindings = scanText(text, path, ruleSet);
  const findings: Finding[] = [];
  for (const entry of entries) {
    const exposure = exposureOf(entry.name, policy)!;
    const verdict = judgePublicValue(entry, ruleFindings);
    if (!verdict) continue;
    findings.push(publicEnvFinding(entry, exposure, verdict, policy.assumed === true));
  }
  return findings;
}

function publicEnvFinding(entry: EnvEntry, exposure: Exposure, verdict: SecretVerdict, assumed: boolean): Finding {
  const masked = maskSecret(entry.value);
  const serverName = exposure.prefix ? entry.name.slice(exposure.prefix.length) : entry.name;
  const framework = assumed ? `${exposure.framework} (assumed from the prefix)` : exposure.framework;
  const fix = exposure.prefix
    ? `Keep it server-only: drop the ${exposure.prefix} prefix (e.g. ${serverName}) and read it in server code`
    : `Keep it server-only: remove it from ${exposure.via}`;
  return {
    ruleId: PUBLIC_ENV_RULE_ID,
    title: 'Secret in a public environment variable',
    provider: exposure.framework,
    category: 'client-bundle',
    severity: assumed ? 'warning' : 'error',
    confidence: verdict.confidence,
    evidence: verdict.evidence,
    start: entry.valueStart,
    end: entry.valueEnd,
    matchStart: entry.nameStart,
    matchEnd: entry.valueEnd,
    masked,
    envName: serverName,
    message: `${entry.name} is public through ${exposure.via}: ${framework} inlines its value into the client bundle, so the value (${verdict.reason}: ${masked}) ships to every visitor. ${fix}, and rotate it.`,
    context: { inClientBundle: true, publicEnvVar: entry.name, framework: exposure.framework, ...(verdict.detectedBy ? { detectedBy: verdict.detectedBy } : {}) },
  };
}

/** Client-bundle findings replace the plain rule findings they overlap (same value, sharper message). */
export function mergeClientBundleFindings(findings: Finding[], clientBundle: Finding[]): Finding[] {
  if (clientBundle.length === 0) return findings;
  const kept = findings.filter((f) => !clientBundle.some((c) => f.start < c.end && c.start < f.end));
  return [...kept, ...clientBundle].sort((a, b) => a.start - b.start || a.end - b.end);
}

/** Every entry of a .env file whose value is a secret (public or not), for fingerprinting built output. */
export function secretEnvEntries(text: string, path: string, ruleSet: RuleSet): EnvEntry[] {
  const ruleFindings = scanText(text, path, ruleSet);
  return parseEnvFile(text).filter((entry) => judgePublicValue(entry, ruleFindings) !== undefined);
}

/** Names that say key, token, secret or password in any spelling (`INTERNAL_API_KEY`, `SIGNING_KEY`, `DB_PASS`). */
const CREDENTIAL_NAME = /KEY|TOKEN|SECRET|PASSWORD|PASSWD|PWD|(^|_)PASS($|_)|AUTH|CREDENTIAL|PRIVATE|SALT|SIGNATURE/;

/** Entries to look for in built output: the secrets above plus every server-only value whose name says
 * key/token/secret/password or that looks random, even when no rule knows its format. Public variables
 * (prefix or configured name) are left to the public-env check: shipping them is their purpose. */
export function bundleSecretEnvEntries(text: string, path: string, ruleSet: RuleSet, policy: PublicEnvPolicy): EnvEntry[] {
  const ruleFindings = scanText(text, path, ruleSet);
  return parseEnvFile(text).filter((entry) => judgePublicValue(entry, ruleFindings) !== undefined || (!exposureOf(entry.name, policy) && isOpaqueServerSecret(entry)));
}

function isOpaqueServerSecret(entry: Pick<EnvEntry, 'name' | 'value'>): boolean {
  const value = entry.value;
  if (value.length < MIN_FINGERPRINT_LENGTH || /\s/.test(value) || isPlaceholder(value) || publishableKind(value) || hasPublishableName(entry.name)) return false;
  if (isNonSecretShape(value)) return false;
  return CREDENTIAL_NAME.test(entry.name.toUpperCase()) ? /[0-9]/.test(value) || /[^A-Za-z]/.test(value) || value.length >= 16 : isRandomToken(value);
}

