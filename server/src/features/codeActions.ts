// Quick fixes for findings, stateless: textDocument/codeAction lists titles, kinds and `data` (uri,
// version, finding offsets, fix kind); codeAction/resolve re-reads the project, runs the pure planner
// and returns the WorkspaceEdit. `data`, titles and messages never hold the secret value.
import { pathToFileURL } from 'node:url';
import { CodeActionKind, type CodeAction, type CodeActionParams, type Diagnostic } from 'vscode-languageserver';
import type { Finding } from '../engine';
import { planMoveToEnv, type FindingRef } from '../fixes/moveToEnv';
import type { FixPlan } from '../fixes/types';
import { gatherEnvFacts } from '../project/envFacts';
import type { TextFileCache } from '../project/textFiles';
import { toFsPath } from '../project/workspacePaths';
import type { DocumentStore, OpenDocument } from './documents';
import { DIAGNOSTIC_SOURCE } from './diagnostics';
import { toWorkspaceEdit, type EditCapabilities, type EditTarget } from './workspaceEdit';

/** Runs after a fix is applied, to show its messages (rotation warnings, renames). */
export const FIX_MESSAGES_COMMAND = 'secretHygiene.showFixMessages';

export type FixKind = 'moveToEnv';

/** What a listed action carries to resolve: enough to find the finding again, never the value. */
export interface FixData {
  uri: string;
  version: number;
  ruleId: string;
  start: number;
  end: number;
  fix: FixKind;
}

export interface CodeActionDeps {
  documents: DocumentStore;
  findingsFor: (uri: string) => Finding[] | undefined;
  workspaceFolderOf: (file: string) => string | undefined;
  files: TextFileCache;
  caps: EditCapabilities & { resolve: boolean; disabled: boolean };
}

export class CodeActionProvider {
  constructor(private readonly deps: CodeActionDeps) {}

  provide(params: CodeActionParams): CodeAction[] {
    const entry = this.deps.documents.get(params.textDocument.uri);
    const findings = this.deps.findingsFor(params.textDocument.uri);
    if (!entry || !findings) return [];
    const only = params.context.only;
    if (only && !only.some((kind) => CodeActionKind.QuickFix.startsWith(kind))) return [];
    const actions: CodeAction[] = [];
    for (const diagnostic of params.context.diagnostics.filter((d) => d.source === DIAGNOSTIC_SOURCE)) {
      const finding = this.matchFinding(findings, diagnostic, entry);
      if (!finding) continue;
      const action = this.action(entry, finding, 'moveToEnv', diagnostic);
      if (action) actions.push(action);
    }
    return actions;
  }

  /** Fills in the edit of a listed action; a fix that became unsafe gets no edit and a reason. */
  resolve(action: CodeAction): { action: CodeAction; problem?: string } {
    const data = action.data as FixData | undefined;
    if (!data) return { action };
    const entry = this.deps.documents.get(data.uri);
    if (!entry || entry.document.version !== data.version) return { action, problem: 'The document changed since the fix was offered; try it again.' };
    const finding = this.deps.findingsFor(data.uri)?.find((f) => f.ruleId === data.ruleId && f.start === data.start && f.end === data.end);
    if (!finding) return { action, problem: 'The finding is gone; nothing to fix.' };
    const plan = this.plan(entry, finding, data.fix);
    if (plan.refusal) return { action, problem: `Secret Hygiene changed nothing: ${plan.refusal}.` };
    const edit = toWorkspaceEdit(plan, (file) => this.target(file, entry), this.deps.caps);
    if (typeof edit === 'string') return { action, problem: `Secret Hygiene changed nothing: ${edit}.` };
    action.edit = edit;
    if (plan.messages.length > 0) action.command = { title: 'Show fix notes', command: FIX_MESSAGES_COMMAND, arguments: [plan.messages] };
    return { action };
  }

  private action(entry: OpenDocument, finding: Finding, fix: FixKind, diagnostic?: Diagnostic): CodeAction | undefined {
    const plan = this.plan(entry, finding, fix);
    const title = titleFor(fix, plan);
    if (plan.refusal && !this.deps.caps.disabled) return undefined;
    const data: FixData = { uri: entry.document.uri, version: entry.document.version, ruleId: finding.ruleId, start: finding.start, end: finding.end, fix };
    const action: CodeAction = {
      title,
      kind: CodeActionKind.QuickFix,
      ...(diagnostic ? { diagnostics: [diagnostic] } : {}),
      isPreferred: fix === 'moveToEnv' && !plan.refusal,
      data,
    };
    if (plan.refusal) action.disabled = { reason: plan.refusal };
    return this.deps.caps.resolve || plan.refusal ? action : this.resolve(action).action;
  }

  private plan(entry: OpenDocument, finding: Finding, fix: FixKind): FixPlan {
    const sourcePath = toFsPath(entry.document.uri);
    if (!sourcePath) return { changes: [], messages: [], refusal: 'save the file first: the fix needs to know its folder' };
    const facts = gatherEnvFacts(
      {
        sourcePath,
        languageId: entry.document.languageId,
        text: entry.document.getText(),
        workspaceFolder: this.deps.workspaceFolderOf(sourcePath),
        openText: (file) => this.openDocument(file)?.document.getText(),
      },
      this.deps.files,
    );
    switch (fix) {
      case 'moveToEnv':
        return planMoveToEnv(findingRef(finding), facts);
    }
  }

  private matchFinding(findings: Finding[], diagnostic: Diagnostic, entry: OpenDocument): Finding | undefined {
    const data = diagnostic.data as { ruleId?: string; start?: number; end?: number } | undefined;
    if (data?.start !== undefined) return findings.find((f) => f.ruleId === data.ruleId && f.start === data.start && f.end === data.end);
    const start = entry.document.offsetAt(diagnostic.range.start);
    const end = entry.document.offsetAt(diagnostic.range.end);
    return findings.find((f) => f.ruleId === diagnostic.code && f.start === start && f.end === end);
  }

  private openDocument(file: string): OpenDocument | undefined {
    return this.deps.documents.all().find((d) => toFsPath(d.document.uri) === file);
  }

  private target(file: string, source: OpenDocument): EditTarget | undefined {
    const open = toFsPath(source.document.uri) === file ? source : this.openDocument(file);
    if (open) return { uri: open.document.uri, version: open.document.version, text: open.document.getText() };
    const text = this.deps.files.read(file);
    if (text === undefined) return undefined;
    return { uri: pathToFileURL(file).toString(), version: null, text };
  }
}

export function findingRef(finding: Finding): FindingRef {
  return { ruleId: finding.ruleId, start: finding.start, end: finding.end, envName: finding.envName, provider: finding.provider, docs: finding.docs, masked: finding.masked };
}

function titleFor(fix: FixKind, plan: FixPlan): string {
  const exposed = plan.messages.some((m) => m.includes('already in git history')) ? ' (already committed: rotate the key too)' : '';
  switch (fix) {
    case 'moveToEnv':
      return `Move to .env${plan.envName ? ` as ${plan.envName}` : ''}${exposed}`;
  }
}
