// Prints the bench figures as the Markdown table README keeps, with the machine they were measured on.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { EditorFigures } from './editor';
import type { RealCodeFigures } from './realCode';

const ROOT = path.resolve(__dirname, '..', '..', '..');

function folderBytes(dir: string): number {
  let total = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    total += entry.isDirectory() ? folderBytes(full) : fs.statSync(full).size;
  }
  return total;
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(2)} MB`;
const ms = (value: number) => `${value.toFixed(1)} ms`;
const range = (values: number[]) => `${Math.min(...values).toFixed(2)}–${Math.max(...values).toFixed(2)}×`;

export function printSummary(real: RealCodeFigures | undefined, editor: EditorFigures | undefined): void {
  const lines: string[] = [];
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  lines.push(`Machine: ${os.cpus().length} × ${cpu}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GB, ${os.type()} ${os.release()}, Node ${process.version}; load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')} at the end.`, '');
  if (real) {
    lines.push(`Real code: ${real.files} files, ${real.megabytes.toFixed(1)} MB (${real.corpus}); wall time per run, runs rotated.`, '');
    lines.push('| command | median wall | MB/s | secret-hygiene is faster by (per paired run) |', '|---|---|---|---|');
    for (const row of real.rows) lines.push(`| ${row.name} | ${row.medianSeconds.toFixed(2)} s | ${row.mbPerSecond.toFixed(1)} | ${row.oursOverThis ? range(row.oursOverThis) : '—'} |`);
    lines.push('');
  }
  if (editor) {
    lines.push('| editor (dist/server.js over stdio) | p50 | p95 |', '|---|---|---|');
    for (const k of editor.keystrokes) lines.push(`| keystroke → publishDiagnostics, ${k.lines.toLocaleString('en')} lines, debounce ${k.debounce} | ${ms(k.p50)} | ${ms(k.p95)} |`);
    lines.push(`| cold start: spawn → first diagnostics (initialize alone: ${ms(editor.coldStart.initializeP50)} p50; Node itself, spawn → first output: ${ms(editor.coldStart.nodeAloneP50)} p50) | ${ms(editor.coldStart.p50)} | ${ms(editor.coldStart.p95)} |`);
    lines.push(`| didOpen of a 50,000-line file → diagnostics | ${ms(editor.didOpen50k.p50)} | ${ms(editor.didOpen50k.p95)} |`);
    if (editor.workspaceScan) lines.push(`| RSS after the workspace scan of the corpus (${editor.workspaceScan.seconds.toFixed(0)} s), settled 3 s (read at its end: ${editor.workspaceScan.atEndMb.toFixed(0)} MB) | ${editor.workspaceScan.rssMb.toFixed(0)} MB | peak ${editor.workspaceScan.peakMb.toFixed(0)} MB |`);
    lines.push('');
  }
  const dist = path.join(ROOT, 'dist');
  const vsix = fs.readdirSync(ROOT).filter((f) => f.endsWith('.vsix')).map((f) => path.join(ROOT, f)).sort((a, b) => fs.statSync(b).mtimeMs - fs.statSync(a).mtimeMs)[0];
  lines.push(`Sizes: dist/ ${mb(folderBytes(dist))}${vsix ? `, ${path.basename(vsix)} ${mb(fs.statSync(vsix).size)}` : ', no .vsix yet (npm run package)'}.`);
  console.log(`\n${lines.join('\n')}`);
}
