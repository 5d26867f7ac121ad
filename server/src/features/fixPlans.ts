// Gathers project facts for a document and runs the pure planner of one fix kind. The bridge between
// features/codeActions.ts (LSP) and fixes/ (pure); reads go through project/ only.
import * as path from 'node:path';
import type { Finding } from '../engine';
import { BaselineMatcher, parseBaseline } from '../engine/baseline';
import { planAddToBaseline } from '../fixes/addToBaseline';
import { planDisableRule, TEAM_CONFIG_FILE } from '../fixes/disableRule';
import { planAddFileToGitignore } from '../fixes/ignoreFile';
import { planIgnoreComment } from '../fixes/ignoreComment';
import { planMoveAllToEnv } from '../fixes/moveAllToEnv';
import { planMoveToEnv, type EnvFacts, type FindingRef } from '../fixes/moveToEnv';
import { planServerProxy } from '../fixes/serverProxy';
import { gatherProxyFacts } from '../project/proxyFacts';
import { refuse, type FixPlan } from '../fixes/types';
import { vaultNameProblem, vaultReference, type VaultProvider } from '../fixes/vault';
import { planMaskLog, planRedactLog } from '../fixes/logRedaction';
import { planUseHttps } from '../fixes/useHttps';
import { BASELINE_PATH, baselineHashes, newBaseline } from '../project/baseline';
import { gatherEnvFacts, gitignoreLayers, repoRootOf } from '../project/envFacts';
import type { GitHistory } from '../project/gitHistory';
import type { TextFileCache } from '../project/textFiles';
import { escapesFolder } from '../project/workspaceBounds';
import { toFsPath } from '../project/workspacePaths';
import type { Settings } from '../settings';
import type { OpenDocument } from './documents';
import type { EnvReservations } from './envReservations';

export type FixKind = 'moveToEnv' | 'serverProxy' | 'vault' | 'ignoreLine' | 'ignoreFile' | 'moveAll' | 'baseline' | 'disableRule' | HygieneFixKind;
/** Fixes of the hygiene checks (issue 16). */
export type HygieneFixKind = 'maskLog' | 'redactLog' | 'useHttps';

export interface FixContext {
  files: TextFileCache;
  history?: GitHistory;
  workspaceFolderOf: (file: string) => string | undefined;
  /** An open document by file path, whose text wins over the disk. */
  openDocument: (file: string) => OpenDocument | undefined;
  /** Which of `files` git tracks in `repo`; undefined when unknown (git is never run untrusted). */
  tracked: (repo: string, files: string[]) => Set<string> | undefined;
  /** Names given to .env files by fixes planned earlier (maybe not applied yet). */
  reservations?: EnvReservations;
}

export function findingRef(finding: Finding): FindingRef {
  return { ruleId: finding.ruleId, start: finding.start, end: finding.end, envName: finding.envName, provider: finding.provider, docs: finding.docs, masked: finding.masked };
}

/** Plans `kind` for `findings` (one, or all of the file's for moveAll) in the document `entry`. */
export function planFix(kind: FixKind, entry: OpenDocument, findings: Finding[], settings: Settings, context: FixContext, chosenProvider?: VaultProvider): FixPlan {
  const sourcePath = toFsPath(entry.document.uri);
  if (!sourcePath) return refuse('save the file first: the fix needs to know its folder');
  const plan = planInFolder(kind, entry, sourcePath, findings, settings, context, chosenProvider);
  // Every file the fix writes stays in the workspace: no symbolic link (`.env -> ../elsewhere`) is followed out.
  const bound = context.workspaceFolderOf(sourcePath) ?? repoRootOf(path.dirname(sourcePath)) ?? path.dirname(sourcePath);
  const escaping = plan.changes.find((change) => escapesFolder(change.path, bound));
  if (escaping) return refuse(`${path.relative(bound, escaping.path) || escaping.path} is a symbolic link (or inside one) that leads outside the workspace; Secret Hygiene does not write through it`);
  return plan;
}

function planInFolder(kind: FixKind, entry: OpenDocument, sourcePath: string, findings: Finding[], settings: Settings, context: FixContext, chosenProvider?: VaultProvider): FixPlan {
  const text = entry.document.getText();
  const [finding] = findings;
  switch (kind) {
    case 'ignoreLine':
      return planIgnoreComment(sourcePath, text, finding.start, finding.ruleId);
    case 'maskLog':
      return planMaskLog(sourcePath, text, finding.start, finding.end);
    case 'redactLog':
      return planRedactLog(sourcePath, text, finding.start, finding.end);
    case 'useHttps':
      return planUseHttps(sourcePath, text, finding.start, finding.end);
    case 'baseline':
      return planBaseline(sourcePath, text, finding, context);
    case 'disableRule': {
      const folder = context.workspaceFolderOf(sourcePath);
      if (!folder) return refuse('the file is outside the workspace folders, which hold the team configuration');
      const file = path.join(folder, TEAM_CONFIG_FILE);
      return planDisableRule(file, context.openDocument(file)?.document.getText() ?? context.files.read(file), finding.ruleId);
    }
    case 'ignoreFile': {
      const folder = context.workspaceFolderOf(sourcePath);
      const repo = repoRootOf(path.dirname(sourcePath));
      const tracked = repo ? context.tracked(repo, [sourcePath]) : new Set<string>();
      if (!tracked) return refuse('Secret Hygiene cannot check whether git tracks this file in an untrusted workspace (it never runs git there); trust the workspace first');
      return planAddFileToGitignore(sourcePath, gitignoreLayers(path.dirname(sourcePath), folder, context.files), tracked.has(sourcePath));
    }
    default: {
      const facts = envFacts(sourcePath, entry, text, context);
      if (kind === 'moveAll') return planMoveAllToEnv(findings.map(findingRef), facts);
      const exposed = withExposure(facts, finding, text, context);
      if (kind === 'serverProxy') return planServerProxy(findingRef(finding), gatherProxyFacts(exposed, context.workspaceFolderOf(sourcePath)));
      // In browser code an env read is undefined (or, with a public prefix, inlined): the proxy is the fix there.
      // A vault reference is an env read too.
      if (finding.context?.inClientBundle) return refuse('this module runs in the browser, where an env variable is undefined (or, public, ships the key): move the call to a server route instead');
      if (kind === 'moveToEnv') return planMoveToEnv(findingRef(finding), exposed);
      const provider = chosenProvider ?? settings.vault.provider;
      const { name } = settings.vault;
      if (provider === 'none') return refuse('no vault is chosen (secretHygiene.vault.provider)');
      const problem = vaultNameProblem(name);
      if (problem) return refuse(problem);
      const root = path.dirname(facts.envPath);
      return planMoveToEnv(findingRef(finding), exposed, (envName) => {
        const relative = `.secret-hygiene/pending/${envName}`;
        return { ...vaultReference(provider, envName, relative, name)!, pendingPath: path.join(root, ...relative.split('/')) };
      });
    }
  }
}

/** The baseline of the file's workspace folder gets the finding's salted hash. */
function planBaseline(sourcePath: string, text: string, finding: Finding, context: FixContext): FixPlan {
  const folder = context.workspaceFolderOf(sourcePath);
  if (!folder) return refuse('the file is outside the workspace folders, which hold the baseline');
  const file = path.join(folder, BASELINE_PATH);
  const existing = context.openDocument(file)?.document.getText() ?? context.files.read(file);
  let baseline;
  try {
    baseline = existing === undefined ? newBaseline() : parseBaseline(existing);
  } catch (error) {
    return refuse(`${BASELINE_PATH} is broken (${(error as Error).message}); fix it first`);
  }
  if (baseline.version === 1) return refuse(`${BASELINE_PATH} uses the old SHA-256 format; run "secret-hygiene baseline" to rewrite it first`);
  const relative = path.relative(folder, sourcePath).split(path.sep).join('/');
  const entry = new BaselineMatcher(baseline, baselineHashes).entryFor(relative, text, finding);
  return planAddToBaseline(file, existing, baseline, entry);
}

function envFacts(sourcePath: string, entry: OpenDocument, text: string, context: FixContext): EnvFacts {
  const facts = gatherEnvFacts(
    {
      sourcePath,
      languageId: entry.document.languageId,
      text,
      workspaceFolder: context.workspaceFolderOf(sourcePath),
      openText: (file) => context.openDocument(file)?.document.getText(),
      tracked: context.tracked,
    },
    context.files,
  );
  return context.reservations ? { ...facts, reserved: context.reservations.current(), digest: context.reservations.digest } : facts;
}

/** Marks the facts when the value is known (from the cache; never waits for git) to be in git history. */
function withExposure(facts: EnvFacts, finding: Finding, text: string, context: FixContext): EnvFacts {
  const repo = repoRootOf(path.dirname(facts.sourcePath));
  if (!repo || !context.history) return facts;
  return { ...facts, inGitHistory: context.history.known(repo, text.slice(finding.start, finding.end)) === true };
}
