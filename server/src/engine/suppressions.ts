// Inline suppressions: comments that silence a finding on their own line or on the next one. Ours
// (`secret-hygiene-ignore[-next-line] [rule-id…]`) and the ones teams already have from gitleaks,
// detect-secrets, secretlint and TruffleHog. Pure; reads only the lines around each finding.
import type { Finding } from './types';

/** A directive must follow a comment opener on its line: //, #, /*, <!--, --, ;, %, ', (*, {-, REM, or a
 * leading `*` inside a block comment. Anything may sit between the opener and the directive. */
const COMMENT = String.raw`(?:\/\/|#|\/\*|<!--|--|;|%|'|\(\*|\{-|^\s*\*|\bREM\b)[^\n]*?`;
/** Optional rule ids after our directives, ESLint-style: `secret-hygiene-ignore id-a, id-b -- reason`. */
const RULE_IDS = '(?<ids>.*)';

/** Silences findings on the directive's own line. */
const SAME_LINE = new RegExp(
  `${COMMENT}(?:\\bsecret-hygiene-ignore(?!-)${RULE_IDS}|\\bgitleaks:allow\\b|\\bpragma:\\s*allowlist\\s+secret\\b|\\bsecretlint-disable-line\\b|\\btrufflehog:ignore\\b)`,
  'i',
);
/** Silences findings on the line after the directive. */
const NEXT_LINE = new RegExp(
  `${COMMENT}(?:\\bsecret-hygiene-ignore-next-line(?!-)${RULE_IDS}|\\bpragma:\\s*allowlist\\s+nextline\\s+secret\\b|\\bsecretlint-disable-next-line\\b)`,
  'i',
);
/** Cheap test before the regexes above. */
const ANY_DIRECTIVE = /secret-hygiene-ignore|gitleaks:allow|allowlist|secretlint-disable|trufflehog:ignore/i;

/** Lines longer than this (minified code) are searched only this far around the finding. */
const LINE_REACH = 4096;

/** Drops the findings that a suppression comment covers. `text` is the text the offsets refer to;
 * `isRuleId` tells rule ids from the words of a reason (`secret-hygiene-ignore test fixture`). */
export function applySuppressions(text: string, findings: Finding[], isRuleId: (id: string) => boolean = () => true): Finding[] {
  if (findings.length === 0) return findings;
  return findings.filter((finding) => !isSuppressed(text, finding, isRuleId));
}

export function isSuppressed(text: string, finding: Pick<Finding, 'start' | 'end' | 'ruleId'>, isRuleId: (id: string) => boolean = () => true): boolean {
  const first = lineAround(text, finding.start);
  if (covers(SAME_LINE, first.line, finding.ruleId, isRuleId)) return true;
  const lastOffset = Math.max(finding.start, finding.end - 1);
  if (lastOffset >= first.end && covers(SAME_LINE, lineAround(text, lastOffset).line, finding.ruleId, isRuleId)) return true;
  if (!first.wholeStart || first.start === 0) return false;
  return covers(NEXT_LINE, lineAround(text, first.start - 1).line, finding.ruleId, isRuleId);
}

function covers(directive: RegExp, line: string, ruleId: string, isRuleId: (id: string) => boolean): boolean {
  if (!ANY_DIRECTIVE.test(line)) return false;
  const match = directive.exec(line);
  if (!match) return false;
  const ids = (match.groups?.ids?.split(/\s--\s/)[0].match(/[a-z0-9]+(?:-[a-z0-9]+)*/gi) ?? []).map((id) => id.toLowerCase()).filter(isRuleId);
  // Without rule ids a directive silences every rule; with them, only those rules.
  return ids.length === 0 || ids.includes(ruleId);
}

/** The line holding `offset`, bounded to LINE_REACH characters each side (minified code). */
function lineAround(text: string, offset: number): { line: string; start: number; end: number; wholeStart: boolean } {
  let start = offset;
  const lowest = Math.max(0, offset - LINE_REACH);
  while (start > lowest && text.charCodeAt(start - 1) !== 10) start--;
  let end = text.indexOf('\n', offset);
  if (end < 0) end = text.length;
  const wholeStart = start === 0 || text.charCodeAt(start - 1) === 10;
  return { line: text.slice(start, Math.min(end, offset + LINE_REACH)), start, end, wholeStart };
}
