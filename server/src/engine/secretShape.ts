// Shape checks for the generic rules, where only the name says "secret": does the value look like a real
// credential (random, mixed character classes) rather than a word, identifier, reference, hash, UUID, path or
// URL? Pure string heuristics; precision matters more than recall here, because a noisy generic rule gets
// the whole tool uninstalled.
import { wordlist } from '@scure/bip39/wordlists/english';
import { shannonEntropy } from './entropy';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Password hashes and digests: bcrypt, argon2, crypt(3), LDAP schemes, SRI `sha512-…`, `sha256:…`. */
const HASH = /^(?:\$(?:2[abxy]?|argon2(?:id|i|d)|[156y]|pbkdf2[\w-]*|scrypt|apr1|P|H)\$|\{(?:S?SHA\d*|BCRYPT|MD5|CRYPT|PBKDF2[\w-]*)\}|(?:sha|SHA)(?:1|224|256|384|512)[-:=]|(?:md5|MD5)[-:])/;
const URL_LIKE = /^[A-Za-z][A-Za-z0-9+.-]*:\/\/|^(?:data|blob|javascript|mailto|urn|arn):/i;
const PATH_LIKE = /^(?:\.{1,2}\/|~\/|\/[A-Za-z][\w.-]*\/|[A-Za-z]:\\)|\.(?:pem|key|crt|cer|der|json|ya?ml|txt|p12|pfx|jks|keystore|env|properties|xml|js|ts|py|rb|sh|html?|css|png|svg)$/i;
/** Templates and references the placeholder filter does not already cover (they may sit inside the value). */
const TEMPLATE = /\{[A-Za-z0-9]+:\d+\}|\$\{|\{\{|\}\}|#\{|%\(|%[sdv]\b|\$\(|<%|%>|^\$[A-Za-z_]|^@[A-Za-z_]|^\{[^}]*\}$|^\[[^\]]*\]$/;
/** Member access, calls and type expressions: `config.db.password`, `this.secret`, `Foo::BAR`, `getToken()`. */
const EXPRESSION = /^[A-Za-z_$][\w$]*(?:(?:\?\.|\.|::|->)[A-Za-z_$][\w$]*)+(?:\(\))?$|\(\)$/;
/** Regular-expression and format syntax: a character class with a count, escapes, anchors. */
const PATTERN_SYNTAX = /\]\{\d|\\[dswDSW]|\(\?[:=!<]/;
const VERSION_OR_DATE = /^v?\d+(?:[._-]\d+){1,3}(?:[-+.][A-Za-z0-9.]+)?$|^\d{4}-\d{2}-\d{2}(?:[T ][\d:.]+Z?)?$/;

/** Letters in "word runs": camelCase / snake_case / kebab-case parts that read like words, not random text. */
export function wordLetterRatio(value: string): number {
  const runs = value.match(/[A-Z]?[a-z]+|[A-Z]+(?![a-z])/g) ?? [];
  // Upper-case runs read as words only in SNAKE_CASE / kebab names; in a token they are random letters.
  const separated = /[_.-]/.test(value);
  let letters = 0;
  let wordy = 0;
  for (const run of runs) {
    letters += run.length;
    if (!separated && /^[A-Z]+$/.test(run)) continue;
    if (run.length >= 4 && looksLikeWord(run.toLowerCase())) wordy += run.length;
  }
  return letters === 0 ? 0 : wordy / letters;
}

/** A pronounceable run: has vowels in a natural proportion and no long consonant clusters. */
function looksLikeWord(run: string): boolean {
  const vowels = (run.match(/[aeiouy]/g) ?? []).length;
  if (vowels === 0) return COMMON_ABBREVIATIONS.has(run);
  if (/[bcdfghjklmnpqrstvwxz]{4,}/.test(run)) return false;
  const ratio = vowels / run.length;
  if (ratio < 0.25 || ratio > 0.7) return false;
  // Random lower-case text has vowels too; English has letter pairs it never uses (`qz`, `vw`, `fx`…).
  let unusual = 0;
  for (let i = 0; i + 1 < run.length; i++) if (!englishBigrams().has(run.slice(i, i + 2))) unusual++;
  return unusual <= (run.length >= 7 ? 1 : 0);
}

/** Words of code and configuration the BIP-39 list lacks, so their letter pairs read as English too. */
const CODE_WORDS = ['host', 'hook', 'box', 'dev', 'db', 'pm', 'oauth', 'auth', 'api', 'sdk', 'cli', 'length', 'width', 'height', 'depth', 'string', 'max', 'min', 'config', 'request', 'response', 'client', 'handler', 'default', 'context', 'buffer', 'stream', 'socket', 'timeout', 'window', 'document', 'component', 'module', 'export', 'import', 'function', 'async', 'await', 'promise', 'callback', 'listener', 'options', 'settings', 'params', 'query', 'header', 'cookie', 'session', 'storage', 'cache', 'column', 'schema', 'field', 'primary', 'foreign', 'unique', 'version', 'update', 'delete', 'insert', 'select', 'filter', 'offset', 'amount', 'currency', 'payment', 'email', 'phone', 'login', 'logout', 'signup', 'register', 'verify', 'validate', 'encrypt', 'decrypt', 'encode', 'decode', 'digest', 'signature', 'certificate', 'public', 'private', 'webhook', 'localhost', 'sandbox', 'staging', 'production', 'development', 'backend', 'frontend', 'database', 'dashboard', 'workflow', 'deploy', 'github', 'gitlab', 'docker', 'kubernetes', 'redis', 'mysql', 'postgres', 'mongo', 'nginx', 'json', 'yaml', 'xml', 'html', 'http', 'https', 'ftp', 'ssh', 'sftp', 'tcp', 'udp', 'dns', 'url', 'uri', 'utf', 'ascii', 'unicode', 'byte', 'bytes', 'char', 'int', 'float', 'double', 'bool', 'enum', 'struct', 'typedef', 'namespace', 'package', 'script', 'style', 'width', 'nested', 'empty', 'null', 'undefined', 'items', 'twitch', 'night', 'bright', 'ptr', 'src', 'dst', 'tmp', 'pdf', 'png', 'svg', 'gif', 'jpg', 'mp4', 'xyz'];

let bigrams: Set<string> | undefined;
/** Letter pairs that occur in English words (from the BIP-39 list, 2,048 common words, already a dependency). */
function englishBigrams(): Set<string> {
  if (!bigrams) {
    bigrams = new Set();
    for (const word of [...wordlist, ...COMMON_ABBREVIATIONS, ...CODE_WORDS]) {
      for (let i = 0; i + 1 < word.length; i++) bigrams.add(word.slice(i, i + 2));
    }
  }
  return bigrams;
}

const COMMON_ABBREVIATIONS = new Set(['pwd', 'str', 'cfg', 'ctx', 'env', 'msg', 'src', 'dst', 'tmp', 'xml', 'json', 'http', 'html', 'css', 'url', 'sql', 'jwt', 'mfa', 'otp', 'rsa', 'ssh', 'tls', 'ssl', 'pgp', 'gpg', 'dns', 'smtp', 'ldap', 'db', 'id', 'txt']);

/** Values that can never be a credential, whatever the name around them says. */
export function isNonSecretShape(value: string): boolean {
  return (
    UUID.test(value) ||
    HASH.test(value) ||
    URL_LIKE.test(value) ||
    PATH_LIKE.test(value) ||
    TEMPLATE.test(value) ||
    EXPRESSION.test(value) ||
    PATTERN_SYNTAX.test(value) ||
    VERSION_OR_DATE.test(value) ||
    /^[\d\s.,:+-]+$/.test(value) ||
    /\.\.\.|…/.test(value) ||
    /^(?:true|false|null|nil|none|undefined|yes|no|on|off)$/i.test(value)
  );
}

function classes(value: string): { lower: boolean; upper: boolean; digit: boolean; symbol: boolean } {
  return { lower: /[a-z]/.test(value), upper: /[A-Z]/.test(value), digit: /[0-9]/.test(value), symbol: /[^A-Za-z0-9]/.test(value) };
}

/** A value assigned to a password-like name: letters plus digits or symbols, not words or references. */
export function isPasswordLike(value: string): boolean {
  if (value.length < 8 || isNonSecretShape(value)) return false;
  const c = classes(value);
  if (!(c.lower || c.upper)) return false;
  if (!c.digit && !/[^A-Za-z0-9._-]/.test(value)) return false;
  return wordLetterRatio(value) < 0.75;
}

/** A value assigned to a token/secret/API-key name: long, random-looking, letters mixed with digits. */
export function isRandomToken(value: string): boolean {
  if (value.length < 16 || isNonSecretShape(value)) return false;
  const c = classes(value);
  if (!(c.lower || c.upper)) return false;
  // Without digits, only long mixed-case text as random as a key (`hfCnuVcYOgiRjlDEmAoRbN`) counts.
  if (!c.digit) return value.length >= 20 && c.lower && c.upper && shannonEntropy(value) >= 4 && wordLetterRatio(value) < 0.25 && !isAlphabetRun(value);
  // Hex carries at most 4 bits a character, so its entropy floor is lower than other alphabets'.
  if (shannonEntropy(value) < (/^[0-9a-f]+$/i.test(value) ? 3 : 3.5)) return false;
  // A digest named as a token is usually a checksum; long hex under a secret name is still a secret.
  // Digits scattered through a long run of letters and digits (3+ groups, no separators) are a random
  // alphabet's, whose letter runs read as syllables by chance: only mostly-words fail then.
  const scattered = value.length >= 20 && /^[A-Za-z0-9]+$/.test(value) && (value.match(/[0-9]+/g) ?? []).length >= 3;
  return wordLetterRatio(value) < (scattered ? 0.75 : 0.5);
}

/** `aBcDeFgH…`: the alphabet in alternating case, a filler once case is ignored. */
function isAlphabetRun(value: string): boolean {
  const lower = value.toLowerCase();
  let steps = 0;
  for (let i = 0; i + 1 < lower.length; i++) if (lower.charCodeAt(i + 1) - lower.charCodeAt(i) === 1) steps++;
  return steps >= (lower.length - 1) / 2;
}

/** `Basic <base64>`: decodes to `user:password` with a non-trivial password. */
export function isBasicAuth(value: string): boolean {
  let decoded: string;
  try {
    decoded = atob(value);
  } catch {
    return false;
  }
  if (!/^[\x20-\x7e]+$/.test(decoded)) return false;
  const colon = decoded.indexOf(':');
  if (colon <= 0) return false;
  const password = decoded.slice(colon + 1);
  return password.length >= 4 && !/^(?:password|pass|secret|pwd|x+|\*+)$/i.test(password) && !/^[<${%]/.test(password);
}
