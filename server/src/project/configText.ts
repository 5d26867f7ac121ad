// Light, non-executing reads of bundler and framework config files: find a key, take its balanced
// block, list string literals and env references. Config files are never run, only read as text.

/** The text of the `{…}`/`[…]`/`(…)` block that opens at or after `from`, skipping strings and comments. */
export function balancedBlock(text: string, from: number): { start: number; end: number } | undefined {
  const open = text.slice(from).search(/[{[(]/);
  if (open < 0) return undefined;
  const start = from + open;
  let depth = 0;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (c === '"' || c === "'" || c === '`') {
      i = skipString(text, i);
      continue;
    }
    if (c === '/' && text[i + 1] === '/') {
      const eol = text.indexOf('\n', i);
      i = eol < 0 ? text.length : eol;
      continue;
    }
    if (c === '/' && text[i + 1] === '*') {
      const close = text.indexOf('*/', i + 2);
      i = close < 0 ? text.length : close + 1;
      continue;
    }
    if (c === '{' || c === '[' || c === '(') depth++;
    else if (c === '}' || c === ']' || c === ')') {
      depth--;
      if (depth === 0) return { start, end: i + 1 };
    }
  }
  return undefined;
}

function skipString(text: string, at: number): number {
  const quote = text[at];
  for (let i = at + 1; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === quote) return i;
    else if (text[i] === '\n' && quote !== '`') return i;
  }
  return text.length;
}

/** The block that is the value of `key` (e.g. `env: {…}`, `define: {…}`, `EnvironmentPlugin([…])`). */
export function blocksOf(text: string, key: RegExp): string[] {
  const out: string[] = [];
  const pattern = new RegExp(key.source, 'g');
  let match: RegExpExecArray | null;
  while ((match = pattern.exec(text)) !== null) {
    const block = balancedBlock(text, match.index + match[0].length);
    if (block && text.slice(match.index + match[0].length, block.start).trim().length === 0) out.push(text.slice(block.start, block.end));
  }
  return out;
}

/** String literals in a piece of config text. */
export function stringLiterals(text: string): string[] {
  return [...text.matchAll(/(['"`])((?:\\.|(?!\1)[^\\\n])*)\1/g)].map((m) => m[2]);
}

/** Env variable names a piece of config reads: `process.env.X`, `process.env["X"]`, `env.X`, `import.meta.env.X`. */
export function envReferences(text: string): string[] {
  const names = new Set<string>();
  for (const m of text.matchAll(/\b(?:process\.env|import\.meta\.env|env)\s*(?:\.\s*([A-Za-z_][A-Za-z0-9_]*)|\[\s*['"]([A-Za-z_][A-Za-z0-9_]*)['"]\s*\])/g)) names.add(m[1] ?? m[2]);
  return [...names];
}

/** Top-level keys of an object literal block: `{ A: 1, 'B': x, C, }` → A, B, C. */
export function objectKeys(block: string): string[] {
  const inner = block.slice(1, -1);
  const keys: string[] = [];
  let depth = 0;
  let segment = '';
  const flush = () => {
    const m = /^\s*(?:\.\.\.)?\s*(?:['"]([^'"]+)['"]|([A-Za-z_$][\w$]*))\s*(?::|,|$|\()/.exec(segment);
    if (m && !segment.trim().startsWith('...')) keys.push(m[1] ?? m[2]);
    segment = '';
  };
  for (let i = 0; i < inner.length; i++) {
    const c = inner[i];
    if (c === '"' || c === "'" || c === '`') {
      const end = skipString(inner, i);
      segment += inner.slice(i, end + 1);
      i = end;
      continue;
    }
    if (c === '{' || c === '[' || c === '(') depth++;
    if (c === '}' || c === ']' || c === ')') depth--;
    if (c === ',' && depth === 0) flush();
    else segment += c;
  }
  flush();
  return keys;
}

/** Drops `//` and `/* *\/` comments so commented-out config is not read as live config. */
export function stripComments(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, ' ').replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');
}
