// The service dictionary (rules/services/*.json) as rules: one rule per service (`service-<id>`, named after
// the provider, in the file's category), all run by one detector (engine/serviceDetector.ts). Being rules,
// they can be disabled or re-graded by id or category like any other. Pure: the caller reads the files.
import { normalizeName } from './serviceNames';
import { SERVICE_TAIL, type ValueShape } from './serviceContext';
import { CATEGORIES, type Category, type Rule, type RuleLoadError } from './types';

export interface ServiceSpec {
  id: string;
  name: string;
  aliases?: string[];
  /** The name alone is an ordinary word (Stream, Render, Segment): only the aliases anchor a finding. */
  matchAliasesOnly?: boolean;
  category?: Category;
  docs?: string;
  value?: ValueShape;
}

export interface ServiceFileSpec {
  $schema?: string;
  category: Category;
  services: ServiceSpec[];
}

/** What the detector needs from a service rule. */
export interface ServiceMatch {
  /** Normalized names (see normalizeName): the name and its aliases. */
  names: string[];
  value?: ValueShape;
}

const ID_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/;
/** A name shorter than this is too ambiguous to anchor a finding. */
export const MIN_NAME_LENGTH = 3;
/** Names that are secret words or qualifiers themselves would anchor every `api_key = …`. */
const RESERVED = new Set(['key', 'keys', 'token', 'secret', 'password', 'auth', 'api', 'apikey', 'app', 'access', 'client', 'private', 'user', 'admin', 'test', 'prod', 'dev', 'live', 'license', 'credential', 'credentials', 'service', 'server', 'cloud', 'data', 'web', 'mail', 'email', 'sms', 'bot', 'pat', 'creds']);
const CHARSETS = ['hex', 'alnum', 'base64', 'base64url', 'digits', 'uuid'];

export function isServiceFile(spec: unknown): spec is ServiceFileSpec {
  return typeof spec === 'object' && spec !== null && Array.isArray((spec as ServiceFileSpec).services);
}

/** Validates one dictionary file; a bad entry is reported (file, service id, field) and skipped. */
export function compileServiceFile(spec: ServiceFileSpec, source: string): { rules: Rule[]; errors: RuleLoadError[] } {
  const errors: RuleLoadError[] = [];
  const rules: Rule[] = [];
  if (!CATEGORIES.includes(spec.category)) {
    return { rules, errors: [{ source, field: 'category', message: `must be one of ${CATEGORIES.join(', ')}` }] };
  }
  spec.services.forEach((raw, index) => {
    const rule = compileService(raw, index, spec.category, source, errors);
    if (rule) rules.push(rule);
  });
  return { rules, errors };
}

function compileService(raw: ServiceSpec, index: number, fileCategory: Category, source: string, errors: RuleLoadError[]): Rule | undefined {
  const ruleId = typeof raw?.id === 'string' ? `service-${raw.id}` : `#${index + 1}`;
  const fail = (field: string, message: string) => errors.push({ source, ruleId, field, message });
  const before = errors.length;
  if (typeof raw !== 'object' || raw === null) {
    errors.push({ source, ruleId, message: 'a service must be an object' });
    return undefined;
  }
  if (typeof raw.id !== 'string' || !ID_PATTERN.test(raw.id)) fail('id', 'must be lower-case words joined by "-"');
  if (typeof raw.name !== 'string' || raw.name.trim().length === 0) fail('name', 'must be a non-empty string');
  if (raw.aliases !== undefined && (!Array.isArray(raw.aliases) || raw.aliases.some((a) => typeof a !== 'string'))) fail('aliases', 'must be an array of strings');
  if (raw.category !== undefined && !CATEGORIES.includes(raw.category)) fail('category', `must be one of ${CATEGORIES.join(', ')}`);
  if (raw.docs !== undefined && (typeof raw.docs !== 'string' || !/^https:\/\//.test(raw.docs))) fail('docs', 'must be an https:// URL');
  if (raw.value !== undefined && !validShape(raw.value)) fail('value', `must be { charset?: ${CHARSETS.join('|')}, min?, max?, prefix? }`);
  if (errors.length > before) return undefined;
  if (raw.matchAliasesOnly !== undefined && typeof raw.matchAliasesOnly !== 'boolean') fail('matchAliasesOnly', 'must be true or false');
  const names = [...new Set([...(raw.matchAliasesOnly ? [] : [raw.name]), ...(raw.aliases ?? [])].map(normalizeName))];
  if (names.length === 0) {
    fail('aliases', 'a service matched by its aliases only needs at least one alias');
    return undefined;
  }
  const bad = names.find((n) => n.length < MIN_NAME_LENGTH || RESERVED.has(n));
  if (bad !== undefined) {
    fail(raw.aliases?.length ? 'aliases' : 'name', `"${bad}" is too short or too common to name a service`);
    return undefined;
  }
  return serviceRule(raw, names, fileCategory, source);
}

function validShape(shape: unknown): shape is ValueShape {
  if (typeof shape !== 'object' || shape === null) return false;
  const s = shape as Record<string, unknown>;
  const count = (v: unknown) => v === undefined || (typeof v === 'number' && Number.isInteger(v) && v > 0 && v <= 1024);
  return (s.charset === undefined || CHARSETS.includes(s.charset as string)) && count(s.min) && count(s.max) && (s.prefix === undefined || typeof s.prefix === 'string') && Object.keys(s).every((k) => ['charset', 'min', 'max', 'prefix'].includes(k));
}

function serviceRule(spec: ServiceSpec, names: string[], fileCategory: Category, source: string): Rule {
  return {
    id: `service-${spec.id}`,
    title: `${spec.name} credential`,
    provider: spec.name,
    category: spec.category ?? fileCategory,
    severity: 'error',
    confidence: 'medium',
    keywords: [],
    // Never run as a regex rule: the service detector runs the shared tail after a name.
    regex: SERVICE_TAIL,
    multiline: false,
    entropy: 0,
    allow: [],
    envName: `${spec.id.toUpperCase().replace(/-/g, '_')}_API_KEY`,
    docs: spec.docs,
    publicByDesign: false,
    evidence: 'service-context',
    source,
    examples: { positive: [], negative: [] },
    service: { names, ...(spec.value ? { value: spec.value } : {}) },
  };
}
