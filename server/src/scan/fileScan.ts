// One file of a batch scan, start to end: read it (synchronously: one file at a time is all a scan
// thread does), classify it, scan it with the policy and the project's client-bundle facts, let the
// baseline drop known findings, and place them in lines. Used in-process and by the scan workers alike,
// so any number of workers gives the same report.
import * as path from 'node:path';
import { applyHygienePolicy, isEnvFileName, mergeClientBundleFindings, scanClientModule, scanPublicEnv, scanPublicEnvUses, scanText, type Finding } from '../engine';
import { readScannableFileSync } from '../project/fileWalker';
import { SOURCE_FILE } from '../project/frameworkTable';
import { ProjectIndex } from '../project/projectIndex';
import { EnvKeyIndex } from '../project/envKeys';
import { dropIgnored, type WorkspacePolicy } from '../project/workspacePolicy';
import { locateFindings, type LocatedFinding } from '../report/locate';
import { takeRe2Failures } from '../project/safeRegex';

/** What scanning one file came to; only findings (masked) cross a thread, never the text. */
export type FileOutcome =
  /** `incomplete`: some workspace-rule searches could not run on this file (RE2 out of memory). */
  | { kind: 'text'; findings: LocatedFinding[]; incomplete?: string }
  | { kind: 'binary' }
  | { kind: 'too-large'; size: number }
  | { kind: 'skipped'; reason: string }
  | { kind: 'error'; message: string };

/** Sees every scanned file's findings and returns those to report (the baseline drops known ones). */
export type AcceptFindings = (file: string, text: string, findings: Finding[]) => Finding[];

export class FileScanner {
  private projects?: ProjectIndex;
  private envKeys?: EnvKeyIndex;

  constructor(
    readonly policy: WorkspacePolicy,
    private readonly cwd: string,
    private readonly maxFileSize: number,
    private readonly accept: AcceptFindings,
  ) {}

  /** Reads and scans the file at the absolute path `absolute`. */
  scanPath(absolute: string): FileOutcome {
    const read = readScannableFileSync(absolute, this.maxFileSize);
    if (read.kind !== 'text') return read.kind === 'binary' ? { kind: 'binary' } : read;
    const shown = displayPath(this.cwd, absolute);
    takeRe2Failures();
    let findings: LocatedFinding[];
    try {
      findings = this.scanTextOf(absolute, shown, shown, read.text);
    } catch (error) {
      // One file's failure never loses the report of the others.
      return { kind: 'error', message: `the scan failed: ${(error as Error).name}` };
    }
    const failures = takeRe2Failures();
    return failures > 0 ? { kind: 'text', findings, incomplete: `${failures} workspace-rule search${failures === 1 ? '' : 'es'} could not run (RE2 out of memory: too many workspace rules?)` } : { kind: 'text', findings };
  }

  /** Scans text already read: `shown` is the path the report prints, `file` the one project checks see. */
  scanTextOf(absolute: string, shown: string, file: string, text: string): LocatedFinding[] {
    return locateFindings(shown, text, this.accept(shown, text, this.findingsOf(absolute, file, text)));
  }

  /** Rule findings, plus client-bundle findings for .env files and client source (public variables holding secrets). */
  private findingsOf(absolute: string, file: string, text: string): Finding[] {
    const findings = this.scanWithPolicy(absolute, text);
    const ruleSet = this.policy.ruleSet;
    this.projects ??= new ProjectIndex(ruleSet);
    if (isEnvFileName(file)) {
      this.envKeys ??= new EnvKeyIndex(() => ruleSet);
      const shared = applyHygienePolicy(this.envKeys.findingsFor(absolute, text), ruleSet.hygiene);
      return [...mergeClientBundleFindings(findings, scanPublicEnv(text, file, this.projects.factsFor(absolute).policy, ruleSet)), ...shared].sort((a, b) => a.start - b.start);
    }
    if (!SOURCE_FILE.test(file)) return findings;
    const withUses = mergeClientBundleFindings(findings, scanPublicEnvUses(text, this.projects.publicSecretsFor(absolute)));
    const client = this.projects.clientModuleFor(absolute);
    return client ? applyHygienePolicy(scanClientModule(text, file, withUses, client), ruleSet.hygiene) : withUses;
  }

  /** Rule globs and .gitleaksignore see the path relative to the policy root. */
  private scanWithPolicy(full: string, text: string): Finding[] {
    const relative = path.relative(this.policy.root, full).split(path.sep).join('/');
    const scanPath = relative.startsWith('..') || path.isAbsolute(relative) ? path.basename(full) : relative;
    return dropIgnored(this.policy, scanPath, text, scanText(text, scanPath, this.policy.ruleSet));
  }
}

/** The path as the user should see it: relative to the working folder when inside it, forward slashes. */
export function displayPath(cwd: string, file: string): string {
  const relative = path.relative(cwd, file);
  return (relative.startsWith('..') || path.isAbsolute(relative) ? file : relative).split(path.sep).join('/');
}
