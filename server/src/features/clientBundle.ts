// Client-bundle findings for open documents: public .env variables holding secrets (on the .env value),
// every source read of such a variable (process.env.X, import.meta.env.X, $env/static/public), and in
// client modules hardcoded secrets (as errors, with the import chain) and reads of server-only secrets.
// Asks project/ for the facts, runs the pure engine analyses, merges over the plain rule findings.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { DiagnosticRelatedInformation } from 'vscode-languageserver';
import { applyHygienePolicy, isEnvFileName, mergeClientBundleFindings, scanClientModule, scanPublicEnv, scanPublicEnvUses, type Finding, type PublicSecret, type RuleSet } from '../engine';
import { envFilesOf, envTextTooLarge, publicSecretsOfProject, secretEnvNames, type Overlay } from '../project/envFiles';
import { ProjectFactsCache, projectRootOf, type ProjectFacts } from '../project/frameworks';
import { SOURCE_FILE } from '../project/frameworkTable';
import { toFsPath, type WorkspacePaths } from '../project/workspacePaths';
import { ClientGraphs } from './clientGraphs';
import type { DocumentStore } from './documents';

export class ClientBundleAnalysis {
  private readonly facts = new ProjectFactsCache();
  private readonly secrets = new Map<string, { signature: string; secrets: Map<string, PublicSecret> }>();
  /** Bumped whenever an open .env document changes, so cached secrets are recomputed. */
  private overlayVersion = 0;

  constructor(
    private readonly paths: WorkspacePaths,
    private readonly ruleSet: () => RuleSet,
    private readonly documents: DocumentStore,
    /** Rescans a document; used when the public secrets of a project changed. */
    private readonly reschedule: (uri: string) => void,
  ) {}

  private readonly graphs = new ClientGraphs(
    (file) => this.overlay.text(file),
    (facts) => secretEnvNames(facts, this.ruleSet(), this.overlay),
    (root) => this.rescanUnder(root),
  );

  /** Unsaved .env edits win over the file on disk. */
  private readonly overlay: Overlay = {
    text: (file) => this.documents.all().find((entry) => toFsPath(entry.document.uri) === file)?.document.getText(),
    files: () => this.documents.all().map((entry) => toFsPath(entry.document.uri)).filter((file): file is string => file !== undefined),
  };

  private rescanUnder(root: string): void {
    for (const entry of this.documents.all()) {
      const file = toFsPath(entry.document.uri);
      if (file && file.startsWith(root + path.sep) && !isEnvFileName(entry.scanPath)) this.reschedule(entry.document.uri);
    }
  }

  private onSecretsChanged(): void {
    for (const entry of this.documents.all()) if (!isEnvFileName(entry.scanPath)) this.reschedule(entry.document.uri);
  }

  /** The facts of the project holding `uri`, or undefined for documents that are not files. */
  factsFor(uri: string): ProjectFacts | undefined {
    const file = toFsPath(uri);
    if (!file) return undefined;
    const folder = this.paths.folderOf(file);
    return this.facts.get(projectRootOf(path.dirname(file), folder));
  }

  /** `findings` (from the rule scan) with client-bundle findings for the same text merged in. */
  augment(uri: string, scanPath: string, text: string, findings: Finding[]): Finding[] {
    const facts = this.factsFor(uri);
    if (!facts) return findings;
    if (isEnvFileName(scanPath)) {
      this.overlayVersion++;
      const before = this.secrets.get(facts.root);
      const now = this.secretsOf(facts);
      if (before && namesOf(before.secrets) !== namesOf(now)) this.onSecretsChanged();
      this.graphs.touched(facts);
      // Over MAX_ENV_BYTES the public-variable check is skipped (validate adds a note saying so).
      return envTextTooLarge(text) ? findings : mergeClientBundleFindings(findings, scanPublicEnv(text, scanPath, facts.policy, this.ruleSet()));
    }
    if (!SOURCE_FILE.test(scanPath)) return findings;
    const withUses = mergeClientBundleFindings(findings, scanPublicEnvUses(text, this.secretsOf(facts)));
    const client = this.graphs.moduleFacts(facts, toFsPath(uri)!);
    return client ? applyHygienePolicy(scanClientModule(text, scanPath, withUses, client), this.ruleSet().hygiene) : withUses;
  }

  /** A source document changed: its imports may have moved the client boundary (rebuilt off the keystroke path). */
  documentChanged(uri: string, scanPath: string): void {
    const facts = SOURCE_FILE.test(scanPath) ? this.factsFor(uri) : undefined;
    if (facts) this.graphs.touched(facts);
  }

  /** The import chain of a client-module finding, as LSP related information. */
  relatedInformation(uri: string, finding: Finding): DiagnosticRelatedInformation[] | undefined {
    const facts = finding.context?.importChain ? this.factsFor(uri) : undefined;
    return facts ? this.graphs.relatedInformation(facts.root, finding) : undefined;
  }

  /** Project files changed on disk (package.json, configs, .env): forget what was read. */
  invalidate(): void {
    this.facts.clear();
    this.secrets.clear();
  }

  private secretsOf(facts: ProjectFacts): Map<string, PublicSecret> {
    const signature = `${this.overlayVersion}|${diskSignature(envFilesOf(facts.root, this.overlay))}|${facts.policy.prefixes.map((p) => p.prefix).join(',')}|${facts.policy.names.map((n) => n.name).join(',')}`;
    const cached = this.secrets.get(facts.root);
    if (cached && cached.signature === signature) return cached.secrets;
    const secrets = publicSecretsOfProject(facts, this.ruleSet(), this.overlay);
    this.secrets.set(facts.root, { signature, secrets });
    return secrets;
  }
}

function namesOf(secrets: Map<string, PublicSecret>): string {
  return [...secrets.values()].map((s) => `${s.name}@${s.source}`).sort().join(',');
}

function diskSignature(files: string[]): string {
  return files
    .map((file) => {
      try {
        const stat = fs.statSync(file);
        return `${file}:${stat.mtimeMs}:${stat.size}`;
      } catch {
        return file;
      }
    })
    .join('|');
}
