#!/usr/bin/env node
// Builds the release tree: what a release tag (`rev: v0.2.0` in .pre-commit-config.yaml, `uses: …@v0.2.0`,
// `npm install -g github:…#v0.2.0`) checks out. It holds the built CLI (dist/cli.js + re2.wasm), the rules,
// the hook and Action definitions, and a package.json without dependencies or scripts: installing it from
// git needs no build, no devDependencies and no registry. Reproducible: the same sources give the same bytes.
//
//   node scripts/release.mjs <dir>           write the tree into <dir> (emptied first)
//   node scripts/release.mjs --check <dir>   rebuild and compare byte for byte; exit 1 on any difference
//   node scripts/release.mjs --commit        commit the tree onto the `release` branch of this repository
//                                            (parent: the previous release) and tag it v<version>; the
//                                            work tree and index are left alone. Then push the branch and tag.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const source = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

/** Files and folders copied as they are (folders recursively). */
const COPIED = ['rules', '.pre-commit-hooks.yaml', 'action.yml', '.github/action', 'README.md', 'LICENSE', 'CHANGELOG.md'];
/** Bundles that are not the CLI's (the editor's) stay out of the release. */
const NOT_CLI = new Set(['extension.js', 'server.js', 'serverMain.js']);

function build(out) {
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const bundles = mkdtempSync(join(tmpdir(), 'sh-release-dist-'));
  try {
    const result = spawnSync(process.execPath, ['esbuild.mjs', '--production', '--outdir', bundles], { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
    if (result.status !== 0) throw new Error(`esbuild.mjs failed (exit ${result.status})`);
    mkdirSync(join(out, 'dist'));
    for (const name of readdirSync(bundles).sort()) {
      if (!NOT_CLI.has(name) && !name.endsWith('.map')) cpSync(join(bundles, name), join(out, 'dist', name));
    }
  } finally {
    rmSync(bundles, { recursive: true, force: true });
  }
  for (const item of COPIED) if (existsSync(join(root, item))) cpSync(join(root, item), join(out, item), { recursive: true });
  const manifest = {
    name: source.name,
    version: source.version,
    description: 'Secret Hygiene command-line scanner (release build: no dependencies, nothing to build).',
    license: source.license,
    repository: source.repository,
    engines: { node: source.engines.node },
    bin: { 'secret-hygiene': 'dist/cli.js' },
    files: ['dist/', 'rules/', 'README.md', 'LICENSE', 'CHANGELOG.md'],
  };
  writeFileSync(join(out, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
}

function listFiles(dir) {
  const files = [];
  const walk = (d) => {
    for (const name of readdirSync(d).sort()) {
      const full = join(d, name);
      if (name === '.git') continue;
      if (statSync(full).isDirectory()) walk(full);
      else files.push(relative(dir, full));
    }
  };
  walk(dir);
  return files;
}

/** Paths that differ between two trees (missing on either side or different bytes). */
export function compareTrees(expected, actual) {
  const a = listFiles(expected);
  const b = new Set(listFiles(actual));
  const differences = [];
  for (const file of a) {
    if (!b.has(file)) differences.push(`missing: ${file}`);
    else if (!readFileSync(join(expected, file)).equals(readFileSync(join(actual, file)))) differences.push(`differs: ${file}`);
    b.delete(file);
  }
  for (const file of b) differences.push(`unexpected: ${file}`);
  return differences;
}

function git(args, options = {}) {
  const result = spawnSync('git', args, { cwd: root, encoding: 'utf8', ...options });
  if (result.status !== 0) throw new Error(`git ${args[0]} failed: ${(result.stderr || '').trim()}`);
  return result.stdout.trim();
}

/** Commits the tree on refs/heads/release with a temporary index, so nothing checked out changes. */
function commitRelease() {
  const tree = mkdtempSync(join(tmpdir(), 'sh-release-tree-'));
  const index = join(tree, '..', `${relative(tmpdir(), tree)}.index`);
  try {
    if (git(['status', '--porcelain', '--untracked-files=no'])) throw new Error('commit your changes first: the release names the commit it was built from');
    build(tree);
    const head = git(['rev-parse', 'HEAD']);
    const env = { ...process.env, GIT_INDEX_FILE: index, GIT_WORK_TREE: tree };
    git(['add', '-A', '.'], { cwd: tree, env: { ...env, GIT_DIR: git(['rev-parse', '--absolute-git-dir']) } });
    const treeId = git(['write-tree'], { env });
    const previous = spawnSync('git', ['rev-parse', '--verify', '--quiet', 'refs/heads/release'], { cwd: root, encoding: 'utf8' }).stdout.trim();
    const commit = git(['commit-tree', treeId, ...(previous ? ['-p', previous] : []), '-m', `release v${source.version} (built from ${head})`]);
    git(['update-ref', 'refs/heads/release', commit]);
    git(['tag', `v${source.version}`, commit]);
    process.stderr.write(`release v${source.version}: commit ${commit} on branch release, tagged v${source.version}\n`);
  } finally {
    rmSync(tree, { recursive: true, force: true });
    rmSync(index, { force: true });
  }
}

const args = process.argv.slice(2);
if (args[0] === '--commit' && args.length === 1) {
  commitRelease();
} else if (args[0] === '--check' && args[1]) {
  const fresh = mkdtempSync(join(tmpdir(), 'sh-release-check-'));
  try {
    build(fresh);
    const differences = compareTrees(fresh, args[1]);
    if (differences.length > 0) {
      process.stderr.write(`release tree ${args[1]} does not match a fresh build:\n${differences.map((d) => `  ${d}\n`).join('')}`);
      process.exit(1);
    }
    process.stderr.write(`release tree ${args[1]} matches a fresh build\n`);
  } finally {
    rmSync(fresh, { recursive: true, force: true });
  }
} else if (args.length === 1 && !args[0].startsWith('-')) {
  build(args[0]);
  process.stderr.write(`release tree written to ${args[0]}\n`);
} else {
  process.stderr.write('usage: node scripts/release.mjs <dir> | --check <dir> | --commit\n');
  process.exit(2);
}
