// Reads rule files from disk (built-in rules/ and, later, a workspace's own) and hands their content
// to the pure compiler. Parse errors point at the line and column of the rule file.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { findNodeAtLocation, parse, parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import { buildRuleSet, compileRuleFile, deserializeAutomata, usePrebuiltAutomaton, type CompileOptions, type Rule, type RuleLoadError, type RuleSet } from '../engine';
import { MAX_POLICY_FILE_BYTES, readRegularTextSync } from './regularFile';

export interface LoadedRules {
  ruleSet: RuleSet;
  errors: RuleLoadError[];
  files: string[];
}

/** The folder holding the built-in rules: `rules/` next to package.json, found from the running bundle. */
export function builtinRulesDir(from: string = __dirname): string {
  let dir = from;
  for (;;) {
    if (fs.existsSync(path.join(dir, 'rules', 'schema.json'))) return path.join(dir, 'rules');
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`Secret Hygiene: cannot find the built-in rules folder above ${from}`);
    dir = parent;
  }
}

/** Parses one rule file's text; JSON errors carry a 1-based line and column. */
export function parseRuleFile(text: string, source: string, options: CompileOptions = {}): { rules: Rule[]; errors: RuleLoadError[]; warnings: RuleLoadError[] } {
  const parseErrors: ParseError[] = [];
  // Plain JSON (every built-in file) parses natively, several times faster; comments fall back to jsonc.
  let spec: unknown;
  try {
    spec = JSON.parse(text);
  } catch {
    spec = parse(text, parseErrors, { allowTrailingComma: false, disallowComments: false });
  }
  if (parseErrors.length > 0) {
    return {
      rules: [],
      errors: parseErrors.map((error) => {
        const { line, column } = lineAndColumn(text, error.offset);
        const end = lineAndColumn(text, error.offset + Math.max(error.length, 1));
        return { source, line, column, endLine: end.line, endColumn: end.column, message: `${printParseErrorCode(error.error)} at line ${line}, column ${column}` };
      }),
      warnings: [],
    };
  }
  const compiled = compileRuleFile(spec, source, options);
  if (compiled.errors.length === 0 && compiled.warnings.length === 0) return { rules: compiled.rules, errors: [], warnings: [] };
  const tree = parseTree(text, [], { allowTrailingComma: true });
  const withSpan = (error: RuleLoadError): RuleLoadError => ({ ...error, ...spanOf(text, tree, error.path) });
  return { rules: compiled.rules, errors: compiled.errors.map(withSpan), warnings: compiled.warnings.map(withSpan) };
}

/** The span of `field` of the rule with id `ruleId` in a rule file (for problems found after compiling). */
export function ruleFieldSpan(text: string, ruleId: string, field: string): ReturnType<typeof spanOf> {
  const tree = parseTree(text, [], { allowTrailingComma: true });
  const rules = tree && findNodeAtLocation(tree, ['rules']);
  const index = rules?.children?.findIndex((rule) => rule.type === 'object' && findNodeAtLocation(rule, ['id'])?.value === ruleId) ?? -1;
  return spanOf(text, tree, index < 0 ? [] : ['rules', index, field]);
}

/** The span of the JSON value at `jsonPath` in the rule file, or of its nearest existing parent (a missing
 * field points at its rule's id). */
export function spanOf(text: string, tree: Node | undefined, jsonPath: Array<string | number> = []): Pick<RuleLoadError, 'line' | 'column' | 'endLine' | 'endColumn'> {
  if (!tree) return { line: 1, column: 1 };
  for (let depth = jsonPath.length; depth >= 0; depth--) {
    let node = findNodeAtLocation(tree, jsonPath.slice(0, depth));
    if (!node) continue;
    // A rule missing a field: its id names it best.
    if (depth < jsonPath.length && node.type === 'object') node = findNodeAtLocation(node, ['id']) ?? node;
    const start = lineAndColumn(text, node.offset);
    // A whole object spans many lines: mark its first line only.
    const end = node.type === 'object' || node.type === 'array' ? { line: start.line, column: start.column + 1 } : lineAndColumn(text, node.offset + node.length);
    return { line: start.line, column: start.column, endLine: end.line, endColumn: end.column };
  }
  return { line: 1, column: 1 };
}

/** The service dictionary lives next to the rules, one file per category. */
export const SERVICES_DIR = 'services';

/** Loads every `*.json` rule file in `dirs` and their `services/` folders (in order; later files override
 * rules with the same id). */
export function loadRuleDirs(dirs: string[], options: CompileOptions = {}): LoadedRules {
  const rules: Rule[] = [];
  const errors: RuleLoadError[] = [];
  const files: string[] = [];
  const loadDir = (dir: string, optional: boolean) => {
    let names: string[];
    try {
      names = fs.readdirSync(dir).filter((name) => name.endsWith('.json') && name !== 'schema.json').sort();
    } catch (error) {
      if (!optional || (error as NodeJS.ErrnoException).code !== 'ENOENT') {
        errors.push({ source: dir, message: `cannot read the rules folder: ${(error as NodeJS.ErrnoException).code ?? error}` });
      }
      return;
    }
    for (const name of names) {
      const file = path.join(dir, name);
      files.push(file);
      try {
        const result = parseRuleFile(readRegularTextSync(file, MAX_POLICY_FILE_BYTES), file, options);
        rules.push(...result.rules);
        errors.push(...result.errors);
      } catch (error) {
        errors.push({ source: file, message: `cannot read the rule file: ${(error as NodeJS.ErrnoException).code ?? error}` });
      }
    }
  };
  for (const dir of dirs) {
    loadDir(dir, false);
    loadDir(path.join(dir, SERVICES_DIR), true);
  }
  return { ruleSet: buildRuleSet(rules), errors, files };
}

/** The built-in rules' automata (keywords, service names), written next to the bundle by esbuild.mjs. */
export const PREBUILT_AUTOMATA = 'automata.bin';
let prebuiltLoaded = false;

/** Registers the automata built with the bundle, once; a missing or unreadable file only means they are
 * built at start-up (the same tables: they are used only for exactly the words they were built from). */
export function loadPrebuiltAutomata(dir: string = __dirname): void {
  if (prebuiltLoaded) return;
  prebuiltLoaded = true;
  const file = path.join(dir, PREBUILT_AUTOMATA);
  if (!fs.existsSync(file)) return;
  try {
    for (const [fingerprint, automaton] of deserializeAutomata(fs.readFileSync(file))) usePrebuiltAutomaton(fingerprint, automaton);
  } catch {
    // Built at start-up instead.
  }
}

/** Loads the built-in rules, throwing if any of them is broken (a packaging bug, not a user error). */
export function loadBuiltinRules(): RuleSet {
  loadPrebuiltAutomata();
  const loaded = loadRuleDirs([builtinRulesDir()], { checkEmptyMatch: false });
  if (loaded.errors.length > 0) {
    throw new Error(`Secret Hygiene: broken built-in rules:\n${loaded.errors.map(formatRuleError).join('\n')}`);
  }
  return loaded.ruleSet;
}

export function formatRuleError(error: RuleLoadError): string {
  const where = [error.source + (error.line ? `:${error.line}${error.column ? `:${error.column}` : ''}` : ''), error.ruleId && `rule ${error.ruleId}`, error.field && `field "${error.field}"`];
  return `${where.filter(Boolean).join(', ')}: ${error.message}`;
}

function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}
