// planMoveToEnv: the literal becomes the language's environment lookup, .env gets NAME=value (or a vault
// reference), .env.example gets NAME=, and .env becomes git-ignored. Pure: all file contents come in `facts`.
import * as path from 'node:path';
import { planEnvAppend, planExample, type EnvParser } from './envFile';
import { chooseVariableName } from './envName';
import { chooseEnvTarget } from './envTarget';
import { planGitignore, type GitignoreLayer, type GitignorePlan } from './gitignore';
import { rewriteDeclaration } from './declarations';
import { planDockerSecret } from './dockerSecrets';
import { importEdit, languageOf, replaceSite, requireEnvHelper } from './languages';
import { findLiteral } from './literal';
import { runtimeValue } from './unescape';
import { lineEnding, refuse, type FileChange, type FixPlan, type TextReplace } from './types';

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
  /** The project's .env.example (or .env.sample/.env.template); `exampleText` undefined: none yet, create it. */
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
  /** Names earlier fixes (maybe not applied yet) gave to dotenv files: path → name → value digest. */
  reserved?: Record<string, Record<string, string>>;
  /** A one-way digest of a value (injected, as `parse` is), to compare with `reserved`. */
  digest?: (value: string) => string;
  /** JavaScript files: whether something loads .env into Node's environment (a framework, a loader, --env-file, dotenv in
   * the entry file), and whether dotenv is a dependency. Plain Node does not read .env by itself. */
  nodeEnv?: { loaded: boolean; dotenv: boolean };
  /** The nearest tsconfig.json turns on strictNullChecks (`strict`): TypeScript reads must be checked. */
  tsStrict?: boolean;
}

/** What goes into .env instead of the raw value (a vault reference), and what to tell the user. */
export interface EnvValueOverride {
  value: string;
  messages: string[];
  /** A git-ignored file that keeps the real value until the user has stored it (vault references). */
  pendingPath?: string;
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
  const source = facts.text.slice(finding.start, finding.end);
  if (!source) return refuse('the document changed; run the fix again');
  const site = findLiteral(facts.text, finding.start, finding.end);
  // .env must hold the value the program saw: `\n` in a PEM literal is a newline at run time.
  const value = runtimeValue(kind, site, source);
  if (value === undefined) return refuse('the key is written with escapes that cannot be decoded exactly (octal, \\N{…} or unknown escapes); move it by hand');
  // Inside a larger string the site's name describes the whole string (a URL), not the key.
  const preferred = chooseVariableName(site.kind === 'embedded' ? '' : facts.text, site.kind === 'embedded' ? 0 : site.start, finding.envName, finding.ruleId);
  let stored = override?.(preferred);
  // Names a fix planned earlier for another value stay taken even before that fix is applied.
  const digest = facts.digest?.(stored?.value ?? value) ?? '';
  const reservedHere = facts.reserved?.[facts.envPath] ?? {};
  const taken = new Set(Object.keys(reservedHere).filter((n) => reservedHere[n] !== digest));
  let env = planEnvAppend(facts.envText ?? '', preferred, stored?.value ?? value, facts.parse, taken);
  if (override && typeof env !== 'string' && env.choice.name !== preferred) {
    // A renamed variable gets a reference named after it.
    stored = override(env.choice.name);
    env = planEnvAppend(facts.envText ?? '', env.choice.name, stored.value, facts.parse, taken);
  }
  if (typeof env === 'string') return refuse(env);
  const name = env.choice.name;
  const docker = kind === 'dockerfile' ? planDockerSecret(facts.text, site, name, path.basename(facts.envPath)) : undefined;
  const checked = kind === 'javascript' && facts.tsStrict === true && /\.[mc]?tsx?$/i.test(facts.sourcePath);
  const planned = replaceSite(kind, site, name, facts.text, { runtime: facts.runtime, text: facts.text, checked });
  if (typeof planned === 'string') return refuse(planned);
  const declaration = rewriteDeclaration(kind, facts.text, site, planned);
  if (typeof declaration === 'string') return refuse(declaration);
  const replacement = declaration.replacement ?? planned;

  const sourceEdits: TextReplace[] = docker ? docker.edits : [...declaration.edits, replacement];
  const added = docker ? undefined : importEdit(kind, facts.text, name, site.start);
  if (added) sourceEdits.unshift(added);
  const helper = checked ? requireEnvHelper(facts.text, facts.runtime) : undefined;
  if (helper) sourceEdits.unshift(helper);
  const changes: FileChange[] = [{ path: facts.sourcePath, create: false, edits: sourceEdits }];
  const envFile = path.basename(facts.envPath);
  const messages: string[] = [...(target.note ? [target.note] : []), ...(docker?.messages ?? [])];
  if (kind === 'javascript' && facts.runtime !== 'deno' && facts.nodeEnv && !facts.nodeEnv.loaded) {
    const loader = dotenvImport(facts.text, facts.sourcePath);
    if (facts.nodeEnv.dotenv) {
      sourceEdits.unshift(loader.edit);
      messages.push(`Node does not read ${envFile} by itself; dotenv is a dependency, so the file now starts with ${loader.statement} (put it in your entry file if another module reads the variable first).`);
    } else {
      const relative = path.relative(path.dirname(facts.envPath), facts.sourcePath).split(path.sep).join('/');
      messages.push(`Node does not read ${envFile} by itself: start the program with \`node --env-file=${envFile} ${relative}\` (Node 20.6+), or add dotenv and ${loader.statement} at the top of the entry file.`);
    }
  }
  if (env.edit) changes.push({ path: facts.envPath, create: facts.envText === undefined, edits: [env.edit], mergeIfExists: true });
  if (env.choice.reused) messages.push(`${envFile} already holds this value as ${name}; the code now reads it.`);
  if (env.choice.renamedFrom) messages.push(`${env.choice.renamedFrom} already holds another value in ${envFile}, so the value was stored as ${name}.`);
  const example = planExample(facts.examplePath, facts.exampleText, name, facts.parse, lineEnding(facts.envText ?? facts.text));
  if (example) changes.push(example);
  const ignore = planGitignore(facts.gitignoreLayers, facts.envPath, () => envFile);
  if (ignore) {
    changes.push({ path: ignore.path, create: ignore.create, edits: [ignore.edit], mergeIfExists: true });
    messages.push(`${envFile} was not ignored by git; added it to ${path.basename(ignore.path)}.`);
  }
  if (stored?.pendingPath) {
    const pending = planPendingFile(facts, stored.pendingPath, value, ignore);
    if (typeof pending === 'string') return refuse(pending);
    changes.push(...pending);
  }
  const blocked = changes.find((change) => facts.unwritable.includes(change.create ? path.dirname(change.path) : change.path));
  if (blocked) return refuse(`${blocked.path} cannot be written`);
  messages.push(...(stored?.messages ?? []));
  if (facts.inGitHistory) messages.unshift(rotationMessage(finding));
  const reservations = env.edit && facts.digest ? [{ path: facts.envPath, name, digest }] : [];
  return { changes, messages, envName: name, reservations };
}

/** The pending file holding the real value (exactly, no newline: store commands read it as is), made
 * git-ignored in the same .gitignore edit as .env when they share one. */
function planPendingFile(facts: EnvFacts, pendingPath: string, value: string, envIgnore: GitignorePlan | undefined): FileChange[] | string {
  if (facts.tracked?.includes(pendingPath)) return `git tracks ${pendingPath}; the value cannot wait there`;
  const changes: FileChange[] = [{ path: pendingPath, create: true, edits: [{ start: 0, end: 0, newText: value }] }];
  const layers = facts.gitignoreLayers.map((layer) => (envIgnore && layer.path === envIgnore.path ? { ...layer, text: (layer.text ?? '') + envIgnore.edit.newText } : layer));
  const dir = path.dirname(pendingPath);
  const ignore = planGitignore(layers, pendingPath, (layerDir) => `/${path.relative(layerDir, dir).split(path.sep).join('/')}/`);
  if (!ignore) return changes;
  if (envIgnore && ignore.path === envIgnore.path) {
    envIgnore.edit.newText += ignore.edit.newText;
    return changes;
  }
  return [...changes, { path: ignore.path, create: ignore.create, edits: [ignore.edit], mergeIfExists: true }];
}

/** The statement that loads .env with dotenv in this file's module style, inserted after a shebang and directives. */
export function dotenvImport(text: string, sourcePath: string): { statement: string; edit: TextReplace } {
  const commonJs = /\.c[jt]s$/i.test(sourcePath) || (!/\.m[jt]s$|\.tsx?$/i.test(sourcePath) && /\brequire\s*\(/.test(text) && !/^\s*(import|export)\b/m.test(text));
  // Written as data: this pure module itself requires nothing.
  const statement = commonJs ? `${'require'}("dotenv").config();` : 'import "dotenv/config";';
  const eol = lineEnding(text);
  const head = /^(#![^\n]*\n)?(?:[ \t]*(['"])use [\w ]+\2;?[ \t]*\r?\n)*/.exec(text)?.[0] ?? '';
  return { statement, edit: { start: head.length, end: head.length, newText: `${statement}${eol}` } };
}
