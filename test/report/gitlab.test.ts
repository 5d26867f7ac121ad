// The GitLab secret-detection report validated against the report's required structure
// (test/fixtures/gitlab-secret-detection-report.schema.json, written from GitLab's documentation).
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import Ajv from 'ajv';
import { scanText } from '../../server/src/engine';
import { format } from '../../server/src/report/gitlab';
import { locateFindings, type LocatedFinding, type ScanSummary } from '../../server/src/report/locate';
import { builtinRuleSet, secret } from '../support/rules';

const schemaPath = path.resolve(__dirname, '..', '..', '..', 'test', 'fixtures', 'gitlab-secret-detection-report.schema.json');
const validate = new Ajv({ allErrors: true, strict: true }).compile<any>(JSON.parse(fs.readFileSync(schemaPath, 'utf8')));

const awsKey = secret('AKIA{alnumupper:16}', 'gitlab');
const summary: ScanSummary = { filesScanned: 2, filesSkipped: 0, errors: 0, durationMs: 20 };
const times = { startedAt: new Date('2026-01-02T03:04:05.678Z'), endedAt: new Date('2026-01-02T03:04:07.001Z') };

function findingsFor(files: Record<string, string>): LocatedFinding[] {
  return Object.entries(files).flatMap(([file, text]) => locateFindings(file, text, scanText(text, file, builtinRuleSet()).filter((f) => f.category !== 'hygiene')));
}

test('findings become vulnerabilities with rule identifiers, locations and the commit; the report is valid', () => {
  const findings = findingsFor({ 'src/aws.ts': `const a = "${awsKey}";\n\nconst b = "${awsKey}";\n` });
  const text = format(findings, { version: '1.2.3', summary, ...times, commitSha: 'abc123' });
  const report = JSON.parse(text);
  assert.ok(validate(report), JSON.stringify(validate.errors, null, 2));
  assert.equal(report.scan.type, 'secret_detection');
  assert.equal(report.scan.start_time, '2026-01-02T03:04:05');
  assert.equal(report.scan.end_time, '2026-01-02T03:04:07');
  assert.equal(report.scan.status, 'success');
  assert.equal(report.scan.scanner.version, '1.2.3');
  assert.equal(report.vulnerabilities.length, 2);
  const [first, second] = report.vulnerabilities;
  assert.deepEqual(first.location, { file: 'src/aws.ts', start_line: 1, end_line: 1, commit: { sha: 'abc123' } });
  assert.equal(second.location.start_line, 3);
  assert.equal(first.severity, 'Critical');
  assert.deepEqual(first.identifiers.map((i: any) => [i.type, i.value]), [['secret_hygiene_rule_id', 'aws-access-key-id']]);
  assert.notEqual(first.id, second.id, 'one id per occurrence');
  assert.ok(!text.includes(awsKey), 'the raw secret never appears');
});

test('ids survive a line move; no commit gives GitLab\'s placeholder sha; an incomplete scan is a failure', () => {
  const ids = (text: string) => JSON.parse(format(findingsFor({ 'a.py': text }), { version: '1.0.0', summary, ...times })).vulnerabilities.map((v: any) => v.id);
  assert.deepEqual(ids(`k = "${awsKey}"\n`), ids(`# moved\n\nk = "${awsKey}"\n`));
  const report = JSON.parse(format(findingsFor({ 'a.py': `k = "${awsKey}"\n` }), { version: '1.0.0', summary: { ...summary, errors: 1 }, ...times }));
  assert.ok(validate(report), JSON.stringify(validate.errors));
  assert.equal(report.vulnerabilities[0].location.commit.sha, '0000000');
  assert.equal(report.scan.status, 'failure');
});

test('an empty scan is a valid report; public-by-design values are not vulnerabilities', () => {
  const empty = JSON.parse(format([], { version: 'dev', summary, ...times }));
  assert.ok(validate(empty), JSON.stringify(validate.errors));
  assert.deepEqual(empty.vulnerabilities, []);
  const [finding] = findingsFor({ 'a.py': `k = "${awsKey}"\n` });
  assert.deepEqual(JSON.parse(format([{ ...finding, publicByDesign: true }], { version: '1.0.0', summary, ...times })).vulnerabilities, []);
});

test('the schema rejects a vulnerability without identifiers or with a zoned time (the check can fail)', () => {
  const report = JSON.parse(format(findingsFor({ 'a.py': `k = "${awsKey}"\n` }), { version: '1.0.0', summary, ...times }));
  assert.equal(validate({ ...report, vulnerabilities: [{ ...report.vulnerabilities[0], identifiers: [] }] }), false);
  assert.equal(validate({ ...report, scan: { ...report.scan, start_time: '2026-01-02T03:04:05Z' } }), false);
});
