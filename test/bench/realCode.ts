// CLI throughput on real code: a fixed set of popular npm packages (installed once into a cached folder
// outside the repository; network at bench time only, never in `npm test`), scanned side by side in one
// run by our CLI, secretlint with its recommended preset, and ripgrep searching our keyword list (the
// floor for any keyword-driven scanner). Runs rotate A B C, B C A, … so drift hits all alike.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { builtinRuleSet } from '../support/rules';

/** Popular packages and their dependencies (about 100 MB of JavaScript, TypeScript, JSON and docs). */
export const BENCH_PACKAGES = ['lodash', 'express', 'axios', 'webpack', 'eslint', 'prettier', '@babel/core', 'rxjs', 'moment', 'react', 'react-dom', 'vue', 'stripe', 'openai', 'jest'];

const ROOT = path.resolve(__dirname, '..', '..', '..');
const CLI = path.join(ROOT, 'dist', 'cli.js');

/** The corpus folder: `--corpus DIR`, else the cached install (installed on first use). */
export function benchCorpus(argv: string[]): string {
  const at = argv.indexOf('--corpus');
  if (at >= 0) return path.resolve(argv[at + 1]);
  const key = createHash('sha256').update(BENCH_PACKAGES.join(' ')).digest('hex').slice(0, 12);
  const dir = path.join(os.tmpdir(), `secret-hygiene-bench-${key}`);
  if (!fs.existsSync(path.join(dir, 'node_modules'))) {
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'package.json'), '{ "name": "sh-bench-corpus", "private": true }\n');
    console.log(`installing ${BENCH_PACKAGES.length} packages into ${dir} (once) …`);
    const install = spawnSync('npm', ['install', '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=error', ...BENCH_PACKAGES], { cwd: dir, stdio: 'inherit' });
    if (install.status !== 0) throw new Error('npm install failed');
  }
  return path.join(dir, 'node_modules');
}

function corpusBytes(dir: string): { files: number; bytes: number } {
  let files = 0;
  let bytes = 0;
  const walk = (folder: string) => {
    for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile()) {
        files++;
        bytes += fs.statSync(full).size;
      }
    }
  };
  walk(dir);
  return { files, bytes };
}

interface Contender {
  name: string;
  command: string;
  args: string[];
  cwd: string;
}

function hasRipgrep(): boolean {
  return spawnSync('rg', ['--version'], { encoding: 'utf8' }).status === 0;
}

function contenders(corpus: string, work: string): Contender[] {
  const list: Contender[] = [{ name: 'secret-hygiene scan --format json', command: process.execPath, args: [CLI, 'scan', '--format', 'json', '--no-gitignore', corpus], cwd: work }];
  const secretlint = path.join(ROOT, 'node_modules', 'secretlint', 'bin', 'secretlint.js');
  if (fs.existsSync(secretlint)) {
    const config = path.join(work, '.secretlintrc.json');
    fs.writeFileSync(config, JSON.stringify({ rules: [{ id: '@secretlint/secretlint-rule-preset-recommend' }] }));
    // secretlint leaves node_modules out of globs by default; an empty ignore file scans the same tree.
    fs.writeFileSync(path.join(work, '.secretlintignore'), '');
    list.push({ name: 'secretlint + preset-recommend', command: process.execPath, args: [secretlint, '--secretlintrc', config, '--secretlintignore', path.join(work, '.secretlintignore'), '--format', 'json', '--no-color', `${corpus}/**/*`], cwd: ROOT });
  }
  if (hasRipgrep()) {
    const keywords = path.join(work, 'keywords.txt');
    fs.writeFileSync(keywords, [...new Set(builtinRuleSet().rules.flatMap((rule) => rule.keywords))].join('\n') + '\n');
    list.push({ name: 'rg -c -i -F -f <our keywords> -uu', command: 'rg', args: ['-c', '-i', '-F', '-uu', '-f', keywords, corpus], cwd: work });
  }
  return list;
}

function timeOnce(contender: Contender): number {
  const started = process.hrtime.bigint();
  const result = spawnSync(contender.command, contender.args, { cwd: contender.cwd, encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (result.error) throw result.error;
  if (result.status === 2 && contender.command === process.execPath && contender.args[0] === CLI) throw new Error(`our CLI failed: ${result.stderr.slice(0, 500)}`);
  return seconds;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

export interface RealCodeFigures {
  corpus: string;
  files: number;
  megabytes: number;
  rows: Array<{ name: string; seconds: number[]; medianSeconds: number; mbPerSecond: number; oursOverThis?: number[] }>;
}

/** Times every contender `rounds` times, rotating the order each round; ratios are per round (paired). */
export function benchRealCode(corpus: string, rounds: number): RealCodeFigures {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'sh-bench-'));
  const list = contenders(corpus, work);
  const { files, bytes } = corpusBytes(corpus);
  const megabytes = bytes / 1024 / 1024;
  const seconds = list.map(() => [] as number[]);
  timeOnce(list[0]); // warm the page cache
  for (let round = 0; round < rounds; round++) {
    for (let k = 0; k < list.length; k++) {
      const index = (round + k) % list.length;
      seconds[index].push(timeOnce(list[index]));
    }
  }
  fs.rmSync(work, { recursive: true, force: true });
  return {
    corpus,
    files,
    megabytes,
    rows: list.map((contender, i) => ({
      name: contender.name,
      seconds: seconds[i],
      medianSeconds: median(seconds[i]),
      mbPerSecond: megabytes / median(seconds[i]),
      ...(i === 0 ? {} : { oursOverThis: seconds[i].map((s, round) => s / seconds[0][round]) }),
    })),
  };
}
