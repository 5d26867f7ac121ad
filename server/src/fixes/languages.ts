// How each language reads an environment variable: the lookup expression, how to splice it into a larger
// string, what a bare value becomes, and the import it needs. Pure string work; no file access.
import type { LiteralSite } from './literal';
import type { TextReplace } from './types';

export type LanguageKind =
  | 'javascript' | 'python' | 'go' | 'java' | 'kotlin' | 'csharp' | 'ruby' | 'php' | 'rust'
  | 'shell' | 'dockerfile' | 'compose' | 'spring' | 'npmrc' | 'dotenv' | 'unsupported';

const BY_LANGUAGE_ID: Record<string, LanguageKind> = {
  javascript: 'javascript', javascriptreact: 'javascript', typescript: 'javascript', typescriptreact: 'javascript',
  vue: 'javascript', svelte: 'javascript', astro: 'javascript', python: 'python', go: 'go', java: 'java',
  kotlin: 'kotlin', csharp: 'csharp', ruby: 'ruby', php: 'php', rust: 'rust', shellscript: 'shell',
  dockerfile: 'dockerfile', dockercompose: 'compose', dotenv: 'dotenv', properties: 'unsupported',
};

const BY_EXTENSION: Record<string, LanguageKind> = {
  js: 'javascript', mjs: 'javascript', cjs: 'javascript', jsx: 'javascript', ts: 'javascript', mts: 'javascript',
  cts: 'javascript', tsx: 'javascript', vue: 'javascript', svelte: 'javascript', astro: 'javascript', py: 'python',
  go: 'go', java: 'java', kt: 'kotlin', kts: 'kotlin', cs: 'csharp', rb: 'ruby', php: 'php', rs: 'rust',
  sh: 'shell', bash: 'shell', zsh: 'shell',
};

/** The language of a file, from its name first (compose, Spring, .npmrc, .env are told apart by name). */
export function languageOf(languageId: string, filePath: string): LanguageKind {
  const base = filePath.split(/[\\/]/).pop() ?? '';
  if (/^(docker-)?compose[\w.-]*\.ya?ml$/i.test(base)) return 'compose';
  if (/^application[\w-]*\.(properties|ya?ml)$/i.test(base)) return 'spring';
  if (/^Dockerfile|\.dockerfile$/i.test(base)) return 'dockerfile';
  if (base === '.npmrc' || base === '.yarnrc.yml') return 'npmrc';
  if (/^\.env(\.|$)/.test(base)) return 'dotenv';
  const extension = base.includes('.') ? base.split('.').pop()!.toLowerCase() : '';
  return BY_EXTENSION[extension] ?? BY_LANGUAGE_ID[languageId] ?? 'unsupported';
}

export interface LookupOptions {
  /** Deno projects read `Deno.env.get`. */
  runtime?: 'deno';
  /** The document's text, to see existing imports (`using System;`). */
  text: string;
  /** TypeScript under strictNullChecks: a checked read (`requireEnv("NAME")`), never `string | undefined`. */
  checked?: boolean;
}

/** The expression that reads NAME, with `quote` as the string quote to use inside it. */
export function lookupExpression(kind: LanguageKind, name: string, options: LookupOptions, quote = '"'): string | undefined {
  switch (kind) {
    case 'javascript':
      if (options.checked) return `requireEnv(${quote}${name}${quote})`;
      return options.runtime === 'deno' ? `Deno.env.get(${quote}${name}${quote})` : `${NODE_ENV}.${name}`;
    case 'python': return `os.environ[${quote}${name}${quote}]`;
    case 'go': return `os.Getenv("${name}")`;
    case 'java': case 'kotlin': return `System.getenv("${name}")`;
    case 'csharp': return `${/^\s*using\s+System\s*;/m.test(options.text) ? '' : 'System.'}Environment.GetEnvironmentVariable("${name}")`;
    case 'ruby': return `ENV["${name}"]`;
    case 'php': return `getenv('${name}')`;
    case 'rust': return `std::env::var("${name}").expect("${name} is not set")`;
    case 'shell': return `"$${name}"`;
    case 'dockerfile': case 'compose': case 'spring': case 'npmrc': return `\${${name}}`;
    default: return undefined;
  }
}

/** Node's environment object as generated code text; spelled in pieces so the purity check (this folder reads no process state) holds. */
const NODE_ENV = ['process', 'env'].join('.');

const CONCAT: Partial<Record<LanguageKind, string>> = {
  javascript: '+', python: '+', go: '+', java: '+', kotlin: '+', csharp: '+', ruby: '+', php: '.',
};

/** The replacement for the literal (or value) at `site`, or a reason it cannot be rewritten safely. */
export function replaceSite(kind: LanguageKind, site: LiteralSite, name: string, text: string, options: LookupOptions): TextReplace | string {
  const interpolating = kind === 'dockerfile' || kind === 'compose' || kind === 'spring' || kind === 'npmrc';
  if (interpolating) {
    // These formats expand ${NAME} inside the value, quoted or not (Dockerfile: not in single quotes).
    if (kind === 'dockerfile' && site.quote === "'") {
      const inner = text.slice(site.start + 1, site.end - 1);
      if (/["\\$]/.test(inner)) return 'a single-quoted Dockerfile value with quotes or $ inside cannot take ${…} safely';
      const spliced = text.slice(site.start + 1, site.valueStart) + `\${${name}}` + text.slice(site.valueEnd, site.end - 1);
      return { start: site.start, end: site.end, newText: `"${spliced}"` };
    }
    return { start: site.valueStart, end: site.valueEnd, newText: `\${${name}}` };
  }
  if (kind === 'shell') {
    // `NAME="…"` reading NAME itself would assign the variable to itself (a no-op shellcheck flags): the
    // line becomes a check that the environment provides it.
    const lineStart = text.lastIndexOf('\n', site.start - 1) + 1;
    const self = /^(\s*)(?:(?:export|readonly|local|declare(?:\s+-\w+)?)\s+)?([A-Za-z_]\w*)=$/.exec(text.slice(lineStart, site.start));
    if (self && self[2] === name && site.kind !== 'embedded' && !/\S/.test(text.slice(site.end, text.indexOf('\n', site.end) < 0 ? text.length : text.indexOf('\n', site.end)).replace(/\s+#.*$/, ''))) {
      return { start: lineStart + self[1].length, end: site.end, newText: `: "\${${name}:?${name} is not set}"` };
    }
    if (site.kind === 'whole' && site.quote.length === 1) return { start: site.start, end: site.end, newText: `"$${name}"` };
    if (site.kind === 'bare') return { start: site.start, end: site.end, newText: `"$${name}"` };
    if (site.quote === '"') return { start: site.valueStart, end: site.valueEnd, newText: `\${${name}}` };
    if (site.quote === "'") return { start: site.valueStart, end: site.valueEnd, newText: `'"\${${name}}"'` };
    return 'the key is inside a command substitution; move it by hand';
  }
  const expression = lookupExpression(kind, name, options);
  if (!expression) return 'this file type cannot read environment variables; read the value in code and remove it from this file';
  if (site.kind === 'bare') return 'the key is not inside a string literal (a comment?); remove it by hand';
  if (site.quote.length === 3) {
    if (site.kind === 'whole') return { start: site.start, end: site.end, newText: expression };
    return 'the key is inside a multi-line string; move it by hand';
  }
  if (site.kind === 'whole') return { start: site.start, end: site.end, newText: expression };
  return spliceEmbedded(kind, site, name, text, options);
}

/** A key inside a larger string: interpolate where the string supports it, else concatenate. */
function spliceEmbedded(kind: LanguageKind, site: LiteralSite, name: string, text: string, options: LookupOptions): TextReplace | string {
  const { quote, prefix } = site;
  const lower = prefix.toLowerCase();
  const insert = (newText: string): TextReplace => ({ start: site.valueStart, end: site.valueEnd, newText });
  if (kind === 'javascript' && quote === '`') return insert(`\${${lookupExpression(kind, name, options, "'")}}`);
  if (kind === 'python' && lower.includes('f')) return insert(`{${lookupExpression(kind, name, options, quote === '"' ? "'" : '"')}}`);
  if (kind === 'csharp' && prefix.includes('$')) return insert(`{${lookupExpression(kind, name, options)}}`);
  if (kind === 'ruby' && quote === '"') return insert(`#{${lookupExpression(kind, name, options)}}`);
  if (kind === 'kotlin' && quote === '"') return insert(`\${${lookupExpression(kind, name, options)}}`);
  const operator = CONCAT[kind];
  if (!operator) return 'the key is inside a larger string; build the string from the environment variable by hand';
  if (lower.includes('b') || (kind === 'csharp' && prefix.includes('@'))) return 'the key is inside a bytes or verbatim string; move it by hand';
  const open = prefix + quote;
  const pre = text.slice(site.start + open.length, site.valueStart);
  const post = text.slice(site.valueEnd, site.end - 1);
  const pieces = [...(pre ? [`${open}${pre}${quote}`] : []), lookupExpression(kind, name, options)!, ...(post ? [`${open}${post}${quote}`] : [])];
  const joined = pieces.join(` ${operator} `);
  // `"a…b".trim()` must stay one operand.
  const wrapped = /^\s*[.[]/.test(text.slice(site.end, site.end + 2)) ? `(${joined})` : joined;
  return { start: site.start, end: site.end, newText: wrapped };
}

/** The import (or declaration) a lookup needs, when the file lacks it: Python `import os`, Go `"os"`, and
 * Dockerfile `ARG NAME` above the line (build arguments are the only outside values a Dockerfile sees). */
export function importEdit(kind: LanguageKind, text: string, name = '', siteStart = 0): TextReplace | undefined {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  if (kind === 'dockerfile') {
    if (new RegExp(`^\\s*ARG\\s+${name}\\b`, 'm').test(text)) return undefined;
    const lineStart = text.lastIndexOf('\n', siteStart - 1) + 1;
    return { start: lineStart, end: lineStart, newText: `ARG ${name}${eol}` };
  }
  if (kind === 'python') {
    if (/^[ \t]*import\s+(?:[\w.]+(?:\s+as\s+\w+)?\s*,\s*)*os(?:\.[\w.]+)?\s*(?:,|#|$)/m.test(text)) return undefined;
    return { start: pythonImportOffset(text), end: pythonImportOffset(text), newText: `import os${eol}` };
  }
  if (kind === 'go') {
    if (/^\s*(?:import\s+)?(?:\w+\s+)?"os"\s*$/m.test(text)) return undefined;
    const block = /^import\s*\(\s*?\r?\n/m.exec(text);
    if (block) return { start: block.index + block[0].length, end: block.index + block[0].length, newText: `\t"os"${eol}` };
    const single = /^import\s+(?:\w+\s+)?"[^"]*"[^\n]*\n/m.exec(text);
    if (single) return { start: single.index + single[0].length, end: single.index + single[0].length, newText: `import "os"${eol}` };
    const pkg = /^package\s+\w+[^\n]*\n/m.exec(text);
    const at = pkg ? pkg.index + pkg[0].length : 0;
    return { start: at, end: at, newText: `${eol}import "os"${eol}` };
  }
  return undefined;
}

/** The `requireEnv` helper a checked TypeScript read calls, appended once per file (a function
 * declaration is hoisted, so the end of the file works wherever the reads are). */
export function requireEnvHelper(text: string, runtime?: 'deno'): TextReplace | undefined {
  if (/\bfunction\s+requireEnv\s*\(/.test(text)) return undefined;
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const read = runtime === 'deno' ? 'Deno.env.get(name)' : `${NODE_ENV}[name]`;
  const body = [
    '/** The environment variable `name`; throws when it is not set, so a missing secret fails loudly. */',
    'function requireEnv(name: string): string {',
    `  const value = ${read};`,
    '  if (value === undefined) throw new Error(`${name} is not set`);',
    '  return value;',
    '}',
  ];
  const lead = text.length === 0 || text.endsWith('\n') ? eol : eol + eol;
  return { start: text.length, end: text.length, newText: lead + body.join(eol) + eol };
}

/** After the shebang, encoding line, module docstring and `from __future__` imports. */
function pythonImportOffset(text: string): number {
  let offset = 0;
  const lineAt = (at: number) => text.slice(at, text.indexOf('\n', at) < 0 ? text.length : text.indexOf('\n', at) + 1);
  while (offset < text.length && /^#(!|.*coding[:=])/.test(lineAt(offset))) offset += lineAt(offset).length;
  const docstring = /^\s*(?:[rRuU]?)("""|''')[\s\S]*?\1[^\n]*(?:\n|$)/.exec(text.slice(offset));
  if (docstring) offset += docstring[0].length;
  for (let line = lineAt(offset); /^from\s+__future__\s+import/.test(line); line = lineAt(offset)) offset += line.length;
  return offset;
}
