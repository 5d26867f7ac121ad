// The engine's data model: rule specs as written in rules/*.json, compiled rules, and findings.
// Everything here is plain data so the server, the CLI and the tests can share it.

/** How bad a finding is; maps 1:1 onto LSP severities and SARIF levels. */
export type Severity = 'error' | 'warning' | 'information' | 'hint';

/** How an encoded secret was hidden (engine/encoded.ts). */
export type Encoding = 'base64-encoded' | 'URL-encoded' | 'escaped';

/** How sure the engine is that the value is a live secret. */
export type Confidence = 'high' | 'medium' | 'low';

/** Why a finding fired, from strongest to weakest evidence:
 * - `provider-format`: the value's own format names the credential (a vendor prefix, length, checksum, key block);
 * - `service-context`: a service's name beside a secret word and an opaque value (`stripe api key: …`);
 * - `generic-name`: only a secret-like name (`password`, `api_key`) and a value that looks random;
 * - `known-value`: the value of a secret known elsewhere (a .env value found in built output). */
export type Evidence = 'provider-format' | 'service-context' | 'generic-name' | 'known-value';
export const EVIDENCE_KINDS: readonly Evidence[] = ['provider-format', 'service-context', 'generic-name', 'known-value'];

/** Rule families; settings can re-grade a whole category at once. */
export const CATEGORIES = [
  'ai',
  'cloud',
  'vcs',
  'payments',
  'communication',
  'crypto',
  'private-key',
  'database',
  'generic',
  'client-bundle',
  'hygiene',
] as const;
export type Category = (typeof CATEGORIES)[number];

/** Structural checks that a regular expression cannot express, named from rule data. */
export type ValidatorName =
  | 'github-checksum'
  | 'jwt'
  | 'pem-body'
  | 'url-password'
  | 'bip39-mnemonic'
  | 'base58check'
  | 'jwt-service-role'
  | 'jwt-anon-role'
  | 'password-like'
  | 'random-token'
  | 'basic-auth'
  | 'discord-user-id';

/** A rule exactly as written in a rule file (see rules/schema.json). */
export interface RuleSpec {
  id: string;
  title: string;
  /** Defaults to the file's `provider`. */
  provider?: string;
  category: Category;
  severity?: Severity;
  confidence?: Confidence;
  /** Lower-case literals; the rule runs only when one of them occurs in the text and in the match. */
  keywords: string[];
  /** JavaScript regular expression source; the `secret` named group (or the whole match) is the value. */
  pattern: string;
  /** Extra flags: only `i` and `m` are allowed (`g` and `d` are always added). */
  flags?: string;
  /** True when a match may span several lines (private key blocks); see engine/incremental.ts. */
  multiline?: boolean;
  /** Minimum Shannon entropy (bits per character) of the secret value. */
  entropy?: number;
  /** Values matching any of these (case-insensitive) are not secrets, e.g. documented sample keys. */
  allow?: string[];
  /** Glob patterns; when present the rule runs only on matching file paths. */
  paths?: string[];
  validate?: ValidatorName;
  /** The environment variable name a fix suggests, e.g. OPENAI_API_KEY. */
  envName?: string;
  /** Where the provider documents this credential and how to rotate or revoke it. */
  docs?: string;
  /** A value meant to be public (Stripe pk_, Firebase web config…): shown at information level or hidden,
   * never an error. A title containing "(public by design)" means the same. */
  publicByDesign?: boolean;
  /** Why a match of this rule counts (default: `generic-name` for generic rules, else `provider-format`); a
   * context-anchored rule (provider word + value without a vendor prefix) says `service-context`. */
  evidence?: Evidence;
  /** A narrower kind of key the provider offers (engine/hygiene/leastPrivilege.ts): shown as an information note. */
  leastPrivilege?: LeastPrivilegeHint;
  examples: { positive: string[]; negative: string[] };
}

/** "A narrower key would do": when it applies and where the provider explains the narrower key. */
export interface LeastPrivilegeHint {
  /** One sentence: what is broad about this key and what to use instead. */
  note: string;
  /** The provider's page on restricted, fine-grained or temporary keys. */
  docs: string;
  /** Only values starting with one of these (e.g. `AKIA`, long-lived, not `ASIA`). */
  prefixes?: string[];
  /** Only outside .env files (a long-lived key in code is the problem, not in the environment). */
  inCodeOnly?: boolean;
}

/** A rule file: one provider per file. */
export interface RuleFileSpec {
  $schema?: string;
  provider: string;
  rules: RuleSpec[];
}

import type { ServiceMatch } from './serviceRules';

/** A rule ready to run. */
export interface Rule {
  id: string;
  title: string;
  provider: string;
  category: Category;
  severity: Severity;
  confidence: Confidence;
  keywords: string[];
  regex: RegExp;
  multiline: boolean;
  entropy: number;
  allow: RegExp[];
  pathMatcher?: (path: string) => boolean;
  validate?: ValidatorName;
  envName?: string;
  docs?: string;
  publicByDesign: boolean;
  evidence: Evidence;
  leastPrivilege?: LeastPrivilegeHint;
  /** Set on rules of the service dictionary: run by the service detector, never as a regex rule. */
  service?: ServiceMatch;
  /** Where the rule came from, for error messages. */
  source: string;
  examples: { positive: string[]; negative: string[] };
}

/** One secret found in a text. Offsets are 0-based UTF-16 code units into the scanned text. */
export interface Finding {
  ruleId: string;
  title: string;
  provider: string;
  category: Category;
  severity: Severity;
  confidence: Confidence;
  /** Why it fired (see Evidence). */
  evidence: Evidence;
  /** Start and end of the secret value itself: the range a fix replaces. */
  start: number;
  end: number;
  /** Start and end of the whole regex match (the value plus its context). */
  matchStart: number;
  matchEnd: number;
  /** Masked preview, safe to print anywhere. */
  masked: string;
  envName?: string;
  docs?: string;
  /** Set when the secret was found by decoding the text in [start, end): base64, URL-encoding or escapes. */
  encoded?: Encoding;
  /** Set when the value is public by design: never an error, hidden when the user asks. */
  publicByDesign?: true;
  /** A full sentence that replaces the default "is hardcoded" description (masked values only). */
  message?: string;
  /** Why this finding matters beyond the value itself (client bundles, public env variables). */
  context?: FindingContext;
}

/** Facts about where a finding's value ends up; set by analyses other than the rule scan. */
export interface FindingContext {
  /** The value ships to browsers (public env variable, client module, built bundle). */
  inClientBundle?: boolean;
  /** The public .env variable that holds or receives the value, e.g. NEXT_PUBLIC_STRIPE_SECRET. */
  publicEnvVar?: string;
  /** The framework whose build inlines it, e.g. "Next.js". */
  framework?: string;
  /** The rule that recognised the value, when one did. */
  detectedBy?: string;
  /** Import chain from a browser entry point to the module (workspace-relative paths). */
  importChain?: string[];
  /** Hygiene check 6 (exposure age): the commit that first holds the value, its date, whether it was pushed. */
  exposure?: { firstCommit: string; since: string; pushed?: boolean };
}

/** A problem with a rule file, pointing at the file, rule and field. */
export interface RuleLoadError {
  source: string;
  ruleId?: string;
  field?: string;
  message: string;
  /** Where in the rule file's JSON the problem sits (e.g. ["rules", 2, "allow", 0]); the reader turns it into a span. */
  path?: Array<string | number>;
  /** 1-based span in the rule file, when known. */
  line?: number;
  column?: number;
  endLine?: number;
  endColumn?: number;
}
