// Imports a team's `.gitleaks.toml` (rules, per-rule and global allowlists, `[extend] useDefault`) and
// `.gitleaksignore` (finding fingerprints). Patterns are Go RE2 syntax and run on RE2 (safeRegex.ts), so
// gitleaks configs work unchanged and no imported pattern can hang the scan.
import type * as SmolToml from 'smol-toml' with { 'resolution-mode': 'import' };
import type { Rule } from '../engine';
import { requiredLiterals } from './requiredLiterals';
import { compileSafeRegex, namesLineBreak, type RegexLike } from './safeRegex';
import type { ConfigProblem } from './teamConfig';

// smol-toml ships CommonJS too (its "require" export); only its type declarations are ESM-only.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { parse, TomlError }: typeof SmolToml = require('smol-toml');

export interface GitleaksImport {
  rules: Rule[];
  /** gitleaks' default: a custom config without `[extend] useDefault = true` replaces the default rules. */
  useDefault: boolean;
  /** `[extend] disabledRules`. */
  disabledRules: string[];
  /** Global allowlist: path patterns (regex on the repository-relative path) and secret value patterns. */
  allowPaths: RegexLike[];
  allowValues: RegexLike[];
  problems: ConfigProblem[];
}

interface TomlAllowlist {
  paths?: unknown;
  regexes?: unknown;
  stopwords?: unknown;
  regexTarget?: unknown;
}

export function importGitleaksConfig(text: string, source: string): GitleaksImport {
  const result: GitleaksImport = { rules: [], useDefault: false, disabledRules: [], allowPaths: [], allowValues: [], problems: [] };
  let doc: Record<string, unknown>;
  try {
    doc = parse(text) as Record<string, unknown>;
  } catch (error) {
    const line = error instanceof TomlError ? error.line : 1;
    const column = error instanceof TomlError ? error.column : 1;
    result.problems.push({ line, column, endLine: line, endColumn: column + 1, message: `TOML: ${(error as Error).message.split('\n')[0]}`, severity: 'error' });
    return result;
  }
  const problem = (needle: string, message: string, severity: ConfigProblem['severity'] = 'error', from = 0) => {
    const { line, column, length } = find(text, needle, from);
    result.problems.push({ line, column, endLine: line, endColumn: column + length, message, severity });
  };
  const extend = (doc.extend ?? {}) as Record<string, unknown>;
  result.useDefault = extend.useDefault === true;
  if (typeof extend.path === 'string') problem('path', '[extend] path is not followed: only this file is read (configuration stays inside the workspace)', 'warning');
  if (Array.isArray(extend.disabledRules)) result.disabledRules = extend.disabledRules.filter((id): id is string => typeof id === 'string');

  // Each allowlist's problems point into its own table, not at the first such pattern in the file.
  const globalStarts = tableStarts(text, 'allowlist', doc.allowlist, 0, text.length);
  for (const [k, allowlist] of allowlistsOf(doc.allowlist, doc.allowlists).entries()) {
    const at = globalStarts[k] ?? 0;
    const compiled = compileAllowlist(allowlist, 'global allowlist', (needle, message, severity) => problem(needle, message, severity, at));
    result.allowPaths.push(...compiled.paths);
    result.allowValues.push(...compiled.values);
  }

  const rules = Array.isArray(doc.rules) ? (doc.rules as Array<Record<string, unknown>>) : [];
  for (const raw of rules) {
    const id = typeof raw.id === 'string' ? raw.id : undefined;
    if (!id) {
      problem('[[rules]]', 'a [[rules]] entry needs an id');
      continue;
    }
    const where = `id = "${id}"`;
    if (typeof raw.regex !== 'string' || raw.regex.length === 0) {
      problem(where, `rule ${id}: rules without "regex" (path-only rules) are not supported; skipped`, 'warning');
      continue;
    }
    const secretGroup = typeof raw.secretGroup === 'number' && raw.secretGroup > 0 ? raw.secretGroup : undefined;
    const declared = Array.isArray(raw.keywords) ? raw.keywords.filter((k): k is string => typeof k === 'string' && k.length >= 2).map((k) => k.toLowerCase()) : [];
    // Strings every match contains (requiredLiterals.ts): a rule without keywords (gitleaks runs those on
    // everything) selects its files and lines by them instead, and lines are picked by whichever of the two
    // lists is the more selective. Both only ever skip text where the pattern cannot match.
    const derived = requiredLiterals(raw.regex);
    const keywords = declared.length > 0 ? declared : derived;
    const lineKeywords = derived.length > 0 && shortest(derived) > shortest(keywords) ? derived : keywords;
    let regex: RegexLike;
    try {
      // Without secretGroup, gitleaks reports the first non-empty group, else the whole match.
      regex = compileSafeRegex(raw.regex, { secretGroup: secretGroup ?? 'first', lineBounded: !namesLineBreak(raw.regex), lineKeywords, lazy: true });
    } catch (error) {
      problem(where, `rule ${id}: regex ${(error as Error).message}; rule disabled`);
      continue;
    }
    let pathMatcher: ((path: string) => boolean) | undefined;
    if (typeof raw.path === 'string') {
      try {
        const pathRegex = compileSafeRegex(raw.path, { global: false });
        pathMatcher = (path) => pathRegex.test(path);
      } catch (error) {
        problem(where, `rule ${id}: path ${(error as Error).message}; rule disabled`);
        continue;
      }
    }
    // An allowlist's problems point into this rule, not at the first such word in the file.
    const ruleAt = Math.max(0, text.search(new RegExp(`id\\s*=\\s*["']${id.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&')}["']`)));
    const nextRule = text.slice(ruleAt).search(/^[ \t]*\[\[\s*rules\s*\]\]/m);
    const ruleStarts = tableStarts(text, 'rules.allowlist', raw.allowlist, ruleAt, nextRule < 0 ? text.length : ruleAt + nextRule);
    const ruleAllow = allowlistsOf(raw.allowlist, raw.allowlists).map((a, k) =>
      compileAllowlist(a, `rule ${id}`, (needle, message, severity) => problem(needle, message, severity, ruleStarts[k] ?? ruleAt)),
    );
    const allowPaths = ruleAllow.flatMap((a) => a.paths);
    const rule: Rule = {
      id,
      title: typeof raw.description === 'string' && raw.description.length > 0 ? raw.description : id,
      provider: 'gitleaks config',
      category: 'generic',
      severity: 'error',
      confidence: 'medium',
      // The team's own pattern describes the value's format.
      evidence: 'provider-format',
      keywords,
      regex: regex as unknown as RegExp,
      multiline: namesLineBreak(raw.regex),
      entropy: typeof raw.entropy === 'number' ? raw.entropy : 0,
      allow: ruleAllow.flatMap((a) => a.values) as unknown as RegExp[],
      pathMatcher: allowPaths.length === 0 ? pathMatcher : (path) => (!pathMatcher || pathMatcher(path)) && !allowPaths.some((p) => p.test(path)),
      publicByDesign: false,
      source,
      examples: { positive: [], negative: [] },
    };
    result.rules.push(rule);
  }
  return result;
}

const shortest = (words: string[]) => (words.length === 0 ? 0 : Math.min(...words.map((w) => w.length)));

/** Where each allowlist table starts in text[from, to), in allowlistsOf's order: `[name]` (when `single` is
 * one), then each `[[names]]`. Tables written another way (inline, dotted keys) are not found: their problems
 * fall back to the first occurrence after `from`. */
function tableStarts(text: string, name: string, single: unknown, from: number, to: number): Array<number | undefined> {
  const escaped = name.replace(/\./g, '\\s*\\.\\s*');
  let table: number | undefined;
  const many: number[] = [];
  const header = new RegExp(`^[ \\t]*(?:(\\[\\s*${escaped}\\s*\\])|\\[\\[\\s*${escaped}s\\s*\\]\\])`, 'gm');
  header.lastIndex = from;
  for (let m = header.exec(text); m && m.index < to; m = header.exec(text)) {
    if (!m[1]) many.push(m.index);
    else table ??= m.index;
  }
  return single && typeof single === 'object' && !Array.isArray(single) ? [table, ...many] : many;
}

function allowlistsOf(single: unknown, many: unknown): TomlAllowlist[] {
  const list: TomlAllowlist[] = [];
  if (single && typeof single === 'object' && !Array.isArray(single)) list.push(single as TomlAllowlist);
  if (Array.isArray(many)) list.push(...(many.filter((a) => a && typeof a === 'object') as TomlAllowlist[]));
  return list;
}

/** Paths, regexes and stopwords of one allowlist; `regexTarget = "match"|"line"` cannot be honoured on the value alone, so it is reported. */
function compileAllowlist(allowlist: TomlAllowlist, owner: string, problem: (needle: string, message: string, severity?: ConfigProblem['severity']) => void) {
  const paths: RegexLike[] = [];
  const values: RegexLike[] = [];
  const each = (list: unknown, into: RegexLike[], what: string) => {
    for (const pattern of Array.isArray(list) ? list : []) {
      if (typeof pattern !== 'string') continue;
      try {
        into.push(compileSafeRegex(pattern, { global: false }));
      } catch (error) {
        problem(pattern, `${owner}: allowlist ${what} ${(error as Error).message}; ignored`);
      }
    }
  };
  each(allowlist.paths, paths, 'path');
  if (allowlist.regexTarget === 'match' || allowlist.regexTarget === 'line') {
    problem(`"${allowlist.regexTarget}"`, `${owner}: regexTarget "${allowlist.regexTarget}" is applied to the secret value only`, 'warning');
  }
  each(allowlist.regexes, values, 'regex');
  const stopwords = (Array.isArray(allowlist.stopwords) ? allowlist.stopwords : []).filter((w): w is string => typeof w === 'string' && w.length > 0);
  if (stopwords.length > 0) values.push(stopwordMatcher(stopwords));
  return { paths, values };
}

/** gitleaks' stopwords: a value containing one of them (ignoring case) is allowed. One matcher for the whole
 * list: gitleaks' generic-api-key alone has ~1,500, far too many to run as separate regexes per candidate. */
function stopwordMatcher(words: string[]): RegexLike {
  const lower = [...new Set(words.map((w) => w.toLowerCase()))];
  return {
    lastIndex: 0,
    source: `stopwords(${lower.length})`,
    flags: 'i',
    exec: () => null,
    test: (value: string) => {
      const text = value.toLowerCase();
      return lower.some((word) => text.includes(word));
    },
  };
}

/** 1-based line/column of the first occurrence of `needle` (a rule's `id = "x"`, a pattern), else line 1. */
export function locateInToml(text: string, needle: string): { line: number; column: number; length: number } {
  return find(text, needle);
}

function find(text: string, needle: string, from = 0): { line: number; column: number; length: number } {
  let index = text.indexOf(needle, from);
  // Not in a comment line (a header may mention the word).
  while (index >= 0 && /^\s*#/.test(text.slice(text.lastIndexOf('\n', index) + 1, index))) index = text.indexOf(needle, index + 1);
  if (index < 0 && from > 0) return find(text, needle, 0);
  if (index < 0 && needle.startsWith('id = ')) index = text.search(new RegExp(`id\\s*=\\s*["']${needle.slice(6, -1).replace(/[\\^$.*+?()[\]{}|]/g, '\\$&')}["']`));
  if (index < 0) return { line: 1, column: 1, length: 1 };
  const before = text.slice(0, index);
  const line = before.split('\n').length;
  return { line, column: index - before.lastIndexOf('\n'), length: needle.length };
}

/** `.gitleaksignore`: one fingerprint per line, `file:rule:line` or `commit:file:rule:line`; `#` comments. */
export function parseGitleaksIgnore(text: string): Set<string> {
  const fingerprints = new Set<string>();
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line.length === 0 || line.startsWith('#')) continue;
    const parts = line.split(':');
    // A commit prefix is dropped: the editor and a work-tree scan see files, not commits.
    if (parts.length >= 4 && /^[0-9a-f]{7,40}$/i.test(parts[0])) parts.shift();
    // `gitleaks dir .` writes ./src/app.js; paths here are relative to the root without it.
    fingerprints.add(parts.join(':').replace(/^\.\//, ''));
  }
  return fingerprints;
}
