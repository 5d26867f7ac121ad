// The JUnit XML report checked against the JUnit structure (test/support/junitSchema.ts): one failed test case per
// finding, a passing case for a clean scan, an error for unreadable files, escaping that survives hostile paths.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { scanText } from '../../server/src/engine';
import { format } from '../../server/src/report/junit';
import { locateFindings, type LocatedFinding, type ScanSummary } from '../../server/src/report/locate';
import { junitProblems, parseXml } from '../support/junitSchema';
import { builtinRuleSet, secret } from '../support/rules';

const awsKey = secret('AKIA{alnumupper:16}', 'junit');
const summary: ScanSummary = { filesScanned: 3, filesSkipped: 1, errors: 0, durationMs: 1234.6 };
const startedAt = new Date('2026-01-02T03:04:05.678Z');

function findingsFor(files: Record<string, string>): LocatedFinding[] {
  return Object.entries(files).flatMap(([file, text]) => locateFindings(file, text, scanText(text, file, builtinRuleSet()).filter((f) => f.category !== 'hygiene')));
}

test('a finding is a failed test case with its rule, file, line and masked value; the XML is valid JUnit', () => {
  const findings = findingsFor({ 'src/aws.ts': `const a = "${awsKey}";\nconst b = "${awsKey}";\n` });
  assert.equal(findings.length, 2);
  const xml = format(findings, { summary, startedAt });
  assert.deepEqual(junitProblems(xml), []);
  const suite = parseXml(xml).children[0];
  assert.equal(suite.attributes.tests, '2');
  assert.equal(suite.attributes.failures, '2');
  assert.equal(suite.attributes.time, '1.235');
  assert.equal(suite.attributes.timestamp, '2026-01-02T03:04:05');
  const cases = suite.children.filter((c) => c.name === 'testcase');
  assert.deepEqual(cases.map((c) => [c.attributes.name, c.attributes.file, c.attributes.line]), [
    ['aws-access-key-id at src/aws.ts:1:12', 'src/aws.ts', '1'],
    ['aws-access-key-id at src/aws.ts:2:12', 'src/aws.ts', '2'],
  ]);
  const failure = cases[0].children[0];
  assert.equal(failure.name, 'failure');
  assert.equal(failure.attributes.type, 'aws-access-key-id');
  assert.match(failure.attributes.message, /is hardcoded: AKIA/);
  assert.match(failure.text, /rotate it/);
  assert.ok(!xml.includes(awsKey), 'the raw secret never appears');
});

test('a clean scan is one passing test case; unreadable files are an error case', () => {
  const clean = format([], { summary, startedAt });
  assert.deepEqual(junitProblems(clean), []);
  const cases = parseXml(clean).children[0].children.filter((c) => c.name === 'testcase');
  assert.deepEqual(cases.map((c) => [c.attributes.name, c.children.length]), [['no hardcoded secrets', 0]]);

  const incomplete = format([], { summary: { ...summary, errors: 2 }, startedAt });
  assert.deepEqual(junitProblems(incomplete), []);
  const suite = parseXml(incomplete).children[0];
  assert.equal(suite.attributes.errors, '1');
  assert.match(suite.children.find((c) => c.name === 'testcase')!.children[0].attributes.message, /2 files could not be read/);
});

test('file names with markup, quotes, control characters and lone surrogates stay well-formed and round-trip', () => {
  const [finding] = findingsFor({ 'a.ts': `k = "${awsKey}"\n` });
  const hostile = `dir/<x> & "y" 'z'\u0001\n\ud800.ts`;
  const xml = format([{ ...finding, file: hostile }], { summary, startedAt });
  assert.deepEqual(junitProblems(xml), []);
  const testcase = parseXml(xml).children[0].children.find((c) => c.name === 'testcase')!;
  assert.equal(testcase.attributes.file, `dir/<x> & "y" 'z'\ufffd\n\ufffd.ts`);
});

test('public-by-design values pass (their note as output) and do not count as failures', () => {
  const [finding] = findingsFor({ 'a.ts': `k = "${awsKey}"\n` });
  const xml = format([{ ...finding, publicByDesign: true, severity: 'information' }], { summary, startedAt });
  assert.deepEqual(junitProblems(xml), []);
  const suite = parseXml(xml).children[0];
  assert.equal(suite.attributes.failures, '0');
  assert.deepEqual(suite.children.filter((c) => c.name === 'testcase').map((c) => c.children.map((o) => o.name)), [['system-out'], []]);
});

test('the structure check fails on what JUnit readers reject (the check can fail)', () => {
  const xml = format(findingsFor({ 'a.ts': `k = "${awsKey}"\n` }), { summary, startedAt });
  assert.match(junitProblems(xml.replace('failures="1" errors="0" skipped', 'failures="0" errors="0" skipped'))[0], /failures="0" but 1/);
  assert.match(junitProblems(xml.replace('<testcase name=', '<testcase nam=')).join(), /missing attribute name/);
  assert.match(junitProblems(xml.replace('a.ts', 'a&b.ts'))[0], /not well-formed: bare "&"/);
  assert.match(junitProblems(xml.replace('</testsuite>', '')).join(), /not well-formed/);
});
