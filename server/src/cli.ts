// The command-line face of the engine: argv in, a report on stdout, notes on stderr, an exit code out.
// Exit codes: 0 nothing found, 1 secrets found, 2 usage or I/O error.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { compileGlobs } from './engine/glob';
import { scanText, type Finding } from './engine';
import { BASELINE_PATH, BaselineWriter, legacyBaselineWarning, loadBaselineMatcher } from './project/baseline';
import type { WorkspacePolicy } from './project/workspacePolicy';
import { format as formatJson } from './report/json';
import { format as formatGitlab } from './report/gitlab';
import { format as formatJunit } from './report/junit';
import { format as formatSarif } from './report/sarif';
import { failsScan, locateFindings, type LocatedFinding } from './report/locate';
import { format as formatText } from './report/text';
import { FileScanner, displayPath } from './scan/fileScan';
import { exposureFindings } from './scan/exposure';
import { scanHistoryOf } from './scan/history';
import { scanBuildOutput, scanGit, scanPath, UsageError, type ScanContext, type ScanResult } from './scan/pipeline';
import { loadScanPolicy } from './scan/workerProtocol';
import { DEFAULT_SETTINGS } from './settings';

export { UsageError };

declare const PACKAGE_VERSION: string | undefined;

const FORMATS = ['text', 'json', 'sarif', 'junit', 'gitlab'];

const USAGE = `Usage: secret-hygiene scan [options] [paths...]
       secret-hygiene baseline [options] [paths...]

Scans files and folders (default: the current folder) for hardcoded secrets.
Folders are walked recursively; .gitignore is respected; binary files and files
over the size limit are skipped and counted.

"baseline" records the current findings in .secret-hygiene/baseline.json (salted
hashes, never values); later scans leave them out. Re-running it replaces the
entries of the files it scans and keeps those of other files that still exist.

Options:
  --format <text|json|sarif|junit|gitlab>
                           Output format (default: text); sarif is SARIF 2.1.0 for code scanning,
                           junit is JUnit XML for CI test tabs, gitlab is GitLab's secret-detection
                           report (commit from CI_COMMIT_SHA)
  --staged                 Scan the git index (what the next commit holds), for pre-commit hooks
  --diff <base>            Report only secrets on lines added since the merge base of <base> and HEAD
                           (with --staged: in the index; else: in the work tree), for pull requests
  --history                Scan every commit of the repository (all branches and tags) for secrets
                           ever added, even if later removed: each one once, at the commit that
                           first added it, saying whether that commit was pushed (rotate now)
  --exposure               For each secret found, search the repository's git history: since when
                           it is committed and whether that commit was pushed (a hygiene finding,
                           "rotate now" when pushed); streams the whole history once
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
  --hygiene-notes <show|hide>
                           Key-hygiene notes at information level (least privilege: a
                           narrower key would do): listed, never failing the scan (default: hide).
                           Hygiene problems (keys shared between environments, over plain
                           HTTP, in logs…) are always reported, with category "hygiene"
  --baseline <file>        Baseline to use or write (default: .secret-hygiene/baseline.json,
                           used by scan when present)
  --no-baseline            Report every finding, even baselined ones
  --jobs <n>               Scan large trees on n threads (default: all cores); 1 scans in-process
  --verbose                List every skipped file on stderr
  --no-color               Plain text output (also when NO_COLOR is set or stdout is not a terminal)
  -h, --help               Show this help
  --version                Show the version

Exit codes: 0 no secrets found, 1 secrets found, 2 usage or I/O error.
`;

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
      history: { type: 'boolean', default: false },
      exposure: { type: 'boolean', default: false },
      config: { type: 'string' },
      stdin: { type: 'boolean', default: false },
      filename: { type: 'string' },
      exclude: { type: 'string', multiple: true, default: [] },
      'max-file-size': { type: 'string' },
      gitignore: { type: 'boolean', default: true },
      'public-by-design': { type: 'string', default: 'hide' },
      'hygiene-notes': { type: 'string', default: 'hide' },
      baseline: { type: 'string' },
      'no-baseline': { type: 'boolean', default: false },
      verbose: { type: 'boolean', default: false },
      jobs: { type: 'string' },
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
  if (!FORMATS.includes(values.format)) throw new UsageError(`--format must be text, json, sarif, junit or gitlab, not "${values.format}"`);
  if (values.stdin && (values.staged || values.diff !== undefined)) throw new UsageError('--stdin cannot be combined with --staged or --diff');
  const maxFileSize = values['max-file-size'] === undefined ? DEFAULT_SETTINGS.maxFileSize : Number(values['max-file-size']);
  if (!Number.isFinite(maxFileSize) || maxFileSize <= 0) throw new UsageError('--max-file-size must be a positive number of bytes');
  const publicByDesign = values['public-by-design'];
  if (publicByDesign !== 'show' && publicByDesign !== 'hide') throw new UsageError(`--public-by-design must be show or hide, not "${publicByDesign}"`);
  const hygieneNotes = values['hygiene-notes'];
  if (hygieneNotes !== 'show' && hygieneNotes !== 'hide') throw new UsageError(`--hygiene-notes must be show or hide, not "${hygieneNotes}"`);
  if (values.bundles && (values.stdin || values.staged || values.diff !== undefined)) throw new UsageError('--bundles cannot be combined with --stdin, --staged or --diff');
  if (values.history && (values.stdin || values.staged || values.diff !== undefined || values.bundles || command === 'baseline')) throw new UsageError('--history scans commits; it cannot be combined with --stdin, --staged, --diff, --bundles or baseline');
  if (values.exposure && (values.stdin || values.history || command === 'baseline')) throw new UsageError('--exposure looks up files in git history; it cannot be combined with --stdin, --history or baseline');
  if (values.stdin && paths.length > 0) throw new UsageError('--stdin scans standard input; do not also name paths');
  if (values.filename !== undefined && !values.stdin) throw new UsageError('--filename only applies with --stdin');
  const jobs = values.jobs === undefined ? os.availableParallelism() : Number(values.jobs);
  if (!Number.isInteger(jobs) || jobs < 1) throw new UsageError('--jobs must be a whole number of threads, at least 1');

  // parseArgs reads --no-baseline as `baseline: false`.
  const noBaseline = values['no-baseline'] || (values.baseline as unknown) === false;
  const baselineFile = path.resolve(io.cwd, typeof values.baseline === 'string' ? values.baseline : BASELINE_PATH);
  if (command === 'baseline' && (noBaseline || values.stdin || values.diff !== undefined)) throw new UsageError('baseline records whole files; --no-baseline, --stdin and --diff do not apply');
  if (command === 'scan' && typeof values.baseline === 'string' && !fs.existsSync(baselineFile)) throw new UsageError(`the baseline ${values.baseline} does not exist (create it with "secret-hygiene baseline")`);
  const writer = command === 'baseline' ? new BaselineWriter(baselineFile, io.cwd) : undefined;
  const baseline = noBaseline || writer ? undefined : loadBaselineMatcher(baselineFile);
  if (baseline?.baseline.version === 1) io.stderr(`secret-hygiene: ${legacyBaselineWarning(path.relative(io.cwd, baselineFile) || baselineFile)}\n`);
  const accept = (file: string, text: string, found: Finding[]): Finding[] => {
    writer?.record(file, text, found);
    return baseline ? baseline.filter(text, found) : found;
  };

  const started = performance.now();
  const startedAt = new Date();
  const policy = loadPolicy(io, values.config);
  const ruleSet = policy.ruleSet;
  const result: ScanResult = { findings: [], summary: { filesScanned: 0, filesSkipped: 0, errors: 0, durationMs: 0 } };
  const { findings, summary } = result;

  if (values.stdin) {
    const name = values.filename ?? 'stdin';
    const text = await io.readStdin();
    findings.push(...locateFindings(name, text, accept(name, text, scanText(text, name, ruleSet))));
    summary.filesScanned = 1;
  } else {
    const excluded =
      values.exclude.length > 0
        ? compileGlobs(values.exclude, {}, (index, reason) => {
            throw new UsageError(`--exclude #${index + 1}: ${reason}`);
          })
        : undefined;
    const context: ScanContext = {
      stderr: io.stderr,
      cwd: io.cwd,
      scanner: new FileScanner(policy, io.cwd, maxFileSize, accept),
      maxFileSize,
      verbose: values.verbose,
      respectGitignore: values.gitignore,
      excluded,
      accept,
      policyExcluded: policy.exclude.length > 0 ? compileGlobs(policy.exclude) : () => false,
      // Workers cannot share the baseline writer: "baseline" scans in-process.
      jobs: writer ? 1 : jobs,
      workerSetup: { cwd: io.cwd, configFile: values.config === undefined ? undefined : path.resolve(io.cwd, values.config), maxFileSize, baselineFile: baseline ? baselineFile : undefined },
    };
    if (values.history) {
      await scanHistoryOf(paths, context, result);
    } else if (values.staged || values.diff !== undefined) {
      await scanGit({ staged: values.staged, base: values.diff, paths }, context, result);
    } else {
      const targets = paths.length > 0 ? paths : ['.'];
      context.scanned = new Set();
      if (!values.bundles) for (const target of targets) await scanPath(target, context, result);
      await scanBuildOutput(targets, context, result, values.bundles);
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
  if (values.exposure) {
    // Each exposure note follows the finding it is about.
    const notes = await exposureFindings(findings, { cwd: io.cwd, maxFileSize, stderr: io.stderr });
    const at = (f: LocatedFinding) => `${f.file}\0${f.start}\0${f.end}`;
    const byPlace = new Map(notes.map((note) => [at(note), note]));
    findings.splice(0, findings.length, ...findings.flatMap((f) => (f.category !== 'hygiene' && byPlace.has(at(f)) ? [f, byPlace.get(at(f))!] : [f])));
  }
  // Public-by-design values are shown on request but never fail a scan.
  const reported = findings.filter((f) => (publicByDesign === 'show' || !f.publicByDesign) && (hygieneNotes === 'show' || !isNote(f)));
  const version = typeof PACKAGE_VERSION === 'string' ? PACKAGE_VERSION : '0.0.0';
  if (values.format === 'json') io.stdout(formatJson(reported));
  else if (values.format === 'sarif') io.stdout(formatSarif(reported, { version }));
  else if (values.format === 'junit') io.stdout(formatJunit(reported, { summary, startedAt }));
  else if (values.format === 'gitlab') io.stdout(formatGitlab(reported, { version, summary, startedAt, endedAt: new Date(), commitSha: io.env.CI_COMMIT_SHA }));
  else io.stdout(formatText(reported, { color: values.color && io.isTty && !io.env.NO_COLOR, summary }));
  if (summary.errors > 0 || hasConfigErrors(policy)) return 2;
  return reported.some(failsScan) ? 1 : 0;
}

/** A hygiene finding at information level or below: advice, not a problem. */
function isNote(finding: Pick<Finding, 'category' | 'severity'>): boolean {
  return finding.category === 'hygiene' && (finding.severity === 'information' || finding.severity === 'hint');
}

/** The repository's policy (root: the enclosing git work tree, else the working folder); its problems go to stderr. */
function loadPolicy(io: CliIo, configFile: string | undefined): WorkspacePolicy {
  if (configFile !== undefined && !fs.existsSync(path.resolve(io.cwd, configFile))) throw new UsageError(`--config: no such file ${configFile}`);
  const policy = loadScanPolicy(io.cwd, configFile);
  for (const [source, problems] of policy.problems) {
    for (const problem of problems) io.stderr(`${displayPath(io.cwd, source)}:${problem.line}:${problem.column}: ${problem.severity}: ${problem.message}\n`);
  }
  return policy;
}

function hasConfigErrors(policy: WorkspacePolicy): boolean {
  return [...policy.problems.values()].some((list) => list.some((p) => p.severity === 'error'));
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
