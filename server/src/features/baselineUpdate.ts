// "Secret Hygiene: Create or Update Baseline": records every current finding of each workspace folder in its
// .secret-hygiene/baseline.json (salted hashes only, as `secret-hygiene baseline` does), through a
// WorkspaceEdit the user can undo and must save. Entries of files the scan did not read are kept while the
// files exist, so excluded folders keep theirs.
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { WorkspaceEdit } from 'vscode-languageserver';
import { serializeBaseline } from '../engine/baseline';
import { BASELINE_PATH, BaselineWriter } from '../project/baseline';
import type { Settings } from '../settings';
import { toWorkspaceEdit, type EditCapabilities, type TargetLookup } from './workspaceEdit';
import type { WorkspaceScanner } from './workspaceScan';

export const UPDATE_BASELINE_COMMAND = 'secretHygiene.updateBaseline';

export interface BaselineUpdateDeps {
  folders: readonly string[];
  settingsFor: (uri: string) => Promise<Settings>;
  scanner: WorkspaceScanner;
  openText: (uri: string) => string | undefined;
  target: TargetLookup;
  caps: EditCapabilities;
  applyEdit: (label: string, edit: WorkspaceEdit) => Promise<boolean>;
}

export interface BaselineUpdate {
  folder: string;
  entries: number;
  added: number;
  removed: number;
}

/** Updates each folder's baseline; returns what changed per folder, or the reason nothing was changed. */
export async function updateBaselines(deps: BaselineUpdateDeps): Promise<BaselineUpdate[] | string> {
  const updates: BaselineUpdate[] = [];
  for (const folder of deps.folders) {
    const settings = await deps.settingsFor(pathToFileURL(folder).toString());
    if (!settings.enable) continue;
    const file = path.join(folder, BASELINE_PATH);
    let writer: BaselineWriter;
    try {
      writer = new BaselineWriter(file, folder);
    } catch (error) {
      return `${(error as Error).message}; fix it first`;
    }
    for await (const scanned of deps.scanner.findingsBeforeBaseline(folder, settings, deps.openText)) writer.record(scanned.relative, scanned.text, scanned.findings);
    const { baseline, ...counts } = writer.merged();
    const existing = deps.target(file);
    const newText = serializeBaseline(baseline);
    if (existing?.text === newText) {
      updates.push({ folder, ...counts });
      continue;
    }
    const plan = { changes: [{ path: file, create: existing === undefined, edits: [{ start: 0, end: existing?.text.length ?? 0, newText }] }], messages: [] };
    const edit = toWorkspaceEdit(plan, deps.target, deps.caps);
    if (typeof edit === 'string') return edit;
    if (!(await deps.applyEdit('Update the Secret Hygiene baseline', edit))) return `the editor did not apply the edit to ${BASELINE_PATH}`;
    updates.push({ folder, ...counts });
  }
  return updates;
}

/** "baseline of shop: 3 entries (2 added, 1 removed)". */
export function describeUpdates(updates: BaselineUpdate[]): string {
  if (updates.length === 0) return 'Secret Hygiene: no workspace folder to record (scanning is off or there is no folder).';
  const parts = updates.map((u) => `${path.basename(u.folder)}: ${u.entries} entr${u.entries === 1 ? 'y' : 'ies'} (${u.added} added, ${u.removed} removed)`);
  return `Secret Hygiene baseline — ${parts.join('; ')}. Only salted hashes are stored; save and commit ${BASELINE_PATH.split(path.sep).join('/')}. A baselined key is still a key: rotate it if it is real.`;
}
