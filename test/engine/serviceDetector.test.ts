// The service-context detector: a service's name + a secret word + any separator + an opaque value is a
// finding named after the provider, in every syntax; names inside words, identifiers, references and
// placeholders are not.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildRuleSet, compileRuleFile, scanText } from '../../server/src/engine';
import { ServiceNameMatcher, normalizeName } from '../../server/src/engine/serviceNames';
import { secret } from '../support/rules';

const dictionary = compileRuleFile(
  {
    category: 'payments',
    services: [
      { id: 'acme-pay', name: 'Acme Pay', aliases: ['acmepayments'], docs: 'https://acme.example/keys' },
      { id: 'zebra', name: 'Zebra', category: 'communication', value: { charset: 'hex', min: 32, max: 32 } },
      { id: 'quill', name: 'Quill', aliases: ['quill_io'], matchAliasesOnly: true },
    ],
  },
  'services/test.json',
);
const rules = buildRuleSet(dictionary.rules);
const value = secret('{alnum:28}', 'service');
const found = (text: string, path = 'src/app.ts') => scanText(text, path, rules).map((f) => `${f.ruleId} ${text.slice(f.start, f.end) === value ? 'value' : text.slice(f.start, f.end)}`);

test('the dictionary compiles to one rule per service, run by one detector', () => {
  assert.deepEqual(dictionary.errors, []);
  assert.deepEqual(rules.rules.map((r) => [r.id, r.provider, r.category, r.evidence]), [
    ['service-acme-pay', 'Acme Pay', 'payments', 'service-context'],
    ['service-zebra', 'Zebra', 'communication', 'service-context'],
    ['service-quill', 'Quill', 'payments', 'service-context'],
  ]);
  assert.ok(rules.services);
  assert.deepEqual(rules.alwaysRun, [], 'service rules never run as regex rules');
});

test('every spelling of the name, every separator, every syntax', () => {
  const lines = [
    `ACME_PAY_API_KEY=${value}`,
    `acmePaySecretKey: "${value}"`,
    `const acme_pay_token = '${value}';`,
    `acme-pay-live-secret = ${value}`,
    `Acme Pay API key: ${value}`,
    `acme.pay.password => "${value}"`,
    `<AcmePayToken>${value}</AcmePayToken>`,
    `<add key="AcmePay.ApiKey" value="${value}" />`,
    `[DEBUG] using acme pay KEY=${value}`,
    `acmepayments credential - '${value}'`,
    `client = AcmePay.setApiKey("${value}")`,
    `"acme_pay_secret": "${value}",`,
    `The Acme Pay token is ${value}.`,
  ];
  for (const line of lines) assert.deepEqual(found(line), ['service-acme-pay value'], line);
  const [finding] = scanText(lines[0], 'a.env.example', rules);
  assert.deepEqual([finding.provider, finding.title, finding.evidence, finding.confidence, finding.severity, finding.docs], ['Acme Pay', 'Acme Pay credential', 'service-context', 'medium', 'error', 'https://acme.example/keys']);
});

test('not a credential: names inside words, other name parts, references, placeholders, plain words', () => {
  const lines = [
    `myacmepay_key = "${value}"`,
    `acme_pay_key_id = "${value}"`,
    `acmePayTokenUrl: "${value}"`,
    `ACME_PAY_API_KEY=\${ACME_PAY_API_KEY}`,
    'acme_pay_api_key = process.env.ACME_PAY_API_KEY',
    'acme_pay_api_key = "your-acme-pay-api-key-here"',
    'acme_pay_api_key = "aBcDeFgHiJkLmNoPqRsTuVwXyZ"',
    'acme pay key rotation happens every ninety days',
    'acme_pay_secret = config.secrets.acmePay',
    'acme_pay_token: "12345678901234567890"',
    `quill_token = "${value}"`,
    'acmePayToken: acmePayV2Token,',
    '{ acme_pay_secret: readAcmeSecretKey9x2 }',
  ];
  for (const line of lines) assert.deepEqual(found(line), [], line);
  assert.deepEqual(found(`quill_io_token = "${value}"`), ['service-quill value'], 'an ambiguous name counts through its aliases');
});

test('a UUID counts after a service name; a known value shape raises or lowers confidence', () => {
  const uuid = '3f2b8c1e-9d4a-4e7b-8a6f-1c2d3e4f5a6b';
  assert.deepEqual(found(`acme_pay_api_key = "${uuid}"`), [`service-acme-pay ${uuid}`]);
  const hex = secret('{hex:32}', 'zebra');
  const [fits] = scanText(`ZEBRA_TOKEN=${hex}`, 'a.sh', rules);
  assert.deepEqual([fits.ruleId, fits.confidence, fits.severity], ['service-zebra', 'high', 'error']);
  const [off] = scanText(`ZEBRA_TOKEN=${value}`, 'a.sh', rules);
  assert.deepEqual([off.ruleId, off.confidence, off.severity], ['service-zebra', 'low', 'warning']);
});

test('a bad dictionary entry names the file, the service and the field', () => {
  const bad = compileRuleFile({ category: 'ai', services: [{ id: 'ok', name: 'Fine Co' }, { id: 'x', name: 'AB' }, { id: 'Bad Id', name: 'Y' }, { id: 'k', name: 'Key' }, { id: 'q', name: 'Q', matchAliasesOnly: true }] }, 'services/bad.json');
  assert.deepEqual(bad.rules.map((r) => r.id), ['service-ok']);
  assert.deepEqual(bad.errors.map((e) => [e.ruleId, e.field]), [['service-x', 'name'], ['service-Bad Id', 'id'], ['service-k', 'name'], ['service-q', 'aliases']]);
  assert.match(compileRuleFile({ category: 'nope', services: [] }, 's.json').errors[0].message, /must be one of ai/);
});

test('the name matcher steps over separators and finds names only at word starts', () => {
  const matcher = new ServiceNameMatcher(['newrelic', 'box'].map(normalizeName));
  const hits = (text: string) => matcher.search(text, 0, text.length).map((h) => text.slice(h.start, h.end));
  assert.deepEqual(hits('NEW_RELIC_KEY new-relic newRelic New Relic new.relic'), ['NEW_RELIC', 'new-relic', 'newRelic', 'New Relic', 'new.relic']);
  assert.deepEqual(hits('inbox sandbox myBox box'), ['Box', 'box']);
  assert.deepEqual(hits('renewrelic é-box'), ['box']);
});

test('incremental windows see the same service findings as a full scan', () => {
  const lines = Array.from({ length: 30 }, (_, i) => `const v${i} = ${i};`);
  lines[12] = `const acmePayApiKey = "${value}";`;
  const text = lines.join('\n');
  const full = scanText(text, 'a.ts', rules);
  const start = text.indexOf(lines[12]);
  const windowed = scanText(text, 'a.ts', rules, { from: start, to: start + lines[12].length + 1 });
  assert.deepEqual(windowed.map((f) => [f.ruleId, f.start, f.end]), full.map((f) => [f.ruleId, f.start, f.end]));
  assert.equal(full.length, 1);
});

test('issue 10: the name alone as the key, or a bare secret word on a line below the name', () => {
  for (const text of [`acme_pay: "${value}"`, `acmePay = '${value}'`, `acmepayments '${value}'`, `acme_pay:\n  api_key: ${value}`, `"acmePay": {\n  "secret": "${value}"`, `[INFO] Sending request to Acme Pay\n[DEBUG] Using Key=${value}`, `acme pay ${value}`, `Acme Pay: ${value} (rotated monthly)`]) {
    const findings = scanText(text, 'config/app.yaml', rules);
    assert.deepEqual(findings.map((f) => [f.ruleId, text.slice(f.start, f.end), f.confidence]), [['service-acme-pay', value, 'low']], text);
  }
  for (const text of [`acme_pay: "acme-pay-settings-v2"`, `acme_pay = "${'x'.repeat(30)}"`, `acme_pay:\n  url: ${value}`, `acme pay\n\n\nkey: ${value}`, `acme pay integration ${value}`, `acme pay ${value.toLowerCase().replace(/[0-9]/g, '')}`]) {
    assert.deepEqual(found(text, 'config/app.yaml'), [], text);
  }
});

test('issue 10: typed declarations (Go, TypeScript, Kotlin) separate the name from the value', () => {
  for (const line of [`const acmePayKey string = "${value}"`, `private acmePayToken: string = '${value}';`, `val acmePaySecret: String = "${value}"`]) {
    assert.deepEqual(found(line), ['service-acme-pay value'], line);
  }
});

test('issue 10: a short key counts only after a name and a secret word, inside quotes, when it reads as random', () => {
  const short = secret('{alnum:8}', 'short-key').replace(/^(..)/, '$17') + '4Qz';
  assert.ok(short.length >= 10 && short.length <= 15);
  assert.deepEqual(found(`acme_pay_token = '${short}'`).map((f) => f.split(' ')[0]), ['service-acme-pay'], short);
  for (const line of [`acme_pay_token = ${short}`, `acme_pay: '${short}'`, `acme_pay_token = 'version2024'`, `acme_pay_token = 'abcdefgh12'`, `acme_pay_token = 'my1secret2'`, `acme_pay_token = '1234567890ab'`]) {
    assert.deepEqual(found(line), [], line);
  }
});
