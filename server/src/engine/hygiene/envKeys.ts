// Check 1, one key per environment and per app: the same secret in `.env.development` and `.env.production`
// (or `.env.test`), or in the env files of two apps of one repository, and production-looking keys in a
// development file. Pure comparison of salted hashes: values never reach this module, only their hashes.
import type { Finding } from '../types';
import { holdsCredential, nameWords, providerFamily } from './names';
import { HYGIENE_CHECKS, hygieneFinding, hygieneSeverity } from './policy';

export type EnvironmentKind = 'development' | 'test' | 'staging' | 'production';

/** One secret-looking entry of an env file: its name, where its value sits, and a salted hash of the value. */
export interface HashedEnvEntry {
  name: string;
  start: number;
  end: number;
  masked: string;
  hash: string;
  /** The value has a live-mode prefix (`sk_live_`, `rk_live_`): a production key by its format. */
  live: boolean;
}

/** An env file as the comparison sees it. */
export interface HashedEnvFile {
  /** Repository-relative path, for messages (`apps/web/.env.production`). */
  file: string;
  /** The app (project root) it belongs to, repository-relative (`apps/web`, or `.`). */
  app: string;
  entries: HashedEnvEntry[];
}

/** The environment a dotenv file is for, from its name; undefined for `.env` and `.env.local` (every environment). */
export function environmentOf(fileName: string): EnvironmentKind | undefined {
  const base = fileName.slice(fileName.lastIndexOf('/') + 1).toLowerCase();
  const segment = /^\.env\.([a-z]+)/.exec(base)?.[1];
  if (!segment) return undefined;
  if (/^(development|dev|develop)$/.test(segment)) return 'development';
  if (/^(test|testing|ci)$/.test(segment)) return 'test';
  if (/^(staging|stage|preview|qa|uat)$/.test(segment)) return 'staging';
  if (/^(production|prod|live)$/.test(segment)) return 'production';
  return undefined;
}

/** Names that say "production" (`PROD_DATABASE_URL`, `STRIPE_LIVE_SECRET_KEY`). */
function productionName(name: string): boolean {
  return nameWords(name).some((w) => w === 'prod' || w === 'production' || w === 'live');
}

/** Hygiene findings for `current` (the file being scanned) against the other env files of its repository. */
export function compareEnvKeys(current: HashedEnvFile, others: HashedEnvFile[]): Finding[] {
  const environment = environmentOf(current.file);
  const out: Finding[] = [];
  for (const entry of current.entries) {
    const family = providerFamily(entry.name);
    const sharing = others.filter((other) => {
      if (other.file === current.file || !other.entries.some((e) => e.hash === entry.hash)) return false;
      if (other.app !== current.app) return true;
      const otherEnvironment = environmentOf(other.file);
      return environment !== undefined && otherEnvironment !== undefined && otherEnvironment !== environment;
    });
    if (sharing.length > 0) {
      const where = sharing.map((other) => `${other.file}${other.entries.find((e) => e.hash === entry.hash)!.name === entry.name ? '' : ` (as ${other.entries.find((e) => e.hash === entry.hash)!.name})`}`);
      const acrossApps = sharing.some((other) => other.app !== current.app);
      out.push(
        hygieneFinding({
          ruleId: HYGIENE_CHECKS.sharedEnvKey,
          title: acrossApps ? 'Key shared between apps' : 'Key shared between environments',
          provider: 'key hygiene',
          severity: hygieneSeverity(family),
          confidence: 'high',
          evidence: 'known-value',
          start: entry.start,
          end: entry.end,
          masked: entry.masked,
          envName: entry.name,
          message: `${entry.name} (${entry.masked}) has the same value as ${where.join(', ')}. Use one key per ${acrossApps ? 'app' : 'environment'}: a leak of ${acrossApps ? 'one app' : 'a development or test machine'} then does not expose ${acrossApps ? 'the other' : 'production'}, and each key can be rotated and limited on its own.`,
        }),
      );
    }
    if ((environment === 'development' || environment === 'test') && (entry.live || productionName(entry.name))) {
      out.push(
        hygieneFinding({
          ruleId: HYGIENE_CHECKS.productionKeyInDevelopment,
          title: 'Production key in a development file',
          provider: 'key hygiene',
          severity: hygieneSeverity(family),
          confidence: entry.live ? 'high' : 'medium',
          evidence: entry.live ? 'provider-format' : 'generic-name',
          start: entry.start,
          end: entry.end,
          masked: entry.masked,
          envName: entry.name,
          message: `${entry.name} (${entry.masked}) looks like a production key (${entry.live ? 'a live-mode key' : 'a production name'}) in ${current.file}, a ${environment} file. Use a test-mode or development key here; keep production keys where only production reads them.`,
        }),
      );
    }
  }
  return out;
}

/** True when an env entry should be compared: a secret by rule or by name, long enough to be a key. */
export function comparableEnvEntry(name: string, value: string, flaggedByRule: boolean): boolean {
  if (value.length < 8 || /^\$\{?[A-Za-z_]/.test(value)) return false;
  return flaggedByRule || holdsCredential(name);
}

/** Live-mode prefixes that make a value a production key by format. */
export function isLiveKey(value: string): boolean {
  return /^(sk|rk)_live_/.test(value);
}
