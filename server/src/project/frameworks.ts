// Which front-end frameworks a project uses and which env variables its build inlines into browser code:
// package.json dependencies + config files (read as text, never executed) → ProjectFacts. Cached per
// project root and re-read when one of the files it read changes.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { PublicEnvPolicy } from '../engine';
import { blocksOf, envReferences, objectKeys, stringLiterals, stripComments } from './configText';
import { ASSUMED_PREFIXES, FRAMEWORKS, VITE_FLAVOURS, type FrameworkSpec } from './frameworkTable';
import { readRegularTextSync } from './regularFile';

export interface DetectedFramework {
  id: string;
  /** Display name, e.g. "Vite (React)". */
  name: string;
  /** Project-relative path of the config file read, if any. */
  configFile?: string;
}

export interface ProjectFacts {
  /** The folder holding package.json (or the folder asked about when there is none). */
  root: string;
  frameworks: DetectedFramework[];
  policy: PublicEnvPolicy;
  /** Project-relative build output folders that browsers receive. */
  clientOutputDirs: string[];
}

const MAX_CONFIG_BYTES = 512 * 1024;

/** The nearest folder at or above `dir` with a package.json, not climbing above `stopAt`. */
export function projectRootOf(dir: string, stopAt?: string): string {
  let current = path.resolve(dir);
  for (;;) {
    if (fs.existsSync(path.join(current, 'package.json'))) return current;
    const parent = path.dirname(current);
    if (parent === current || (stopAt && !isInside(parent, path.resolve(stopAt)))) return path.resolve(dir);
    current = parent;
  }
}

function isInside(child: string, parent: string): boolean {
  return child === parent || child.startsWith(parent.endsWith(path.sep) ? parent : parent + path.sep);
}

function readText(file: string): string | undefined {
  try {
    return readRegularTextSync(file, MAX_CONFIG_BYTES);
  } catch {
    return undefined;
  }
}

function dependenciesOf(root: string): Set<string> {
  const text = readText(path.join(root, 'package.json'));
  if (!text) return new Set();
  try {
    const manifest = JSON.parse(text) as Record<string, unknown>;
    const names = new Set<string>();
    for (const field of ['dependencies', 'devDependencies', 'peerDependencies']) {
      const deps = manifest[field];
      if (deps && typeof deps === 'object') for (const name of Object.keys(deps)) names.add(name);
    }
    return names;
  } catch {
    // A half-typed package.json must not stop detection by config files.
    return new Set();
  }
}

/** Reads the project at `root` and works out what reaches the browser. */
export function detectProject(root: string): ProjectFacts {
  const deps = dependenciesOf(root);
  const frameworks: DetectedFramework[] = [];
  const prefixes: PublicEnvPolicy['prefixes'] = [];
  const names: PublicEnvPolicy['names'] = [];
  const outputs = new Set<string>();
  // One listing of the folder instead of a stat per framework config name (there are dozens).
  const present = folderNames(root);
  for (const spec of FRAMEWORKS) {
    const configFile = spec.configFiles.find((file) => (present ? present.has(file) && fs.existsSync(path.join(root, file)) : fs.existsSync(path.join(root, file))));
    if (!configFile && !spec.packages.some((p) => deps.has(p))) continue;
    const config = configFile ? stripComments(readText(path.join(root, configFile)) ?? '') : '';
    const name = spec.id === 'vite' ? viteName(deps) : spec.name;
    frameworks.push({ id: spec.id, name, ...(configFile ? { configFile } : {}) });
    for (const prefix of configuredPrefixes(spec, config)) prefixes.push({ prefix, framework: name });
    for (const exposed of configuredNames(spec, config, configFile)) names.push({ ...exposed, framework: name });
    for (const dir of spec.clientOutputDirs) outputs.add(dir);
  }
  const assumed = prefixes.length === 0 && names.length === 0;
  return {
    root,
    frameworks,
    policy: assumed ? { prefixes: ASSUMED_PREFIXES, names: [], assumed: true } : { prefixes, names },
    clientOutputDirs: [...outputs],
  };
}

function folderNames(dir: string): Set<string> | undefined {
  try {
    return new Set(fs.readdirSync(dir));
  } catch {
    return undefined;
  }
}

function viteName(deps: Set<string>): string {
  const flavours = [...new Set(VITE_FLAVOURS.filter((f) => deps.has(f.packageName)).map((f) => f.flavour))];
  return flavours.length > 0 ? `Vite (${flavours.join(', ')})` : 'Vite';
}

/** Default prefixes, replaced by the config's own setting where the framework has one. */
function configuredPrefixes(spec: FrameworkSpec, config: string): string[] {
  if (spec.id === 'vite' || spec.id === 'astro' || spec.id === 'remix') {
    const envPrefix = /\benvPrefix\s*:\s*(\[[^\]]*\]|'[^']*'|"[^"]*"|`[^`]*`)/.exec(config);
    // An empty prefix would expose everything; Vite refuses it, so do we.
    if (envPrefix) return stringLiterals(envPrefix[1]).filter((p) => p.length > 0);
  }
  if (spec.id === 'sveltekit') {
    const publicPrefix = /\bpublicPrefix\s*:\s*(['"`])([^'"`]*)\1/.exec(config);
    if (publicPrefix && publicPrefix[2].length > 0) return [publicPrefix[2]];
  }
  return spec.publicPrefixes;
}

/** Exact names a config inlines: next.config `env`, `define`, EnvironmentPlugin, Nuxt `runtimeConfig.public`, astro:env client fields. */
function configuredNames(spec: FrameworkSpec, config: string, configFile: string | undefined): Array<{ name: string; via: string }> {
  if (!config || !configFile) return [];
  const out: Array<{ name: string; via: string }> = [];
  const add = (list: string[], via: string) => {
    for (const name of list) if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(name) && !out.some((o) => o.name === name)) out.push({ name, via });
  };
  if (spec.id === 'next') {
    for (const block of blocksOf(config, /\benv\s*:\s*/)) {
      add(objectKeys(block), `the env block of ${configFile}`);
      add(envReferences(block), `the env block of ${configFile}`);
    }
  }
  if (spec.id === 'nuxt') {
    for (const runtime of blocksOf(config, /\bruntimeConfig\s*:\s*/)) {
      for (const block of blocksOf(runtime, /\bpublic\s*:\s*/)) {
        add(objectKeys(block).map((key) => `NUXT_PUBLIC_${key.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase()}`), `runtimeConfig.public in ${configFile}`);
        add(envReferences(block), `runtimeConfig.public in ${configFile}`);
      }
    }
  }
  if (spec.id === 'astro') {
    for (const m of config.matchAll(/([A-Za-z_][A-Za-z0-9_]*)\s*:\s*envField\.\w+\s*\(\s*\{[^}]*context\s*:\s*['"]client['"]/g)) add([m[1]], `a client envField in ${configFile}`);
  }
  for (const block of blocksOf(config, /\bdefine\s*:\s*/)) add(envReferences(block), `define in ${configFile}`);
  for (const block of blocksOf(config, /\bDefinePlugin\s*/)) add(envReferences(block), `DefinePlugin in ${configFile}`);
  for (const block of blocksOf(config, /\bEnvironmentPlugin\s*/)) {
    const inner = block.slice(1, -1).trim();
    add(inner.startsWith('{') ? objectKeys(inner) : stringLiterals(inner), `EnvironmentPlugin in ${configFile}`);
  }
  for (const block of blocksOf(config, /\breplace\s*/)) add(envReferences(block), `replace() in ${configFile}`);
  return out;
}

/** ProjectFacts per root, re-read when package.json or a config file changes (checked by mtime, at
 * most once per `revalidateAfterMs`: checking stats ~40 files, too many for every keystroke or file). */
export class ProjectFactsCache {
  private readonly cache = new Map<string, { facts: ProjectFacts; signature: string; checkedAt: number }>();

  /** `Infinity` suits batch scans (the CLI), where configs do not change during the run. */
  constructor(private readonly revalidateAfterMs = 1000) {}

  get(root: string): ProjectFacts {
    const now = Date.now();
    const cached = this.cache.get(root);
    if (cached && now - cached.checkedAt < this.revalidateAfterMs) return cached.facts;
    // Never revalidated (a batch scan): no signature to compare, so none to stat for.
    const signature = this.revalidateAfterMs === Infinity ? '' : signatureOf(root);
    if (cached && cached.signature === signature) {
      cached.checkedAt = now;
      return cached.facts;
    }
    const facts = detectProject(root);
    this.cache.set(root, { facts, signature, checkedAt: now });
    return facts;
  }

  clear(): void {
    this.cache.clear();
  }
}

const WATCHED = ['package.json', ...new Set(FRAMEWORKS.flatMap((f) => f.configFiles))];

function signatureOf(root: string): string {
  const parts: string[] = [];
  for (const file of WATCHED) {
    try {
      const stat = fs.statSync(path.join(root, file));
      parts.push(`${file}:${stat.mtimeMs}:${stat.size}`);
    } catch {
      // Absent: not part of the signature.
    }
  }
  return parts.join('|');
}
