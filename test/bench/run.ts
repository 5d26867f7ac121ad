// `npm run bench`: performance targets as ratios, not timed tests.
//  1. scanner cost per keystroke on a 10,000-line file ÷ on a 100-line file, same findings (target ≈ 1)
//  2. the whole per-keystroke path of the server (TextDocument.update + scanner) on 10,000 lines, in µs
//  3. full-scan throughput on ordinary code, in MB/s
//  4. full scan with every rule ÷ with a tenth of the rules (the prefilter keeps this far below 10)
//  5. real code (test/bench/realCode.ts): our CLI, secretlint and ripgrep side by side, MB/s and ratios
//  6. the editor through the real transport (test/bench/editor.ts): keystroke latency, cold start,
//     didOpen of 50,000 lines, memory after a workspace scan; sizes of dist/ and the .vsix
//  7. a .gitleaks.toml's rules ÷ the built-in rules, CPU time on a sample of the corpus (test/bench/gitleaksConfig.ts;
//     target ≤ 2), with its load time and rules loaded/refused
// Options: --corpus DIR (a node_modules folder to use instead of the cached install), --rounds N (3),
// --edits N (200), --no-real, --no-editor, --no-gitleaks, --gitleaks-config FILE (default: the test fixture).
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { buildRuleSet, IncrementalScanner, scanText } from '../../server/src/engine';
import { builtinRuleSet, secret } from '../support/rules';
import { benchClientBundle } from './clientBundle';
import { benchEditor } from './editor';
import { benchGitleaksConfig, printGitleaksFigures } from './gitleaksConfig';
import { benchCorpus, benchRealCode } from './realCode';
import { printSummary } from './summary';

const ruleSet = builtinRuleSet();

/** Ordinary code with `keys` hardcoded keys spread through it. */
function codeFile(lines: number, keys: number): string {
  const every = Math.max(1, Math.floor(lines / keys));
  const out: string[] = [];
  for (let i = 0; i < lines; i++) {
    out.push(i % every === every - 1 ? `const apiKey${i} = "${secret('sk-proj-{alnum:60}', String(i))}";` : `export function handler${i}(request, response) { return response.json({ id: ${i}, name: "item-${i}" }); }`);
  }
  return out.join('\n');
}

/** Forces V8 to give us a flat string, so flattening the editor's edited text is not timed as ours. */
const flat = (text: string) => Buffer.from(text, 'utf16le').toString('utf16le');

function scannerMicros(lines: number, keys: number, keystrokes = 1000): number {
  let text = codeFile(lines, keys);
  const scanner = new IncrementalScanner(ruleSet, 'bench.ts');
  scanner.update(text);
  const at = text.indexOf('\n', Math.floor(text.length / 2)) + 1;
  let total = 0n;
  for (let i = 0; i < keystrokes; i++) {
    const offset = at + (i % 40);
    text = flat(text.slice(0, offset) + 'a' + text.slice(offset));
    const started = process.hrtime.bigint();
    scanner.applyEdit({ start: offset, end: offset, insertedLength: 1 });
    scanner.update(text);
    total += process.hrtime.bigint() - started;
  }
  return Number(total) / 1000 / keystrokes;
}

function serverPathMicros(lines: number, keystrokes = 1000): number {
  let document = TextDocument.create('file:///bench.ts', 'typescript', 1, codeFile(lines, 2));
  const scanner = new IncrementalScanner(ruleSet, 'bench.ts');
  scanner.update(document.getText());
  const line = Math.floor(lines / 2);
  const started = process.hrtime.bigint();
  for (let i = 0; i < keystrokes; i++) {
    const range = { start: { line, character: i % 40 }, end: { line, character: i % 40 } };
    scanner.applyEdit({ start: document.offsetAt(range.start), end: document.offsetAt(range.end), insertedLength: 1 });
    document = TextDocument.update(document, [{ range, text: 'a' }], i + 2);
    scanner.update(document.getText());
  }
  return Number(process.hrtime.bigint() - started) / 1000 / keystrokes;
}

function fullScanMs(text: string, rules = ruleSet, runs = 5): number {
  let best = Infinity;
  for (let r = 0; r < runs; r++) {
    const started = process.hrtime.bigint();
    scanText(text, 'bench.ts', rules);
    best = Math.min(best, Number(process.hrtime.bigint() - started) / 1e6);
  }
  return best;
}

scannerMicros(100, 2, 300); // warm up the JIT
const small = scannerMicros(100, 2);
const large = scannerMicros(10000, 2);
console.log(`scanner per keystroke: ${small.toFixed(1)} µs on 100 lines, ${large.toFixed(1)} µs on 10,000 lines; ratio ${(large / small).toFixed(2)} (target ≈ 1)`);
console.log(`  with a key every 50 lines (200 findings to republish): ${scannerMicros(10000, 200).toFixed(1)} µs`);
console.log(`server path per keystroke (TextDocument.update + scanner), 10,000 lines: ${serverPathMicros(10000).toFixed(1)} µs; 100 lines: ${serverPathMicros(100).toFixed(1)} µs`);

const big = codeFile(40000, 100);
const ms = fullScanMs(big);
console.log(`full scan: ${(big.length / 1e6).toFixed(1)} MB in ${ms.toFixed(1)} ms = ${(big.length / 1e6 / (ms / 1000)).toFixed(0)} MB/s with ${ruleSet.rules.length} rules`);

const tenth = buildRuleSet(ruleSet.rules.filter((_, i) => i % 10 === 0));
const ratio = ms / fullScanMs(big, tenth);
console.log(`rule scaling: ${ruleSet.rules.length} rules ÷ ${tenth.rules.length} rules = ${ratio.toFixed(2)}× the time (without the prefilter it would approach ${(ruleSet.rules.length / tenth.rules.length).toFixed(0)}×)`);

benchClientBundle();

async function realWorld(argv: string[]): Promise<void> {
  const option = (name: string, fallback: number) => (argv.includes(name) ? Number(argv[argv.indexOf(name) + 1]) : fallback);
  const corpus = argv.includes('--no-real') && argv.includes('--no-editor') ? undefined : benchCorpus(argv);
  const real = corpus && !argv.includes('--no-real') ? benchRealCode(corpus, option('--rounds', 3)) : undefined;
  const editor = argv.includes('--no-editor') ? undefined : await benchEditor(option('--edits', 200), corpus && path.dirname(corpus));
  printSummary(real, editor);
  if (corpus && !argv.includes('--no-gitleaks')) {
    const config = argv.includes('--gitleaks-config') ? path.resolve(argv[argv.indexOf('--gitleaks-config') + 1]) : undefined;
    printGitleaksFigures(benchGitleaksConfig(corpus, config, { rounds: option('--rounds', 3) }));
  }
}

realWorld(process.argv.slice(2)).catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
