// Values that look like secrets by shape but are placeholders, templates or references to the real
// secret somewhere else. A placeholder is never reported, whatever rule matched it.
import { isPublishedExample } from './publishedExamples';

const PLACEHOLDER_WORDS =
  /(?<![a-z])(your|my|insert|enter|replace|put)[-_ ]([a-z0-9]+[-_ ]){0,3}?(key|token|secret|password|pass|pwd|here)|(?<![a-z])(your|insert)(api)?(key|token|secret|password)|changeme|change[-_]me|placeholder|example|sample|dummy|redacted|lorem|ipsum|notasecret|not[-_]a[-_]real|fake[-_]?(key|token|secret)|xxxxx|\*\*\*\*|•••/i;

/** Template and reference syntaxes: ${VAR}, {{ var }}, {name}, <TOKEN>, %(name)s, $VAR, env lookups, and
 * our own rule-example generator tokens ({alnum:24}). */
const REFERENCE_SYNTAX =
  /^\$\{[^}]*\}$|\{[A-Za-z][A-Za-z0-9]*:\d+\}|^\{[A-Za-z_][A-Za-z0-9_.]*\}$|^#\{[^}]*\}$|^\$\([^)]*\)$|^\$[A-Z_][A-Z0-9_]*$|\{\{[^}]*\}\}|^<[^<>]+>$|^%\([^)]+\)s$|^%[A-Z_]+%$|process\.env\b|import\.meta\.env\b|os\.environ|os\.getenv|getenv\(|ENV\[|System\.getenv|Environment\.GetEnvironmentVariable|secrets\.[A-Z_]|^\[[A-Z_ ]+\]$|^op:\/\/|^vault:|^arn:aws:secretsmanager|^@Microsoft\.KeyVault/i;

/** True when the value is clearly not a live secret: a placeholder, template or reference. */
export function isPlaceholder(value: string): boolean {
  if (value.length === 0) return true;
  if (REFERENCE_SYNTAX.test(value)) return true;
  if (PLACEHOLDER_WORDS.test(value)) return true;
  if (isPublishedExample(value)) return true;
  return isMostlyRepeated(value) || isSequential(value);
}

/** `aaaaaaaa`, `0000…`, `abababab`: a value made of one or two characters repeated. */
function isMostlyRepeated(value: string): boolean {
  const core = value.replace(/^[a-z]+[-_]/i, '');
  if (core.length < 6) return false;
  const distinct = new Set(core).size;
  if (distinct <= 2) return true;
  // Long runs of one character (e.g. `sk-xxxxxxxxxxxx1234`) mark hand-made placeholders. Binary key
  // material in base64 (OpenSSH and DER bodies, length prefixes) has runs of `A` too, so in a long value
  // the run must dominate it.
  const run = /(.)\1{7,}/.exec(core);
  if (!run) return false;
  if (core.length < 64) return true;
  let most = 0;
  const counts = new Map<string, number>();
  for (const ch of core) {
    const n = (counts.get(ch) ?? 0) + 1;
    counts.set(ch, n);
    if (n > most) most = n;
  }
  return most * 3 >= core.length;
}

/** `abcdefgh…`, `12345678…`, `ABCDEF0123456789`: keyboard sequences, not random values. */
function isSequential(value: string): boolean {
  const core = value.replace(/[^A-Za-z0-9]/g, '');
  if (core.length < 8) return false;
  let ascending = 0;
  for (let i = 1; i < core.length; i++) {
    if (core.charCodeAt(i) === core.charCodeAt(i - 1) + 1) ascending++;
  }
  return ascending / (core.length - 1) > 0.6;
}
