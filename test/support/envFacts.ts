// In-memory project facts for planner tests: a source file in /proj/src, .env at /proj, no files on disk.
import * as path from 'node:path';
import { parse } from 'dotenv';
import type { EnvFacts } from '../../server/src/fixes/moveToEnv';

export const ROOT = path.resolve('/proj');
export const ENV = path.join(ROOT, '.env');
export const GITIGNORE = path.join(ROOT, '.gitignore');

export function memoryFacts(sourceName: string, text: string, overrides: Partial<EnvFacts> = {}): EnvFacts {
  return {
    sourcePath: path.join(ROOT, sourceName),
    languageId: '',
    text,
    envPath: ENV,
    envText: undefined,
    gitignoreLayers: [{ dir: ROOT, path: GITIGNORE, text: undefined, editable: true }],
    parse: (t) => parse(t),
    unwritable: [],
    ...overrides,
  };
}

/** The finding for `value` inside `text` (first occurrence). */
export function findingFor(text: string, value: string, extra: { ruleId?: string; envName?: string } = {}) {
  const start = text.indexOf(value);
  if (start < 0) throw new Error('value not in text');
  return { ruleId: extra.ruleId ?? 'openai-project-key', start, end: start + value.length, envName: extra.envName, provider: 'OpenAI', masked: `${value.slice(0, 4)}…${value.slice(-4)}` };
}
