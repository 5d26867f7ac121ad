// Values that have the shape of a secret but are something else by their context: digests (lockfiles, SRI
// `integrity`, `sha256:` prefixes), UUIDs and dictionary identifiers under generic rules, data URIs. Pure;
// looks only at the value and a bounded stretch of its line.
import type { Rule } from './types';

/** Lockfiles are full of digests and registry URLs: only credentials in URLs are worth reporting there. */
const LOCKFILE = /(?:^|\/)(?:package-lock\.json|npm-shrinkwrap\.json|yarn\.lock|pnpm-lock\.yaml|bun\.lock|Cargo\.lock|go\.sum|poetry\.lock|Pipfile\.lock|composer\.lock|Gemfile\.lock|packages\.lock\.json|gradle\.lockfile|flake\.lock|uv\.lock|mix\.lock|pubspec\.lock|Podfile\.lock|Package\.resolved)$/;
const DIGEST_KEY = /\b(?:integrity|checksum|hash|digest|shasum|sha1|sha256|sha384|sha512|md5|h1|resolved|etag|fingerprint|commit|rev|revision|narHash|hashed_secret)\b/i;
/** Subresource Integrity and prefixed digests: `sha384-…`, `sha256:…`, go.sum `h1:…`. */
const PREFIXED_DIGEST = /(?:sha(?:1|224|256|384|512)|md5|h1)[-:]$/i;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const HEX_DIGEST = /^(?:[0-9a-f]{32}|[0-9a-f]{40}|[0-9a-f]{64}|[0-9a-f]{96}|[0-9a-f]{128})$/i;
/** camelCase / snake_case / dotted / slashed names (`auth/wrong-password`) made of word-like parts: identifiers and i18n keys, not keys. */
const IDENTIFIER = /^[A-Za-z][a-z]+(?:(?:[A-Z][a-z]+)|(?:[._/-][a-z][a-z]+))+$/;
const ENV_NAME = /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$/;
/** API documentation example files (`s3-2006-03-01.examples.json`): sample requests, never live credentials. */
const DOC_EXAMPLES = /(?:^|\/)[^/]+\.examples?\.json$/;
/** Anti-forgery tokens (Rails `authenticity_token`, Django `csrfmiddlewaretoken`, ASP.NET
 * `__RequestVerificationToken`): random per session and printed into every form, never credentials. */
const ANTI_FORGERY = /(?:authenticity_token|csrf|xsrf|RequestVerificationToken|anti-?forgery)[\w-]*["']?\s*(?:value=|content=|[:=]|,)?\s*["']?$/i;
/** The name just before a value says it is a credential (`apikey: `, `"api_token", "`, `X-Auth-Token: `). */
const CREDENTIAL_NAME_BEFORE = /(?:api[_-]?key|apikey|[_-]token|auth[_-]?token|secret|password|authorization)["']?\s*(?:[:=,]|:=|=>)?\s*["']?\s*$/i;
const LOOKBACK = 160;

/** True when the candidate at [start, end) of `text` is noise for `rule`. */
export function isContextualNoise(text: string, start: number, end: number, value: string, rule: Rule, path: string): boolean {
  const before = text.slice(Math.max(0, start - LOOKBACK), start);
  const lineBefore = before.slice(before.lastIndexOf('\n') + 1);
  if (PREFIXED_DIGEST.test(lineBefore)) return true;
  if (/data:[\w/+.-]+(?:;[\w=.-]+)*;base64,[A-Za-z0-9+/=]*$/.test(lineBefore)) return true;
  // A credential inside a URL (user:token@host) stays a finding, even in a lockfile.
  const inUrlUserinfo = text.charCodeAt(end) === 64 /* @ */ && /\/\/[^\s/@]*$/.test(lineBefore);
  if (LOCKFILE.test(path) && !inUrlUserinfo) return true;
  if (rule.category !== 'generic') return false;
  if (DOC_EXAMPLES.test(path)) return true;
  if (ANTI_FORGERY.test(lineBefore)) return true;
  // Many services issue UUIDs as API keys; a UUID is an identifier unless the name right before it says key/token/secret.
  if (UUID.test(value) && !CREDENTIAL_NAME_BEFORE.test(lineBefore)) return true;
  if (ENV_NAME.test(value) || IDENTIFIER.test(value) || /\s/.test(value)) return true;
  return HEX_DIGEST.test(value) && DIGEST_KEY.test(lineBefore);
}
