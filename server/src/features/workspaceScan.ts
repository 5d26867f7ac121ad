// "Scan Workspace": walks every workspace folder (honouring .gitignore and exclude globs, skipping
// binary and huge files), publishes diagnostics for files that are not open, and reports progress.
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import picomatch from 'picomatch';
import type { Connection } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { scanText, type BaselineMatcher, type RuleSet } from '../engine';
import { readScannableFile, walkFiles } from '../project/fileWalker';
import type { Settings } from '../settings';
import { toDiagnostics } from './diagnostics';

export interface WorkspaceScanResult {
  filesScanned: number;
  filesSkipped: number;
  findings: number;
  filesWithFindings: number;
}

export interface WorkspaceScanDeps {
  connection: Connection;
  ruleSet: () => RuleSet;
  folders: () => readonly string[];
  settingsFor: (uri: string) => Promise<Settings>;
  isOpen: (uri: string) => boolean;
  /** The accepted findings of the folder holding `uri` (.secret-hygiene/baseline.json). */
  baselineFor?: (uri: string) => BaselineMatcher | undefined;
}

export class WorkspaceScanner {
  /** URIs of closed files this scanner published diagnostics for, so a rescan can clear stale ones. */
  private published = new Set<string>();
  private running: Promise<WorkspaceScanResult> | undefined;

  constructor(private readonly deps: WorkspaceScanDeps) {}

  scan(): Promise<WorkspaceScanResult> {
    this.running ??= this.run().finally(() => (this.running = undefined));
    return this.running;
  }

  /** A file was opened: its diagnostics now come from the open document. */
  forget(uri: string): void {
    this.published.delete(uri);
  }

  private async run(): Promise<WorkspaceScanResult> {
    const { connection } = this.deps;
    const progress = await connection.window.createWorkDoneProgress();
    progress.begin('Secret Hygiene: scanning workspace', 0, undefined, true);
    const result: WorkspaceScanResult = { filesScanned: 0, filesSkipped: 0, findings: 0, filesWithFindings: 0 };
    const stillPublished = new Set<string>();
    try {
      for (const folder of this.deps.folders()) {
        const folderUri = pathToFileURL(folder).toString();
        const settings = await this.deps.settingsFor(folderUri);
        if (!settings.enable) continue;
        const excluded = settings.exclude.length > 0 ? picomatch(settings.exclude, { dot: true }) : undefined;
        for await (const entry of walkFiles(folder, { respectGitignore: true, isExcluded: excluded && ((relative) => excluded(relative)) })) {
          if (progress.token.isCancellationRequested) return result;
          if (entry.kind === 'error') continue;
          const uri = pathToFileURL(entry.path).toString();
          if (this.deps.isOpen(uri)) continue;
          const read = await readScannableFile(entry.path, settings.maxFileSize);
          if (read.kind !== 'text') {
            result.filesSkipped++;
            continue;
          }
          result.filesScanned++;
          if (result.filesScanned % 200 === 0) progress.report(`${result.filesScanned} files`);
          const relative = path.relative(folder, entry.path).split(path.sep).join('/');
          const scanned = scanText(read.text, relative, this.deps.ruleSet());
          const findings = this.deps.baselineFor?.(uri)?.filter(read.text, scanned) ?? scanned;
          if (findings.length === 0) continue;
          const document = TextDocument.create(uri, 'plaintext', 0, read.text);
          const diagnostics = toDiagnostics(findings, document, settings);
          result.findings += diagnostics.length;
          result.filesWithFindings++;
          stillPublished.add(uri);
          await connection.sendDiagnostics({ uri, diagnostics });
        }
      }
      for (const uri of this.published) {
        if (!stillPublished.has(uri) && !this.deps.isOpen(uri)) await connection.sendDiagnostics({ uri, diagnostics: [] });
      }
      this.published = stillPublished;
      return result;
    } finally {
      progress.done();
    }
  }
}
