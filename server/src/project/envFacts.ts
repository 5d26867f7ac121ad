// Gathers what a move-to-.env fix needs to know about the project: which .env (nearest package or
// workspace root), its text, .env.example, the .gitignore layers above it, and what cannot be written.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'dotenv';
import type { EnvFacts } from '../fixes/moveToEnv';
import type { GitignoreLayer } from '../fixes/gitignore';
import { isWritable, type TextFileCache } from './textFiles';

/** Files that mark a package root, where a .env usually lives. */
const PACKAGE_MARKERS = [
  '.env', 'package.json', 'deno.json', 'deno.jsonc', 'pyproject.toml', 'requirements.txt', 'setup.py', 'Pipfile',
  'go.mod', 'Cargo.toml', 'pom.xml', 'build.gradle', 'build.gradle.kts', 'Gemfile', 'composer.json', 'mix.exs',
];
const EXAMPLE_NAMES = ['.env.example', '.env.sample', '.env.template', '.env.dist'];

/** The folder whose .env a file should use: the nearest package root at or below the workspace folder;
 * compose files and Dockerfiles use their own folder (compose reads .env next to the compose file). */
export function envRootFor(file: string, workspaceFolder: string | undefined): string {
  const own = path.dirname(file);
  if (/^(docker-)?compose[\w.-]*\.ya?ml$|^Dockerfile/i.test(path.basename(file))) return own;
  for (let dir = own; ; dir = path.dirname(dir)) {
    if (PACKAGE_MARKERS.some((marker) => fs.existsSync(path.join(dir, marker))) || hasProjectFile(dir)) return dir;
    if (dir === workspaceFolder || path.dirname(dir) === dir) break;
  }
  return workspaceFolder && (own === workspaceFolder || own.startsWith(workspaceFolder + path.sep)) ? workspaceFolder : own;
}

function hasProjectFile(dir: string): boolean {
  try {
    return fs.readdirSync(dir).some((name) => name.endsWith('.csproj'));
  } catch {
    return false;
  }
}

/** The repository root above `dir` (a folder holding .git), if any. */
export function repoRootOf(dir: string): string | undefined {
  for (let current = dir; ; current = path.dirname(current)) {
    if (fs.existsSync(path.join(current, '.git'))) return current;
    if (path.dirname(current) === current) return undefined;
  }
}

/** .git/info/exclude and every .gitignore from the repository root (else the workspace folder, else
 * `dir` itself) down to `dir`, shallowest first. */
export function gitignoreLayers(dir: string, workspaceFolder: string | undefined, files: TextFileCache): GitignoreLayer[] {
  const repo = repoRootOf(dir);
  const top = repo ?? (workspaceFolder && dir.startsWith(workspaceFolder) ? workspaceFolder : dir);
  const dirs: string[] = [];
  for (let current = dir; ; current = path.dirname(current)) {
    dirs.unshift(current);
    if (current === top || path.dirname(current) === current) break;
  }
  const layers: GitignoreLayer[] = [];
  if (repo) {
    const exclude = path.join(repo, '.git', 'info', 'exclude');
    layers.push({ dir: repo, path: exclude, text: files.read(exclude), editable: false });
  }
  for (const d of dirs) layers.push({ dir: d, path: path.join(d, '.gitignore'), text: files.read(path.join(d, '.gitignore')), editable: true });
  return layers;
}

export interface EnvFactsInput {
  sourcePath: string;
  languageId: string;
  text: string;
  workspaceFolder?: string;
  /** Text of an open editor buffer for a path, which wins over the disk. */
  openText: (file: string) => string | undefined;
  /** Which of `files` git tracks in `repo` (undefined: unknown, e.g. an untrusted workspace). */
  tracked: (repo: string, files: string[]) => Set<string> | undefined;
}

/** Frameworks that read .env.local next to .env (so it can take a key when .env is tracked). */
const READS_ENV_LOCAL = ['next', 'vite', '@sveltejs/kit', 'astro', 'react-scripts', '@vue/cli-service'];

/** Packages that put .env into the environment themselves (frameworks, loaders, runners). */
const LOADS_ENV = [...READS_ENV_LOCAL, 'nuxt', 'gatsby', '@remix-run/dev', 'expo', '@nestjs/config', 'dotenv-flow', 'dotenv-cli', 'env-cmd', '@dotenvx/dotenvx', 'vitest', 'jest-environment-node'];
/** Entry files checked for a dotenv import when package.json names none. */
const ENTRY_FILES = ['index.js', 'index.mjs', 'index.ts', 'server.js', 'server.ts', 'app.js', 'app.ts', 'main.js', 'main.ts', 'src/index.js', 'src/index.ts', 'src/server.ts', 'src/main.ts', 'src/app.ts'];

/** Whether a plain Node program gets .env into process.env: a framework or loader does, a script passes
 * --env-file or dotenv, or the entry file (or this file) loads dotenv. Undefined for non-JavaScript files. */
function nodeEnvLoading(root: string, sourcePath: string, text: string, dependencies: string[], read: (file: string) => string | undefined): EnvFacts['nodeEnv'] {
  if (!/\.[mc]?[jt]sx?$/i.test(sourcePath)) return undefined;
  const loadsDotenv = (t: string | undefined) => t !== undefined && /(?:['"]dotenv(?:\/config)?['"]|--env-file|process\.loadEnvFile\s*\()/.test(t);
  let manifest: { main?: unknown; scripts?: Record<string, unknown> } = {};
  try {
    manifest = JSON.parse(read(path.join(root, 'package.json')) ?? '{}');
  } catch {
    // A half-typed package.json: judged by dependencies and files only.
  }
  const scripts = Object.values(manifest.scripts ?? {}).filter((v): v is string => typeof v === 'string');
  const entries = [...(typeof manifest.main === 'string' ? [manifest.main] : []), ...ENTRY_FILES];
  const loaded = dependencies.some((d) => LOADS_ENV.includes(d)) || scripts.some((script) => /--env-file|\bdotenv\b|\bbun\b/.test(script)) || loadsDotenv(text) || entries.some((entry) => loadsDotenv(read(path.join(root, entry))));
  return { loaded, dotenv: dependencies.includes('dotenv') };
}

/** Dependency names of the package.json in `root` (dependencies and devDependencies). */
export function packageDependencies(root: string, read: (file: string) => string | undefined): string[] {
  const text = read(path.join(root, 'package.json'));
  if (!text) return [];
  try {
    const json = JSON.parse(text) as { dependencies?: Record<string, string>; devDependencies?: Record<string, string> };
    return [...Object.keys(json.dependencies ?? {}), ...Object.keys(json.devDependencies ?? {})];
  } catch {
    return [];
  }
}

export function gatherEnvFacts(input: EnvFactsInput, files: TextFileCache): EnvFacts {
  const root = envRootFor(input.sourcePath, input.workspaceFolder);
  const envPath = path.join(root, '.env');
  const read = (file: string) => input.openText(file) ?? files.read(file);
  const exampleName = EXAMPLE_NAMES.find((name) => read(path.join(root, name)) !== undefined);
  // None yet: the fix creates .env.example (names only), so the next developer knows what to set.
  const examplePath = path.join(root, exampleName ?? EXAMPLE_NAMES[0]);
  const layers = gitignoreLayers(root, input.workspaceFolder, files);
  const dependencies = packageDependencies(root, read);
  const localEnvPath = dependencies.some((d) => READS_ENV_LOCAL.includes(d)) ? path.join(root, '.env.local') : undefined;
  const candidates = [envPath, ...(localEnvPath ? [localEnvPath] : []), ...(examplePath ? [examplePath] : []), ...layers.filter((l) => l.editable).map((l) => l.path)];
  const unwritable = candidates.flatMap((file) => (isWritable(file, path.dirname(file)) ? [] : [fs.existsSync(file) ? file : path.dirname(file)]));
  const deno = ['deno.json', 'deno.jsonc'].some((name) => fs.existsSync(path.join(root, name)));
  const repo = repoRootOf(root);
  const tracked = repo ? input.tracked(repo, [envPath, ...(localEnvPath ? [localEnvPath] : [])]) : new Set<string>();
  return {
    sourcePath: input.sourcePath,
    languageId: input.languageId,
    text: input.text,
    envPath,
    envText: read(envPath),
    examplePath,
    exampleText: read(examplePath),
    gitignoreLayers: layers,
    parse: (text) => parse(text),
    runtime: deno ? 'deno' : undefined,
    unwritable: [...new Set(unwritable)],
    tracked: [...(tracked ?? [])],
    trackingUnknown: tracked === undefined,
    localEnvPath,
    localEnvText: localEnvPath ? read(localEnvPath) : undefined,
    nodeEnv: deno ? undefined : nodeEnvLoading(root, input.sourcePath, input.text, dependencies, read),
    tsStrict: /\.[mc]?tsx?$/i.test(input.sourcePath) ? tsStrictFor(path.dirname(input.sourcePath), root, read) : undefined,
  };
}

/** True when the nearest tsconfig.json (between `dir` and `root`) enables strictNullChecks, or extends
 * a base we do not read (then a checked read is the safe choice: it compiles either way). */
export function tsStrictFor(dir: string, root: string, read: (file: string) => string | undefined): boolean {
  for (let current = dir; ; current = path.dirname(current)) {
    const text = read(path.join(current, 'tsconfig.json'));
    if (text !== undefined) {
      const json = text.replace(/\/\*[\s\S]*?\*\/|(^|[^:"])\/\/.*$/gm, '$1');
      if (/"strictNullChecks"\s*:\s*false/.test(json)) return false;
      return /"(strict|strictNullChecks)"\s*:\s*true/.test(json) || /"extends"\s*:/.test(json);
    }
    if (current === root || path.dirname(current) === current || !current.startsWith(root)) return false;
  }
}
