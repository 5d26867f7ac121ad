// Parses and validates `.secret-hygiene/config.json` (JSONC): the team's policy for this repository.
// Pure text in, config + problems (with line and column) out; the loader in workspacePolicy.ts reads files.
import { parseTree, findNodeAtLocation, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import { CATEGORIES, type Severity } from '../engine';
import { compileGlob, GlobError } from '../engine/glob';

/** One allowlist entry: a finding is allowed when its path matches any glob or its value any pattern. */
export interface AllowEntry {
  description?: string;
  /** Globs relative to the repository root. */
  paths: string[];
  /** Regular expressions (RE2 syntax) tested against the secret value. */
  values: string[];
  /** Rule ids or categories it applies to; empty means every rule. */
  rules: string[];
}

export interface TeamConfig {
  /** Rule ids or categories turned off. */
  disable: string[];
  /** Rule id or category → new severity (`off` disables). A rule id beats its category. */
  severity: Record<string, Severity | 'off'>;
  allowlist: AllowEntry[];
  /** Globs (relative to the repository root) never scanned, added to the user's excludes. */
  exclude: string[];
  /** Env var prefixes that frameworks expose to the browser (e.g. NEXT_PUBLIC_), for client-bundle checks. */
  publicEnvPrefixes: string[];
  vault?: { provider: string };
  /** Read .gitleaks.toml and .gitleaksignore (default true). */
  gitleaks: boolean;
}

export interface ConfigProblem {
  /** 1-based. */
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  message: string;
  severity: 'error' | 'warning';
}

export const EMPTY_CONFIG: TeamConfig = { disable: [], severity: {}, allowlist: [], exclude: [], publicEnvPrefixes: [], gitleaks: true };

const SEVERITIES = ['error', 'warning', 'information', 'hint', 'off'];
const KNOWN_KEYS = ['$schema', 'disable', 'severity', 'allowlist', 'exclude', 'publicEnvPrefixes', 'vault', 'gitleaks'];
const VAULT_PROVIDERS = ['dotenv', '1password', 'aws-secrets-manager', 'azure-key-vault', 'gcp-secret-manager', 'hashicorp-vault', 'doppler', 'infisical'];

export function parseTeamConfig(text: string): { config: TeamConfig; problems: ConfigProblem[] } {
  const problems: ConfigProblem[] = [];
  const at = (offset: number, length: number, message: string, severity: ConfigProblem['severity'] = 'error') => {
    const from = position(text, offset);
    const to = position(text, offset + Math.max(length, 1));
    problems.push({ line: from.line, column: from.column, endLine: to.line, endColumn: to.column, message, severity });
  };
  const onNode = (node: Node, message: string, severity?: ConfigProblem['severity']) => at(node.offset, node.length, message, severity);
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  for (const error of errors) at(error.offset, error.length, `JSON: ${printParseErrorCode(error.error)}`);
  const config: TeamConfig = { ...EMPTY_CONFIG, severity: {}, disable: [], allowlist: [], exclude: [], publicEnvPrefixes: [] };
  if (!root || errors.length > 0) return { config, problems };
  if (root.type !== 'object') {
    onNode(root, 'the configuration must be a JSON object');
    return { config, problems };
  }
  for (const property of root.children ?? []) {
    const key = property.children?.[0];
    if (key && !KNOWN_KEYS.includes(key.value)) onNode(key, `unknown setting "${key.value}"; expected one of ${KNOWN_KEYS.slice(1).join(', ')}`, 'warning');
  }
  const strings = (path: string[], what: string): string[] => {
    const node = findNodeAtLocation(root, path);
    if (!node) return [];
    if (node.type !== 'array') {
      onNode(node, `"${path.join('.')}" must be an array of ${what}`);
      return [];
    }
    return (node.children ?? []).flatMap((item) => {
      // Globs match paths inside the repository only: a config cannot point the scanner elsewhere.
      if (what === 'globs' && item.type === 'string' && /^(\/|[A-Za-z]:)|(^|\/)\.\.(\/|$)/.test(item.value)) {
        onNode(item, `"${item.value}" must be relative to the repository root (no leading "/" and no "..")`);
        return [];
      }
      if (what === 'globs' && item.type === 'string' && item.value.length > 0) {
        try {
          compileGlob(item.value);
        } catch (error) {
          if (!(error instanceof GlobError)) throw error;
          onNode(item, `glob ignored: ${error.message}`);
          return [];
        }
      }
      if (item.type === 'string' && item.value.length > 0) return [item.value as string];
      onNode(item, `"${path.join('.')}" must hold non-empty strings (${what})`);
      return [];
    });
  };
  const isRuleOrCategory = (value: string) => /^[a-z0-9]+(-[a-z0-9]+)*$/.test(value) || (CATEGORIES as readonly string[]).includes(value);

  config.disable = strings(['disable'], 'rule ids or categories');
  config.exclude = strings(['exclude'], 'globs');
  config.publicEnvPrefixes = strings(['publicEnvPrefixes'], 'prefixes such as NEXT_PUBLIC_');
  for (const [index, value] of config.disable.entries()) {
    if (!isRuleOrCategory(value)) onNode(findNodeAtLocation(root, ['disable', index])!, `"${value}" is not a rule id or a category`);
  }

  const severity = findNodeAtLocation(root, ['severity']);
  if (severity && severity.type !== 'object') onNode(severity, '"severity" must be an object: { "<rule id or category>": "error" | "warning" | "information" | "hint" | "off" }');
  for (const property of severity?.type === 'object' ? (severity.children ?? []) : []) {
    const [key, value] = property.children ?? [];
    if (!key || !value) continue;
    if (value.type !== 'string' || !SEVERITIES.includes(value.value)) onNode(value, `severity must be one of ${SEVERITIES.join(', ')}`);
    else config.severity[key.value] = value.value;
  }

  const allowlist = findNodeAtLocation(root, ['allowlist']);
  if (allowlist && allowlist.type !== 'array') onNode(allowlist, '"allowlist" must be an array of { paths?, values?, rules?, description? }');
  for (const [index, entry] of (allowlist?.type === 'array' ? (allowlist.children ?? []) : []).entries()) {
    if (entry.type !== 'object') {
      onNode(entry, 'an allowlist entry must be an object { paths?, values?, rules?, description? }');
      continue;
    }
    const base = ['allowlist', index];
    const item: AllowEntry = {
      paths: strings([...base, 'paths'] as string[], 'globs'),
      values: strings([...base, 'values'] as string[], 'regular expressions'),
      rules: strings([...base, 'rules'] as string[], 'rule ids or categories'),
    };
    const description = findNodeAtLocation(entry, ['description']);
    if (description?.type === 'string') item.description = description.value;
    if (item.paths.length === 0 && item.values.length === 0) onNode(entry, 'an allowlist entry needs "paths" or "values"');
    else config.allowlist.push(item);
  }

  const vault = findNodeAtLocation(root, ['vault']);
  if (vault) {
    const provider = findNodeAtLocation(vault, ['provider']);
    if (vault.type !== 'object' || provider?.type !== 'string') onNode(vault, '"vault" must be { "provider": "…" }');
    else if (!VAULT_PROVIDERS.includes(provider.value)) onNode(provider, `unknown vault provider "${provider.value}"; expected one of ${VAULT_PROVIDERS.join(', ')}`);
    else config.vault = { provider: provider.value };
  }

  const gitleaks = findNodeAtLocation(root, ['gitleaks']);
  if (gitleaks && gitleaks.type !== 'boolean') onNode(gitleaks, '"gitleaks" must be true or false');
  else if (gitleaks) config.gitleaks = gitleaks.value;
  return { config, problems };
}

/** 1-based line and column of a UTF-16 offset. */
export function position(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/** Where a JSON path sits in `text`, for problems found after parsing (e.g. a bad regex in allowlist[2].values[0]). */
export function locate(text: string, path: Array<string | number>): { offset: number; length: number } {
  const root = parseTree(text, [], { allowTrailingComma: true });
  const node = root && findNodeAtLocation(root, path);
  return node ? { offset: node.offset, length: node.length } : { offset: 0, length: 1 };
}
