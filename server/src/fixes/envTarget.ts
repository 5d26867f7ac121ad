// Which dotenv file a secret may be written to. Never a file git tracks: a tracked .env would carry the
// key into the next commit, and .gitignore does nothing for a tracked file. Then the framework's
// .env.local (read by Next.js, Vite, SvelteKit, Astro, CRA, Vue CLI) takes it when that one is free,
// else the fix refuses and says how to untrack .env. Pure: tracking comes in the facts.
import * as path from 'node:path';
import type { EnvFacts } from './moveToEnv';

export interface EnvTarget {
  path: string;
  text?: string;
  /** Said to the user when the target is not the project's .env. */
  note?: string;
}

/** The file that receives the value, or a sentence saying why none may. */
export function chooseEnvTarget(facts: EnvFacts): EnvTarget | string {
  const envFile = path.basename(facts.envPath);
  if (facts.trackingUnknown) return `Secret Hygiene cannot check whether git tracks ${envFile} in an untrusted workspace (it never runs git there); trust the workspace first`;
  const tracked = new Set(facts.tracked ?? []);
  if (!tracked.has(facts.envPath)) return { path: facts.envPath, text: facts.envText };
  const untrack = `git tracks ${envFile}, so a key written there would be committed. Run \`git rm --cached ${envFile}\` in a terminal, commit, and rotate any key it held`;
  if (facts.localEnvPath && !tracked.has(facts.localEnvPath)) {
    const local = path.basename(facts.localEnvPath);
    return { path: facts.localEnvPath, text: facts.localEnvText, note: `${untrack}. The value went to ${local}, which your framework also reads, instead.` };
  }
  return untrack;
}
