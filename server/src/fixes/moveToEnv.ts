// planMoveToEnv: the literal becomes the language's environment lookup, .env gets NAME=value (or a vault
// reference), .env.example gets NAME=, and .env becomes git-ignored. Pure: all file contents come in `facts`.
import * as path from 'node:path';
import { planEnvAppend, planExampleAppend, type EnvParser } from './envFile';
import { chooseVariableName } from './envName';
import { chooseEnvTarget } from './envTarget';
import { planGitignore, type GitignoreLayer } from './gitignore';
import { rewriteDeclaration } from './declarations';
import { importEdit, languageOf, replaceSite, requireEnvHelper } from './languages';
import { findLiteral } from './literal';
import { refuse, type FileChange, type FixPlan, type TextReplace } from './types';

/** The finding a fix is for: offsets into the document text, never the value. */
export interface FindingRef {
  ruleId: string;
  start: number;
  end: number;
  envName?: string;
  provider?: string;
  docs?: string;
  masked: string;
}

/** Everything a move needs to know about the project, gathered by project/envFacts.ts. */
export interface EnvFacts {
  sourcePath: string;
  languageId: string;
  /** The document's current text (the secret is read from it, at plan time only). */
  text: string;
  /** The .env the value goes to, and its text (undefined: does not exist yet). */
  envPath: string;
  envText?: string;
  /** The project's .env.example (or .env.sample/.env.template), when it has one. */
  examplePath?: string;
  exampleText?: string;
  /** .gitignore layers from the repository root (or workspace folder) down to the .env's folder. */
  gitignoreLayers: GitignoreLayer[];
  parse: EnvParser;
  runtime?: 'deno';
  /** Files that exist but cannot be written, or folders where files cannot be created. */
  unwritable: string[];
  /** The value is in git history: moving it is not enough, it must be rotated. */
  inGitHistory?: boolean;
  /** Which of the files a fix may write git tracks (a secret never goes into one). */
  tracked?: string[];
  /** Tracking could not be checked (untrusted workspace: git is never run there). */
  trackingUnknown?: boolean;
  /** `.env.local` when the project's framework reads it too (the way out when .env is tracked). */
  localEnvPath?: string;
  localEnvText?: string;
  /** The nearest tsconfig.json turns on strictNullChecks (`strict`): TypeScript reads must be checked. */
  tsStrict?: boolean;
}

/** What goes into .env instead of the raw value (a vault reference), and what to tell the user. */
export interface EnvValueOverride {
  value: string;
  messages: string[];
}

export function rotationMessage(finding: FindingRef): string {
  const where = finding.docs ? ` (${finding.docs})` : '';
  return `This ${finding.provider ?? ''} key (${finding.masked}) is already in git history, so it is exposed: moving it is not enough. Rotate it${where} and treat the old value as leaked.`.replace('This  key', 'This key');
}

/** Plans moving one finding's value to .env. `override(name)` gives what .env holds instead (a vault reference). */
export function planMoveToEnv(finding: FindingRef, projectFacts: EnvFacts, override?: (name: string) => EnvValueOverride): FixPlan {
  const kind = languageOf(projectFacts.languageId, projectFacts.sourcePath);
  if (kind === 'dotenv') return refuse('this is already an env file; make sure it is git-ignored instead');
  const target = chooseEnvTarget(projectFacts);
  if (typeof target === 'string') return refuse(target);
  const facts: EnvFacts = { ...projectFacts, envPath: target.path, envText: target.text };
  const value = facts.text.slice(finding.start, finding.end);
  if (!value) return refuse('the document changed; run the fix again');
  const site = findLiteral(facts.text, finding.start, finding.end);
  // Inside a larger string the site's name describes the whole string (a URL), not the key.
  const preferred = chooseVariableName(site.kind === 'embedded' ? '' : facts.text, site.kind === 'embedded' ? 0 : site.start, finding.envName, finding.ruleId);
  let stored = override?.(preferred);
  let env = planEnvAppend(facts.envText ?? '', preferred, stored?.value ?? value, facts.parse);
  if (override && typeof env !== 'string' && env.choice.name !== preferred) {
    // A renamed variable gets a reference named after it.
    stored = override(env.choice.name);
    env = planEnvAppend(facts.envText ?? '', env.choice.name, stored.value, facts.parse);
  }
  if (typeof env === 'string') return refuse(env);
  const name = env.choice.name;
  const checked = kind === 'javascript' && facts.tsStrict === true && /\.[mc]?tsx?$/i.test(facts.sourcePath);
  const planned = replaceSite(kind, site, name, facts.text, { runtime: facts.runtime, text: facts.text, checked });
  if (typeof planned === 'string') return refuse(planned);
  const declaration = rewriteDeclaration(kind, facts.text, site, planned);
  if (typeof declaration === 'string') return refuse(declaration);
  const replacement = declaration.replacement ?? planned;

  const sourceEdits: TextReplace[] = [...declaration.edits, replacement];
  const added = importEdit(kind, facts.text, name, site.start);
  if (added) sourceEdits.unshift(added);
  const helper = checked ? requireEnvHelper(facts.text, facts.runtime) : undefined;
  if (helper) sourceEdits.unshift(helper);
  const changes: FileChange[] = [{ path: facts.sourcePath, create: false, edits: sourceEdits }];
  const envFile = path.basename(facts.envPath);
  const messages: string[] = target.note ? [target.note] : [];
  if (env.edit) changes.push({ path: facts.envPath, create: facts.envText === undefined, edits: [env.edit] });
  if (env.choice.reused) messages.push(`${envFile} already holds this value as ${name}; the code now reads it.`);
  if (env.choice.renamedFrom) messages.push(`${env.choice.renamedFrom} already holds another value in ${envFile}, so the value was stored as ${name}.`);
  if (facts.examplePath && facts.exampleText !== undefined) {
    const example = planExampleAppend(facts.exampleText, name, facts.parse);
    if (example) changes.push({ path: facts.examplePath, create: false, edits: [example] });
  }
  const ignore = planGitignore(facts.gitignoreLayers, facts.envPath, () => envFile);
  if (ignore) {
    changes.push({ path: ignore.path, create: ignore.create, edits: [ignore.edit] });
    messages.push(`${envFile} was not ignored by git; added it to ${path.basename(ignore.path)}.`);
  }
  const blocked = changes.find((change) => facts.unwritable.includes(change.create ? path.dirname(change.path) : change.path));
  if (blocked) return refuse(`${blocked.path} cannot be written`);
  messages.push(...(stored?.messages ?? []));
  if (facts.inGitHistory) messages.unshift(rotationMessage(finding));
  return { changes, messages, envName: name };
}
