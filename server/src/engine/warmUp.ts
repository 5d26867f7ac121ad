// Warm-up for the first scan (issue 14): V8 compiles a regex at its first run and again, to machine code,
// at the next ones, and the patterns nearly every scan runs (the generic secret-word rules, the service-name
// tail, the always-run rules) are large. Scanning a few synthetic lines of the usual shapes a few times
// pays that before the first document arrives. Pure: the text is made here and the findings are dropped.
import type { RuleSet } from './compileRules';
import { scanText } from './scanText';

/** Runs per sample: the first compiles to bytecode, the next ones tier up to machine code. */
const ROUNDS = 3;

/** A random-looking token (letters and digits), made at run time so no fixed value sits in the source. */
function token(seed: number, length = 32): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
  let state = seed >>> 0 || 1;
  let out = '';
  for (let i = 0; i < length; i++) {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    out += alphabet[(state >>> 16) % alphabet.length];
  }
  return out;
}

/** Synthetic lines of the shapes a first document usually has: a code assignment, a service name before a
 * secret word, an env line, a config entry. */
function samples(ruleSet: RuleSet): Array<{ text: string; path: string }> {
  const service = ruleSet.rules.find((rule) => rule.service?.names.length)?.service?.names[0] ?? 'service';
  const value = token(0x5eed);
  return [
    { text: `const apiKey = "${value}";\nconst client = new Client({ token: '${value}', password: "${value}" });\n`, path: 'warm-up.js' },
    { text: `${service} secret key: ${value}\n${service.toUpperCase().replace(/\W+/g, '_')}_API_KEY=${value}\n`, path: 'warm-up.txt' },
    { text: `SECRET_TOKEN=${value}\n`, path: '.env' },
    { text: `{ "client_secret": "${value}", "auth": { "password": "${value}" } }\n`, path: 'warm-up.json' },
  ];
}

/** The warm-up as small steps (one scan each), so a caller can run them between other work. */
export function warmUpSteps(ruleSet: RuleSet): Array<() => void> {
  const lines = samples(ruleSet);
  const steps: Array<() => void> = [];
  for (let round = 0; round < ROUNDS; round++) {
    for (const { text, path } of lines) steps.push(() => void scanText(text, path, ruleSet));
  }
  return steps;
}
