// Bundles the three faces of Secret Hygiene: the VS Code client, the language server and the CLI.
// `--watch` rebuilds on change; `--production` minifies (used by `npm run package`); `--outdir <dir>`
// writes elsewhere than dist/ (scripts/release.mjs); `--if-available` (the prepare script) skips the
// build quietly when esbuild is not installed, as in an install without devDependencies.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const packageJson = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');
const outdirIndex = process.argv.indexOf('--outdir');
const outdir = outdirIndex > 0 ? process.argv[outdirIndex + 1] : 'dist';

let esbuild;
try {
  esbuild = await import('esbuild');
} catch (error) {
  if (!process.argv.includes('--if-available')) throw error;
  console.error('esbuild.mjs: esbuild is not installed (no devDependencies); dist/ was not built');
  process.exit(0);
}

/** @type {esbuild.BuildOptions} */
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  // jsonc-parser's UMD build hides its requires from bundlers; its ES module build bundles cleanly.
  mainFields: ['module', 'main'],
};

const builds = [
  { ...common, entryPoints: ['client/src/extension.ts'], outfile: join(outdir, 'extension.js'), external: ['vscode'] },
  // The server's entry (server.js) loads the server bundle (serverMain.js) with V8's code cache.
  { ...common, entryPoints: ['server/src/serverLoader.ts'], outfile: join(outdir, 'server.js') },
  { ...common, entryPoints: ['server/src/server.ts'], outfile: join(outdir, 'serverMain.js') },
  {
    ...common,
    entryPoints: ['server/src/cli.ts'],
    outfile: join(outdir, 'cli.js'),
    banner: { js: '#!/usr/bin/env node' },
    define: { PACKAGE_VERSION: JSON.stringify(packageJson.version) },
  },
  // The CLI's scan workers (server/src/scan/workerPool.ts loads it from next to dist/cli.js).
  { ...common, entryPoints: ['server/src/scan/scanWorker.ts'], outfile: join(outdir, 'scanWorker.js') },
];

// re2-wasm (the linear-time engine for workspace patterns) loads re2.wasm from next to the running bundle.
mkdirSync(outdir, { recursive: true });
copyFileSync(createRequire(import.meta.url).resolve('re2-wasm/build/wasm/re2.wasm'), join(outdir, 're2.wasm'));

if (watch) {
  for (const options of builds) {
    const context = await esbuild.context(options);
    await context.watch();
  }
  console.log('esbuild: watching client, server and CLI');
} else {
  await Promise.all(builds.map((options) => esbuild.build(options)));
  await writeAutomata();
}

/** The built-in rules' keyword and service-name automata, computed once here instead of at every start-up
 * (server/src/project/automataBuild.ts; a bundle without the file builds them itself). */
async function writeAutomata() {
  const script = join(mkdtempSync(join(tmpdir(), 'sh-automata-')), 'automataBuild.js');
  try {
    await esbuild.build({ ...common, sourcemap: false, minify: false, entryPoints: ['server/src/project/automataBuild.ts'], outfile: script });
    execFileSync(process.execPath, [script, 'rules', outdir], { stdio: ['ignore', 'ignore', 'inherit'] });
  } finally {
    rmSync(dirname(script), { recursive: true, force: true });
  }
}
