// Keeps diagnostics honest about exposure: after a scan it asks project/gitHistory.ts (in the background,
// bounded) whether each flagged value was ever committed, and republishes when one was. Never for an
// untrusted workspace: git reads the repository's own config, so nothing runs until the user trusts it.
import * as path from 'node:path';
import type { Finding } from '../engine';
import { repoRootOf } from '../project/envFacts';
import type { ExposureAge, GitHistory } from '../project/gitHistory';
import { toFsPath } from '../project/workspacePaths';

export class ExposureTracker {
  private readonly inFlight = new Set<string>();

  constructor(
    private readonly history: GitHistory,
    /** Called when a check found a value in history, to republish the document's diagnostics. */
    private readonly republish: (uri: string) => void,
    /** Whether the workspace is trusted now (asked on every lookup: trust can be granted mid-session). */
    private readonly isTrusted: () => boolean,
  ) {}

  /** The cached answer for one finding; starts a background check for the document's unknown values. */
  lookup(uri: string, text: string, findings: Finding[]): (finding: Finding) => boolean {
    const file = toFsPath(uri);
    const repo = file ? repoRootOf(path.dirname(file)) : undefined;
    if (!repo || findings.length === 0 || !this.isTrusted()) return () => false;
    const values = findings.map((f) => text.slice(f.start, f.end));
    if (this.history.needsCheck(repo, values) && !this.inFlight.has(uri)) {
      this.inFlight.add(uri);
      void this.history
        .check(repo, values)
        .then((answers) => {
          if (answers.some((a) => a === true)) this.republish(uri);
        })
        .finally(() => this.inFlight.delete(uri));
    }
    return (finding) => this.history.known(repo, text.slice(finding.start, finding.end)) === true;
  }

  /** Since when an exposed finding's value is in history, and whether that commit was pushed (cached only). */
  ageOf(uri: string, text: string): (finding: Finding) => ExposureAge | undefined {
    const file = toFsPath(uri);
    const repo = file && this.isTrusted() ? repoRootOf(path.dirname(file)) : undefined;
    return (finding) => (repo ? this.history.age(repo, text.slice(finding.start, finding.end)) : undefined);
  }
}
