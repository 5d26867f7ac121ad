// JUnit XML report, for CI test tabs (GitLab unit test reports, Jenkins, GitHub test-report actions): one failed
// test case per finding that fails the scan, one passing case when nothing does. Masked values only.
import { failsScan, type LocatedFinding, type ScanSummary } from './locate';

export interface JunitOptions {
  summary: ScanSummary;
  /** When the scan started; the suite's timestamp. */
  startedAt: Date;
}

const SUITE = 'secret-hygiene';

export function format(findings: LocatedFinding[], options: JunitOptions): string {
  const { summary } = options;
  const cases: string[] = findings.map((finding) => testCase(finding));
  if (summary.errors > 0) {
    const message = `${summary.errors} file${summary.errors === 1 ? '' : 's'} could not be read: the scan is incomplete`;
    cases.push(`    <testcase name="every file was read" classname="${SUITE}">\n      <error message="${escapeAttribute(message)}" type="unreadable-files"/>\n    </testcase>`);
  }
  const failures = findings.filter(failsScan).length;
  if (failures === 0 && summary.errors === 0) cases.push(`    <testcase name="no hardcoded secrets" classname="${SUITE}"/>`);
  const errors = summary.errors > 0 ? 1 : 0;
  const time = (summary.durationMs / 1000).toFixed(3);
  const counts = `tests="${cases.length}" failures="${failures}" errors="${errors}"`;
  const properties = [
    ['files-scanned', summary.filesScanned],
    ['files-skipped', summary.filesSkipped],
    ['files-unreadable', summary.errors],
  ].map(([name, value]) => `      <property name="${name}" value="${value}"/>`);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${SUITE}" ${counts} time="${time}">`,
    `  <testsuite name="${SUITE}" ${counts} skipped="0" time="${time}" timestamp="${localTimestamp(options.startedAt)}">`,
    '    <properties>',
    ...properties,
    '    </properties>',
    ...cases,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}

function testCase(finding: LocatedFinding): string {
  const location = `${finding.file}:${finding.line}:${finding.column}`;
  const head = `    <testcase name="${escapeAttribute(`${finding.ruleId} at ${location}`)}" classname="${escapeAttribute(finding.file)}" file="${escapeAttribute(finding.file)}" line="${finding.line}">`;
  const message = `${finding.title} (${finding.provider}) is hardcoded: ${finding.masked}`;
  const details = [
    `${location} ${finding.severity} ${finding.ruleId}`,
    message,
    ...(finding.message ? [finding.message] : []),
    `Move the value to an environment variable or a vault, and rotate it with ${finding.provider} if it was ever committed or shared.`,
    ...(finding.docs ? [finding.docs] : []),
  ].join('\n');
  // Findings that never fail a scan (public-by-design values, hygiene notes) pass, with the note as output.
  const body = failsScan(finding)
    ? `      <failure message="${escapeAttribute(message)}" type="${escapeAttribute(finding.ruleId)}">${escapeText(details)}</failure>`
    : `      <system-out>${escapeText(details)}</system-out>`;
  return `${head}\n${body}\n    </testcase>`;
}

/** An attribute value: text escaping plus quotes and the white space attribute normalization would change. */
function escapeAttribute(text: string): string {
  return escapeText(text)
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .replace(/\t/g, '&#9;')
    .replace(/\r/g, '&#13;')
    .replace(/\n/g, '&#10;');
}

/** Element text, XML-escaped; characters XML 1.0 cannot carry at all (most controls, lone surrogates) become U+FFFD. */
function escapeText(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '\uFFFD')
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

/** JUnit's schema wants a timestamp without a time zone; UTC is written. */
function localTimestamp(date: Date): string {
  return date.toISOString().slice(0, 19);
}
