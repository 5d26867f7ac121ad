// Client-bundle findings for open documents: public .env variables holding secrets. Asks project/ for the
// facts of the document's project (frameworks, public prefixes), runs the pure engine analyses, and
// merges their findings over the plain rule findings of the same values.
import * as path from 'node:path';
import { isEnvFileName, mergeClientBundleFindings, scanPublicEnv, type Finding, type RuleSet } from '../engine';
import { ProjectFactsCache, projectRootOf, type ProjectFacts } from '../project/frameworks';
import { toFsPath, type WorkspacePaths } from '../project/workspacePaths';

export class ClientBundleAnalysis {
  private readonly facts = new ProjectFactsCache();

  constructor(
    private readonly paths: WorkspacePaths,
    private readonly ruleSet: () => RuleSet,
  ) {}

  /** The facts of the project holding `uri`, or undefined for documents that are not files. */
  factsFor(uri: string): ProjectFacts | undefined {
    const file = toFsPath(uri);
    if (!file) return undefined;
    const folder = this.paths.folderOf(file);
    return this.facts.get(projectRootOf(path.dirname(file), folder));
  }

  /** `findings` (from the rule scan) with client-bundle findings for the same text merged in. */
  augment(uri: string, scanPath: string, text: string, findings: Finding[]): Finding[] {
    if (!isEnvFileName(scanPath)) return findings;
    const facts = this.factsFor(uri);
    if (!facts) return findings;
    return mergeClientBundleFindings(findings, scanPublicEnv(text, scanPath, facts.policy, this.ruleSet()));
  }

  /** Project files changed on disk (package.json, configs, .env): forget what was read. */
  invalidate(): void {
    this.facts.clear();
  }
}
