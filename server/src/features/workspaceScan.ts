// The workspace scan: walks every workspace folder (honouring .gitignore, the user's and the team's
// excludes, skipping binary and huge files), publishes diagnostics for files that are not open, shows
// cancellable progress, and keeps them current from watched-file events. Keeps no file text, and at most
// MAX_PUBLISHED_FINDINGS findings, so a large monorepo cannot grow the server without bound.
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { compileGlobs } from '../engine/glob';
import { FileChangeType, type Connection, type Diagnostic, type FileEvent } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { scanText, type Finding } from '../engine';
import { readScannableFile, walkFiles } from '../project/fileWalker';
import { GitignoreStack } from '../project/gitignore';
import { takeRe2Failures } from '../project/safeRegex';
import { dropIgnored, type WorkspacePolicy } from '../project/workspacePolicy';
import { toFsPath } from '../project/workspacePaths';
import type { Settings } from '../settings';
import { buildOutputFolders, isInside, scanBuildOutput } from './buildOutputScan';
import { toDiagnostics } from './diagnostics';

export interface WorkspaceScanResult {
  filesScanned: number;
  filesSkipped: number;
  findings: number;
  filesWithFindings: number;
  /** True when the user cancelled the progress, or more findings than the cap were found. */
  incomplete?: boolean;
}

export interface WorkspaceScanDeps {
  connection: Connection;
  folders: () => readonly string[];
  settingsFor: (uri: string) => Promise<Settings>;
  isOpen: (uri: string) => boolean;
  policyFor: (folder: string) => WorkspacePolicy;
  baselineFor?: (uri: string) => { filter(text: string, findings: Finding[]): Finding[] } | undefined;
  /** Diagnostics that are not findings (problems in a policy file), published alongside. */
  extraDiagnostics?: (uri: string) => Diagnostic[];
  /** Awaited before each file a scan reads: resolves once the editor is not waiting for the server
   * (features/editorActivity.ts), so keystrokes never queue behind a file's scan. */
  yieldToEditor?: () => Promise<void>;
}

/** Findings published for closed files at most; past it the scan says so instead of growing. */
export const MAX_PUBLISHED_FINDINGS = 20_000;
/** Watched-file events within this window are handled as one batch. */
const FILE_EVENT_DELAY_MS = 300;

export class WorkspaceScanner {
  /** Closed files with published findings → how many, so rescans clear stale ones and the cap holds. */
  private published = new Map<string, number>();
  private publishedTotal = 0;
  private running: Promise<WorkspaceScanResult> | undefined;
  private queued: Promise<WorkspaceScanResult> | undefined;
  private pendingEvents = new Map<string, FileChangeType>();
  private eventTimer: NodeJS.Timeout | undefined;
  /** Per workspace folder: its build output folders and the files there with published findings. */
  private buildOutput = new Map<string, { folders: string[]; uris: Set<string> }>();

  constructor(private readonly deps: WorkspaceScanDeps) {}

  /** A full scan. While one is under way, files may change behind it, so one more runs after it. */
  scan(): Promise<WorkspaceScanResult> {
    if (!this.running) {
      this.running = this.run().finally(() => (this.running = undefined));
      return this.running;
    }
    this.queued ??= this.running.then(() => {
      this.queued = undefined;
      return this.scan();
    });
    return this.queued;
  }

  /** A file was opened: its diagnostics now come from the open document. */
  forget(uri: string): void {
    this.publishedTotal -= this.published.get(uri) ?? 0;
    this.published.delete(uri);
  }

  /** Watched-file events (created, changed, deleted) for files that are not open: rescan or clear them. */
  filesChanged(changes: FileEvent[]): void {
    for (const change of changes) this.pendingEvents.set(change.uri, change.type);
    this.eventTimer ??= setTimeout(() => {
      this.eventTimer = undefined;
      const batch = this.pendingEvents;
      this.pendingEvents = new Map();
      void this.applyEvents(batch).catch((error) => this.deps.connection.console.error(`Secret Hygiene: file update failed: ${(error as Error).message}`));
    }, FILE_EVENT_DELAY_MS);
  }

  private async applyEvents(batch: Map<string, FileChangeType>): Promise<void> {
    const rebuilt = new Set<string>();
    for (const [uri, type] of batch) {
      if (this.deps.isOpen(uri)) continue;
      const file = toFsPath(uri);
      const folder = file && this.deps.folders().find((f) => file.startsWith(f + path.sep));
      if (!file || !folder) continue;
      // A rebuild rewrites many files at once: the folder's build output is rescanned once after the batch.
      if (isInside(this.buildOutput.get(folder)?.folders ?? [], file)) {
        rebuilt.add(folder);
        continue;
      }
      await this.deps.yieldToEditor?.();
      const settings = await this.deps.settingsFor(uri);
      if (type === FileChangeType.Deleted || !settings.enable || !settings.workspaceScan.enable || this.isExcluded(folder, file, settings)) {
        await this.publish(uri, []);
        continue;
      }
      await this.scanFile(folder, file, uri, settings);
    }
    for (const folder of rebuilt) {
      const settings = await this.deps.settingsFor(pathToFileURL(folder).toString());
      if (settings.enable && settings.workspaceScan.enable) await this.scanFolderBuildOutput(folder, settings, new Set());
    }
  }

  /** The build-output pass for one folder; clears files of its previous pass that have no findings now. */
  private async scanFolderBuildOutput(folder: string, settings: Settings, walked: ReadonlySet<string>): Promise<number> {
    const previous = this.buildOutput.get(folder)?.uris ?? new Set<string>();
    const folders = buildOutputFolders(folder);
    const { uris, findings } = await scanBuildOutput(folder, walked, {
      policy: this.deps.policyFor(folder),
      settings,
      isOpen: this.deps.isOpen,
      baselineFor: this.deps.baselineFor,
      publish: (uri, diagnostics) => this.publish(uri, diagnostics),
      yieldToEditor: this.deps.yieldToEditor,
    });
    this.buildOutput.set(folder, { folders, uris });
    for (const uri of previous) if (!uris.has(uri) && !this.deps.isOpen(uri)) await this.publish(uri, []);
    return findings;
  }

  /** The folder's files as the scan walks them: .gitignore, the user's and the team's excludes. */
  private walk(folder: string, settings: Settings): ReturnType<typeof walkFiles> {
    const globs = [...settings.exclude, ...this.deps.policyFor(folder).exclude];
    const excluded = globs.length > 0 ? compileGlobs(globs) : undefined;
    return walkFiles(folder, { respectGitignore: true, isExcluded: excluded && ((relative) => excluded(relative)) });
  }

  /** Every file of `folder` the scan reads, with its findings before the baseline (for "Create or Update
   * Baseline"); an open document's text (`openText`) wins over the disk. */
  async *findingsBeforeBaseline(folder: string, settings: Settings, openText: (uri: string) => string | undefined): AsyncGenerator<{ relative: string; text: string; findings: Finding[] }> {
    const policy = this.deps.policyFor(folder);
    let files = 0;
    for await (const entry of this.walk(folder, settings)) {
      if (entry.kind === 'error') continue;
      const open = openText(pathToFileURL(entry.path).toString());
      const read = open === undefined ? await readScannableFile(entry.path, settings.maxFileSize, { within: folder }) : { kind: 'text' as const, text: open };
      if (read.kind !== 'text') continue;
      const relative = path.relative(folder, entry.path).split(path.sep).join('/');
      yield { relative, text: read.text, findings: dropIgnored(policy, relative, read.text, scanText(read.text, relative, policy.ruleSet)) };
      // Let typing-time diagnostics through between batches.
      if (++files % 200 === 0) await new Promise((resolve) => setImmediate(resolve));
    }
  }

  /** A single file is excluded like the walk would: user and team globs, then every .gitignore above it. */
  private isExcluded(folder: string, file: string, settings: Settings): boolean {
    const relative = path.relative(folder, file).split(path.sep).join('/');
    const globs = [...settings.exclude, ...this.deps.policyFor(folder).exclude];
    if (globs.length > 0 && compileGlobs(globs)(relative)) return true;
    if (relative.split('/').includes('.git')) return true;
    const dir = path.dirname(file);
    return GitignoreStack.forAncestorsOf(dir).withFile(dir, path.join(dir, '.gitignore')).isIgnored(file, false);
  }

  /** Scans one closed file and publishes its findings; returns how many were published (undefined when skipped). */
  private async scanFile(folder: string, file: string, uri: string, settings: Settings): Promise<number | undefined> {
    // Watched-file events name links too: one leading out of the folder is not read.
    const read = await readScannableFile(file, settings.maxFileSize, { within: folder });
    if (read.kind !== 'text') {
      await this.publish(uri, []);
      return undefined;
    }
    const policy = this.deps.policyFor(folder);
    const relative = path.relative(folder, file).split(path.sep).join('/');
    let scanned: Finding[];
    takeRe2Failures();
    try {
      scanned = dropIgnored(policy, relative, read.text, scanText(read.text, relative, policy.ruleSet));
    } catch (error) {
      // One file's failure must not end the background scan (nor, unhandled, the server).
      this.deps.connection.console.error(`Secret Hygiene: scanning ${relative} failed: ${(error as Error).name}`);
      return undefined;
    }
    if (takeRe2Failures() > 0) this.deps.connection.console.warn(`Secret Hygiene: ${relative} was not fully scanned: workspace-rule searches could not run (RE2 out of memory: too many workspace rules?)`);
    const findings = this.deps.baselineFor?.(uri)?.filter(read.text, scanned) ?? scanned;
    const diagnostics = findings.length > 0 ? toDiagnostics(findings, TextDocument.create(uri, 'plaintext', 0, read.text), settings) : [];
    return this.publish(uri, diagnostics);
  }

  /** Publishes (or clears) a closed file's findings within the cap; returns how many were published. */
  private async publish(uri: string, diagnostics: Diagnostic[]): Promise<number> {
    const before = this.published.get(uri) ?? 0;
    if (diagnostics.length > 0 && this.publishedTotal - before + diagnostics.length > MAX_PUBLISHED_FINDINGS) return -1;
    const extra = this.deps.extraDiagnostics?.(uri) ?? [];
    if (diagnostics.length === 0 && before === 0 && extra.length === 0) return 0;
    this.publishedTotal += diagnostics.length - before;
    if (diagnostics.length > 0) this.published.set(uri, diagnostics.length);
    else this.published.delete(uri);
    await this.deps.connection.sendDiagnostics({ uri, diagnostics: [...diagnostics, ...extra] });
    return diagnostics.length;
  }

  private async run(): Promise<WorkspaceScanResult> {
    const { connection } = this.deps;
    const progress = await connection.window.createWorkDoneProgress();
    progress.begin('Secret Hygiene: scanning workspace', 0, undefined, true);
    const result: WorkspaceScanResult = { filesScanned: 0, filesSkipped: 0, findings: 0, filesWithFindings: 0 };
    const seen = new Set<string>();
    let capped = false;
    try {
      for (const folder of this.deps.folders()) {
        const settings = await this.deps.settingsFor(pathToFileURL(folder).toString());
        if (!settings.enable) continue;
        for await (const entry of this.walk(folder, settings)) {
          if (progress.token.isCancellationRequested) {
            result.incomplete = true;
            return result;
          }
          if (entry.kind === 'error') continue;
          const uri = pathToFileURL(entry.path).toString();
          if (this.deps.isOpen(uri)) continue;
          seen.add(uri);
          await this.deps.yieldToEditor?.();
          const published = await this.scanFile(folder, entry.path, uri, settings);
          if (published === undefined) {
            result.filesSkipped++;
            continue;
          }
          result.filesScanned++;
          if (result.filesScanned % 200 === 0) {
            progress.report(`${result.filesScanned} files, ${result.findings} secrets`);
            // Let typing-time diagnostics through between batches.
            await new Promise((resolve) => setImmediate(resolve));
          }
          if (published < 0) capped = true;
          else if (published > 0) {
            result.findings += published;
            result.filesWithFindings++;
          }
        }
        const built = await this.scanFolderBuildOutput(folder, settings, seen);
        result.findings += built;
        for (const uri of this.buildOutput.get(folder)?.uris ?? []) {
          seen.add(uri);
          result.filesWithFindings++;
        }
      }
      for (const uri of [...this.published.keys()]) if (!seen.has(uri) && !this.deps.isOpen(uri)) await this.publish(uri, []);
      if (capped) {
        result.incomplete = true;
        connection.console.warn(`Secret Hygiene: more than ${MAX_PUBLISHED_FINDINGS} findings in closed files; the rest are not listed (run the CLI for a full report).`);
      }
      return result;
    } finally {
      progress.done();
    }
  }
}
