// The SARIF report validated against the SARIF 2.1.0 JSON schema (test/fixtures/sarif-schema-2.1.0.json,
// the OASIS 2.1.0 final schema as shipped in the @microsoft/jest-sarif npm package), plus what GitHub
// code scanning needs beyond the schema: rules with help URIs, fingerprints, %SRCROOT%-relative URIs.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import Ajv from 'ajv-draft-04';
import { scanText } from '../../server/src/engine';
import { locateFindings } from '../../server/src/report/locate';
import { format } from '../../server/src/report/sarif';
import { builtinRuleSet, secret } from '../support/rules';

const schemaPath = path.resolve(__dirname, '..', '..', '..', 'test', 'fixtures', 'sarif-schema-2.1.0.json');
const validate = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false }).compile<any>(JSON.parse(fs.readFileSync(schemaPath, 'utf8')));

const awsKey = secret('AKIA{alnumupper:16}', 'sarif');
const openaiKey = secret('sk-proj-{alnum:74}T3BlbkFJ{alnum:74}', 'sarif');

function findingsFor(files: Record<string, string>) {
  // Hygiene notes are left out here: this file is about the SARIF shape of rule findings.
  return Object.entries(files).flatMap(([file, text]) => locateFindings(file, text, scanText(text, file, builtinRuleSet()).filter((f) => f.category !== 'hygiene')));
}

test('SARIF output is valid against the 2.1.0 schema and names each rule once', () => {
  const findings = findingsFor({
    'src/aws config.ts': `const a = "${awsKey}";\nconst b = "${awsKey}";\n`,
    '.env': `OPENAI_API_KEY=${openaiKey}\n`,
  });
  assert.equal(findings.length, 3);
  const text = format(findings, { version: '1.2.3' });
  const log: any = JSON.parse(text);
  assert.ok(validate(log), JSON.stringify(validate.errors, null, 2));
  const run = log.runs[0];
  assert.deepEqual(run.tool.driver.rules.map((r: any) => r.id).sort(), ['aws-access-key-id', 'openai-project-key']);
  for (const rule of run.tool.driver.rules) {
    assert.ok(rule.shortDescription.text.length > 0);
    assert.match(rule.helpUri, /^https:\/\//);
  }
  assert.equal(run.results.length, 3);
  const aws = run.results.filter((r: any) => r.ruleId === 'aws-access-key-id');
  assert.equal(aws[0].locations[0].physicalLocation.artifactLocation.uri, 'src/aws%20config.ts');
  assert.equal(aws[0].locations[0].physicalLocation.artifactLocation.uriBaseId, '%SRCROOT%');
  assert.deepEqual(aws[1].locations[0].physicalLocation.region, { startLine: 2, startColumn: 12, endLine: 2, endColumn: 32 });
  assert.equal(run.tool.driver.rules[aws[0].ruleIndex].id, 'aws-access-key-id');
  assert.notEqual(aws[0].partialFingerprints['secretHygiene/v1'], aws[1].partialFingerprints['secretHygiene/v1'], 'two occurrences, two alerts');
  assert.ok(!text.includes(awsKey) && !text.includes(openaiKey.slice(8, 40)), 'the raw secret never appears');
});

test('an empty scan is a valid SARIF log with no results', () => {
  const log: any = JSON.parse(format([], { version: "dev" }));
  assert.ok(validate(log), JSON.stringify(validate.errors));
  assert.deepEqual(log.runs[0].results, []);
});

test('the schema validator rejects a result without a message (the check can fail)', () => {
  const log = JSON.parse(format(findingsFor({ 'a.py': `k = "${awsKey}"\n` }), { version: '1.0.0' }));
  delete log.runs[0].results[0].message;
  assert.equal(validate(log), false);
});

test('fingerprints stay the same when the secret moves to another line', () => {
  const before = JSON.parse(format(findingsFor({ 'a.py': `k = "${awsKey}"\n` }), { version: '1.0.0' }));
  const after = JSON.parse(format(findingsFor({ 'a.py': `# moved\n\nk = "${awsKey}"\n` }), { version: '1.0.0' }));
  assert.equal(after.runs[0].results[0].locations[0].physicalLocation.region.startLine, 3);
  assert.deepEqual(before.runs[0].results[0].partialFingerprints, after.runs[0].results[0].partialFingerprints);
});
