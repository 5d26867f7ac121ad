// Hygiene check 3, frontend calls with secrets: a browser module that sends a credential env variable with a
// request (fetch, axios, XHR, WebSocket) or builds an AI / exchange / payments SDK with it. Not: public or
// publishable variables, reads outside a call, commented-out calls, other constructors, or reads another
// client-bundle finding already reports.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applyHygienePolicy, scanClientModule, type ClientModuleFacts } from '../../server/src/engine';

const facts: ClientModuleFacts = {
  chain: ['app/chat/page.tsx'],
  reason: '"use client" directive',
  policy: { prefixes: [{ prefix: 'NEXT_PUBLIC_', framework: 'Next.js' }, { prefix: 'VITE_', framework: 'Vite' }], names: [] },
  secretNames: new Set(),
};
const calls = (text: string, path = 'app/chat/page.tsx') => scanClientModule(text, path, [], facts).filter((f) => f.ruleId === 'hygiene-client-api-call');

test('fetch with the key in a header template, axios with a headers object: flagged at the env read, graded by provider', () => {
  const text = [
    'export async function ask(prompt: string) {',
    '  const res = await fetch("https://api.openai.com/v1/chat/completions", {',
    '    method: "POST",',
    '    headers: { Authorization: `Bearer ${process.env.NEXT_PUBLIC_OPENAI_API_KEY}` },',
    '    body: JSON.stringify({ prompt }),',
    '  });',
    '  await axios.post("https://api.example-crm.com/v2/leads", { prompt }, { headers: { "X-Api-Key": process.env.NEXT_PUBLIC_CRM_API_KEY } });',
    '  return res.json();',
    '}',
  ].join('\n');
  const found = calls(text);
  assert.deepEqual(found.map((f) => [f.envName, text.slice(f.start, f.end), f.severity, f.category]), [
    ['NEXT_PUBLIC_OPENAI_API_KEY', 'process.env.NEXT_PUBLIC_OPENAI_API_KEY', 'error', 'hygiene'],
    ['NEXT_PUBLIC_CRM_API_KEY', 'process.env.NEXT_PUBLIC_CRM_API_KEY', 'warning', 'hygiene'],
  ]);
  assert.match(found[0].message!, /app\/chat\/page\.tsx runs in the browser \(app\/chat\/page\.tsx is "use client" directive\) and sends NEXT_PUBLIC_OPENAI_API_KEY with its request to api\.openai\.com/);
  assert.match(found[1].message!, /to api\.example-crm\.com/);
});

test('SDKs built in the page (Vue, Svelte, plain JS), XHR headers and WebSocket URLs', () => {
  assert.deepEqual(calls('const openai = new OpenAI({ apiKey: import.meta.env.VITE_OPENAI_KEY, dangerouslyAllowBrowser: true });\n', 'src/App.vue').map((f) => [f.envName, f.severity]), [['VITE_OPENAI_KEY', 'error']]);
  assert.match(calls('const client = new Anthropic({ apiKey: import.meta.env.VITE_ANTHROPIC_API_KEY });\n', 'src/lib/ai.svelte')[0].message!, /to the Anthropic SDK/);
  assert.equal(calls('const stripe = new Stripe(process.env.NEXT_PUBLIC_STRIPE_SECRET_KEY);\n', 'pay.js').length, 1);
  assert.equal(calls('xhr.setRequestHeader("Authorization", "Bearer " + import.meta.env.VITE_BINANCE_API_SECRET);\n', 'src/x.js')[0].severity, 'error');
  assert.equal(calls('const ws = new WebSocket(`wss://stream.example.io/feed?token=${import.meta.env.VITE_FEED_ACCESS_TOKEN}`);\n', 'src/ws.ts').length, 1);
});

test('not flagged: public values, publishable keys, reads outside a call, derived uses, comments, other constructors', () => {
  const text = [
    'const url = process.env.NEXT_PUBLIC_API_URL;',
    'const key = process.env.NEXT_PUBLIC_OPENAI_API_KEY;',
    'fetch(url, { headers: { "x-region": process.env.NEXT_PUBLIC_REGION } });',
    'const stripe = new Stripe(process.env.NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY);',
    'fetch("https://api.openai.com/v1/models", { headers: { "x-has-key": String(!!process.env.NEXT_PUBLIC_OPENAI_API_KEY) } });',
    '// fetch("https://api.openai.com/v1/models", { headers: { Authorization: process.env.NEXT_PUBLIC_OPENAI_API_KEY } });',
    'const loader = new Loader({ apiKey: process.env.NEXT_PUBLIC_MAPS_API_KEY });',
    'console.log(new Date(process.env.NEXT_PUBLIC_BUILD_TIME));',
  ].join('\n');
  assert.deepEqual(calls(text), []);
});

test('a server-only secret read in a call is reported once: by the client-bundle finding when it knows the name, else by this check', () => {
  const said = 'fetch("https://api.example-crm.com/v1/leads", { headers: { Authorization: `Bearer ${process.env.CRM_SECRET}` } });\n';
  assert.deepEqual(scanClientModule(said, 'app/chat/page.tsx', [], facts).map((f) => f.ruleId), ['client-reads-server-env']);
  const unsaid = 'fetch("https://api.openai.com/v1/models", { headers: { Authorization: `Bearer ${process.env.OPENAI_API_KEY}` } });\n';
  assert.deepEqual(scanClientModule(unsaid, 'app/chat/page.tsx', [], facts).map((f) => f.ruleId), ['hygiene-client-api-call']);
});

test('the team config turns the check off or re-grades it', () => {
  const text = 'fetch("https://api.openai.com/v1/models", { headers: { Authorization: `Bearer ${process.env.NEXT_PUBLIC_OPENAI_API_KEY}` } });\n';
  const found = scanClientModule(text, 'app/chat/page.tsx', [], facts);
  assert.equal(applyHygienePolicy(found, { disable: ['hygiene-client-api-call'], severity: {} }).length, 0);
  assert.equal(applyHygienePolicy(found, { disable: [], severity: { hygiene: 'information' } })[0].severity, 'information');
});
