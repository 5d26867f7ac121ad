// Which project modules ship to the browser: browser entry points per framework ("use client" files,
// Next.js pages/, SvelteKit +page/+layout, Nuxt pages/components, index.html scripts, …) and every
// project file they import, with the import chain back to the entry. Server-only files stop the walk.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ProjectFacts } from './frameworks';
import { hasUseClient, ImportResolver, importSpecifiers, isServerOnly } from './importScanner';
import { readRegularTextSync } from './regularFile';

export interface ClientModule {
  /** The module that imported this one (absolute path); undefined for an entry point. */
  parent?: string;
  /** Why the entry point of this chain runs in the browser, e.g. `"use client" directive`. */
  reason: string;
}

export interface ClientGraph {
  root: string;
  modules: Map<string, ClientModule>;
  /** Files read to build the graph. */
  filesRead: number;
}

/** Reads a file's text; the server passes open documents' unsaved text first. */
export type TextSource = (file: string) => string | undefined;

const SOURCE = /\.(m|c)?(j|t)sx?$|\.(vue|svelte)$/;
const SKIPPED_DIRS = new Set(['node_modules', '.git', 'dist', 'build', 'out', 'coverage', '.next', '.nuxt', '.output', '.svelte-kit', '.vercel', '.turbo', '.cache', 'public']);
const MAX_FILES = 20000;
const MAX_DIRS = 20000;
/** Files that never reach the browser: *.server.*, server/ folders, API routes, route handlers, middleware. */
const SERVER_FILE = /\.server\.|(^|\/)\+?server\.(m|c)?(j|t)sx?$|(^|\/)server\/|(^|\/)pages\/api\/|(^|\/)app\/api\/|(^|\/)route\.(j|t)sx?$|(^|\/)middleware\.(j|t)s$|(^|\/)(next|vite|nuxt|svelte|astro|webpack)\.config\./;

/** Entry-point tests per framework, as data: a project-relative path pattern and the reason it is client code. */
const ENTRY_PATTERNS: Array<{ frameworks: string[]; pattern: RegExp; reason: string }> = [
  { frameworks: ['next'], pattern: /^(src\/)?pages\/(?!api\/|_document\.).+\.(j|t)sx?$/, reason: 'a Next.js pages/ route (rendered in the browser too)' },
  { frameworks: ['sveltekit'], pattern: /^src\/routes\/(.*\/)?\+(page|layout)(\.svelte|\.(j|t)s)$/, reason: 'a SvelteKit +page/+layout (runs in the browser)' },
  { frameworks: ['sveltekit'], pattern: /^src\/hooks\.client\.(j|t)s$/, reason: 'SvelteKit client hooks' },
  { frameworks: ['nuxt'], pattern: /^(app\/)?(pages|components|layouts|plugins|composables|middleware)\/.+\.(vue|(j|t)sx?)$|^(app\/)?app\.vue$/, reason: 'Nuxt app code (hydrated in the browser)' },
  { frameworks: ['gatsby'], pattern: /^src\/(pages|components|templates)\/.+\.(j|t)sx?$|^gatsby-browser\.(j|t)sx?$/, reason: 'Gatsby page code (runs in the browser)' },
  { frameworks: ['remix'], pattern: /^app\/entry\.client\.(j|t)sx?$/, reason: 'the Remix client entry' },
  { frameworks: ['cra'], pattern: /^src\/index\.(j|t)sx?$/, reason: 'the Create React App entry' },
  { frameworks: ['vue-cli', 'angular'], pattern: /^src\/main\.(j|t)s$/, reason: 'the app entry (src/main)' },
  { frameworks: ['expo', 'react-native-config', 'react-native-dotenv'], pattern: /^(App\.(j|t)sx?|app\/.+\.(j|t)sx?)$/, reason: 'app code (ships in the app bundle)' },
  { frameworks: ['*'], pattern: /\.client\.(m|c)?(j|t)sx?$/, reason: 'a .client module' },
];

/** Builds the graph in one go (batch scans). */
export function buildClientGraph(facts: ProjectFacts, read: TextSource): ClientGraph {
  const steps = clientGraphSteps(facts, read);
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}

/** The graph build as steps: it yields after each folder listed and each file read, so the language
 * server can run it in short time slices between keystrokes (features/timeSlices.ts). */
export function* clientGraphSteps(facts: ProjectFacts, read: TextSource): Generator<void, ClientGraph, void> {
  const root = facts.root;
  const ids = new Set(facts.frameworks.map((f) => f.id));
  const resolver = new ImportResolver(root);
  const modules = new Map<string, ClientModule>();
  const queue: string[] = [];
  let filesRead = 0;
  const textOf = (file: string) => {
    filesRead++;
    return read(file) ?? '';
  };
  const addEntry = (file: string, reason: string) => {
    if (!modules.has(file)) {
      modules.set(file, { reason });
      queue.push(file);
    }
  };
  for (const file of yield* sourceFileSteps(root)) {
    yield;
    const relative = toRelative(root, file);
    if (SERVER_FILE.test(relative)) continue;
    const byPath = ENTRY_PATTERNS.find((e) => (e.frameworks.includes('*') || e.frameworks.some((id) => ids.has(id))) && e.pattern.test(relative));
    if (byPath) addEntry(file, byPath.reason);
    // "use client" marks a client boundary in React Server Components (Next.js app/ router and others).
    else if (/\.(j|t)sx?$/.test(file) && hasUseClient(textOf(file))) addEntry(file, '"use client" directive');
  }
  for (const html of ['index.html', 'public/index.html', 'src/index.html']) {
    const text = read(path.join(root, html));
    if (!text) continue;
    for (const m of text.matchAll(/<script\b[^>]*\bsrc\s*=\s*["']([^"']+)["']/gi)) {
      const file = resolver.resolve(path.join(root, html), m[1].startsWith('/') ? m[1] : `./${m[1].replace(/^\.\//, '')}`);
      if (file) addEntry(file, `a <script> in ${html}`);
    }
  }
  while (queue.length > 0) {
    yield;
    const file = queue.shift()!;
    const text = textOf(file);
    for (const specifier of importSpecifiers(text)) {
      const target = resolver.resolve(file, specifier);
      if (!target || modules.has(target) || SERVER_FILE.test(toRelative(root, target))) continue;
      if (SOURCE.test(target) && isServerOnly(read(target) ?? '')) continue;
      modules.set(target, { parent: file, reason: modules.get(file)!.reason });
      if (SOURCE.test(target)) queue.push(target);
    }
  }
  return { root, modules, filesRead };
}

/** Project-relative chain from the entry point down to `file` (inclusive), or undefined when not client code. */
export function importChainOf(graph: ClientGraph, file: string): string[] | undefined {
  if (!graph.modules.has(file)) return undefined;
  const chain: string[] = [];
  for (let current: string | undefined = file; current !== undefined && chain.length < 100; current = graph.modules.get(current)?.parent) {
    chain.unshift(toRelative(graph.root, current));
  }
  return chain;
}

function toRelative(root: string, file: string): string {
  return path.relative(root, file).split(path.sep).join('/');
}

/** Source files of the project (no node_modules, build output or dot folders), up to MAX_FILES found
 * in at most MAX_DIRS folders (a folder of data or a home directory opened as a project stays cheap).
 * Yields after each folder listed. */
function* sourceFileSteps(root: string): Generator<void, string[], void> {
  const out: string[] = [];
  const pending = [root];
  for (let listed = 0; pending.length > 0 && listed < MAX_DIRS && out.length < MAX_FILES; listed++) {
    const dir = pending.pop()!;
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const entry of entries) {
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRS.has(entry.name) && !entry.name.startsWith('.')) pending.push(path.join(dir, entry.name));
      } else if (entry.isFile() && SOURCE.test(entry.name) && out.length < MAX_FILES) out.push(path.join(dir, entry.name));
    }
    yield;
  }
  return out.sort();
}

/** Reads from disk, for batch scans (size-capped: a huge generated file is not app code). */
export function readFromDisk(file: string): string | undefined {
  try {
    return readRegularTextSync(file, 2 * 1024 * 1024);
  } catch {
    return undefined;
  }
}
