// The command-line face of the engine: argv in, a report on stdout, notes on stderr, an exit code out.
// Exit codes: 0 nothing found, 1 secrets found, 2 usage or I/O error.
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import picomatch from 'picomatch';
import { scanText, type RuleSet } from './engine';
import { readScannableFile, walkFiles } from './project/fileWalker';
import { loadBuiltinRules } from './project/ruleFiles';
import { format as formatJson } from './report/json';
import { locateFindings, type LocatedFinding, type ScanSummary } from './report/locate';
import { format as formatText } from './report/text';
import { DEFAULT_SETTINGS } from './settings';

declare const PACKAGE_VERSION: string | undefined;

const USAGE = `Usage: secret-hygiene scan [options] [paths...]

Scans files and folders (default: the current folder) for hardcoded secrets.
Folders are walked recursively; .gitignore is respected; binary files and files
over the size limit are skipped and counted.

Options:
  --format <text|json>     Output format (default: text)
  --stdin                  Scan standard input instead of files
  --filename <name>        The file name standard input stands for (default: stdin)
  --exclude <glob>         Skip matching paths (relative to each scanned folder); repeatable
  --max-file-size <bytes>  Skip larger files (default: ${DEFAULT_SETTINGS.maxFileSize})
  --no-gitignore           Also scan files that .gitignore excludes
  --public-by-design <show|hide>
                           Values meant to be public (Stripe pk_, Firebase web config…):
                           listed as information, never failing the scan (default: hide)
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
      stdin: { type: 'boolean', default: false },
      filename: { type: 'string' },
      exclude: { type: 'string', multiple: true, default: [] },
      'max-file-size': { type: 'string' },
      gitignore: { type: 'boolean', default: true },
      'public-by-design': { type: 'string', default: 'hide' },
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
  if (command !== 'scan') throw new UsageError(command ? `unknown command "${command}"` : 'missing command');
  if (values.format !== 'text' && values.format !== 'json') throw new UsageError(`--format must be text or json, not "${values.format}"`);
  const maxFileSize = values['max-file-size'] === undefined ? DEFAULT_SETTINGS.maxFileSize : Number(values['max-file-size']);
  if (!Number.isFinite(maxFileSize) || maxFileSize <= 0) throw new UsageError('--max-file-size must be a positive number of bytes');
  const publicByDesign = values['public-by-design'];
  if (publicByDesign !== 'show' && publicByDesign !== 'hide') throw new UsageError(`--public-by-design must be show or hide, not "${publicByDesign}"`);
  if (values.stdin && paths.length > 0) throw new UsageError('--stdin scans standard input; do not also name paths');
  if (values.filename !== undefined && !values.stdin) throw new UsageError('--filename only applies with --stdin');

  const started = performance.now();
  const ruleSet = loadBuiltinRules();
  const summary: ScanSummary = { filesScanned: 0, filesSkipped: 0, errors: 0, durationMs: 0 };
  const findings: LocatedFinding[] = [];

  if (values.stdin) {
    const name = values.filename ?? 'stdin';
    const text = await io.readStdin();
    findings.push(...locateFindings(name, text, scanText(text, name, ruleSet)));
    summary.filesScanned = 1;
  } else {
    const excluded = values.exclude.length > 0 ? picomatch(values.exclude, { dot: true }) : undefined;
    for (const target of paths.length > 0 ? paths : ['.']) {
      await scanPath(target, { io, ruleSet, maxFileSize, verbose: values.verbose, respectGitignore: values.gitignore, excluded }, findings, summary);
    }
  }

  summary.durationMs = performance.now() - started;
  // Public-by-design values are shown on request but never fail a scan.
  const reported = publicByDesign === 'show' ? findings : findings.filter((f) => !f.publicByDesign);
  if (values.format === 'json') io.stdout(formatJson(reported));
  else io.stdout(formatText(reported, { color: values.color && io.isTty && !io.env.NO_COLOR, summary }));
  if (summary.errors > 0) return 2;
  return reported.some((f) => !f.publicByDesign) ? 1 : 0;
}

interface ScanContext {
  io: CliIo;
  ruleSet: RuleSet;
  maxFileSize: number;
  verbose: boolean;
  respectGitignore: boolean;
  excluded?: (path: string) => boolean;
}

async function scanPath(target: string, context: ScanContext, findings: LocatedFinding[], summary: ScanSummary): Promise<void> {
  const { io } = context;
  const display = (file: string) => {
    const relative = path.relative(io.cwd, file);
    return (relative.startsWith('..') || path.isAbsolute(relative) ? file : relative).split(path.sep).join('/');
  };
  const walk = walkFiles(path.resolve(io.cwd, target), {
    respectGitignore: context.respectGitignore,
    isExcluded: context.excluded ? (relative) => context.excluded!(relative) : undefined,
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
      findings.push(...locateFindings(file, result.text, scanText(result.text, file, context.ruleSet)));
    }
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
