// A small import scanner: the module specifiers a JS/TS/Vue/Svelte file imports, and their resolution to
// project files (relative paths and the usual `@/`, `~/`, `$lib` aliases). Bare package imports are not
// followed: node_modules is not project code.
import * as fs from 'node:fs';
import * as path from 'node:path';

const IMPORT = /(?:^|[^\w$.])(?:import\s*(?:[\w$*{}\s,]+from\s*)?|export\s*(?:[\w$*{}\s,]+from\s*)|import\s*\(\s*|require\s*\(\s*)(['"])([^'"\n]+)\1/g;
const EXTENSIONS = ['.ts', '.tsx', '.js', '.jsx', '.mjs', '.cjs', '.mts', '.cts', '.vue', '.svelte'];

/** Module specifiers imported, re-exported, dynamically imported or required by `text`. */
export function importSpecifiers(text: string): string[] {
  const out = new Set<string>();
  for (const m of text.matchAll(IMPORT)) out.add(m[2]);
  return [...out];
}

/** True when the file opts into the client: a `"use client"` directive before any code. */
export function hasUseClient(text: string): boolean {
  return hasDirective(text, 'use client');
}

/** True when the file is explicitly server-only (imports `server-only`, or a `"use server"` directive). */
export function isServerOnly(text: string): boolean {
  return /(['"])server-only\1/.test(text) || hasDirective(text, 'use server');
}

/** Whether `directive` opens the file after whitespace and comments. A hand scan, not a regex: a regex
 * over leading comments (`(?:\s|//…|/\*[\s\S]*?\*\/)*`) backtracks exponentially on files that start with
 * many comment blocks and no directive, which stalled whole-tree scans. */
export function hasDirective(text: string, directive: string): boolean {
  let i = 0;
  for (;;) {
    while (i < text.length && /\s/.test(text[i])) i++;
    if (text.startsWith('//', i)) {
      const end = text.indexOf('\n', i);
      if (end < 0) return false;
      i = end + 1;
    } else if (text.startsWith('/*', i)) {
      const end = text.indexOf('*/', i + 2);
      if (end < 0) return false;
      i = end + 2;
    } else {
      const quote = text[i];
      return (quote === '"' || quote === "'") && text.startsWith(directive + quote, i + 1);
    }
  }
}

/** Aliases that point into the project, as `[prefix, folder relative to the root]`. */
const ALIASES: Array<[string, string[]]> = [
  ['@/', ['src/', '']],
  ['~/', ['src/', 'app/', '']],
  ['~~/', ['']],
  ['$lib/', ['src/lib/']],
  ['$lib', ['src/lib/index']],
  ['#/', ['src/', '']],
];

export class ImportResolver {
  private readonly cache = new Map<string, string | null>();

  constructor(private readonly root: string) {}

  /** The project file `specifier` refers to from `fromFile`, or undefined (a package, or not found). */
  resolve(fromFile: string, specifier: string): string | undefined {
    const spec = specifier.split('?')[0];
    const bases: string[] = [];
    if (spec.startsWith('./') || spec.startsWith('../')) bases.push(path.resolve(path.dirname(fromFile), spec));
    else if (spec.startsWith('/')) bases.push(path.join(this.root, spec));
    else {
      for (const [prefix, targets] of ALIASES) {
        if (spec === prefix || (prefix.endsWith('/') && spec.startsWith(prefix))) {
          for (const target of targets) bases.push(path.join(this.root, target + spec.slice(prefix.length)));
          break;
        }
      }
    }
    for (const base of bases) {
      const found = this.resolveFile(base);
      if (found) return found;
    }
    return undefined;
  }

  private resolveFile(base: string): string | undefined {
    const cached = this.cache.get(base);
    if (cached !== undefined) return cached ?? undefined;
    const stem = base.replace(/\.(js|jsx|mjs|cjs)$/, '');
    const candidates = [base, ...EXTENSIONS.map((ext) => base + ext), ...EXTENSIONS.map((ext) => stem + ext), ...EXTENSIONS.map((ext) => path.join(base, 'index' + ext))];
    const found = candidates.find((file) => isFile(file));
    this.cache.set(base, found ?? null);
    return found;
  }
}

function isFile(file: string): boolean {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}
