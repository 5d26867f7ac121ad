// `npm run eval:real`: false positives on real code. Installs popular npm packages into a temporary folder
// outside the repository (network at eval time only, never in `npm test`), scans every file of their
// node_modules and prints findings per 100 MB. `node out/test/eval/real.js --keep DIR` reuses a folder.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { scanText } from '../../server/src/engine';
import { readScannableFile, walkFiles } from '../../server/src/project/fileWalker';
import { builtinRuleSet } from '../support/rules';

const PACKAGES = [
  'typescript', 'react', 'react-dom', 'lodash', 'express', 'webpack', 'eslint', 'prettier', '@babel/core', 'axios',
  'next', 'vue', 'rxjs', 'moment', 'jest', 'aws-sdk', 'firebase', 'stripe', 'openai', '@angular/core',
];

async function main(): Promise<void> {
  const keepAt = process.argv.indexOf('--keep');
  const dir = keepAt > 0 ? path.resolve(process.argv[keepAt + 1]) : fs.mkdtempSync(path.join(os.tmpdir(), 'sh-eval-real-'));
  if (!fs.existsSync(path.join(dir, 'node_modules'))) {
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'package.json'), '{ "name": "sh-eval-real", "private": true }\n');
    console.log(`installing ${PACKAGES.length} packages into ${dir} …`);
    const install = spawnSync('npm', ['install', '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=error', ...PACKAGES], { cwd: dir, stdio: 'inherit' });
    if (install.status !== 0) throw new Error('npm install failed');
  }
  const ruleSet = builtinRuleSet();
  const started = performance.now();
  let bytes = 0;
  let files = 0;
  const byRule = new Map<string, number>();
  const examples: string[] = [];
  const root = path.join(dir, 'node_modules');
  for await (const entry of walkFiles(root, { respectGitignore: false })) {
    if (entry.kind !== 'file') continue;
    const read = await readScannableFile(entry.path, 10 * 1024 * 1024);
    if (read.kind !== 'text') continue;
    files++;
    bytes += Buffer.byteLength(read.text);
    const relative = path.relative(root, entry.path).split(path.sep).join('/');
    for (const finding of scanText(read.text, relative, ruleSet)) {
      if (finding.publicByDesign) continue;
      byRule.set(finding.ruleId, (byRule.get(finding.ruleId) ?? 0) + 1);
      if (examples.length < 60) examples.push(`${relative}:${finding.ruleId} ${finding.masked}`);
    }
  }
  const findings = [...byRule.values()].reduce((a, b) => a + b, 0);
  const mb = bytes / 1024 / 1024;
  console.log(`\nscanned ${files} files, ${mb.toFixed(1)} MB in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  console.log(`findings: ${findings} = ${((findings / mb) * 100).toFixed(2)} per 100 MB (target ≤ 1)`);
  for (const [rule, count] of [...byRule].sort((a, b) => b[1] - a[1])) console.log(`  ${rule.padEnd(36)} ${count}`);
  if (examples.length) console.log(`\nexamples (masked):\n  ${examples.join('\n  ')}`);
  if (keepAt < 0) console.log(`\n(packages kept in ${dir}; rerun with --keep ${dir})`);
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
