// Issue 16, check 2: keys over plain HTTP, in code and config of several languages. The finding covers the
// scheme and host (what the https fix edits); local and namespace URLs, comments and placeholders stay quiet.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { scanText, HYGIENE_CHECKS, httpsByConvention, isLocalHost } from '../../server/src/engine';
import { builtinRuleSet, secret } from '../support/rules';

/** Plain-HTTP URLs are written `h://` here and expanded at run time, so this file stays clean for our own scan. */
const plain = (text: string) => text.replace(/\bh:\/\//g, ['http', '://'].join(''));
const flagged = (path: string, raw: string) => {
  const text = plain(raw);
  return scanText(text, path, builtinRuleSet())
    .filter((f) => f.ruleId === HYGIENE_CHECKS.plainHttp)
    .map((f) => text.slice(f.start, f.end));
};

const password = secret('{alnum:14}', 'http-pw');

const POSITIVE: Array<[string, string, string]> = [
  ['client.ts', 'fetch("h://api.weather.io/v1/now?api_key=" + key)', 'h://api.weather.io'],
  ['client.ts', 'fetch(`h://api.weather.io/v1/now?appid=1&token=${token}`)', 'h://api.weather.io'],
  ['client.ts', 'const client = new OpenAI({ apiKey: process.env.OPENAI_API_KEY, baseURL: "h://llm.acme.io/v1" });', 'h://llm.acme.io'],
  ['client.ts', 'await fetch("h://api.acme.io/data", {\n  headers: { Authorization: `Bearer ${token}` },\n});', 'h://api.acme.io'],
  ['client.py', 'requests.get("h://api.acme.io/v2/items", headers={"X-API-Key": api_key})', 'h://api.acme.io'],
  ['client.py', 'client = OpenAI(\n    api_key=os.environ["OPENAI_API_KEY"],\n    base_url="h://gpu-box.acme.io:8000/v1",\n)', 'h://gpu-box.acme.io:8000'],
  ['main.go', 'req, _ := http.NewRequest("GET", "h://api.acme.io/v1", nil)\nreq.Header.Set("Authorization", "Bearer "+token)', 'h://api.acme.io'],
  ['settings.yaml', `database:\n  url: h://admin:${password}@couch.acme.io/db\n`, `h://admin:${password}@couch.acme.io`],
  ['.env', 'PAYMENTS_BASE_URL=h://payments.acme.io\nPAYMENTS_API_KEY=${PAYMENTS_KEY}\n', 'h://payments.acme.io'],
  ['fetch.sh', 'curl -H "Authorization: Bearer $TOKEN" h://api.acme.io/v1/me', 'h://api.acme.io'],
  ['Client.java', 'HttpRequest r = HttpRequest.newBuilder(URI.create("h://api.acme.io/v1"))\n    .header("X-API-Key", apiKey).build();', 'h://api.acme.io'],
];

for (const [path, text, expected] of POSITIVE) {
  test(`plain HTTP credential: ${path}: ${text.split('\n')[0]}`, () => assert.deepEqual(flagged(path, text), [plain(expected)]));
}

const NEGATIVE: Array<[string, string]> = [
  ['client.ts', 'fetch("https://api.weather.io/v1/now?api_key=" + key)'],
  ['client.ts', 'fetch("h://localhost:3000/api?api_key=" + key)'],
  ['client.ts', 'fetch("h://127.0.0.1:8080/v1", { headers: { Authorization: `Bearer ${token}` } })'],
  ['client.ts', 'fetch("h://api:8080/v1", { headers: { Authorization: `Bearer ${token}` } })'],
  ['client.ts', 'fetch("h://api.acme.io/v1/public")'],
  ['client.ts', 'const svg = "h://www.w3.org/2000/svg";\nconst apiKey = process.env.KEY;'],
  ['client.ts', '// see h://api.acme.io/docs?api_key=abc for details'],
  ['client.ts', 'const docs = "h://api.acme.io/v1/items?api_key=YOUR_API_KEY";'],
  ['client.ts', 'const u = "h://user:password@db.acme.io/x";'],
  ['client.ts', 'const home = "h://acme.io";\nconst title = "Acme";\nconst apiKey = process.env.KEY;'],
  ['types.d.ts', 'interface Req { url: "h://api.acme.io"; authorization: string }'],
  ['client.py', 'BASE_URL = "h://api.acme.io"\napi_key = None'],
];

for (const [path, text] of NEGATIVE) {
  test(`no plain HTTP credential: ${path}: ${text.split('\n')[0]}`, () => assert.deepEqual(flagged(path, text), []));
}

test('the message names the host and the way, never the password', () => {
  const text = plain(`const u = "h://admin:${password}@couch.acme.io/db";`);
  const [finding] = scanText(text, 'a.ts', builtinRuleSet()).filter((f) => f.ruleId === HYGIENE_CHECKS.plainHttp);
  assert.ok(!finding.message?.includes(password));
  assert.match(finding.message ?? '', /http:\/\/couch\.acme\.io as basic auth/);
  assert.equal(finding.severity, 'warning');
});

test('AI provider clients over plain HTTP are errors', () => {
  const text = plain('const client = new OpenAI({ apiKey: process.env.OPENAI_API_KEY, baseURL: "h://llm.acme.io/v1" });');
  assert.equal(scanText(text, 'a.ts', builtinRuleSet()).find((f) => f.ruleId === HYGIENE_CHECKS.plainHttp)?.severity, 'error');
});

test('https by convention: public names on the default port; not IPs, internal names or custom ports', () => {
  assert.equal(httpsByConvention('api.acme.io'), true);
  assert.equal(httpsByConvention('api.acme.io', '80'), true);
  assert.equal(httpsByConvention('gpu-box.acme.io', '8000'), false);
  assert.equal(httpsByConvention('203.0.113.7'), false);
  assert.equal(httpsByConvention('db.corp'), false);
  assert.equal(isLocalHost('[::1]'), true);
  assert.equal(isLocalHost('172.20.0.4'), true);
  assert.equal(isLocalHost('172.40.0.4'), false);
});
