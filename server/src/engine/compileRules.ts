// Turns rule specs (parsed JSON) into runnable rules and a keyword index. Pure: the caller reads the
// files. Every error names the file, the rule id and the field, and a bad rule never stops the others.
import picomatch from 'picomatch';
import { compileGlobs } from './glob';
import { KeywordPrefilter } from './prefilter';
import { v8RegexErrorReason } from './regexError';
import { ServiceDetector } from './serviceDetector';
import { compileServiceFile, isServiceFile } from './serviceRules';
import { CATEGORIES, EVIDENCE_KINDS, type Category, type Evidence, type Confidence, type Rule, type RuleFileSpec, type RuleLoadError, type RuleSpec, type Severity } from './types';
import { VALIDATOR_NAMES } from './validators';
import type { HygienePolicy } from './hygiene/policy';
import { CREDENTIAL_WORDS } from './hygiene/names';

export interface RuleSet {
  rules: Rule[];
  prefilter: KeywordPrefilter;
  /** For each keyword index, the indexes of the rules it enables. */
  rulesByKeyword: number[][];
  /** Rules without keywords: they run on every text. */
  alwaysRun: number[];
  byId: Map<string, Rule>;
  /** The team config's word on the hygiene checks (disable, re-grade); absent: all on, default severities. */
  hygiene?: HygienePolicy;
  /** The service dictionary's rules, run as one detector; absent when there are none. */
  services?: ServiceDetector;
  /** Per keyword index, 1 for the credential words the log check needs (hygiene/names.ts): the keyword pass
   * lists all their hits. Absent when a word (or its singular) is not a keyword: the check then reads every call. */
  credentialKeywords?: Uint8Array;
}

const SEVERITIES: Severity[] = ['error', 'warning', 'information', 'hint'];
const CONFIDENCES: Confidence[] = ['high', 'medium', 'low'];
const ID_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/;
/** Rule authors may mark a public value in its title instead of with `publicByDesign`. */
const PUBLIC_BY_DESIGN_TITLE = /\(public by design\)/i;

export interface CompileResult {
  rules: Rule[];
  errors: RuleLoadError[];
  /** Accepted rules with something missing a reviewer should know (a team rule without examples). */
  warnings: RuleLoadError[];
}

export interface CompileOptions {
  /** Built-in rules must prove themselves with examples; a team's own rules may skip them (a warning). */
  examples?: 'required' | 'optional';
  /** Test each pattern against "" (default true). Off for the built-in rules, which the rule tests check:
   * the test compiles every regex, the largest share of start-up. */
  checkEmptyMatch?: boolean;
  /** The file comes from a workspace: its `paths` globs are matched in linear time (engine/glob.ts) and
   * extglobs are refused; built-in rules keep picomatch. */
  workspaceGlobs?: boolean;
}

/** Validates and compiles one rule file's content. `source` is the file name used in errors. */
export function compileRuleFile(spec: unknown, source: string, options: CompileOptions = {}): CompileResult {
  const errors: RuleLoadError[] = [];
  const warnings: RuleLoadError[] = [];
  const rules: Rule[] = [];
  if (typeof spec !== 'object' || spec === null || Array.isArray(spec)) {
    return { rules, errors: [{ source, message: 'a rule file must be a JSON object with "provider" and "rules"' }], warnings };
  }
  // A service dictionary file (rules/services/*.json): names, not patterns.
  if (isServiceFile(spec)) return { ...compileServiceFile(spec, source), warnings: [] };
  const file = spec as Partial<RuleFileSpec>;
  if (typeof file.provider !== 'string' || file.provider.length === 0) {
    errors.push({ source, field: 'provider', path: ['provider'], message: '"provider" must be a non-empty string' });
  }
  if (!Array.isArray(file.rules)) {
    errors.push({ source, field: 'rules', path: ['rules'], message: '"rules" must be an array' });
    return { rules, errors, warnings };
  }
  file.rules.forEach((raw, index) => {
    const optional = options.examples === 'optional' && raw !== null && typeof raw === 'object' && raw.examples === undefined;
    const result = compileRule(optional ? { ...raw, examples: { positive: [], negative: [] } } : raw, file.provider ?? 'Unknown', source, index, optional, options.checkEmptyMatch !== false, options.workspaceGlobs === true);
    if ('rule' in result) {
      rules.push(result.rule);
      if (optional) warnings.push({ source, ruleId: result.rule.id, field: 'examples', path: ['rules', index, 'examples'], message: 'no examples: add "examples": { "positive": [...], "negative": [...] } so the rule is tested' });
    } else errors.push(...result.errors);
  });
  return { rules, errors, warnings };
}

function compileRule(raw: RuleSpec, provider: string, source: string, index: number, examplesOptional = false, checkEmptyMatch = true, workspaceGlobs = false): { rule: Rule } | { errors: RuleLoadError[] } {
  const ruleId = typeof raw?.id === 'string' ? raw.id : `#${index + 1}`;
  const errors: RuleLoadError[] = [];
  // `entry` names an item of a list field (allow, paths), so the error points at that item.
  const fail = (field: string, message: string, entry?: number) => errors.push({ source, ruleId, field, message, path: ['rules', index, field, ...(entry === undefined ? [] : [entry])] });

  if (typeof raw !== 'object' || raw === null) return { errors: [{ source, ruleId, message: 'a rule must be an object', path: ['rules', index] }] };
  if (typeof raw.id !== 'string' || !ID_PATTERN.test(raw.id)) fail('id', 'must be lower-case words joined by "-"');
  if (typeof raw.title !== 'string' || raw.title.length === 0) fail('title', 'must be a non-empty string');
  if (!CATEGORIES.includes(raw.category as Category)) fail('category', `must be one of ${CATEGORIES.join(', ')}`);
  if (raw.severity !== undefined && !SEVERITIES.includes(raw.severity)) fail('severity', `must be one of ${SEVERITIES.join(', ')}`);
  if (raw.confidence !== undefined && !CONFIDENCES.includes(raw.confidence)) fail('confidence', `must be one of ${CONFIDENCES.join(', ')}`);
  const badKeyword = Array.isArray(raw.keywords) ? raw.keywords.findIndex((k) => typeof k !== 'string' || k.length < 2 || k !== k.toLowerCase()) : -1;
  if (!Array.isArray(raw.keywords) || badKeyword >= 0) {
    fail('keywords', 'must be an array of lower-case strings of at least 2 characters', badKeyword >= 0 ? badKeyword : undefined);
  }
  if (raw.validate !== undefined && !VALIDATOR_NAMES.includes(raw.validate)) fail('validate', `must be one of ${VALIDATOR_NAMES.join(', ')}`);
  if (raw.flags !== undefined && !/^[im]*$/.test(raw.flags)) fail('flags', 'only "i" and "m" are allowed');
  if (raw.publicByDesign !== undefined && typeof raw.publicByDesign !== 'boolean') fail('publicByDesign', 'must be true or false');
  if (raw.evidence !== undefined && !EVIDENCE_KINDS.includes(raw.evidence)) fail('evidence', `must be one of ${EVIDENCE_KINDS.join(', ')}`);
  if (raw.leastPrivilege !== undefined && !validHint(raw.leastPrivilege)) fail('leastPrivilege', 'must be { "note": string, "docs": "https://…", "prefixes"?: string[], "inCodeOnly"?: boolean }');
  if (raw.entropy !== undefined && (typeof raw.entropy !== 'number' || raw.entropy < 0 || raw.entropy > 8)) fail('entropy', 'must be a number of bits per character between 0 and 8');
  if (!raw.examples || !Array.isArray(raw.examples.positive) || !Array.isArray(raw.examples.negative) || (raw.examples.positive.length === 0 && !examplesOptional)) {
    fail('examples', 'needs "positive" (at least one) and "negative" arrays');
  }

  let regex: RegExp | undefined;
  if (typeof raw.pattern !== 'string' || raw.pattern.length === 0) {
    fail('pattern', 'must be a non-empty string');
  } else {
    try {
      regex = new RegExp(raw.pattern, `gd${raw.flags ?? ''}`);
      if (checkEmptyMatch && regex.test('')) fail('pattern', 'matches the empty string');
    } catch (error) {
      fail('pattern', `is not a valid regular expression: ${v8RegexErrorReason((error as Error).message)}`);
    }
  }
  const allow: RegExp[] = [];
  for (const [i, source_] of (raw.allow ?? []).entries()) {
    try {
      allow.push(new RegExp(source_, 'i'));
    } catch (error) {
      // The entry may be the very value it allows: say which one, never quote it.
      fail('allow', `entry ${i + 1} is not a valid regular expression: ${v8RegexErrorReason((error as Error).message)}`, i);
    }
  }
  let pathMatcher: ((path: string) => boolean) | undefined;
  if (raw.paths && raw.paths.length > 0) {
    const basename = !raw.paths.some((p) => p.includes('/'));
    pathMatcher = workspaceGlobs ? compileGlobs(raw.paths, { basename }, (i, reason) => fail('paths', `entry ${i + 1}: ${reason}`, i)) : lazyPicomatch(raw.paths, basename);
  }
  if (errors.length > 0 || !regex) return { errors };
  const publicByDesign = raw.publicByDesign ?? PUBLIC_BY_DESIGN_TITLE.test(raw.title);

  return {
    rule: {
      id: raw.id,
      title: raw.title,
      provider: raw.provider ?? provider,
      category: raw.category,
      severity: raw.severity ?? (publicByDesign ? 'information' : 'error'),
      confidence: raw.confidence ?? 'high',
      keywords: raw.keywords,
      regex,
      multiline: raw.multiline === true,
      entropy: raw.entropy ?? 0,
      allow,
      pathMatcher,
      validate: raw.validate,
      envName: raw.envName,
      docs: raw.docs,
      publicByDesign,
      evidence: raw.evidence ?? defaultEvidence(raw.category),
      ...(raw.leastPrivilege ? { leastPrivilege: raw.leastPrivilege } : {}),
      source,
      examples: raw.examples,
    },
  };
}

/** A built-in rule's globs, compiled by picomatch when a scan first asks (issue 12: compiling them all
 * was a tenth of loading the rules, on the cold start's path, for rules most files never select). */
function lazyPicomatch(globs: string[], basename: boolean): (path: string) => boolean {
  let matcher: ((path: string) => boolean) | undefined;
  return (path) => (matcher ??= picomatch(globs, { dot: true, basename }))(path);
}

function defaultEvidence(category: Category): Evidence {
  return category === 'generic' ? 'generic-name' : 'provider-format';
}

/** Builds the keyword index over a list of compiled rules. Later rules with the same id replace earlier ones. */
export function buildRuleSet(rules: Rule[], hygiene?: HygienePolicy): RuleSet {
  const byId = new Map<string, Rule>();
  for (const rule of rules) byId.set(rule.id, rule);
  const unique = [...byId.values()];
  const keywordIndex = new Map<string, number>();
  const rulesByKeyword: number[][] = [];
  const alwaysRun: number[] = [];
  const serviceRules: Rule[] = [];
  unique.forEach((rule, ruleIndex) => {
    if (rule.service) {
      serviceRules.push(rule);
      return;
    }
    if (rule.keywords.length === 0) alwaysRun.push(ruleIndex);
    for (const keyword of rule.keywords) {
      let index = keywordIndex.get(keyword);
      if (index === undefined) {
        index = keywordIndex.size;
        keywordIndex.set(keyword, index);
        rulesByKeyword.push([]);
      }
      rulesByKeyword[index].push(ruleIndex);
    }
  });
  const services = serviceRules.length > 0 ? new ServiceDetector(serviceRules, unique.filter((rule) => !rule.service)) : undefined;
  const keywords = [...keywordIndex.keys()];
  const credentialKeywords = keywordFlags(keywords, CREDENTIAL_WORDS);
  return { rules: unique, prefilter: new KeywordPrefilter(keywords), rulesByKeyword, alwaysRun, byId, ...(hygiene ? { hygiene } : {}), ...(services ? { services } : {}), ...(credentialKeywords ? { credentialKeywords } : {}) };
}

/** Flags the keywords equal (ignoring case) to one of `words`; undefined when one is not a keyword. A word
 * that is another one plus `s` (`credentials`) needs no keyword of its own: names ending in it are judged
 * like names ending in its singular, whose hits cover them. */
function keywordFlags(keywords: readonly string[], words: readonly string[]): Uint8Array | undefined {
  const flags = new Uint8Array(keywords.length);
  const lower = keywords.map((keyword) => keyword.toLowerCase());
  for (const word of words) {
    let found = false;
    lower.forEach((keyword, index) => {
      if (keyword !== word) return;
      flags[index] = 1;
      found = true;
    });
    if (!found && !(word.endsWith('s') && words.includes(word.slice(0, -1)))) return undefined;
  }
  return flags;
}

function validHint(hint: unknown): boolean {
  const h = hint as Record<string, unknown>;
  if (typeof h !== 'object' || h === null || typeof h.note !== 'string' || typeof h.docs !== 'string' || !/^https:\/\//.test(h.docs)) return false;
  if (h.prefixes !== undefined && (!Array.isArray(h.prefixes) || h.prefixes.some((p) => typeof p !== 'string' || p.length === 0))) return false;
  return h.inCodeOnly === undefined || typeof h.inCodeOnly === 'boolean';
}
