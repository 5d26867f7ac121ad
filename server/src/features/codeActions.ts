// Quick fixes for findings, stateless: textDocument/codeAction lists titles, kinds and `data` (uri,
// version, finding offsets, fix kind); codeAction/resolve re-reads the project, runs the pure planner
// and returns the WorkspaceEdit. `data`, titles and messages never hold the secret value.
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { CodeActionKind, type CodeAction, type CodeActionParams, type Diagnostic, type WorkspaceEdit } from 'vscode-languageserver';
import { HYGIENE_CHECKS, type Finding } from '../engine';
import { shouldNeverBeCommitted } from '../fixes/ignoreFile';
import { languageOf } from '../fixes/languages';
import type { FixPlan } from '../fixes/types';
import { VAULT_LABELS, withArticle, type VaultProvider } from '../fixes/vault';
import type { GitHistory } from '../project/gitHistory';
import type { TextFileCache } from '../project/textFiles';
import { toFsPath } from '../project/workspacePaths';
import { findingSeverity, type Settings } from '../settings';
import { DIAGNOSTIC_SOURCE } from './diagnostics';
import type { DocumentStore, OpenDocument } from './documents';
import { EnvReservations } from './envReservations';
import { planFix, type FixContext, type FixKind } from './fixPlans';
import { toWorkspaceEdit, unsavedFileNotes, type EditCapabilities, type EditTarget } from './workspaceEdit';

/** Runs after a fix is applied, to show its messages (rotation warnings, renames, vault commands). */
export const FIX_MESSAGES_COMMAND = 'secretHygiene.showFixMessages';
/** Opens a provider's documentation page (least-privilege and rotation notes) in the user's browser. */
export const OPEN_DOCS_COMMAND = 'secretHygiene.openDocs';
/** Client-side pick list of providers (VS Code); the server answers it too, with showMessageRequest. */
export const CHOOSE_VAULT_COMMAND = 'secretHygiene.chooseVaultProvider';
/** Plans the vault fix for a chosen provider and applies it with workspace/applyEdit. */
export const REPLACE_WITH_VAULT_COMMAND = 'secretHygiene.replaceWithVault';

/** The finding a vault command is for (never the value), and the provider ids inferred from the project. */
export interface VaultCommandArgs {
  uri: string;
  version: number;
  ruleId: string;
  start: number;
  end: number;
  inferred?: string[];
  provider?: string;
}

/** The source action that moves every secret of the file. */
export const MOVE_ALL_KIND = `${CodeActionKind.Source}.secretHygiene.moveAllToEnv`;

/** What a listed action carries to resolve: enough to find the findings again, never the value. */
export interface FixData {
  uri: string;
  version: number;
  fix: FixKind;
  /** The finding (absent for moveAll, which takes every finding of the file). */
  ruleId?: string;
  start?: number;
  end?: number;
}

export interface CodeActionDeps {
  documents: DocumentStore;
  findingsFor: (uri: string) => Finding[] | undefined;
  settingsFor: (uri: string) => Promise<Settings>;
  workspaceFolderOf: (file: string) => string | undefined;
  files: TextFileCache;
  history?: GitHistory;
  /** Which of `files` git tracks in `repo`; undefined when unknown (untrusted workspace). */
  tracked: (repo: string, files: string[]) => Set<string> | undefined;
  caps: EditCapabilities & { resolve: boolean; disabled: boolean };
  /** Provider ids a file's project suggests (op:// refs, .sops.yaml, SDK dependencies), best first. */
  inferVaultProviders?: (file: string) => string[];
}

export class CodeActionProvider {
  private readonly reservations = new EnvReservations();

  constructor(private readonly deps: CodeActionDeps) {}

  async provide(params: CodeActionParams): Promise<CodeAction[]> {
    const entry = this.deps.documents.get(params.textDocument.uri);
    const findings = this.deps.findingsFor(params.textDocument.uri);
    if (!entry || !findings || findings.length === 0) return [];
    const settings = await this.deps.settingsFor(params.textDocument.uri);
    const wants = (kind: string) => !params.context.only || params.context.only.some((only) => kind === only || kind.startsWith(`${only}.`));
    const actions: CodeAction[] = [];
    const sourcePath = toFsPath(entry.document.uri) ?? '';
    const isEnvFile = languageOf(entry.document.languageId, sourcePath) === 'dotenv';
    if (wants(CodeActionKind.QuickFix)) {
      for (const diagnostic of params.context.diagnostics.filter((d) => d.source === DIAGNOSTIC_SOURCE)) {
        const finding = matchFinding(findings, diagnostic, entry);
        if (!finding) continue;
        if (finding.category === 'client-bundle' && finding.envName && JS_SOURCE.test(sourcePath)) {
          // A browser module reading a secret env variable: only the proxy takes it off the browser.
          const action = this.action(entry, [finding], 'serverProxy', settings, diagnostic);
          if (action) actions.push(action);
        }
        if (finding.category === 'hygiene') {
          actions.push(...this.hygieneActions(entry, finding, settings, diagnostic));
          continue;
        }
        // A key in browser code: the call moves behind a server route (fixes/serverProxy.ts), preferred there.
        const inBrowser = !isEnvFile && finding.context?.inClientBundle === true && JS_SOURCE.test(sourcePath);
        const kinds: FixKind[] = isEnvFile ? [] : inBrowser ? ['serverProxy', 'moveToEnv'] : ['moveToEnv'];
        if (!isEnvFile && settings.vault.provider !== 'none') kinds.push('vault');
        if (!isEnvFile && !inBrowser && settings.vault.provider === 'none') {
          // No provider configured: a pick list (inferred providers first) chooses one, then the fix runs. Never in
          // browser code: the reference is read through an env variable, which the browser does not have.
          const args: VaultCommandArgs = { uri: entry.document.uri, version: entry.document.version, ruleId: finding.ruleId, start: finding.start, end: finding.end, inferred: this.deps.inferVaultProviders?.(sourcePath) ?? [] };
          actions.push({ title: 'Replace with a vault reference…', kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], command: { title: 'Replace with a vault reference…', command: CHOOSE_VAULT_COMMAND, arguments: [args] } });
        }
        if (shouldNeverBeCommitted(sourcePath)) kinds.push('ignoreFile');
        kinds.push('ignoreLine', 'baseline', 'disableRule');
        for (const kind of kinds) {
          const action = this.action(entry, [finding], kind, settings, diagnostic);
          if (action) actions.push(action);
        }
      }
    }
    const visible = findings.filter((f) => movable(f) && findingSeverity(settings, f) !== undefined);
    if (!isEnvFile && visible.length > 0 && wants(MOVE_ALL_KIND)) {
      const action = this.action(entry, visible, 'moveAll', settings);
      if (action && !action.disabled) actions.push(action);
    }
    if (this.deps.caps.resolve) return actions;
    // Clients without codeAction/resolve get the edits now.
    const resolved = await Promise.all(actions.filter((a) => !a.disabled).map((a) => this.resolve(a)));
    return resolved.filter((r) => !r.problem).map((r) => r.action);
  }

  /** The vault fix for `args` with `provider`: the WorkspaceEdit and the notes, or why not. */
  async planVault(args: VaultCommandArgs, provider: VaultProvider): Promise<{ edit: WorkspaceEdit; messages: string[] } | string> {
    const entry = this.deps.documents.get(args.uri);
    if (!entry || entry.document.version !== args.version) return 'The document changed since the fix was offered; try it again.';
    const finding = (this.deps.findingsFor(args.uri) ?? []).find((f) => f.ruleId === args.ruleId && f.start === args.start && f.end === args.end);
    if (!finding) return 'The finding is gone; nothing to fix.';
    const settings = await this.deps.settingsFor(args.uri);
    const plan = planFix('vault', entry, [finding], settings, this.context(), provider);
    if (plan.refusal) return `Secret Hygiene changed nothing: ${plan.refusal}.`;
    const edit = toWorkspaceEdit(plan, (file) => this.target(file), this.deps.caps, { label: `Replace with a vault reference (${provider})`, confirm: settings.fixes.preview });
    if (typeof edit === 'string') return `Secret Hygiene changed nothing: ${edit}.`;
    this.reservations.record(plan.reservations);
    return { edit, messages: [...plan.messages, ...unsavedFileNotes(plan, this.deps.caps)] };
  }

  /** Fills in the edit of a listed action; a fix that became unsafe gets no edit and a reason. */
  async resolve(action: CodeAction): Promise<{ action: CodeAction; problem?: string }> {
    const data = action.data as FixData | undefined;
    if (!data) return { action };
    const entry = this.deps.documents.get(data.uri);
    if (!entry || entry.document.version !== data.version) return { action, problem: 'The document changed since the fix was offered; try it again.' };
    const all = this.deps.findingsFor(data.uri) ?? [];
    const settings = await this.deps.settingsFor(data.uri);
    const findings = data.fix === 'moveAll' ? all.filter((f) => movable(f) && findingSeverity(settings, f) !== undefined) : all.filter((f) => f.ruleId === data.ruleId && f.start === data.start && f.end === data.end);
    if (findings.length === 0) return { action, problem: 'The finding is gone; nothing to fix.' };
    const plan = planFix(data.fix, entry, findings, settings, this.context());
    if (plan.refusal) return { action, problem: `Secret Hygiene changed nothing: ${plan.refusal}.` };
    const edit = toWorkspaceEdit(plan, (file) => this.target(file), this.deps.caps, { label: action.title, confirm: settings.fixes.preview });
    if (typeof edit === 'string') return { action, problem: `Secret Hygiene changed nothing: ${edit}.` };
    this.reservations.record(plan.reservations);
    action.edit = edit;
    const notes = [...plan.messages, ...unsavedFileNotes(plan, this.deps.caps)];
    if (notes.length > 0) action.command = { title: 'Show fix notes', command: FIX_MESSAGES_COMMAND, arguments: [notes] };
    return { action };
  }

  /** A hygiene finding's fixes (engine/hygiene/): its own edit, its provider's page, and the ignore comment. */
  private hygieneActions(entry: OpenDocument, finding: Finding, settings: Settings, diagnostic: Diagnostic): CodeAction[] {
    const kinds = HYGIENE_FIXES[finding.ruleId] ?? [];
    const actions = [...kinds, 'ignoreLine' as const].map((kind) => this.action(entry, [finding], kind, settings, diagnostic)).filter((a): a is CodeAction => a !== undefined);
    if (finding.docs) {
      actions.splice(kinds.length, 0, { title: `Open ${finding.provider}'s page on ${finding.ruleId === HYGIENE_CHECKS.leastPrivilege ? 'narrower keys' : 'rotating this key'}`, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], command: { title: 'Open', command: OPEN_DOCS_COMMAND, arguments: [finding.docs] } });
    }
    return actions;
  }

  private action(entry: OpenDocument, findings: Finding[], fix: FixKind, settings: Settings, diagnostic?: Diagnostic): CodeAction | undefined {
    const plan = planFix(fix, entry, findings, settings, this.context());
    if (plan.refusal && (!this.deps.caps.disabled || fix === 'ignoreFile')) return undefined;
    const [finding] = findings;
    const data: FixData = { uri: entry.document.uri, version: entry.document.version, fix, ...(fix === 'moveAll' ? {} : { ruleId: finding.ruleId, start: finding.start, end: finding.end }) };
    const action: CodeAction = {
      title: titleFor(fix, plan, entry, settings, finding.ruleId),
      kind: fix === 'moveAll' ? MOVE_ALL_KIND : CodeActionKind.QuickFix,
      ...(diagnostic ? { diagnostics: [diagnostic] } : {}),
      ...((fix === 'moveToEnv' || fix === 'serverProxy' || fix === 'maskLog' || fix === 'useHttps') && !plan.refusal ? { isPreferred: true } : {}),
      data,
    };
    if (plan.refusal) action.disabled = { reason: plan.refusal };
    return action;
  }

  private context(): FixContext {
    return {
      files: this.deps.files,
      history: this.deps.history,
      workspaceFolderOf: this.deps.workspaceFolderOf,
      openDocument: (file) => this.openDocument(file),
      tracked: this.deps.tracked,
      reservations: this.reservations,
    };
  }

  private openDocument(file: string): OpenDocument | undefined {
    return this.deps.documents.all().find((d) => toFsPath(d.document.uri) === file);
  }

  /** A file as an edit must see it: the open document (with its version), else the disk. */
  target(file: string): EditTarget | undefined {
    const open = this.openDocument(file);
    if (open) return { uri: open.document.uri, version: open.document.version, text: open.document.getText() };
    const text = this.deps.files.read(file);
    if (text === undefined) return undefined;
    return { uri: pathToFileURL(file).toString(), version: null, text };
  }
}

/** What "Move all secrets to .env" takes: not hygiene notes, not keys in browser code (an env read is undefined there). */
function movable(finding: Finding): boolean {
  return finding.category !== 'hygiene' && finding.context?.inClientBundle !== true;
}

/** Modules the server-proxy fix can rewrite. */
const JS_SOURCE = /\.(m|c)?(j|t)sx?$/i;

const HYGIENE_FIXES: Record<string, FixKind[]> = {
  [HYGIENE_CHECKS.clientApiCall]: ['serverProxy'],
  [HYGIENE_CHECKS.secretInLog]: ['maskLog', 'redactLog'],
  [HYGIENE_CHECKS.plainHttp]: ['useHttps'],
};

function matchFinding(findings: Finding[], diagnostic: Diagnostic, entry: OpenDocument): Finding | undefined {
  const data = diagnostic.data as { ruleId?: string; start?: number; end?: number } | undefined;
  if (data?.start !== undefined) return findings.find((f) => f.ruleId === data.ruleId && f.start === data.start && f.end === data.end);
  const start = entry.document.offsetAt(diagnostic.range.start);
  const end = entry.document.offsetAt(diagnostic.range.end);
  return findings.find((f) => f.ruleId === diagnostic.code && f.start === start && f.end === end);
}

function titleFor(fix: FixKind, plan: FixPlan, entry: OpenDocument, settings: Settings, ruleId: string): string {
  const exposed = plan.messages.some((m) => m.includes('already in git history')) ? ' (already committed: rotate the key too)' : '';
  const as = plan.envName ? ` as ${plan.envName}` : '';
  switch (fix) {
    case 'moveToEnv':
      return `Move to .env${as}${exposed}`;
    case 'serverProxy':
      return `Move this call to a server route (the key stays on the server${plan.envName ? ` as ${plan.envName}` : ''})`;
    case 'vault':
      return `Replace with ${withArticle(VAULT_LABELS[settings.vault.provider])} reference${as}${exposed}`;
    case 'ignoreFile': {
      const name = path.basename(toFsPath(entry.document.uri) ?? 'this file');
      const tracked = plan.messages.some((m) => m.includes('git rm --cached'));
      return `Add ${name} to .gitignore${tracked ? ` (git tracks it: also run git rm --cached ${name})` : ''}`;
    }
    case 'ignoreLine':
      return 'Ignore this finding (secret-hygiene-ignore-next-line comment)';
    case 'moveAll':
      return 'Move all secrets in this file to .env';
    case 'baseline':
      return 'Add to baseline (.secret-hygiene/baseline.json)';
    case 'maskLog':
      return 'Log a masked form instead (first 4 characters)';
    case 'redactLog':
      return 'Log nothing in its place ("[redacted]")';
    case 'useHttps':
      return 'Switch to https://';
    case 'disableRule':
      return `Disable ${ruleId} for the workspace (.secret-hygiene/config.json)`;
  }
}
