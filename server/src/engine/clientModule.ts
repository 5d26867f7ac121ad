// Findings in a module that ships to the browser: hardcoded secrets become errors that show the import
// chain from the entry point, and reads of server-only secret env variables are flagged (undefined in the
// browser at best, inlined by a define at worst). Pure: the graph facts come in as arguments.
import { findEnvReferences } from './envUses';
import { findClientApiCalls } from './hygiene/clientCalls';
import { exposureOf, type PublicEnvPolicy } from './publicEnv';
import { hasSecretName } from './publishable';
import type { Finding } from './types';

export const CLIENT_SERVER_ENV_RULE_ID = 'client-reads-server-env';

/** Where a client module sits: the chain from its browser entry point (project-relative) and why that entry is client code. */
export interface ClientModuleFacts {
  chain: string[];
  reason: string;
  policy: PublicEnvPolicy;
  /** Names of .env variables whose values are secrets (public or not). */
  secretNames: ReadonlySet<string>;
}

/** Env names that are never secrets, whatever the code does with them. */
const HARMLESS = /^(NODE_ENV|MODE|DEV|PROD|SSR|BASE_URL|PORT|HOST|CI|VERCEL_ENV|TZ)$/;

export function scanClientModule(text: string, path: string, ruleFindings: Finding[], facts: ClientModuleFacts): Finding[] {
  const where = describeChain(facts);
  const upgraded = ruleFindings.map((f): Finding =>
    f.publicByDesign || f.category === 'client-bundle'
      ? f
      : {
          ...f,
          severity: 'error',
          message: `${f.title} (${f.masked}) is hardcoded in client code: ${where}, so it ships to every visitor's browser. Move it to server code (an API route, server action or loader) and rotate it.`,
          context: { ...f.context, inClientBundle: true, importChain: facts.chain },
        },
  );
  const reads: Finding[] = [];
  for (const ref of findEnvReferences(text)) {
    if (HARMLESS.test(ref.name) || exposureOf(ref.name, facts.policy)) continue;
    if (!facts.secretNames.has(ref.name) && !hasSecretName(ref.name)) continue;
    reads.push({
      ruleId: CLIENT_SERVER_ENV_RULE_ID,
      title: 'Client code reads a server-only secret',
      provider: 'client bundle',
      category: 'client-bundle',
      severity: 'warning',
      confidence: facts.secretNames.has(ref.name) ? 'high' : 'medium',
      evidence: facts.secretNames.has(ref.name) ? 'known-value' : 'generic-name',
      start: ref.start,
      end: ref.end,
      matchStart: ref.start,
      matchEnd: ref.end,
      masked: '…',
      envName: ref.name,
      message: `${path} runs in the browser (${where}) but reads ${ref.name}, a server-only secret: there it is undefined (a bug) or, if a define or plugin inlines it, the secret ships to every visitor. Read it in server code and pass only what the page needs.`,
      context: { inClientBundle: true, importChain: facts.chain },
    });
  }
  // Calls that send a credential env variable from the page (hygiene check 3), unless a read above said it already.
  const said = [...upgraded, ...reads];
  const calls = findClientApiCalls(text, { path, where, covered: (start, end) => said.some((f) => f.start < end && start < f.end) });
  return [...said, ...calls].sort((a, b) => a.start - b.start);
}

function describeChain(facts: ClientModuleFacts): string {
  const [entry] = facts.chain;
  if (facts.chain.length <= 1) return `${entry} is ${facts.reason}`;
  return `imported from ${entry} (${facts.reason}) via ${facts.chain.slice(1).join(' → ')}`;
}
