// "Ignore this finding": a `secret-hygiene-ignore-next-line <ruleId>` comment on a new line above the
// finding, in the file's comment syntax (engine/suppressions.ts honours it). Pure; refuses where a file
// has no comments (JSON) or the line above would land inside a string.
import { lineEnding, refuse, type FixPlan } from './types';

interface CommentSyntax {
  open: string;
  close?: string;
}

const SLASH: CommentSyntax = { open: '//' };
const HASH: CommentSyntax = { open: '#' };

const BY_EXTENSION: Record<string, CommentSyntax> = {
  ...Object.fromEntries(
    ['js', 'mjs', 'cjs', 'jsx', 'ts', 'mts', 'cts', 'tsx', 'java', 'kt', 'kts', 'cs', 'go', 'rs', 'php', 'c', 'h', 'cc', 'cpp', 'hpp', 'swift', 'scala', 'dart', 'groovy', 'gradle', 'jsonc', 'json5', 'scss', 'less', 'zig', 'sol', 'proto', 'tf', 'hcl']
      .map((ext) => [ext, SLASH]),
  ),
  ...Object.fromEntries(
    ['py', 'rb', 'sh', 'bash', 'zsh', 'fish', 'ps1', 'yml', 'yaml', 'toml', 'properties', 'r', 'pl', 'pm', 'ex', 'exs', 'nix', 'cfg', 'conf', 'env', 'tfvars', 'mk', 'cmake', 'dockerfile', 'gitignore', 'npmrc', 'pypirc', 'netrc']
      .map((ext) => [ext, HASH]),
  ),
  ...Object.fromEntries(['sql', 'lua', 'hs', 'elm', 'ada'].map((ext) => [ext, { open: '--' }])),
  ...Object.fromEntries(['html', 'htm', 'xml', 'svg', 'md', 'markdown', 'xaml', 'csproj', 'config', 'plist'].map((ext) => [ext, { open: '<!--', close: '-->' }])),
  css: { open: '/*', close: '*/' },
  ini: { open: ';' },
  tex: { open: '%' },
  erl: { open: '%' },
  clj: { open: ';;' },
  bat: { open: 'REM' },
  cmd: { open: 'REM' },
  vb: { open: "'" },
};

/** The line-comment syntax of a file, from its name; undefined when it has none (JSON, PEM). */
export function commentSyntaxFor(filePath: string): CommentSyntax | undefined {
  const base = filePath.split(/[\\/]/).pop() ?? '';
  if (/^(Dockerfile|Makefile|Gemfile|Rakefile|Procfile|Vagrantfile)$|^\.env(\.|$)|^\.[\w-]*rc$/.test(base)) return HASH;
  const extension = base.includes('.') ? base.split('.').pop()!.toLowerCase() : '';
  return BY_EXTENSION[extension];
}

/** Plans the suppression comment for the finding at `start` in `text`. */
export function planIgnoreComment(sourcePath: string, text: string, start: number, ruleId: string): FixPlan {
  const syntax = commentSyntaxFor(sourcePath);
  if (!syntax) return refuse('this file type has no comments; add the finding to the baseline instead');
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  if (insideMultilineString(text, lineStart)) return refuse('the line above is inside a multi-line string; add the finding to the baseline instead');
  const indent = /^[ \t]*/.exec(text.slice(lineStart))![0];
  const comment = `${indent}${syntax.open} secret-hygiene-ignore-next-line ${ruleId}${syntax.close ? ` ${syntax.close}` : ''}`;
  return {
    changes: [{ path: sourcePath, create: false, edits: [{ start: lineStart, end: lineStart, newText: comment + lineEnding(text) }] }],
    messages: [],
  };
}

/** A cheap check: an odd number of backticks or triple quotes before the line means we are inside one. */
function insideMultilineString(text: string, offset: number): boolean {
  const before = text.slice(0, offset);
  const count = (pattern: RegExp) => (before.match(pattern) ?? []).length;
  return count(/`/g) % 2 === 1 || count(/"""/g) % 2 === 1 || count(/'''/g) % 2 === 1;
}
