// The command-line face of the engine: argv in, a report on stdout, notes on stderr, an exit code out.
// Exit codes: 0 nothing found, 1 secrets found, 2 usage or I/O error.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import picomatch from 'picomatch';
import { isEnvFileName, mergeClientBundleFindings, scanClientModule, scanPublicEnv, scanPublicEnvUses, scanText, type Finding, type RuleSet } from './engine';
import { BASELINE_PATH, BaselineWriter, loadBaselineMatcher } from './project/baseline';
import { classifyBytes, readScannableFile, walkFiles } from './project/fileWalker';
import { SOURCE_FILE } from './project/frameworkTable';
import { ProjectIndex } from './project/projectIndex';
import { scanBundleTargets } from './project/bundleScan';
import { addedLinesSince, GitError, mergeBase, readStaged, repositoryRoot, stagedFiles, touchesAddedLine, type LineRanges } from './project/git';
import { loadBuiltinRules } from './project/ruleFiles';
import { dropIgnored, loadWorkspacePolicy, policyRoot, type WorkspacePolicy } from './project/workspacePolicy';
import { format as formatJson } from './report/json';
import { format as formatSarif } from './report/sarif';
import { locateFindings, type LocatedFinding, type ScanSummary } from './report/locate';
import { format as formatText } from './report/text';
import { DEFAULT_SETTINGS } from './settings';

declare const PACKAGE_VERSION: string | undefined;

const USAGE = `Usage: secret-hygiene scan [options] [paths...]
       secret-hygiene baseline [options] [paths...]

Scans files and folders (default: the current folder) for hardcoded secrets.
Folders are walked recursively; .gitignore is respected; binary files and files
over the size limit are skipped and counted.

"baseline" records the current findings in .secret-hygiene/baseline.json (salted
hashes, never values); later scans leave them out. Re-running it replaces the
entries of the files it scans and keeps those of other files that still exist.

Options:
  --format <text|json|sarif>  Output format (default: text); sarif is SARIF 2.1.0 for code scanning
  --staged                 Scan the git index (what the next commit holds), for pre-commit hooks
  --diff <base>            Report only secrets on lines added since the merge base of <base> and HEAD
                           (with --staged: in the index; else: in the work tree), for pull requests
  --bundles                Scan only built client output (dist/, build/, .next/static, out/,
                           .svelte-kit/output/client, .output/public…, even if ignored) for secrets
                           and for values of .env secrets; a path inside a project is taken as the
                           build folder itself. Without it, scan also checks the build output.
  --stdin                  Scan standard input instead of files
  --filename <name>        The file name standard input stands for (default: stdin)
  --config <file>          Use this config.json (or a .gitleaks.toml) instead of the repository's
                           .secret-hygiene/config.json and .gitleaks.toml
  --exclude <glob>         Skip matching paths (relative to each scanned folder); repeatable
  --max-file-size <bytes>  Skip larger files (default: ${DEFAULT_SETTINGS.maxFileSize})
  --no-gitignore           Also scan files that .gitignore excludes
  --public-by-design <show|hide>
                           Values meant to be public (Stripe pk_, Firebase web config…):
                           listed as information, never failing the scan (default: hide)
  --baseline <file>        Baseline to use or write (default: .secret-hygiene/baseline.json,
                           used by scan when present)
  --no-baseline            Report every finding, even baselined ones
  --verbose                List every skipped file on stderr
  --no-color               Plain text output (also when NO_COLOR is set or stdout is not a terminal)
  -h, --help               Show this help
  --version                Show the version

Exit codes: 0 no secrets found, 1 secrets found, 2 usage or I/O error.
`;

export class UsageError extends Error {}

interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  readStdin: () => Promise<string>;
  isTty: boolean;
  cwd: string;
  env: NodeJS.ProcessEnv;
}

export async function main(argv: string[], io: CliIo): Promise<number> {
  try {
    return await run(argv, io);
  } catch (error) {
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      io.stderr(`secret-hygiene: ${(error as Error).message}\n\n${USAGE}`);
      return 2;
    }
    io.stderr(`secret-hygiene: ${(error as Error).message}\n`);
    return 2;
  }
}

async function run(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    allowNegative: true,
    options: {
      format: { type: 'string', default: 'text' },
      staged: { type: 'boolean', default: false },
      diff: { type: 'string' },
      bundles: { type: 'boolean', default: false },
      config: { type: 'string' },
      stdin: { type: 'boolean', default: false },
      filename: { type: 'string' },
      exclude: { type: 'string', multiple: true, default: [] },
      'max-file-size': { type: 'string' },
      gitignore: { type: 'boolean', default: true },
      'public-by-design': { type: 'string', default: 'hide' },
      baseline: { type: 'string' },
      'no-baseline': { type: 'boolean', default: false },
      verbose: { type: 'boolean', default: false },
      color: { type: 'boolean', default: true },
      help: { type: 'boolean', short: 'h', default: false },
      version: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    io.stdout(USAGE);
    return 0;
  }
  if (values.version) {
    io.stdout(`${typeof PACKAGE_VERSION === 'string' ? PACKAGE_VERSION : 'dev'}\n`);
    return 0;
  }
  const [command, ...paths] = positionals;
  if (command !== 'scan' && command !== 'baseline') throw new UsageError(command ? `unknown command "${command}"` : 'missing command');
  if (!['text', 'json', 'sarif'].includes(values.format)) throw new UsageError(`--format must be text, json or sarif, not "${values.format}"`);
  if (values.stdin && (values.staged || values.diff !== undefined)) throw new UsageError('--stdin cannot be combined with --staged or --diff');
  const maxFileSize = values['max-file-size'] === undefined ? DEFAULT_SETTINGS.maxFileSize : Number(values['max-file-size']);
  if (!Number.isFinite(maxFileSize) || maxFileSize <= 0) throw new UsageError('--max-file-size must be a positive number of bytes');
  const publicByDesign = values['public-by-design'];
  if (publicByDesign !== 'show' && publicByDesign !== 'hide') throw new UsageError(`--public-by-design must be show or hide, not "${publicByDesign}"`);
  if (values.bundles && (values.stdin || values.staged || values.diff !== undefined)) throw new UsageError('--bundles cannot be combined with --stdin, --staged or --diff');
  if (values.stdin && paths.length > 0) throw new UsageError('--stdin scans standard input; do not also name paths');
  if (values.filename !== undefined && !values.stdin) throw new UsageError('--filename only applies with --stdin');

  // parseArgs reads --no-baseline as `baseline: false`.
  const noBaseline = values['no-baseline'] || (values.baseline as unknown) === false;
  const baselineFile = path.resolve(io.cwd, typeof values.baseline === 'string' ? values.baseline : BASELINE_PATH);
  if (command === 'baseline' && (noBaseline || values.stdin || values.diff !== undefined)) throw new UsageError('baseline records whole files; --no-baseline, --stdin and --diff do not apply');
  if (command === 'scan' && typeof values.baseline === 'string' && !fs.existsSync(baselineFile)) throw new UsageError(`the baseline ${values.baseline} does not exist (create it with "secret-hygiene baseline")`);
  const writer = command === 'baseline' ? new BaselineWriter(baselineFile, io.cwd) : undefined;
  const baseline = noBaseline || writer ? undefined : loadBaselineMatcher(baselineFile);
  const accept = (file: string, text: string, found: Finding[]): Finding[] => {
    writer?.record(file, text, found);
    return baseline ? baseline.filter(text, found) : found;
  };

  const started = performance.now();
  const policy = loadPolicy(io, values.config);
  const ruleSet = policy.ruleSet;
  const summary: ScanSummary = { filesScanned: 0, filesSkipped: 0, errors: 0, durationMs: 0 };
  const findings: LocatedFinding[] = [];

  if (values.stdin) {
    const name = values.filename ?? 'stdin';
    const text = await io.readStdin();
    findings.push(...locateFindings(name, text, accept(name, text, scanText(text, name, ruleSet))));
    summary.filesScanned = 1;
  } else {
    const excluded = values.exclude.length > 0 ? picomatch(values.exclude, { dot: true }) : undefined;
    const context: ScanContext = { io, policy, ruleSet, maxFileSize, verbose: values.verbose, respectGitignore: values.gitignore, excluded, accept, policyExcluded: policy.exclude.length > 0 ? picomatch(policy.exclude, { dot: true }) : () => false };
    if (values.staged || values.diff !== undefined) {
      await scanGit({ ...context, staged: values.staged, base: values.diff, paths }, findings, summary);
    } else {
      const targets = paths.length > 0 ? paths : ['.'];
      context.scanned = new Set();
      if (!values.bundles) for (const target of targets) await scanPath(target, context, findings, summary);
      await scanBuildOutput(targets, context, findings, summary, values.bundles);
    }
  }

  summary.durationMs = performance.now() - started;
  if (writer) {
    if (summary.errors > 0) {
      io.stderr('secret-hygiene: the baseline was not written because some files could not be read\n');
      return 2;
    }
    const written = writer.write();
    io.stdout(`Baseline ${path.relative(io.cwd, writer.file) || writer.file}: ${written.entries} entr${written.entries === 1 ? 'y' : 'ies'} (${written.added} added, ${written.removed} removed; ${summary.filesScanned} files scanned).\n`);
    return 0;
  }
  // Public-by-design values are shown on request but never fail a scan.
  const reported = publicByDesign === 'show' ? findings : findings.filter((f) => !f.publicByDesign);
  if (values.format === 'json') io.stdout(formatJson(reported));
  else if (values.format === 'sarif') io.stdout(formatSarif(reported, { version: typeof PACKAGE_VERSION === 'string' ? PACKAGE_VERSION : '0.0.0' }));
  else io.stdout(formatText(reported, { color: values.color && io.isTty && !io.env.NO_COLOR, summary }));
  if (summary.errors > 0 || hasConfigErrors(policy)) return 2;
  return reported.some((f) => !f.publicByDesign) ? 1 : 0;
}

interface ScanContext {
  io: CliIo;
  policy: WorkspacePolicy;
  ruleSet: RuleSet;
  maxFileSize: number;
  verbose: boolean;
  respectGitignore: boolean;
  excluded?: (path: string) => boolean;
  projects?: ProjectIndex;
  /** Sees every scanned file's findings and returns those to report (the baseline drops known ones). */
  accept: (file: string, text: string, findings: Finding[]) => Finding[];
  /** Absolute paths the walk scanned, so the build-output pass does not report them twice. */
  scanned?: Set<string>;
  /** The repository config's excludes, relative to the policy root. */
  policyExcluded: (path: string) => boolean;
}

/** The repository's policy (root: the enclosing git work tree, else the working folder); its problems go to stderr. */
function loadPolicy(io: CliIo, configFile: string | undefined): WorkspacePolicy {
  const file = configFile === undefined ? undefined : path.resolve(io.cwd, configFile);
  if (file !== undefined && !fs.existsSync(file)) throw new UsageError(`--config: no such file ${configFile}`);
  const policy = loadWorkspacePolicy(policyRoot(io.cwd), loadBuiltinRules().rules, { configFile: file });
  for (const [source, problems] of policy.problems) {
    for (const problem of problems) io.stderr(`${displayPath(io.cwd, source)}:${problem.line}:${problem.column}: ${problem.severity}: ${problem.message}\n`);
  }
  return policy;
}

function hasConfigErrors(policy: WorkspacePolicy): boolean {
  return [...policy.problems.values()].some((list) => list.some((p) => p.severity === 'error'));
}

/** Scans one file's text with the policy: rule globs and .gitleaksignore see the path relative to the policy root. */
function scanWithPolicy(context: ScanContext, full: string, text: string): Finding[] {
  const relative = path.relative(context.policy.root, full).split(path.sep).join('/');
  const scanPath = relative.startsWith('..') || path.isAbsolute(relative) ? path.basename(full) : relative;
  return dropIgnored(context.policy, scanPath, text, scanText(text, scanPath, context.policy.ruleSet));
}

function isPolicyExcluded(context: ScanContext, full: string): boolean {
  const relative = path.relative(context.policy.root, full).split(path.sep).join('/');
  return !relative.startsWith('..') && context.policyExcluded(relative);
}

async function scanPath(target: string, context: ScanContext, findings: LocatedFinding[], summary: ScanSummary): Promise<void> {
  const { io } = context;
  const display = (file: string) => displayPath(io.cwd, file);
  const base = path.resolve(io.cwd, target);
  const walk = walkFiles(base, {
    respectGitignore: context.respectGitignore,
    isExcluded: (relative) => context.excluded?.(relative) === true || isPolicyExcluded(context, path.join(base, relative)),
  });
  for await (const entry of walk) {
    if (entry.kind === 'error') {
      summary.errors++;
      io.stderr(`secret-hygiene: cannot read ${display(entry.path)}: ${entry.message}\n`);
      continue;
    }
    const file = display(entry.path);
    const result = await readScannableFile(entry.path, context.maxFileSize);
    if (result.kind === 'error') {
      summary.errors++;
      io.stderr(`secret-hygiene: cannot read ${file}: ${result.message}\n`);
    } else if (result.kind === 'too-large') {
      summary.filesSkipped++;
      io.stderr(`secret-hygiene: skipped ${file}: ${formatBytes(result.size)} is over the ${formatBytes(context.maxFileSize)} limit (--max-file-size)\n`);
    } else if (result.kind === 'binary') {
      summary.filesSkipped++;
      if (context.verbose) io.stderr(`secret-hygiene: skipped ${file}: binary\n`);
    } else {
      summary.filesScanned++;
      context.scanned?.add(entry.path);
      findings.push(...locateFindings(file, result.text, context.accept(file, result.text, scanFile(entry.path, file, result.text, context))));
    }
  }
}

interface GitScanContext extends ScanContext {
  staged: boolean;
  base?: string;
  paths: string[];
}

/** --staged and --diff: the files git names, read from the index or the work tree, findings kept on added lines only with --diff. */
async function scanGit(context: GitScanContext, findings: LocatedFinding[], summary: ScanSummary): Promise<void> {
  const { io } = context;
  let root: string;
  let added: Map<string, LineRanges> | undefined;
  let files: string[];
  try {
    root = repositoryRoot(io.cwd);
    if (context.base !== undefined) added = addedLinesSince(root, mergeBase(root, context.base), context.staged);
    files = context.staged ? stagedFiles(root) : [...(added?.keys() ?? [])];
  } catch (error) {
    if (error instanceof GitError) throw new UsageError(error.message);
    throw error;
  }
  const targets = context.paths.map((target) => path.resolve(io.cwd, target));
  for (const file of files) {
    const full = path.join(root, file);
    if (targets.length > 0 && !targets.some((target) => full === target || full.startsWith(target + path.sep))) continue;
    if (context.excluded?.(file) || isPolicyExcluded(context, full)) continue;
    if (added && !added.has(file)) continue;
    const shown = displayPath(io.cwd, full);
    const read = context.staged ? readIndexed(root, file, context.maxFileSize) : await readScannableFile(full, context.maxFileSize);
    if (read.kind === 'error') {
      summary.errors++;
      io.stderr(`secret-hygiene: cannot read ${shown}: ${read.message}\n`);
    } else if (read.kind !== 'text') {
      summary.filesSkipped++;
      if (context.verbose || read.kind === 'too-large') io.stderr(`secret-hygiene: skipped ${shown}: ${read.kind}\n`);
    } else {
      summary.filesScanned++;
      const located = locateFindings(shown, read.text, context.accept(shown, read.text, scanFile(full, file, read.text, context)));
      findings.push(...(added ? located.filter((f) => touchesAddedLine(added!.get(file), f.line, f.endLine)) : located));
    }
  }
}

function readIndexed(root: string, file: string, maxSize: number): ReturnType<typeof classifyBytes> {
  try {
    const bytes = readStaged(root, file);
    return bytes.length > maxSize ? { kind: 'too-large', size: bytes.length } : classifyBytes(bytes);
  } catch (error) {
    return { kind: 'error', message: (error as Error).message };
  }
}

function displayPath(cwd: string, file: string): string {
  const relative = path.relative(cwd, file);
  return (relative.startsWith('..') || path.isAbsolute(relative) ? file : relative).split(path.sep).join('/');
}

/** Rule findings, plus client-bundle findings for .env files (public variables holding secrets). */
function scanFile(absolute: string, file: string, text: string, context: ScanContext): ReturnType<typeof scanText> {
  const findings = scanWithPolicy(context, absolute, text);
  context.projects ??= new ProjectIndex(context.ruleSet);
  if (isEnvFileName(file)) return mergeClientBundleFindings(findings, scanPublicEnv(text, file, context.projects.factsFor(absolute).policy, context.ruleSet));
  if (!SOURCE_FILE.test(file)) return findings;
  const withUses = mergeClientBundleFindings(findings, scanPublicEnvUses(text, context.projects.publicSecretsFor(absolute)));
  const client = context.projects.clientModuleFor(absolute);
  return client ? scanClientModule(text, file, withUses, client) : withUses;
}

/** Built client output: rule findings and .env secret values, in folders .gitignore usually hides. */
async function scanBuildOutput(targets: string[], context: ScanContext, findings: LocatedFinding[], summary: ScanSummary, commonFolders: boolean): Promise<void> {
  const options = { ruleSet: context.ruleSet, maxFileSize: context.maxFileSize, alreadyScanned: context.scanned, commonFolders, envFiles: !commonFolders, isExcluded: context.excluded };
  for await (const result of scanBundleTargets(targets.map((target) => path.resolve(context.io.cwd, target)), options)) {
    const shown = displayPath(context.io.cwd, result.file);
    if (result.kind === 'skipped') {
      if (result.read.kind === 'error') {
        summary.errors++;
        context.io.stderr(`secret-hygiene: cannot read ${shown}: ${result.read.message}\n`);
      } else {
        summary.filesSkipped++;
        if (context.verbose || result.read.kind === 'too-large') context.io.stderr(`secret-hygiene: skipped ${shown}: ${result.read.kind}\n`);
      }
      continue;
    }
    if (!context.scanned?.has(result.file)) summary.filesScanned++;
    findings.push(...locateFindings(shown, result.text, context.accept(shown, result.text, result.findings)));
  }
}

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

if (require.main === module) {
  const io: CliIo = {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    readStdin: async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      return new TextDecoder('utf-8').decode(Buffer.concat(chunks));
    },
    isTty: Boolean(process.stdout.isTTY),
    cwd: process.cwd(),
    env: process.env,
  };
  main(process.argv.slice(2), io).then((code) => {
    process.exitCode = code;
  });
}
