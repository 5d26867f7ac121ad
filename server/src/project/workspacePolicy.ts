// A repository's detection policy: built-in rules, then .gitleaks.toml, then .secret-hygiene/rules/*.json,
// then .secret-hygiene/config.json (disable, re-grade, allowlists), then .secretlintrc (disables, allows). Reads only those fixed files inside
// the root (symbolic links leading out are refused); every problem carries the file, line and column.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { compileGlobs } from '../engine/glob';
import { buildRuleSet, HYGIENE_CHECK_IDS, LineIndex, scanText, type Finding, type Rule, type RuleLoadError, type RuleSet } from '../engine';
import { importGitleaksConfig, locateInToml, parseGitleaksIgnore } from './gitleaksConfig';
import { gitleaksRuleIds, resolveRuleId } from './gitleaksRuleIds';
import { DETECT_SECRETS_BASELINE, dropBaselined, parseDetectSecretsBaseline, type DetectSecretsBaseline } from './detectSecretsBaseline';
import { parseRuleFile, ruleFieldSpan } from './ruleFiles';
import { importSecretlintConfig, SECRETLINT_FILES } from './secretlintConfig';
import { compileSafeRegex, releaseSafeRegexes, type RegexLike } from './safeRegex';
import { EMPTY_CONFIG, locate, parseTeamConfig, position, type ConfigProblem, type TeamConfig } from './teamConfig';
import { FileReadError, MAX_POLICY_FILE_BYTES, readRegularTextSync } from './regularFile';

export const CONFIG_DIR = '.secret-hygiene';
/** Other tools' files the policy imports, at the root of a workspace folder. */
export const POLICY_FILES = ['.gitleaks.toml', '.gitleaksignore', '.secrets.baseline', ...SECRETLINT_FILES];
/** Files whose change reloads the policy (globs relative to a workspace folder). */
export const POLICY_GLOBS = ['.secret-hygiene/**', ...POLICY_FILES];

export interface WorkspacePolicy {
  root: string;
  ruleSet: RuleSet;
  config: TeamConfig;
  /** Globs relative to the root that are never scanned. */
  exclude: string[];
  /** `.gitleaksignore` fingerprints `file:rule:line`, file relative to the root. */
  ignored: Set<string>;
  /** detect-secrets' `.secrets.baseline`: triaged secrets, silenced. */
  detectSecrets?: DetectSecretsBaseline;
  /** Rules the policy turned off (config.json `disable` or severity "off", `.gitleaks.toml` `disabledRules`,
   * .secretlintrc): a value they match stays silent when a context rule (service name, generic name) finds it
   * again under another id. */
  silenced?: RuleSet;
  /** Problems per absolute file path (config, rule files, .gitleaks.toml). */
  problems: Map<string, ConfigProblem[]>;
}

export interface PolicyOptions {
  /** Use this config file instead of <root>/.secret-hygiene/config.json (CLI --config; may be a .gitleaks.toml). */
  configFile?: string;
  /** The rule set already built from `builtin`: reused when the folder's policy changes no rule, so an
   * ordinary folder costs no second build of the keyword and service-name automata. */
  builtinRuleSet?: RuleSet;
}

/** A replaced policy gives its RE2 patterns back (re2-wasm's heap is fixed; see safeRegex.ts). Patterns a
 * scan still running on the old rules needs are compiled again on its next search. */
export function releaseWorkspacePolicy(policy: WorkspacePolicy): void {
  for (const rules of [policy.ruleSet.rules, policy.silenced?.rules ?? []]) {
    for (const rule of rules) releaseSafeRegexes([rule.regex, ...rule.allow]);
  }
}

/** Reads the policy files of `root` and merges them over `builtin`. Never throws for bad content. */
export function loadWorkspacePolicy(root: string, builtin: Rule[], options: PolicyOptions = {}): WorkspacePolicy {
  const problems = new Map<string, ConfigProblem[]>();
  const report = (file: string, list: ConfigProblem[]) => list.length > 0 && problems.set(file, [...(problems.get(file) ?? []), ...list]);
  const realRoot = safeRealpath(root) ?? root;
  /** Every rule the policy turns off, by id (the rule as it was before). */
  const off = new Map<string, Rule>();
  const turnedOff = (rule: Rule) => off.set(rule.id, rule);
  const read = (file: string, trusted = false): string | undefined => {
    const real = safeRealpath(file);
    if (!real) return undefined;
    if (!trusted && real !== realRoot && !real.startsWith(realRoot + path.sep)) {
      report(file, [problemAt(1, 1, `not read: it leads outside the workspace (${path.relative(root, file)} → a file elsewhere)`)]);
      return undefined;
    }
    try {
      return readRegularTextSync(real, MAX_POLICY_FILE_BYTES);
    } catch (error) {
      report(file, [problemAt(1, 1, `cannot read: ${error instanceof FileReadError ? error.message : ((error as NodeJS.ErrnoException).code ?? error)}`)]);
      return undefined;
    }
  };

  const configFile = options.configFile ?? path.join(root, CONFIG_DIR, 'config.json');
  const isToml = configFile.endsWith('.toml');
  let config: TeamConfig = { ...EMPTY_CONFIG };
  let configText: string | undefined;
  if (!isToml) {
    configText = read(configFile, options.configFile !== undefined);
    if (configText !== undefined) {
      const parsed = parseTeamConfig(configText);
      config = parsed.config;
      report(configFile, parsed.problems);
    }
  }

  let rules = builtin;
  if (config.gitleaks || isToml) {
    const gitleaksFile = isToml ? configFile : path.join(root, '.gitleaks.toml');
    const text = read(gitleaksFile, isToml);
    if (text !== undefined) {
      const imported = importGitleaksConfig(text, gitleaksFile);
      report(gitleaksFile, imported.problems);
      const disabled = disabledRuleIds(imported.disabledRules, builtin, text, (list) => report(gitleaksFile, list));
      const keepDefault = imported.useDefault || imported.rules.length === 0;
      // Rules a config with its own rules replaces were not triaged away: only disabledRules silence.
      if (keepDefault) builtin.filter((r) => disabled.has(r.id)).forEach(turnedOff);
      const kept = keepDefault ? builtin.filter((r) => !disabled.has(r.id)) : [];
      rules = withAllow([...kept, ...imported.rules], () => true, imported.allowValues, imported.allowPaths.length > 0 ? (p) => imported.allowPaths.some((r) => r.test(p)) : undefined);
    }
  }

  const rulesDir = path.join(options.configFile && !isToml ? path.dirname(configFile) : path.join(root, CONFIG_DIR), 'rules');
  for (const name of listJson(rulesDir)) {
    const file = path.join(rulesDir, name);
    const text = read(file);
    if (text === undefined) continue;
    const parsed = parseRuleFile(text, file, { examples: 'optional', workspaceGlobs: true });
    const describe = (e: RuleLoadError) => [e.ruleId && `rule ${e.ruleId}`, e.field && `field "${e.field}"`, e.message].filter(Boolean).join(': ');
    report(file, parsed.errors.map((e) => problemOf(e, describe(e), 'error')));
    report(file, parsed.warnings.map((e) => problemOf(e, describe(e), 'warning')));
    for (const rule of parsed.rules) {
      // A service entry runs our own tail pattern, not one from the workspace.
      const safe = rule.service ? { rule } : toSafeRule(rule);
      if ('error' in safe) report(file, [problemOf(ruleFieldSpan(text, rule.id, safe.field), `rule ${rule.id}: ${safe.error}; rule disabled`, 'error')]);
      else rules = [...rules.filter((r) => r.id !== rule.id), safe.rule];
    }
  }

  const configProblems: ConfigProblem[] = [];
  const beforeConfig = rules;
  rules = applyConfig(rules, config, (jsonPath, message, severity = 'error') => {
    const at = configText ? locate(configText, jsonPath) : { offset: 0, length: 1 };
    const from = configText ? position(configText, at.offset) : { line: 1, column: 1 };
    const to = configText ? position(configText, at.offset + at.length) : { line: 1, column: 2 };
    configProblems.push({ line: from.line, column: from.column, endLine: to.line, endColumn: to.column, message, severity });
  });
  report(configFile, configProblems);
  const stillOn = new Set(rules.map((rule) => rule.id));
  beforeConfig.filter((rule) => !stillOn.has(rule.id)).forEach(turnedOff);

  // secretlint's triage: the first of its config names that exists, as secretlint picks it.
  const secretlintFile = SECRETLINT_FILES.map((name) => path.join(root, name)).find((file) => fs.existsSync(file));
  const secretlintText = secretlintFile ? read(secretlintFile) : undefined;
  if (secretlintFile && secretlintText !== undefined) {
    const imported = importSecretlintConfig(secretlintText, new Set(rules.map((rule) => rule.id)));
    report(secretlintFile, imported.problems);
    const disable = new Set(imported.disable);
    rules.filter((rule) => disable.has(rule.id)).forEach(turnedOff);
    rules = rules.filter((rule) => !disable.has(rule.id));
    // An allowed value stays allowed for the context rules that could find it again under another name.
    for (const entry of imported.allow) rules = withAllow(rules, (rule) => entry.rules.includes(rule.id) || rule.evidence === 'service-context' || rule.evidence === 'generic-name', entry.values);
  }

  const ignoreText = config.gitleaks ? read(path.join(root, '.gitleaksignore')) : undefined;
  const hygiene = { disable: config.disable, severity: config.severity };
  const baselineFile = path.join(root, DETECT_SECRETS_BASELINE);
  const baselineText = fs.existsSync(baselineFile) ? read(baselineFile) : undefined;
  const detectSecrets = baselineText === undefined ? undefined : parseDetectSecretsBaseline(baselineText);
  if (detectSecrets) report(baselineFile, detectSecrets.problems);
  const unchanged = options.builtinRuleSet && sameRules(rules, options.builtinRuleSet.rules);
  const ruleSet = unchanged ? { ...options.builtinRuleSet!, hygiene } : buildRuleSet(rules, hygiene);
  // A value a turned-off rule matches is not reported again by a context rule that is still on.
  const silenced = off.size > 0 ? buildRuleSet([...off.values()]) : undefined;
  return { root, ruleSet, silenced, config, exclude: config.exclude, ignored: ignoreText ? withOurRuleIds(parseGitleaksIgnore(ignoreText)) : new Set(), detectSecrets, problems };
}

/** Where a CLI run finds the repository policy: the enclosing git work tree, else `cwd` itself. */
export function policyRoot(cwd: string): string {
  for (let dir = path.resolve(cwd); ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, '.git'))) return dir;
    if (path.dirname(dir) === dir) return path.resolve(cwd);
  }
}

type Complain = (jsonPath: Array<string | number>, message: string, severity?: ConfigProblem['severity']) => void;

/** Disable, re-grade and allowlist entries of config.json, applied to copies of the rules. */
export function applyConfig(rules: Rule[], config: TeamConfig, complain: Complain): Rule[] {
  const ourIds = new Set(rules.map((rule) => rule.id));
  // A gitleaks rule id stands for the rules here that find the same credential.
  const matches = (rule: Rule, key: string) => rule.id === key || rule.category === key || (!ourIds.has(key) && gitleaksRuleIds().get(key)?.includes(rule.id) === true);
  const known = (key: string, jsonPath: Array<string | number>) => {
    // The hygiene checks are no rules: `hygiene` and their ids are known keys (engine/hygiene/policy.ts).
    if (key === 'hygiene' || HYGIENE_CHECK_IDS.includes(key)) return;
    if (rules.some((rule) => matches(rule, key))) return;
    const unmapped = gitleaksRuleIds().has(key);
    complain(jsonPath, unmapped ? `gitleaks rule "${key}" has no equivalent here; it changes nothing` : `no rule or category "${key}" (typo?)`, 'warning');
  };
  config.disable.forEach((key, index) => known(key, ['disable', index]));
  for (const key of Object.keys(config.severity)) known(key, ['severity', key]);
  let result = rules
    .filter((rule) => !config.disable.some((key) => matches(rule, key)))
    .map((rule) => {
      const level = config.severity[rule.id] ?? config.severity[rule.category];
      return level === undefined ? rule : { ...rule, severity: level === 'off' ? rule.severity : level, disabledByConfig: level === 'off' };
    })
    .filter((rule) => !(rule as { disabledByConfig?: boolean }).disabledByConfig);
  config.allowlist.forEach((entry, index) => {
    const values: RegexLike[] = [];
    entry.values.forEach((pattern, j) => {
      try {
        values.push(compileSafeRegex(pattern, { global: false }));
      } catch (error) {
        complain(['allowlist', index, 'values', j], (error as Error).message);
      }
    });
    const applies = (rule: Rule) => entry.rules.length === 0 || entry.rules.some((key) => matches(rule, key));
    // Refused globs were reported by teamConfig.ts and dropped there.
    const paths = entry.paths.length > 0 ? compileGlobs(entry.paths) : undefined;
    result = withAllow(result, applies, values, paths);
  });
  return result;
}

/** The same rule objects in the same order (the policy kept every built-in rule as it was). */
function sameRules(a: readonly Rule[], b: readonly Rule[]): boolean {
  return a.length === b.length && a.every((rule, i) => rule === b[i]);
}

/** Copies of `rules` where `applies` holds, with extra allowed values and paths on which they do not run. */
function withAllow(rules: Rule[], applies: (rule: Rule) => boolean, values: RegexLike[], allowedPath?: (path: string) => boolean): Rule[] {
  if (values.length === 0 && !allowedPath) return rules;
  return rules.map((rule) => {
    if (!applies(rule)) return rule;
    const runsOn = rule.pathMatcher;
    return {
      ...rule,
      allow: [...rule.allow, ...(values as unknown as RegExp[])],
      pathMatcher: allowedPath ? (p: string) => (!runsOn || runsOn(p)) && !allowedPath(p) : runsOn,
    };
  });
}

/** A workspace rule's patterns moved onto RE2; a pattern RE2 cannot run in linear time disables the rule. */
function toSafeRule(rule: Rule): { rule: Rule } | { error: string; field: 'pattern' | 'allow' } {
  let field: 'pattern' | 'allow' = 'pattern';
  try {
    const regex = compileSafeRegex(rule.regex.source, { flags: rule.regex.flags });
    field = 'allow';
    const allow = rule.allow.map((a) => compileSafeRegex(a.source, { flags: 'i', global: false }));
    return { rule: { ...rule, regex: regex as unknown as RegExp, allow: allow as unknown as RegExp[] } };
  } catch (error) {
    return { error: (error as Error).message, field };
  }
}

/** `[extend] disabledRules` as our rule ids: ours as is, gitleaks ids through the table; the rest is reported. */
function disabledRuleIds(ids: string[], builtin: Rule[], text: string, report: (problems: ConfigProblem[]) => void): Set<string> {
  const ourIds = new Set(builtin.map((rule) => rule.id));
  const disabled = new Set<string>();
  const problems: ConfigProblem[] = [];
  for (const id of ids) {
    const resolved = resolveRuleId(id, ourIds);
    if (resolved.kind === 'ours' || resolved.kind === 'gitleaks') {
      for (const ours of resolved.ids) disabled.add(ours);
      continue;
    }
    const at = locateInToml(text, `"${id}"`);
    const message = resolved.kind === 'gitleaks-unmapped' ? `disabledRules: gitleaks rule "${id}" has no equivalent here; nothing disabled` : `disabledRules: no rule "${id}" here or in gitleaks' defaults (typo?)`;
    problems.push({ line: at.line, column: at.column, endLine: at.line, endColumn: at.column + at.length, message, severity: 'warning' });
  }
  report(problems);
  return disabled;
}

/** .gitleaksignore fingerprints naming gitleaks rule ids also name the rules here that replace them. */
function withOurRuleIds(fingerprints: Set<string>): Set<string> {
  const result = new Set(fingerprints);
  for (const fingerprint of fingerprints) {
    const match = /^(.*):([^:]+):(\d+)$/.exec(fingerprint);
    for (const ours of (match && gitleaksRuleIds().get(match[2])) || []) result.add(`${match![1]}:${ours}:${match![3]}`);
  }
  return result;
}

/** Lines a gitleaks fingerprint may name for a finding: gitleaks counts from the match, we from the secret. */
const MAX_FINGERPRINT_SPAN = 200;

/** Drops findings listed in .secrets.baseline and .gitleaksignore (`file:rule:line`, file relative to the root). */
export function dropIgnored(policy: WorkspacePolicy, relativePath: string, text: string, allFindings: Finding[]): Finding[] {
  const triaged = policy.silenced ? dropSilenced(policy.silenced, relativePath, text, allFindings) : allFindings;
  const findings = policy.detectSecrets ? dropBaselined(policy.detectSecrets, relativePath, text, triaged) : triaged;
  if (policy.ignored.size === 0 || findings.length === 0) return findings;
  const index = new LineIndex(text);
  const dropped = new Set<string>();
  const kept = findings.filter((f) => {
    const first = index.positionAt(Math.min(f.matchStart, f.start)).line + 1;
    const last = Math.min(index.positionAt(f.start).line + 1, first + MAX_FINGERPRINT_SPAN);
    for (let line = first; line <= last; line++) {
      if (!policy.ignored.has(`${relativePath}:${f.ruleId}:${line}`)) continue;
      if (f.category !== 'hygiene') dropped.add(`${f.start}:${f.end}`);
      return false;
    }
    return true;
  });
  // A hygiene note on an ignored finding's range (least privilege) goes with it.
  return dropped.size === 0 ? kept : kept.filter((f) => f.category !== 'hygiene' || !dropped.has(`${f.start}:${f.end}`));
}

/** Context-rule findings on a value a silenced rule matches. Scans only when there is such a finding. */
function dropSilenced(silenced: RuleSet, relativePath: string, text: string, findings: Finding[]): Finding[] {
  const byContext = (f: Finding) => f.category !== 'hygiene' && (f.evidence === 'service-context' || f.evidence === 'generic-name');
  if (!findings.some(byContext)) return findings;
  const hidden = scanText(text, relativePath, silenced, { hygiene: false });
  if (hidden.length === 0) return findings;
  return findings.filter((f) => !byContext(f) || !hidden.some((h) => h.start < f.end && f.start < h.end));
}

function listJson(dir: string): string[] {
  try {
    return fs.readdirSync(dir).filter((name) => name.endsWith('.json')).sort();
  } catch {
    return [];
  }
}

function safeRealpath(file: string): string | undefined {
  try {
    return fs.realpathSync(file);
  } catch {
    return undefined;
  }
}

function problemAt(line: number, column: number, message: string): ConfigProblem {
  return { line, column, endLine: line, endColumn: column + 1, message, severity: 'error' };
}

/** A problem at a rule-file span (1-based; a missing end marks one character). */
function problemOf(span: Pick<RuleLoadError, 'line' | 'column' | 'endLine' | 'endColumn'>, message: string, severity: ConfigProblem['severity']): ConfigProblem {
  const line = span.line ?? 1;
  const column = span.column ?? 1;
  return { line, column, endLine: span.endLine ?? line, endColumn: span.endColumn ?? column + 1, message, severity };
}
