// Check 3, frontend calls with secrets: a browser module that hands a credential env variable to a network
// call (fetch, axios, ky, XHR headers, WebSocket) or to an AI / exchange / payments SDK built in the page.
// Whatever the variable is called, the bundler inlines its value, so every visitor can read and reuse it.
// Pure: the caller decides that the text is client code (project graph facts) and says why.
import { argumentsEnd, credentialUses, isCommentedOut } from './codeText';
import { hasPublishableName } from '../publishable';
import { providerFamily } from './names';
import { HYGIENE_CHECKS, hygieneFinding, hygieneSeverity } from './policy';
import type { Finding } from '../types';

/** Calls that send a request, and constructors of SDKs that call a provider with the key they are given. */
const CALL_HEAD =
  /(?<![\w$.])(?:fetch|\$fetch|ofetch|axios(?:\.(?:get|post|put|patch|delete|request|head))?|ky(?:\.(?:get|post|put|patch|delete))?|got(?:\.(?:get|post|put|patch|delete))?|superagent\.(?:get|post|put|patch|delete))\s*\(|\.setRequestHeader\s*\(|\bnew\s+(?:WebSocket|EventSource|[A-Z][\w$]{1,40})\s*\(/g;
/** SDK classes that talk to a provider holding a secret key (AI providers and exchanges are found by name). */
const SECRET_SDK = /^(?:Stripe|Twilio|SendGrid|MailService|Resend|Postmark|ServerClient|Mailgun|Octokit|OpenAIApi)$/;
/** How far a call's arguments are read. */
const MAX_ARGUMENT_CHARS = 2000;
const MAX_PER_FILE = 20;

export interface ClientCallContext {
  /** The module's path as reported. */
  path: string;
  /** Why the module runs in the browser ("imported from app/page.tsx ('use client') via …"). */
  where: string;
  /** Spans already reported by other findings (a server-only variable read in the browser): not reported twice. */
  covered: (start: number, end: number) => boolean;
}

/** Frontend-call findings in `text`, a module that ships to the browser. */
export function findClientApiCalls(text: string, context: ClientCallContext): Finding[] {
  const out: Finding[] = [];
  CALL_HEAD.lastIndex = 0;
  let match: RegExpExecArray | null;
  while ((match = CALL_HEAD.exec(text)) !== null && out.length < MAX_PER_FILE) {
    const head = match[0];
    const sdk = /^new\s+([\w$]+)/.exec(head)?.[1];
    if (sdk && sdk !== 'WebSocket' && sdk !== 'EventSource' && providerFamily(sdk, sdk.toLowerCase()) === 'other' && !SECRET_SDK.test(sdk)) continue;
    if (isCommentedOut(text, match.index)) continue;
    const open = match.index + head.length;
    const end = argumentsEnd(text, open, Math.min(text.length, open + MAX_ARGUMENT_CHARS));
    const target = sdk && sdk !== 'WebSocket' && sdk !== 'EventSource' ? `the ${sdk} SDK` : hostOf(text, open) ?? 'a remote API';
    for (const use of credentialUses(text, open, end, 'js')) {
      if (!use.env || hasPublishableName(use.name) || context.covered(use.start, use.end)) continue;
      out.push(
        hygieneFinding({
          ruleId: HYGIENE_CHECKS.clientApiCall,
          title: 'Secret sent from browser code',
          provider: 'key hygiene',
          severity: hygieneSeverity(providerFamily(use.name, target, target.toLowerCase())),
          start: use.start,
          end: use.end,
          matchStart: match.index,
          matchEnd: end,
          envName: use.name,
          evidence: 'generic-name',
          message: `${context.path} runs in the browser (${context.where}) and sends ${use.name} with its request to ${target}: the bundler inlines the value, so anyone can read it from the page's JavaScript and use the key. Make the call from server code that holds the key (the quick fix adds a server route), then rotate the key.`,
        }),
      );
      if (out.length >= MAX_PER_FILE) break;
    }
    CALL_HEAD.lastIndex = open;
  }
  return out;
}

/** Where a literal URL passed first points: the host of an absolute one (`api.openai.com`), else its path (`/api/chat`). */
function hostOf(text: string, open: number): string | undefined {
  const url = /^\s*(['"`])(?:(?:https?|wss?):\/\/([A-Za-z0-9.-]{1,253})|(\/[\w./-]{0,80}))/.exec(text.slice(open, open + 300));
  return url?.[2] ?? url?.[3];
}
