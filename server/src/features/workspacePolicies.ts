// The team policy of each workspace folder (project/workspacePolicy.ts), loaded only in a trusted
// workspace, reloaded when its files change, and its problems published as diagnostics on those files.
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DiagnosticSeverity, type Connection, type Diagnostic, type FileEvent } from 'vscode-languageserver';
import type { RuleSet } from '../engine';
import { EMPTY_CONFIG } from '../project/teamConfig';
import { CONFIG_DIR, loadWorkspacePolicy, POLICY_FILES, releaseWorkspacePolicy, type WorkspacePolicy } from '../project/workspacePolicy';
import { toFsPath } from '../project/workspacePaths';
import { DIAGNOSTIC_SOURCE } from './diagnostics';

export class WorkspacePolicies {
  private readonly byFolder = new Map<string, WorkspacePolicy>();
  /** URIs of policy files we published problems for, so a fixed file gets its diagnostics cleared. */
  private published = new Map<string, Diagnostic[]>();
  private folders: readonly string[] = [];
  private builtinPolicy: WorkspacePolicy | undefined;

  constructor(
    private readonly connection: Connection,
    /** The built-in rules, loaded at first call (the server loads them after answering initialize). */
    private readonly builtin: () => RuleSet,
    private trusted: boolean,
    /** Called after a reload changed the rules of some folder. */
    private readonly onChange: () => void,
  ) {}

  /** `publish`: false while initialize is being answered (no policy is read, nothing is sent yet). */
  setFolders(folders: readonly string[], publish = true): void {
    this.folders = folders;
    for (const folder of [...this.byFolder.keys()]) if (!folders.includes(folder)) this.drop(folder);
    if (publish) this.publish();
  }

  /** Workspace trust was granted: the workspace's own configuration may now be read. */
  setTrusted(trusted: boolean): void {
    if (trusted === this.trusted) return;
    this.trusted = trusted;
    for (const folder of [...this.byFolder.keys()]) this.drop(folder);
    this.publish();
    this.onChange();
  }

  isTrusted(): boolean {
    return this.trusted;
  }

  /** The policy for files of `folder` (built-in rules only when untrusted or outside every folder). */
  forFolder(folder: string | undefined): WorkspacePolicy {
    if (!this.trusted || folder === undefined) {
      this.builtinPolicy ??= { root: '', ruleSet: this.builtin(), config: EMPTY_CONFIG, exclude: [], ignored: new Set(), problems: new Map() };
      return this.builtinPolicy;
    }
    let policy = this.byFolder.get(folder);
    if (!policy) {
      const builtin = this.builtin();
      policy = loadWorkspacePolicy(folder, builtin.rules, { builtinRuleSet: builtin });
      this.byFolder.set(folder, policy);
    }
    return policy;
  }

  /** Forgets a folder's policy, giving its compiled patterns back. */
  private drop(folder: string): void {
    const policy = this.byFolder.get(folder);
    this.byFolder.delete(folder);
    if (policy) releaseWorkspacePolicy(policy);
  }

  /** Diagnostics for a policy file, to publish together with the file's own scan results. */
  problemsFor(uri: string): Diagnostic[] {
    return this.published.get(uri) ?? [];
  }

  /** True when the event touched a policy file; that folder's policy is reloaded. */
  handle(changes: FileEvent[]): boolean {
    let reloaded = false;
    for (const change of changes) {
      const file = toFsPath(change.uri);
      const folder = file && this.folders.find((f) => file.startsWith(f + path.sep));
      if (!file || !folder || !isPolicyFile(path.relative(folder, file))) continue;
      this.drop(folder);
      reloaded = true;
    }
    if (reloaded) {
      this.publish();
      this.onChange();
    }
    return reloaded;
  }

  /** Loads every folder's policy and publishes its problems (clearing fixed ones). */
  publish(): void {
    const next = new Map<string, Diagnostic[]>();
    if (this.trusted) {
      for (const folder of this.folders) {
        for (const [file, problems] of this.forFolder(folder).problems) {
          next.set(
            pathToFileURL(file).toString(),
            problems.map((p) => ({
              range: { start: { line: p.line - 1, character: p.column - 1 }, end: { line: p.endLine - 1, character: Math.max(p.endColumn - 1, p.column) } },
              severity: p.severity === 'error' ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning,
              source: DIAGNOSTIC_SOURCE,
              code: 'config',
              message: p.message,
            })),
          );
        }
      }
    }
    for (const uri of this.published.keys()) if (!next.has(uri)) void this.connection.sendDiagnostics({ uri, diagnostics: [] });
    for (const [uri, diagnostics] of next) void this.connection.sendDiagnostics({ uri, diagnostics });
    this.published = next;
  }
}

/** `.secret-hygiene/**`, or one of the other tools' files the policy imports (POLICY_FILES), relative to a folder. */
export function isPolicyFile(relative: string): boolean {
  const normalized = relative.split(path.sep).join('/');
  return normalized.startsWith(`${CONFIG_DIR}/`) || POLICY_FILES.includes(normalized);
}
