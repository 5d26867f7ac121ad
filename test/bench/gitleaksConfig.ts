// A team's `.gitleaks.toml` against the built-in rules (issue 15: within 2× of their time): the config's load
// time and rules loaded/refused, then CPU time of scanText over the same files with each rule set as a ratio:
// the first pass after loading (a CLI run), then later passes alternated (the editor). `--gitleaks-config FILE` measures another config (gitleaks' own default config, kept
// outside the repository); the default is test/fixtures/gitleaks-like.toml.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { scanText, type RuleSet } from '../../server/src/engine';
import { loadWorkspacePolicy } from '../../server/src/project/workspacePolicy';
import { builtinRuleSet } from '../support/rules';

const ROOT = path.resolve(__dirname, '..', '..', '..');
export const GITLEAKS_FIXTURE = path.join(ROOT, 'test', 'fixtures', 'gitleaks-like.toml');

/** Text files only, as the walker would scan them (size cap of the CLI's default). */
const TEXT = /\.(?:[cm]?[jt]sx?|json|md|markdown|ya?ml|txt|html?|css|map|d\.ts|flow|coffee|sh|py|rb|go|java|c|h|cc|toml|ini|env|xml|svg|lock)$/i;
const MAX_FILE = 2 * 1024 * 1024;

export interface GitleaksFigures {
  config: string;
  loadMs: number;
  loaded: number;
  refused: string[];
  files: number;
  megabytes: number;
  builtinCpuMs: number[];
  gitleaksCpuMs: number[];
  ratios: number[];
  findings: { builtin: number; gitleaks: number };
  /** The first pass of each rule set after loading it. */
  cold?: { builtinCpuMs: number; gitleaksCpuMs: number; ratio: number };
}

/** Every `stride`-th text file of `corpus` (sorted, so the sample is the same each run) up to `megabytes`. */
function sampleFiles(corpus: string, megabytes: number): Array<{ path: string; text: string }> {
  const all: Array<{ full: string; size: number }> = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile() && TEXT.test(entry.name)) {
        const size = fs.statSync(full).size;
        if (size > 0 && size <= MAX_FILE) all.push({ full, size });
      }
    }
  };
  walk(corpus);
  const total = all.reduce((sum, f) => sum + f.size, 0);
  const stride = Math.max(1, Math.floor(total / (megabytes * 1024 * 1024)));
  return all.filter((_, i) => i % stride === 0).map((f) => ({ path: path.relative(corpus, f.full).split(path.sep).join('/'), text: fs.readFileSync(f.full, 'utf8') }));
}

function cpuMs(files: Array<{ path: string; text: string }>, ruleSet: RuleSet): { ms: number; findings: number } {
  let findings = 0;
  const started = process.cpuUsage();
  for (const file of files) findings += scanText(file.text, file.path, ruleSet).length;
  const used = process.cpuUsage(started);
  return { ms: (used.user + used.system) / 1000, findings };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

export function benchGitleaksConfig(corpus: string, configFile = GITLEAKS_FIXTURE, options: { megabytes?: number; rounds?: number } = {}): GitleaksFigures {
  const builtin = builtinRuleSet();
  const started = performance.now();
  const policy = loadWorkspacePolicy(os.tmpdir(), builtin.rules, { configFile });
  const loadMs = performance.now() - started;
  const problems = [...policy.problems.values()].flat();
  const refused = problems.filter((p) => p.severity === 'error' || /skipped|disabled/.test(p.message)).map((p) => `line ${p.line}: ${p.message}`);
  const files = sampleFiles(corpus, options.megabytes ?? 16);
  const megabytes = files.reduce((sum, f) => sum + f.text.length, 0) / 1024 / 1024;
  const figures: GitleaksFigures = { config: configFile, loadMs, loaded: policy.ruleSet.rules.length, refused, files: files.length, megabytes, builtinCpuMs: [], gitleaksCpuMs: [], ratios: [], findings: { builtin: 0, gitleaks: 0 } };
  // Cold: as one CLI run, right after loading (imported patterns compile on first use, and RE2 builds its
  // matcher's states as the text asks for them). Warm: the editor's steady state, the same rule objects again.
  const cold = { builtin: cpuMs(files, builtin).ms, gitleaks: cpuMs(files, policy.ruleSet).ms };
  figures.cold = { builtinCpuMs: cold.builtin, gitleaksCpuMs: cold.gitleaks, ratio: cold.gitleaks / cold.builtin };
  for (let round = 0; round < (options.rounds ?? 3); round++) {
    // Alternate which goes first, so drift on a shared machine hits both alike.
    const order = round % 2 === 0 ? ['builtin', 'gitleaks'] : ['gitleaks', 'builtin'];
    const times: Record<string, number> = {};
    for (const which of order) {
      const run = cpuMs(files, which === 'builtin' ? builtin : policy.ruleSet);
      times[which] = run.ms;
      figures.findings[which as 'builtin' | 'gitleaks'] = run.findings;
    }
    figures.builtinCpuMs.push(times.builtin);
    figures.gitleaksCpuMs.push(times.gitleaks);
    figures.ratios.push(times.gitleaks / times.builtin);
  }
  return figures;
}

export function printGitleaksFigures(f: GitleaksFigures): void {
  console.log(`gitleaks config ${path.relative(process.cwd(), f.config) || f.config}: loaded in ${f.loadMs.toFixed(0)} ms, ${f.loaded} rules loaded, ${f.refused.length} refused${f.refused.length ? `:\n  ${f.refused.join('\n  ')}` : ''}`);
  if (f.cold) console.log(`  ${f.files} files, ${f.megabytes.toFixed(1)} MB, first pass after loading: built-in rules ${f.cold.builtinCpuMs.toFixed(0)} ms CPU, gitleaks config ${f.cold.gitleaksCpuMs.toFixed(0)} ms CPU; ratio ${f.cold.ratio.toFixed(2)}× (target ≤ 2)`);
  console.log(`  warm (later passes, the editor's steady state): built-in rules ${median(f.builtinCpuMs).toFixed(0)} ms CPU, gitleaks config ${median(f.gitleaksCpuMs).toFixed(0)} ms CPU; ratio ${median(f.ratios).toFixed(2)}× (rounds ${f.ratios.map((r) => r.toFixed(2)).join(', ')}; target ≤ 2); findings ${f.findings.builtin} / ${f.findings.gitleaks}`);
}

// `node out/test/bench/gitleaksConfig.js --corpus DIR [--gitleaks-config FILE] [--mb N] [--rounds N]`: this part alone.
if (require.main === module) {
  const argv = process.argv.slice(2);
  const option = (name: string) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : undefined);
  const corpus = option('--corpus');
  if (!corpus) throw new Error('--corpus DIR is required (npm run bench picks its cached corpus)');
  const config = option('--gitleaks-config');
  printGitleaksFigures(benchGitleaksConfig(path.resolve(corpus), config ? path.resolve(config) : undefined, { megabytes: Number(option('--mb') ?? 16), rounds: Number(option('--rounds') ?? 3) }));
}
