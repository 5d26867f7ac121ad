// Regex compile errors without the pattern: V8 and RE2 both quote the pattern (or the offending part of
// it) in their messages, and a workspace pattern or allowlist value may hold a real secret. Only the
// reason survives, plus the character position when the engine tells it; the caller adds file and line.

/** RE2's error codes (re2.h), the only texts its messages start with after the quoted pattern. */
const RE2_REASONS = [
  'unexpected error',
  'invalid escape sequence',
  'invalid character class range',
  'invalid character class',
  'missing ]',
  'missing )',
  'unexpected )',
  'trailing \\',
  'no argument for repetition operator',
  'missing argument to repetition operator',
  'invalid repetition size',
  'bad repetition operator',
  'invalid perl operator',
  'invalid UTF-8',
  'invalid named capture group',
  'pattern too large - compile failed',
  'pattern too large - reverse compile failed',
];

/** A V8 reason is a short English phrase ("Unterminated group", "Invalid flags supplied to RegExp constructor 'x'"). */
const V8_REASON = /^[\\A-Za-z][A-Za-z ,()-]*(?: '[a-z]{0,8}')?$/;

/** The reason of a V8 `new RegExp(pattern)` error, never quoting the pattern. */
export function v8RegexErrorReason(message: string): string {
  // "Invalid regular expression: /<pattern>/<flags>: <reason>": the reason follows the last ": ".
  const reason = message.slice(message.lastIndexOf(': ') + 2);
  return V8_REASON.test(reason) ? reason : 'invalid syntax';
}

/** The reason of an RE2 compile error for `pattern`, with the 1-based character position of the offending
 * part when RE2 quotes a part shorter than the whole pattern. */
export function re2RegexErrorReason(pattern: string, message: string): string {
  const afterPattern = message.indexOf(`/${pattern}/`);
  const rest = afterPattern >= 0 ? message.slice(afterPattern + pattern.length + 2).replace(/^[a-z]*: /, '') : message;
  const reason = RE2_REASONS.find((known) => rest.startsWith(known));
  if (!reason) return 'invalid syntax';
  const quoted = rest.startsWith(`${reason}: `) ? rest.slice(reason.length + 2) : '';
  const at = quoted && quoted.length < pattern.length ? pattern.lastIndexOf(quoted) : -1;
  return at >= 0 ? `${reason} at character ${at + 1} of the pattern` : reason;
}
