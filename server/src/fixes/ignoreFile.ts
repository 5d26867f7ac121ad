// "Add this file to .gitignore", offered for files that should never be committed: real .env files,
// credential and service-account JSON, key stores, .npmrc/.pypirc/.netrc with tokens. Pure.
import * as path from 'node:path';
import { planGitignore, type GitignoreLayer } from './gitignore';
import { refuse, type FixPlan } from './types';

/** File names that hold credentials by nature. Templates (.env.example…) are meant to be committed. */
const NEVER_COMMIT = [
  /^\.env(\.(?!example$|sample$|template$|dist$|defaults$)[\w.-]+)?$/,
  /^\.(npmrc|pypirc|netrc|git-credentials|dockercfg|htpasswd)$/,
  /(^|[-_.])(credentials?|service[-_]?account|client[-_]secret|secrets?)([-_.][\w-]*)?\.json$/i,
  /^[a-z][a-z0-9-]{4,28}-[0-9a-f]{12}\.json$/, // GCP key files: <project>-<key id>.json
  /\.(pem|key|p12|pfx|jks|keystore|ppk|tfvars|kdbx)$/i,
  /^id_(rsa|dsa|ecdsa|ed25519)$/,
];

export function shouldNeverBeCommitted(filePath: string): boolean {
  const base = path.basename(filePath);
  return NEVER_COMMIT.some((pattern) => pattern.test(base));
}

/** Plans the .gitignore entry for `filePath`. `tracked`: git already tracks it (then ignoring is not enough). */
export function planAddFileToGitignore(filePath: string, layers: GitignoreLayer[], tracked = false): FixPlan {
  const plan = planGitignore(layers, filePath);
  const name = path.basename(filePath);
  const untrack = tracked ? [`git already tracks ${name}: ignoring it does not remove it. Run \`git rm --cached ${name}\`, commit, and rotate the secrets it held.`] : [];
  if (!plan) return tracked ? { changes: [], messages: untrack, refusal: `${name} is already ignored but git still tracks it; run git rm --cached ${name}` } : refuse(`${name} is already ignored by git`);
  return { changes: [{ path: plan.path, create: plan.create, edits: [plan.edit] }], messages: [`Added ${name} to ${path.relative(path.dirname(filePath), plan.path) || '.gitignore'}.`, ...untrack] };
}
