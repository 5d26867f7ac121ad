// Code actions on a selection rather than a finding: "Create a rule from this selection" writes a team rule
// (fixes/ruleFromSelection.ts) into the workspace folder's .secret-hygiene/rules/, as a WorkspaceEdit the
// user can undo. Offered only for a single-line selection that makes a valid rule.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CodeActionKind, type CodeAction, type CodeActionParams } from 'vscode-languageserver';
import { planRuleFromSelection, TEAM_RULES_DIR } from '../fixes/ruleFromSelection';
import { toFsPath } from '../project/workspacePaths';
import type { DocumentStore } from './documents';
import { toWorkspaceEdit, type EditCapabilities } from './workspaceEdit';

export const CREATE_RULE_KIND = `${CodeActionKind.Refactor}.secretHygiene.createRule`;

export interface SelectionActionDeps {
  documents: DocumentStore;
  workspaceFolderOf: (file: string) => string | undefined;
  caps: EditCapabilities;
}

export function selectionActions(params: CodeActionParams, deps: SelectionActionDeps): CodeAction[] {
  const { start, end } = params.range;
  const wanted = !params.context.only || params.context.only.some((only) => CREATE_RULE_KIND === only || CREATE_RULE_KIND.startsWith(`${only}.`));
  if (!wanted || start.line !== end.line || start.character === end.character) return [];
  const entry = deps.documents.get(params.textDocument.uri);
  const file = entry && toFsPath(entry.document.uri);
  const folder = file && deps.workspaceFolderOf(file);
  if (!entry || !folder) return [];
  const selection = entry.document.getText(params.range);
  const plan = planRuleFromSelection(path.join(folder, TEAM_RULES_DIR), selection, (candidate) => fs.existsSync(candidate));
  if (plan.refusal) return [];
  const edit = toWorkspaceEdit(plan, () => undefined, deps.caps);
  if (typeof edit === 'string') return [];
  return [{ title: `Create a rule from this selection (${path.basename(plan.draft!.file)})`, kind: CREATE_RULE_KIND, edit }];
}
