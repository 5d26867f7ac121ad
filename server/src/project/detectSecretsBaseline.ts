// Imports detect-secrets' `.secrets.baseline` (JSON: results per file, each with `hashed_secret` = SHA-1 hex of
// the secret, `line_number`, `type`), so findings a team already triaged there stay silent here. A finding is
// silenced when its file lists the SHA-1 of its value (detect-secrets matches by hash too, so moved lines stay
// silenced), or of its whole match or trimmed line when the entry's line is the finding's (detectors cut values
// differently). Pure text in, matcher + problems out; policy loading reads the file.
import { createHash } from 'node:crypto';
import { findNodeAtLocation, parseTree, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { LineIndex, type Finding } from '../engine';
import { position, type ConfigProblem } from './teamConfig';

export const DETECT_SECRETS_BASELINE = '.secrets.baseline';

interface Entry {
  hash: string;
  line?: number;
}

export interface DetectSecretsBaseline {
  /** Repository-relative path (forward slashes, no ./) → its triaged secrets. */
  byFile: Map<string, Entry[]>;
  problems: ConfigProblem[];
}

export function parseDetectSecretsBaseline(text: string): DetectSecretsBaseline {
  const byFile = new Map<string, Entry[]>();
  const problems: ConfigProblem[] = [];
  const at = (offset: number, length: number, message: string, severity: ConfigProblem['severity'] = 'error') => {
    const from = position(text, offset);
    const to = position(text, offset + Math.max(length, 1));
    problems.push({ line: from.line, column: from.column, endLine: to.line, endColumn: to.column, message, severity });
  };
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: true });
  for (const error of errors) at(error.offset, error.length, `JSON: ${printParseErrorCode(error.error)}`);
  if (!root || errors.length > 0) return { byFile, problems };
  const results = findNodeAtLocation(root, ['results']);
  if (!results || results.type !== 'object') {
    at(root.offset, 1, 'a detect-secrets baseline needs a "results" object (file → secrets); nothing imported');
    return { byFile, problems };
  }
  for (const property of results.children ?? []) {
    const [key, list] = property.children ?? [];
    if (!key || !list) continue;
    if (list.type !== 'array') {
      at(list.offset, list.length, `results["${key.value}"] must be an array of secrets`);
      continue;
    }
    const entries: Entry[] = [];
    for (const item of list.children ?? []) {
      const hash = findNodeAtLocation(item, ['hashed_secret']);
      const line = findNodeAtLocation(item, ['line_number']);
      if (hash?.type !== 'string' || !/^[0-9a-f]{40}$/i.test(hash.value)) {
        at(item.offset, item.length, 'an entry needs "hashed_secret" (40 hex digits: the SHA-1 of the secret); skipped', 'warning');
        continue;
      }
      entries.push({ hash: hash.value.toLowerCase(), line: line?.type === 'number' ? line.value : undefined });
    }
    byFile.set(normalizePath(String(key.value)), [...(byFile.get(normalizePath(String(key.value))) ?? []), ...entries]);
  }
  return { byFile, problems };
}

/** Drops the findings of `relativePath` that the baseline lists. */
export function dropBaselined(baseline: DetectSecretsBaseline, relativePath: string, text: string, findings: Finding[]): Finding[] {
  const entries = baseline.byFile.get(normalizePath(relativePath));
  if (!entries || entries.length === 0 || findings.length === 0) return findings;
  const hashes = new Set(entries.map((e) => e.hash));
  const index = new LineIndex(text);
  return findings.filter((finding) => {
    if (hashes.has(sha1(text.slice(finding.start, finding.end)))) return false;
    const line = index.positionAt(finding.start).line + 1;
    const sameLine = entries.filter((e) => e.line === line);
    if (sameLine.length === 0) return true;
    const lineText = text.split(/\r?\n/, line)[line - 1] ?? '';
    const candidates = [text.slice(finding.matchStart, finding.matchEnd), lineText.trim()].map(sha1);
    return !sameLine.some((e) => candidates.includes(e.hash));
  });
}

function sha1(value: string): string {
  return createHash('sha1').update(value, 'utf8').digest('hex');
}

function normalizePath(file: string): string {
  return file.replace(/\\/g, '/').replace(/^\.\//, '');
}
