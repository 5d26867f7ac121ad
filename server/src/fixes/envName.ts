// The environment variable name for a secret: from the variable or key it is assigned to at the site
// (`stripeKey = "…"` → STRIPE_KEY), else the rule's suggested name, always a valid identifier.

/** Names that say "a secret" but not whose; the rule's provider-specific name is better then. */
const GENERIC = new Set([
  'KEY', 'API_KEY', 'APIKEY', 'TOKEN', 'SECRET', 'SECRET_KEY', 'PASSWORD', 'PASS', 'PWD', 'PASSWD', 'AUTH',
  'AUTH_TOKEN', 'ACCESS_TOKEN', 'ACCESS_KEY', 'VALUE', 'CREDENTIAL', 'CREDENTIALS', 'CLIENT_SECRET', 'BEARER',
  'AUTHORIZATION', 'PRIVATE_KEY', 'DEFAULT', 'URL', 'URI', 'DSN', 'CONNECTION_STRING', 'HEADERS', 'X',
]);

/** camelCase / kebab-case / dotted → UPPER_SNAKE_CASE, as a valid environment variable identifier. */
export function toEnvIdentifier(raw: string): string {
  const snake = raw
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .toUpperCase();
  if (!snake) return '';
  return /^[0-9]/.test(snake) ? `_${snake}` : snake;
}

/** Patterns for "the name this literal is assigned to", tried in order on the text before the literal. */
const SITE_PATTERNS = [
  // "token": "…", ['api_key'] = "…", headers.set('X-Api-Key', "…"
  /["'`]([A-Za-z_][\w.-]*)["'`]\s*\]?\s*(?:=>|:|,|=)\s*$/,
  // Go: var apiKey string = "…"
  // (not C#'s `const string apiKey = "…"`, where the type comes first)
  /\b(?:var|const)\s+(?!(?:string|String|int|long|bool|char|float|double|decimal|object|byte|var|val)\b)([A-Za-z_]\w*)\s+[\w.*[\]]+\s*=\s*$/,
  // apiKey = "…", const apiKey: string = "…", let api_key: &str = "…", $token = '…', key := "…"
  /([A-Za-z_$@][\w$.-]*)(?:\s*:\s*&?'?[A-Za-z_][\w.<>[\]| ]*)?\s*(?::=|\?\?=|\|\|=|=>|=)\s*$/,
  // apiKey: "…" (object literal, YAML), :stripe_key => "…"
  /([A-Za-z_$@][\w$.-]*)\s*:\s*$/,
];

/** The identifier the literal starting at `literalStart` is assigned to on its line, if any. */
export function siteName(text: string, literalStart: number): string | undefined {
  const lineStart = text.lastIndexOf('\n', literalStart - 1) + 1;
  const before = text.slice(lineStart, literalStart);
  for (const pattern of SITE_PATTERNS) {
    const match = pattern.exec(before);
    if (!match) continue;
    const name = match[1].replace(/^[$@:]+/, '').split('.').pop() ?? '';
    if (name) return name;
  }
  return undefined;
}

/** Site name unless it is generic or a one- or two-letter name, else the rule's envName, else the rule id; never empty. */
export function chooseVariableName(text: string, literalStart: number, ruleEnvName: string | undefined, ruleId: string): string {
  const fromSite = toEnvIdentifier(siteName(text, literalStart) ?? '');
  const fromRule = ruleEnvName ? toEnvIdentifier(ruleEnvName) : '';
  if (fromSite && ((!GENERIC.has(fromSite) && fromSite.length > 2) || !fromRule)) return fromSite;
  return fromRule || fromSite || toEnvIdentifier(ruleId) || 'SECRET';
}
