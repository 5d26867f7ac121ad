// Issue 13 item 2 over LSP: in a "use client" component the preferred fix for a hardcoded key is a server route;
// "Move to .env" is disabled there (process.env is undefined in the browser). The resolved edit is applied to
// disk and the result run: the component's call goes through the new route handler, which adds the key.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, test } from 'node:test';
import { parse } from 'dotenv';
import { applyWorkspaceEdit } from '../support/applyEdit';
import { LspTestClient } from '../support/lspClient';
import { packageJson, removeProject, writeProject } from '../support/projects';
import { runThroughProxy } from '../support/proxyRun';
import { secret } from '../support/rules';

const key = secret('sk-ant-api03-{alnum:93}AA', 'lsp-proxy');
const CAPABILITIES = {
  workspace: { configuration: true, workspaceEdit: { documentChanges: true, resourceOperations: ['create'] } },
  textDocument: { codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source'] } }, resolveSupport: { properties: ['edit'] }, disabledSupport: true } },
};
const component = `"use client";
export async function ask(question: string) {
  const res = await fetch("https://api.anthropic.com/v1/messages", {
    method: "POST",
    headers: { "content-type": "application/json", "anthropic-version": "2023-06-01", "x-api-key": "${key}" },
    body: JSON.stringify({ question }),
  });
  return res.json();
}
`;
// Hygiene check 3: the key is not in the code but in a public env variable the bundler inlines.
const publicKeyComponent = `"use client";
export async function complete(prompt: string) {
  const res = await fetch("https://api.openai.com/v1/chat/completions", {
    method: "POST",
    headers: { "content-type": "application/json", Authorization: \`Bearer \${process.env.NEXT_PUBLIC_OPENAI_API_KEY}\` },
    body: JSON.stringify({ prompt }),
  });
  return res.json();
}
`;
const root = writeProject({
  'package.json': packageJson({ next: '15.0.0', react: '19.0.0' }),
  'tsconfig.json': '{ "compilerOptions": { "strict": true } }\n',
  'app/page.tsx': 'export default function Page() { return null; }\n',
  'app/ask.tsx': component,
  'app/complete.tsx': publicKeyComponent,
}, 'sh-proxy-');
let client: LspTestClient;

before(async () => {
  client = new LspTestClient();
  await client.initialize(pathToFileURL(root).toString(), CAPABILITIES);
});

after(async () => {
  await client.shutdown();
  removeProject(root);
});

test('"use client": the server route is the preferred fix, and the fixed component works through it', async () => {
  const file = path.join(root, 'app', 'ask.tsx');
  const uri = pathToFileURL(file).toString();
  const since = client.received.length;
  client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'typescriptreact', version: 1, text: component } });
  // Client membership comes from the import graph, built off the keystroke path; the document is then rescanned.
  const message = await client.waitFor((m) => m.method === 'textDocument/publishDiagnostics' && m.params.uri === uri && m.params.diagnostics.some((d: any) => d.relatedInformation), 10_000, since);
  const diagnostic = message.params.diagnostics.find((d: any) => d.relatedInformation);
  const actions = (await client.request('textDocument/codeAction', { textDocument: { uri }, range: diagnostic.range, context: { diagnostics: [diagnostic] } })) as any[];
  const proxy = actions.find((a) => a.title.startsWith('Move this call to a server route'));
  assert.ok(proxy, JSON.stringify(actions.map((a) => a.title)));
  assert.equal(proxy.isPreferred, true);
  const move = actions.find((a) => a.title.startsWith('Move to .env'));
  assert.ok(!move || move.disabled, 'Move to .env is not offered as a working fix in browser code');
  if (move) assert.match(move.disabled.reason, /runs in the browser/);
  // A vault reference is read through the env as well: undefined in the browser, so not offered there either.
  assert.ok(!actions.some((a) => a.title.startsWith('Replace with') && !a.disabled), JSON.stringify(actions.map((a) => [a.title, a.disabled])));
  const { ruleId, start, end } = diagnostic.data;
  const replaced = await client.request('workspace/executeCommand', { command: 'secretHygiene.replaceWithVault', arguments: [{ uri, version: 1, ruleId, start, end, provider: 'doppler' }] });
  assert.equal(replaced, false, 'the vault fix refuses in browser code');
  assert.equal(fs.readFileSync(file, 'utf8'), component);

  const resolved = await client.request('codeAction/resolve', proxy);
  applyWorkspaceEdit(resolved.edit);
  const fixed = fs.readFileSync(file, 'utf8');
  assert.ok(!fixed.includes(key.slice(12)), 'the key left the component');
  const routeFile = path.join(root, 'app', 'api', 'anthropic-messages', 'route.ts');
  const route = fs.readFileSync(routeFile, 'utf8');
  assert.ok(!route.includes(key.slice(12)));
  const env = parse(fs.readFileSync(path.join(root, '.env'), 'utf8'));
  const [name] = Object.keys(env);
  assert.equal(env[name], key);
  const run = await runThroughProxy({ client: fixed, clientFile: 'ask.tsx', route, routeFile: 'route.ts', proxyPath: '/api/anthropic-messages', env, entry: 'ask', args: ['why?'] });
  assert.deepEqual(run.upstream.map((u) => [u.url, u.method, u.headers['x-api-key'] === key, u.headers['anthropic-version'], u.body]), [['https://api.anthropic.com/v1/messages', 'POST', true, '2023-06-01', '{"question":"why?"}']]);
  assert.ok(!JSON.stringify(resolved.command ?? {}).includes(key.slice(12)));
});

test('a public env variable sent from browser code: a hygiene error whose preferred fix is the server route, and the route works', async () => {
  const file = path.join(root, 'app', 'complete.tsx');
  const uri = pathToFileURL(file).toString();
  const since = client.received.length;
  client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'typescriptreact', version: 1, text: publicKeyComponent } });
  const message = await client.waitFor((m) => m.method === 'textDocument/publishDiagnostics' && m.params.uri === uri && m.params.diagnostics.some((d: any) => d.code === 'hygiene-client-api-call'), 10_000, since);
  const diagnostic = message.params.diagnostics.find((d: any) => d.code === 'hygiene-client-api-call');
  assert.equal(diagnostic.severity, 1, 'an AI key: error');
  assert.equal(diagnostic.data.category, 'hygiene');
  assert.match(diagnostic.message, /runs in the browser .* sends NEXT_PUBLIC_OPENAI_API_KEY with its request to api\.openai\.com/);
  const actions = (await client.request('textDocument/codeAction', { textDocument: { uri }, range: diagnostic.range, context: { diagnostics: [diagnostic] } })) as any[];
  const proxy = actions.find((a) => a.title.startsWith('Move this call to a server route'));
  assert.ok(proxy && !proxy.disabled, JSON.stringify(actions.map((a) => [a.title, a.disabled])));
  assert.equal(proxy.isPreferred, true);
  const resolved = await client.request('codeAction/resolve', proxy);
  applyWorkspaceEdit(resolved.edit);
  const fixed = fs.readFileSync(file, 'utf8');
  assert.ok(!fixed.includes('NEXT_PUBLIC_OPENAI_API_KEY'), 'the browser no longer reads the key');
  const route = fs.readFileSync(path.join(root, 'app', 'api', 'openai-completions', 'route.ts'), 'utf8');
  assert.match(route, /process\.env\.OPENAI_API_KEY/, 'the route reads the server-only name');
  const notes = JSON.stringify(resolved.command?.arguments ?? []);
  assert.match(notes, /NEXT_PUBLIC_OPENAI_API_KEY has a prefix your framework ships to the browser; the route reads OPENAI_API_KEY/);
  const key = secret('sk-proj-{alnum:48}', 'lsp-proxy-public');
  const run = await runThroughProxy({ client: fixed, clientFile: 'complete.tsx', route, routeFile: 'route.ts', proxyPath: '/api/openai-completions', env: { OPENAI_API_KEY: key }, entry: 'complete', args: ['hi'] });
  assert.deepEqual(run.upstream.map((u) => [u.url, u.method, u.headers.authorization === `Bearer ${key}`, u.body]), [['https://api.openai.com/v1/chat/completions', 'POST', true, '{"prompt":"hi"}']]);
});
