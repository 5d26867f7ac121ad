// The batch scan behind the CLI: walk the named folders (or ask git), scan each file in-process or on
// worker threads for large trees, then the build output; findings and notes come out in walk order, so
// the report is the same byte for byte with any number of workers.
import * as path from 'node:path';
import { addedLinesSince, GitError, mergeBase, readStaged, repositoryRoot, stagedFiles, touchesAddedLine, type LineRanges } from '../project/git';
import { scanBundleTargets } from '../project/bundleScan';
import { classifyBytes, readScannableFileSync, walkFiles } from '../project/fileWalker';
import { takeRe2Failures } from '../project/safeRegex';
import { locateFindings, type LocatedFinding, type ScanSummary } from '../report/locate';
import { displayPath, type AcceptFindings, type FileOutcome, type FileScanner } from './fileScan';
import { ScanPool } from './workerPool';
import type { WorkerSetup } from './workerProtocol';

/** Trees with fewer files stay in-process: starting workers costs more than they save. */
export const MIN_FILES_FOR_WORKERS = 256;

export class UsageError extends Error {}

export interface ScanContext {
  stderr: (text: string) => void;
  cwd: string;
  scanner: FileScanner;
  maxFileSize: number;
  verbose: boolean;
  respectGitignore: boolean;
  excluded?: (path: string) => boolean;
  accept: AcceptFindings;
  /** Absolute paths the walk scanned, so the build-output pass does not report them twice. */
  scanned?: Set<string>;
  /** The repository config's excludes, relative to the policy root. */
  policyExcluded: (path: string) => boolean;
  /** Worker threads for large trees (1: in-process), and what they need to load the same policy. */
  jobs: number;
  workerSetup?: WorkerSetup;
}

export interface ScanResult {
  findings: LocatedFinding[];
  summary: ScanSummary;
}

function isPolicyExcluded(context: ScanContext, full: string): boolean {
  const relative = path.relative(context.scanner.policy.root, full).split(path.sep).join('/');
  return !relative.startsWith('..') && context.policyExcluded(relative);
}

/** Scans one named file or folder. */
export async function scanPath(target: string, context: ScanContext, result: ScanResult): Promise<void> {
  const { summary } = result;
  const base = path.resolve(context.cwd, target);
  const walk = walkFiles(base, {
    respectGitignore: context.respectGitignore,
    isExcluded: (relative) => context.excluded?.(relative) === true || isPolicyExcluded(context, path.join(base, relative)),
  });
  const files: string[] = [];
  const useWorkers = context.jobs > 1 && context.workerSetup !== undefined;
  // Workers start once the tree is large enough for them, and scan while the walk goes on.
  let pool: ScanPool | undefined;
  try {
    for await (const entry of walk) {
      if (entry.kind === 'error') {
        summary.errors++;
        context.stderr(`secret-hygiene: cannot read ${displayPath(context.cwd, entry.path)}: ${entry.message}\n`);
        continue;
      }
      files.push(entry.path);
      if (pool) pool.add(entry.path);
      else if (useWorkers && files.length >= MIN_FILES_FOR_WORKERS) {
        pool = new ScanPool(context.jobs, context.workerSetup!);
        for (const file of files) pool.add(file);
      }
    }
  } catch (error) {
    await pool?.stop();
    throw error;
  }
  pool?.close();
  const outcomes = pool ? pool.outcomes() : inProcess(files, context.scanner);
  let index = 0;
  for await (const outcome of outcomes) {
    const file = files[index++];
    report(file, outcome, context, result);
  }
}

function* inProcess(files: string[], scanner: FileScanner): Generator<FileOutcome> {
  for (const file of files) yield scanner.scanPath(file);
}

function report(absolute: string, outcome: FileOutcome, context: ScanContext, { findings, summary }: ScanResult): void {
  const file = displayPath(context.cwd, absolute);
  if (outcome.kind === 'error') {
    summary.errors++;
    context.stderr(`secret-hygiene: cannot read ${file}: ${outcome.message}\n`);
  } else if (outcome.kind === 'too-large') {
    summary.filesSkipped++;
    context.stderr(`secret-hygiene: skipped ${file}: ${formatBytes(outcome.size)} is over the ${formatBytes(context.maxFileSize)} limit (--max-file-size)\n`);
  } else if (outcome.kind === 'binary') {
    summary.filesSkipped++;
    if (context.verbose) context.stderr(`secret-hygiene: skipped ${file}: binary\n`);
  } else if (outcome.kind === 'skipped') {
    summary.filesSkipped++;
    context.stderr(`secret-hygiene: skipped ${file}: ${outcome.reason}\n`);
  } else {
    summary.filesScanned++;
    context.scanned?.add(absolute);
    findings.push(...outcome.findings);
    if (outcome.incomplete) {
      // Reported, and an error for the exit code: CI must not pass on a partial scan.
      summary.errors++;
      context.stderr(`secret-hygiene: ${file} not fully scanned: ${outcome.incomplete}\n`);
    }
  }
}

export interface GitScan {
  staged: boolean;
  base?: string;
  paths: string[];
}

/** --staged and --diff: the files git names, read from the index or the work tree, findings kept on added lines only with --diff. */
export async function scanGit(git: GitScan, context: ScanContext, { findings, summary }: ScanResult): Promise<void> {
  let root: string;
  let added: Map<string, LineRanges> | undefined;
  let files: string[];
  try {
    root = repositoryRoot(context.cwd);
    if (git.base !== undefined) added = addedLinesSince(root, mergeBase(root, git.base), git.staged);
    files = git.staged ? stagedFiles(root) : [...(added?.keys() ?? [])];
  } catch (error) {
    if (error instanceof GitError) throw new UsageError(error.message);
    throw error;
  }
  const targets = git.paths.map((target) => path.resolve(context.cwd, target));
  for (const file of files) {
    const full = path.join(root, file);
    if (targets.length > 0 && !targets.some((target) => full === target || full.startsWith(target + path.sep))) continue;
    if (context.excluded?.(file) || isPolicyExcluded(context, full)) continue;
    if (added && !added.has(file)) continue;
    const shown = displayPath(context.cwd, full);
    // The work tree's copy of a file git names: a link in it must stay inside the repository.
    const read = git.staged ? readIndexed(root, file, context.maxFileSize) : readScannableFileSync(full, context.maxFileSize, { within: root });
    if (read.kind === 'error') {
      summary.errors++;
      context.stderr(`secret-hygiene: cannot read ${shown}: ${read.message}\n`);
    } else if (read.kind !== 'text') {
      summary.filesSkipped++;
      if (context.verbose || read.kind === 'too-large' || read.kind === 'skipped') context.stderr(`secret-hygiene: skipped ${shown}: ${read.kind === 'skipped' ? read.reason : read.kind}\n`);
    } else {
      summary.filesScanned++;
      takeRe2Failures();
      let located;
      try {
        located = context.scanner.scanTextOf(full, shown, file, read.text);
      } catch (error) {
        summary.errors++;
        context.stderr(`secret-hygiene: cannot scan ${shown}: ${(error as Error).name}\n`);
        continue;
      }
      if (takeRe2Failures() > 0) {
        summary.errors++;
        context.stderr(`secret-hygiene: ${shown} not fully scanned: workspace-rule searches could not run (RE2 out of memory)\n`);
      }
      findings.push(...(added ? located.filter((f) => touchesAddedLine(added!.get(file), f.line, f.endLine)) : located));
    }
  }
}

function readIndexed(root: string, file: string, maxSize: number): ReturnType<typeof classifyBytes> {
  try {
    const bytes = readStaged(root, file, maxSize + 1);
    return bytes.length > maxSize ? { kind: 'too-large', size: bytes.length } : classifyBytes(bytes);
  } catch (error) {
    if (error instanceof GitError && error.tooLarge) return { kind: 'too-large', size: maxSize + 1 };
    return { kind: 'error', message: (error as Error).message };
  }
}

/** Built client output: rule findings and .env secret values, in folders .gitignore usually hides. */
export async function scanBuildOutput(targets: string[], context: ScanContext, { findings, summary }: ScanResult, commonFolders: boolean): Promise<void> {
  const options = { ruleSet: context.scanner.policy.ruleSet, maxFileSize: context.maxFileSize, alreadyScanned: context.scanned, commonFolders, envFiles: !commonFolders, isExcluded: context.excluded };
  for await (const result of scanBundleTargets(targets.map((target) => path.resolve(context.cwd, target)), options)) {
    const shown = displayPath(context.cwd, result.file);
    if (result.kind === 'skipped') {
      if (result.read.kind === 'error') {
        summary.errors++;
        context.stderr(`secret-hygiene: cannot read ${shown}: ${result.read.message}\n`);
      } else {
        summary.filesSkipped++;
        if (context.verbose || result.read.kind === 'too-large') context.stderr(`secret-hygiene: skipped ${shown}: ${result.read.kind}\n`);
      }
      continue;
    }
    if (!context.scanned?.has(result.file)) summary.filesScanned++;
    findings.push(...locateFindings(shown, result.text, context.accept(shown, result.text, result.findings)));
  }
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
