// `npm run eval:corpus -- [FILE] [--misses OUT] [--use-filenames] [--cli dist/cli.js]`: scores the CLI on a
// labelled corpus nobody here wrote (JSONL; by default ../shared/corpus/peers.jsonl next to the repository).
// Each case becomes one file in a temporary folder, the folder is scanned once with `scan --format json`,
// and findings are mapped back to their case. Prints recall, fair recall and false-positive rates per source.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { builtinRulesDir } from '../../server/src/project/ruleFiles';
import { formatScores, judgeCase, missLines, parseCorpus, scoreOutcomes, type CorpusCase, type ScoredFinding } from './corpusScore';

const DEFAULT_CORPUS = path.join('shared', 'corpus', 'peers.jsonl');

/** `shared/corpus/peers.jsonl` in the repository's parent folder or one of its ancestors (worktrees nest). */
function defaultCorpus(repoRoot: string): string | undefined {
  for (let dir = path.dirname(repoRoot); ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, DEFAULT_CORPUS);
    if (fs.existsSync(candidate)) return candidate;
    if (path.dirname(dir) === dir) return undefined;
  }
}

function option(argv: string[], name: string): string | undefined {
  const at = argv.indexOf(name);
  return at >= 0 ? argv[at + 1] : undefined;
}

/** A file name for the case: its own base name (when asked and safe) or case.txt. */
function fileNameFor(c: CorpusCase, useFilenames: boolean): string {
  const own = c.filename ? path.basename(c.filename) : '';
  return useFilenames && own && own !== '.' && own !== '..' ? own : 'case.txt';
}

function main(): number {
  const argv = process.argv.slice(2);
  const repoRoot = path.dirname(builtinRulesDir(__dirname));
  const valued = new Set(['--misses', '--cli']);
  const positional = argv.filter((arg, i) => !arg.startsWith('--') && !valued.has(argv[i - 1]));
  const corpusFile = positional[0] ? path.resolve(positional[0]) : defaultCorpus(repoRoot);
  if (!corpusFile || !fs.existsSync(corpusFile)) {
    console.error(`no corpus file${positional[0] ? ` at ${corpusFile}` : ` (looked for ../${DEFAULT_CORPUS} above ${repoRoot})`}: pass one, e.g. npm run eval:corpus -- cases.jsonl`);
    return 2;
  }
  const cli = path.resolve(option(argv, '--cli') ?? path.join(repoRoot, 'dist', 'cli.js'));
  if (!fs.existsSync(cli)) {
    console.error(`no CLI at ${cli}: run npm run build first`);
    return 2;
  }
  let cases: CorpusCase[];
  try {
    cases = parseCorpus(fs.readFileSync(corpusFile, 'utf8'));
  } catch (error) {
    console.error(`${corpusFile}: ${(error as Error).message}`);
    return 2;
  }

  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'sh-eval-corpus-')));
  try {
    const caseByFile = new Map<string, CorpusCase>();
    cases.forEach((c, index) => {
      const dir = path.join(root, String(index));
      fs.mkdirSync(dir);
      const file = path.join(dir, fileNameFor(c, argv.includes('--use-filenames')));
      fs.writeFileSync(file, c.text);
      caseByFile.set(file, c);
    });
    const started = performance.now();
    const run = spawnSync(process.execPath, [cli, 'scan', '--format', 'json', '--no-gitignore', root], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 30 });
    const seconds = (performance.now() - started) / 1000;
    let located: Array<ScoredFinding & { file: string }>;
    try {
      located = JSON.parse(run.stdout || '[]');
    } catch {
      console.error(`the CLI's output is not JSON (exit ${run.status}): ${(run.stderr ?? '').slice(0, 300)}`);
      return 2;
    }
    const findingsByCase = new Map<string, ScoredFinding[]>();
    for (const finding of located) {
      const c = caseByFile.get(path.resolve(root, finding.file));
      if (!c) continue;
      const list = findingsByCase.get(c.id) ?? [];
      list.push({ ruleId: finding.ruleId, start: finding.start, end: finding.end });
      findingsByCase.set(c.id, list);
    }
    const outcomes = cases.map((c) => judgeCase(c, findingsByCase.get(c.id) ?? []));
    console.log(`${path.basename(corpusFile)}: ${cases.length} cases, ${located.length} findings, scan ${seconds.toFixed(2)} s (CLI exit ${run.status})`);
    console.log(formatScores(scoreOutcomes(outcomes)));
    console.log('fair: positives not tagged `artifact`; FPR expl.: negatives without `negative_kind` that hold no other case\'s positive');
    const missesFile = option(argv, '--misses');
    if (missesFile) {
      fs.writeFileSync(missesFile, `${missLines(outcomes).join('\n')}\n`);
      console.log(`misses and false positives: ${missesFile}`);
    }
    return run.status === 0 || run.status === 1 ? 0 : 2;
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

process.exitCode = main();
