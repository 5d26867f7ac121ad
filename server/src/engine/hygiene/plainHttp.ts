// Check 2, keys over plain HTTP: a credential sent to an `http://` URL that is not local: in the query string,
// as basic auth in the URL, or next to it (an Authorization / X-API-Key header, a client built with a key and
// that base URL, within 2 lines). Reports the scheme and host only, never the credential itself.
import { isPlaceholder } from '../placeholder';
import { maskSecret } from '../mask';
import type { Finding } from '../types';
import { holdsCredential, providerFamily } from './names';
import { HYGIENE_CHECKS, hygieneFinding, hygieneSeverity } from './policy';

const URL_AT = /\bhttp:\/\/(?:(?<user>[^\s/@:'"`<>]{0,64}):(?<password>[^\s/@'"`<>]{1,128})@)?(?<host>\[[0-9a-fA-F:.]+\]|[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}\.)*[A-Za-z0-9-]{1,63})(?::(?<port>\d{1,5}))?(?<rest>[^\s'"`<>)\]}\\]{0,2048})/g;
/** Query parameters that carry a credential. */
const CREDENTIAL_PARAM = /[?&](?<name>api[_-]?key|apikey|key|access[_-]?token|auth[_-]?token|token|secret|client[_-]?secret|password|passwd|pwd|private[_-]?token)=(?<value>[^&#\s]*)$|[?&](?<name2>api[_-]?key|apikey|key|access[_-]?token|auth[_-]?token|token|secret|client[_-]?secret|password|passwd|pwd|private[_-]?token)=(?<value2>[^&#\s]+)/i;
/** Header names that carry a credential, then their value (within 2 lines of the URL). */
const CREDENTIAL_HEADER = /(?<![\w-])(?<name>authorization|x-api-key|api-key|x-auth-token|x-access-token|private-token|x-goog-api-key|xi-api-key|x-api-secret|proxy-authorization)\b['"]?\s*[:=,]\s*(?<value>[^\n]{0,200})/i;
/** `apiKey: …`, `api_key=…`, `token => …`: a client or config handing over a key. */
// The value is a look-ahead, so `client = OpenAI(api_key=…)` still sees `api_key` after `client`.
const CREDENTIAL_ASSIGNMENT = /(?<![\w.-])(?<name>[A-Za-z_][\w-]{1,60})['"]?\s*(?::|=>|=(?!=))(?=\s*(?<value>[^\s,;)}\]]{2,}))/g;
/** Keys that hold the URL a client talks to; with a key next to them the key goes there. */
const BASE_URL_NAME = /(?:base_?ur[il]|baseurl|api_?base|api_?url|endpoint|server_?url|host|url)['"]?\s*(?::|=>|=)\s*(?:\w+\()?\s*['"`]?$/i;
/** Hosts that are spec or namespace identifiers, never credential targets. */
const NAMESPACE_HOST = /(^|\.)(w3\.org|xmlsoap\.org|json-schema\.org|schema\.org|purl\.org|ogp\.me|opensource\.org|apache\.org|gnu\.org|creativecommons\.org|xml\.org|openxmlformats\.org|microsoft\.com|apple\.com|mozilla\.org|example\.(com|org|net)|github\.com)$/i;
const LOOK_LINES = 2;
const LOOK_CHARS = 300;
const MAX_PER_FILE = 50;

/** Hosts whose traffic never leaves the machine or the private network. */
export function isLocalHost(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[|\]$/g, '');
  if (!h.includes('.') && !h.includes(':')) return true; // localhost, docker-compose service names
  if (/^(127\.|10\.|192\.168\.|169\.254\.|0\.0\.0\.0$|::1$|fc|fd)/.test(h) || /^172\.(1[6-9]|2\d|3[01])\./.test(h)) return true;
  return /\.(localhost|local|internal|lan|home|test|example|invalid|svc|cluster\.local|corp|intranet|localdomain)$/.test(h) || h === 'host.docker.internal';
}

/** True when the host is a public DNS name on the default port: such hosts serve https by convention. */
export function httpsByConvention(host: string, port?: string): boolean {
  if (port !== undefined && port !== '80') return false;
  return !isLocalHost(host) && /^[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$/.test(host);
}

/** Plain-HTTP findings for URLs starting in [from, to) of `text`. */
export function findPlainHttpCredentials(text: string, from = 0, to = text.length): Finding[] {
  const out: Finding[] = [];
  // URLs that start before `to` end their `http://` by to + 6: no need to search the rest of the text.
  const searched = to + 6 >= text.length ? text : text.slice(0, to + 6);
  let at = searched.indexOf('http://', from);
  while (at >= 0 && at < to && out.length < MAX_PER_FILE) {
    URL_AT.lastIndex = at;
    const match = URL_AT.exec(text);
    if (match && match.index === at && !(at > 0 && /[\w.+-]/.test(text[at - 1]))) {
      const finding = judgeUrl(text, match);
      if (finding) out.push(finding);
    }
    at = searched.indexOf('http://', at + 7);
  }
  return out;
}

function judgeUrl(text: string, match: RegExpExecArray): Finding | undefined {
  const { user, password, host, port, rest = '' } = match.groups ?? {};
  if (!host || isLocalHost(host) || NAMESPACE_HOST.test(host) || /\$\{|\{\{|%[sd]/.test(host)) return undefined;
  if (isInComment(text, match.index)) return undefined;
  const urlStart = match.index;
  const authorityEnd = urlStart + 'http://'.length + (password !== undefined ? (user ?? '').length + 1 + password.length + 1 : 0) + host.length + (port ? port.length + 1 : 0);
  let how: string | undefined;
  let masked = '…';
  let family = providerFamily(host);
  let evidenceEnd = match.index + match[0].length;
  if (password !== undefined && !isPlaceholderValue(password, true) && !/^\*+$/.test(password)) {
    how = 'as basic auth in the URL (user:password@)';
    if (!/^[$%{]/.test(password)) masked = maskSecret(password);
  }
  const query = how ? null : CREDENTIAL_PARAM.exec(rest);
  if (query?.groups) {
    const name = query.groups.name ?? query.groups.name2;
    const value = query.groups.value ?? query.groups.value2;
    // `?api_key=" + key`: the value is appended right after the literal.
    const appended = value === '' && /^['"`]\s*(?:\+|\.\s|\+=|,\s*\w)/.test(text.slice(evidenceEnd, evidenceEnd + 8));
    if ((value !== '' && !isPlaceholderValue(value, !/^\$\{/.test(value))) || appended) {
      how = `in the query string (${name}=…)`;
      family = family === 'other' ? providerFamily(name) : family;
    }
  }
  if (!how) {
    const near = credentialNearby(text, urlStart, evidenceEnd);
    if (near) {
      how = near.how;
      family = family === 'other' ? providerFamily(near.name, near.context) : family;
      evidenceEnd = Math.max(evidenceEnd, near.end);
    }
  }
  if (!how) return undefined;
  const shown = `http://${host}${port ? `:${port}` : ''}`;
  const fix = httpsByConvention(host, port) ? ' Switch to https:// (quick fix).' : ' Serve it over TLS (https://) first: this host does not do so by convention.';
  return hygieneFinding({
    ruleId: HYGIENE_CHECKS.plainHttp,
    title: 'Credential sent over plain HTTP',
    provider: 'key hygiene',
    severity: hygieneSeverity(family),
    start: urlStart,
    end: authorityEnd,
    matchStart: urlStart,
    matchEnd: evidenceEnd,
    masked,
    message: `A credential goes to ${shown} ${how} over plain HTTP: anyone on the network path (Wi-Fi, proxies, ISPs) can read and replay it.${fix}`,
  });
}

/** A credential header or key assignment within LOOK_LINES lines (and LOOK_CHARS characters) of the URL. */
function credentialNearby(text: string, urlStart: number, urlEnd: number): { how: string; name: string; context: string; start: number; end: number } | undefined {
  const from = linesBefore(text, urlStart);
  const to = linesAfter(text, urlEnd);
  const region = text.slice(from, to);
  const header = CREDENTIAL_HEADER.exec(region);
  if (header?.groups && headerHasValue(header.groups.value)) {
    return { how: `with an ${header.groups.name} header`, name: header.groups.name, context: region, start: from + header.index, end: from + header.index + header[0].length };
  }
  // A key next to the URL counts only when the URL is what a client talks to (a base URL or endpoint).
  const lead = text.slice(Math.max(from, urlStart - 60), urlStart);
  const quoted = /['"`]\s*$/.test(lead) || /^\s*$/.test(lead.slice(lead.lastIndexOf('\n') + 1));
  if (!BASE_URL_NAME.test(lead) && !/\b(?:fetch|axios(?:\.\w+)?|requests\.\w+|http\.\w+|got|ky|request|urlopen|curl|HttpGet|HttpPost|NewRequest|open)\s*\(\s*['"`]?$/.test(lead)) return undefined;
  if (!quoted && !BASE_URL_NAME.test(lead)) return undefined;
  CREDENTIAL_ASSIGNMENT.lastIndex = 0;
  for (const m of region.matchAll(CREDENTIAL_ASSIGNMENT)) {
    const { name, value } = m.groups ?? {};
    if (!name || !value || !holdsCredential(name)) continue;
    if (/^(null|None|nil|undefined|false|true|''|""|``|\[\]|\{\}|0)$/.test(value.replace(/[,;]$/, '')) || isPlaceholderValue(value)) continue;
    return { how: `by a client that is given ${name}`, name, context: region, start: from + m.index, end: from + m.index + m[0].length + value.length };
  }
  return undefined;
}

/** The text after `Authorization:` carries something: not empty, not a type (`string`), not a placeholder. */
function headerHasValue(raw: string): boolean {
  const value = raw
    .replace(/^\s*['"`]?\s*(?:(?:bearer|basic|token|apikey)\s+)?/i, '')
    .replace(/['"`]\s*\+\s*/, '')
    .split(/[\s,;)}\]]/)[0]
    .replace(/['"`]/g, '');
  if (value.length < 2 || /^(string|String|str|any|undefined|null|None|nil|Optional|header|headers)$/.test(value)) return false;
  const literal = /^\s*['"`]/.test(raw) && !/['"`]\s*\+|\$\{/.test(raw);
  return !isPlaceholderValue(value, literal);
}

/** Sample values in docs and templates (`YOUR_API_KEY`, `<token>`, `xxx`, `password`), not credentials.
 * Code (an env read, `${key}`, `apiKey`) is a credential being sent, whatever its name. */
function isPlaceholderValue(value: string, literal = /^['"`]/.test(value)): boolean {
  const bare = value.replace(/^['"`]|['"`,;]+$/g, '');
  if (/^(your|my)[_-]|^<|^\[|^\{\{|^x{3,}|^\.\.\.|^…|^replace|^changeme|^\*+$/i.test(bare)) return true;
  if (!literal) return false;
  if (/^(password|pass|secret|token|key|apikey|api_key|user|username|test|foo|bar|example|string)$/i.test(bare)) return true;
  return isPlaceholder(bare);
}

function linesBefore(text: string, offset: number): number {
  let i = offset;
  const floor = Math.max(0, offset - LOOK_CHARS);
  for (let lines = 0; i > floor; i--) {
    if (text[i - 1] === '\n' && ++lines > LOOK_LINES) break;
  }
  return i;
}

function linesAfter(text: string, offset: number): number {
  let i = offset;
  const ceiling = Math.min(text.length, offset + LOOK_CHARS);
  for (let lines = 0; i < ceiling; i++) {
    if (text[i] === '\n' && ++lines > LOOK_LINES) break;
  }
  return i;
}

/** True when the URL sits behind a line comment or in a block comment's `*` line (docs, not requests). */
function isInComment(text: string, offset: number): boolean {
  let lineStart = offset;
  const floor = Math.max(0, offset - 400);
  while (lineStart > floor && text[lineStart - 1] !== '\n') lineStart--;
  const before = text.slice(lineStart, offset);
  return /^\s*(?:\/\/|#(?!!)|\*|\/\*|<!--|--|;|')/.test(before) || /(?:^|[\s;])\/\/[^'"`]*$/.test(before);
}
