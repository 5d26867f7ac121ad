// What must follow a service's name for its context to name a credential: a secret word (key, token,
// secret, password, credential, auth, license…), possibly after qualifiers (api, access, client, prod…),
// then a separator of any kind (`=`, `:`, `=>`, ` - `, whitespace, a closing quote, an XML tag or
// attribute, a call's parenthesis) and an opaque value. One sticky regex, run only where a name ends.
import { isNonSecretShape, isRandomToken, wordLetterRatio } from './secretShape';
import { shannonEntropy } from './entropy';

const SEP = '[ \\t_.\\-]{0,2}';
/** Words that may sit between the service name and the secret word (`STRIPE_LIVE_SECRET_KEY`). */
const QUALIFIERS = [
  'api', 'apis', 'app', 'application', 'access', 'account', 'acct', 'oauth2?', 'client', 'private', 'personal', 'service', 'server',
  'bot', 'user', 'admin', 'master', 'root', 'prod', 'production', 'live', 'test', 'sandbox', 'dev', 'staging', 'integration',
  'partner', 'merchant', 'project', 'org', 'organization', 'workspace', 'team', 'webhook', 'signing', 'encryption', 'rest',
  'sdk', 'cloud', 'mgmt', 'management', 'admin', 'write', 'read', 'ingest', 'ingestion', 'data', 'site', 'store', 'shop',
  'developer', 'dev', 'consumer', 'global', 'default', 'main', 'primary', 'secondary', 'v[1-9]', 'set', 'with', 'use', 'my',
  'refresh', 'session', 'bearer', 'upload', 'deploy', 'publish', 'license', 'licence', 'subscription', 'instance', 'tenant',
  'connect', 'platform', 'public', 'http', 'web', 'mobile', 'backend', 'frontend', 'node', 'js', 'python', 'sms', 'mail', 'email',
].join('|');
/** The word that says "this is a credential". */
const SECRET_WORDS = 'api[ \\t_.\\-]?key|apikey|key|keys|tokens?|secrets?|password|passwd|pwd|passphrase|credentials?|creds?|auth|authorization|license|licence|pat';
/** A name part after the secret word that makes it something else: `stripe_key_id`, `stripeTokenUrl`. */
const NOT_A_VALUE = '(?![ \\t_.\\-]?(?:id|ids|name|names|url|uri|endpoint|path|file|filename|type|len|length|size|header|prefix|env|var|field|param|label|format|pattern|regex|count|index|expires?|expiry|expiration|ttl|hash|version|ref|location|store|policy|rotation|created|updated|provider|scope|scopes|hint|mask|masked|placeholder)(?![a-z]))';
/** After the secret word: an environment or encoding suffix (`_PROD`, `_B64`, `_2`). */
const SUFFIX = `(?:[_.\\-]?(?:prod|production|live|test|dev|staging|sandbox|b64|base64|raw|value|str|string|\\d{1,2}))?`;
/** Between the name and the value: a closing quote or bracket, then a typed declaration's `: string =` /
 * Go's ` string =`, or `=`, `:`, `=>`, ` - `, `|`, `is`, `>`, an attribute `value=`, a call's `(`, or plain
 * whitespace. */
const SEPARATOR =
  '["\'`]?\\]?(?:[ \\t]*:[ \\t]*[A-Za-z][\\w<>\\[\\]?]{0,24}[ \\t]*=[ \\t]*|[ \\t]+(?:string|\\[\\]byte)[ \\t]*=[ \\t]*|\\s*(?:=>|:=|::|->|[=:|])\\s*|\\s+-\\s+|\\s+(?:is|was|of)\\s+|\\s*>\\s*|\\s*["\']?\\s+(?:value|content)\\s*=\\s*|\\s*\\(\\s*|\\s+)';
/** An opening quote or brace, or an auth scheme (`Bearer …`). */
const OPENING = '(?:["\'`{]|\\$?\\(|(?:bearer|token|basic)\\s+)?';
const VALUE = '(?<secret>[A-Za-z0-9_+/=~!@#$%^&*?.\\-]{8,1024})';

/** Sticky and case-insensitive: run with lastIndex at the end of a service name. */
export const SERVICE_TAIL = new RegExp(
  `(?:${SEP}(?:${QUALIFIERS})){0,3}?${SEP}(?:${SECRET_WORDS})(?:${SEP}(?:${SECRET_WORDS}))?${NOT_A_VALUE}${SUFFIX}${SEPARATOR}${OPENING}${VALUE}`,
  'iyd',
);

/** Right after a name that is the whole key, with no secret word: `cloudsmith: "…"`, `railway = '…'`,
 * `acme '…'`, `acme 3f9c…` (prose, notes). The value must follow on the same line and is judged more strictly. */
export const NAME_ONLY_TAIL = new RegExp(`["'\`]?\\]?(?:[ \\t]*(?::=|=>|[=:])[ \\t]*["'\`]?|[ \\t]+["'\`]?)${VALUE}`, 'yd');

/** A line below a service's name that starts with a bare secret word: a nested key (`acme:` then
 * `  api_key: …`), a log line (`[INFO] request to Acme` then `[DEBUG] Using Key=…`), a list item. */
export const BELOW_TAIL = new RegExp(
  `[ \\t]*(?:[-*][ \\t]+)?(?:\\[[A-Za-z]{3,8}\\][ \\t]+(?:[A-Za-z]+[ \\t]+){0,3}?)?["'\`]?(?:(?:${QUALIFIERS})${SEP}){0,2}(?:${SECRET_WORDS})${NOT_A_VALUE}${SUFFIX}${SEPARATOR}${OPENING}${VALUE}`,
  'iyd',
);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Trailing punctuation of prose (`… key is abc123.`) is not part of the value. */
export function trimValue(value: string): string {
  return value.replace(/[.\-!?*&^%$#@~]+$/, '');
}

/** An expected value shape, where the dictionary knows one. */
export interface ValueShape {
  charset?: 'hex' | 'alnum' | 'base64' | 'base64url' | 'digits' | 'uuid';
  min?: number;
  max?: number;
  prefix?: string;
}

const CHARSETS: Record<NonNullable<ValueShape['charset']>, RegExp> = {
  hex: /^[0-9a-f]+$/i,
  alnum: /^[A-Za-z0-9]+$/,
  base64: /^[A-Za-z0-9+/]+=*$/,
  base64url: /^[A-Za-z0-9_-]+=*$/,
  digits: /^[0-9]+$/,
  uuid: UUID,
};

export function matchesShape(value: string, shape: ValueShape): boolean {
  if (shape.prefix && !value.startsWith(shape.prefix)) return false;
  const body = shape.prefix ? value.slice(shape.prefix.length) : value;
  if (shape.min !== undefined && body.length < shape.min) return false;
  if (shape.max !== undefined && body.length > shape.max) return false;
  return !shape.charset || CHARSETS[shape.charset].test(body);
}

/** Words of a camelCase / snake_case value: `recaptchaV2Token` → recaptcha, v2, token. */
function words(value: string): string[] {
  return (value.match(/[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+/g) ?? []).map((w) => w.toLowerCase());
}

const NAME_WORDS = new Set(['token', 'key', 'secret', 'password', 'auth', 'api', 'client', 'access', 'config', 'value']);

/** A value spelled with the service's name or a secret word (`recaptchaV2Token`, `stripe_api_key_value`) is
 * an identifier that holds the secret elsewhere, not the secret. */
export function namesItself(value: string, serviceNames: readonly string[]): boolean {
  const lower = value.toLowerCase();
  if (serviceNames.some((name) => lower.includes(name))) return true;
  return words(value).some((word) => NAME_WORDS.has(word));
}

/** Opaque enough to be a credential when a service's name and a secret word stand before it: random
 * letters and digits (the generic token check), a UUID, a long digit string, or long mixed-case letters. */
export function isOpaqueValue(value: string, minLength = 16): boolean {
  if (value.length < minLength) return false;
  if (UUID.test(value)) return true;
  if (isNonSecretShape(value)) return false;
  if (/^\d+$/.test(value)) return value.length >= 20 && new Set(value).size >= 6;
  if (isRandomToken(value)) return true;
  return value.length >= 24 && /[a-z]/.test(value) && /[A-Z]/.test(value) && shannonEntropy(value) >= 4;
}

/** A short key (10–15 characters, `acme token = '…'`): counted only where a service's name and
 * a secret word precede it and quotes enclose it. Letters and digits only, mixed (digits among letters, or
 * both cases), mostly distinct characters, no word in it and not a word with a number (`version2024`). */
export function isShortKey(value: string): boolean {
  if (value.length < 10 || value.length > 15 || !/^[A-Za-z0-9]+$/.test(value) || isNonSecretShape(value)) return false;
  const digits = (value.match(/[0-9]/g) ?? []).length;
  const letters = value.length - digits;
  const mixedCase = /[a-z]/.test(value) && /[A-Z]/.test(value);
  if (!(digits >= 2 && letters >= 2) && !(mixedCase && digits === 0 && value.length >= 12)) return false;
  if (/^[A-Za-z]+[0-9]+$|^[0-9]+[A-Za-z]+$/.test(value)) return false;
  if (new Set(value.toLowerCase()).size * 2 < value.length) return false;
  // Digits in two places or more break letter runs the way a random alphabet does.
  return wordLetterRatio(value) < ((value.match(/[0-9]+/g) ?? []).length >= 2 ? 0.6 : 0.3);
}
