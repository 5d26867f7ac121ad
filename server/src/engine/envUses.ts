// Use sites of env variables in source code (Node-style `env.X` reads on `process` or `import.meta`, `$env/static/public`
// imports) and the client-bundle findings for the ones that read a public variable holding a secret.
// Pure: the facts about .env files come in as `PublicSecret`s (masked values only).
import type { Finding } from './types';

/** One place a source file reads an env variable; the range covers the variable's name. */
export interface EnvReference {
  name: string;
  start: number;
  end: number;
  /** the object read (`import.meta.env` or the Node global), `$env/static/public`, `$env/dynamic/public`. */
  via: string;
}

/** A public .env variable known to hold a secret (from a `public-env-secret` finding). */
export interface PublicSecret {
  name: string;
  masked: string;
  framework: string;
  /** `.env.local:3`, for the message. */
  source: string;
}

export const PUBLIC_ENV_USE_RULE_ID = 'public-env-secret-use';

const NAME = '[A-Za-z_][A-Za-z0-9_]*';
const DOTTED = new RegExp(`\\b(process\\.env|import\\.meta\\.env)\\s*\\.\\s*(${NAME})`, 'g');
const INDEXED = new RegExp(`\\b(process\\.env|import\\.meta\\.env)\\s*\\[\\s*(['"\`])(${NAME})\\2\\s*\\]`, 'g');
const SVELTE_IMPORT = /\bimport\s*\{([^}]*)\}\s*from\s*['"](\$env\/(?:static|dynamic)\/(?:public|private))['"]/g;

/** Every env variable read in `text`. */
export function findEnvReferences(text: string): EnvReference[] {
  const out: EnvReference[] = [];
  for (const m of text.matchAll(DOTTED)) {
    const start = m.index + m[0].length - m[2].length;
    out.push({ name: m[2], start, end: start + m[2].length, via: m[1] });
  }
  for (const m of text.matchAll(INDEXED)) {
    const start = m.index + m[0].indexOf(m[2]) + 1;
    out.push({ name: m[3], start, end: start + m[3].length, via: m[1] });
  }
  for (const m of text.matchAll(SVELTE_IMPORT)) {
    const listStart = m.index + m[0].indexOf('{') + 1;
    for (const spec of m[1].matchAll(new RegExp(`(${NAME})(?:\\s+as\\s+${NAME})?`, 'g'))) {
      if (spec[1] === 'env' && m[2].includes('dynamic')) continue;
      const start = listStart + spec.index;
      out.push({ name: spec[1], start, end: start + spec[1].length, via: m[2] });
    }
    if (m[2] === '$env/dynamic/public' && /\benv\b/.test(m[1])) {
      for (const use of text.matchAll(new RegExp(`(?<![.\\w$])env\\s*\\.\\s*(${NAME})`, 'g'))) {
        const start = use.index + use[0].length - use[1].length;
        out.push({ name: use[1], start, end: start + use[1].length, via: m[2] });
      }
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

/** `PublicSecret`s from the `public-env-secret` findings of one .env file. */
export function publicSecretsOf(findings: Finding[], envFile: string, lineOf: (offset: number) => number): PublicSecret[] {
  return findings
    .filter((f) => f.context?.publicEnvVar && f.category === 'client-bundle')
    .map((f) => ({
      name: f.context!.publicEnvVar!,
      masked: f.masked,
      framework: f.context!.framework ?? 'the build',
      source: `${envFile}:${lineOf(f.start) + 1}`,
    }));
}

/** Findings at each use of a public variable that holds a secret. */
export function scanPublicEnvUses(text: string, secrets: ReadonlyMap<string, PublicSecret>): Finding[] {
  if (secrets.size === 0) return [];
  const findings: Finding[] = [];
  for (const ref of findEnvReferences(text)) {
    const secret = secrets.get(ref.name);
    if (!secret) continue;
    findings.push({
      ruleId: PUBLIC_ENV_USE_RULE_ID,
      title: 'Reads a public environment variable that holds a secret',
      provider: secret.framework,
      category: 'client-bundle',
      severity: 'error',
      confidence: 'high',
      evidence: 'known-value',
      start: ref.start,
      end: ref.end,
      matchStart: ref.start,
      matchEnd: ref.end,
      masked: secret.masked,
      message: `${ref.name} holds a secret (${secret.masked}, ${secret.source}) and is public: ${secret.framework} replaces this ${ref.via} read with the value in the client bundle, so every visitor receives it. Read a server-only variable in server code instead, and rotate the secret.`,
      context: { inClientBundle: true, publicEnvVar: ref.name, framework: secret.framework },
    });
  }
  return findings;
}
