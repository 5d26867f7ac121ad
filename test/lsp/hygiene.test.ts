// Issue 16 over LSP: each hygiene check's diagnostic (category hygiene, masked only) and its fix applied
// as the editor would, with the fixed files checked by the real toolchains (node, python3).
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, test } from 'node:test';
import { applyWorkspaceEdit } from '../support/applyEdit';
import { LspTestClient } from '../support/lspClient';
import { secret } from '../support/rules';

const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'sh-hygiene-'));
const http = ['http', '://'].join('');
const CAPABILITIES = {
  workspace: { configuration: true, workspaceEdit: { documentChanges: true, resourceOperations: ['create'] } },
  textDocument: { codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source'] } }, resolveSupport: { properties: ['edit'] }, disabledSupport: true } },
};
let client: LspTestClient;

before(async () => {
  client = new LspTestClient(['--stdio']);
  await client.initialize(pathToFileURL(folder).toString(), CAPABILITIES);
});

after(async () => {
  await client.shutdown();
  fs.rmSync(folder, { recursive: true, force: true });
});

async function open(relative: string, text: string, languageId: string) {
  const file = path.join(folder, relative);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  const uri = pathToFileURL(file).toString();
  const since = client.received.length;
  client.notify('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
  const message = await client.nextDiagnostics(uri, since);
  return { file, uri, diagnostics: message.params.diagnostics as any[] };
}

const actionsFor = (uri: string, diagnostic: any) => client.request('textDocument/codeAction', { textDocument: { uri }, range: diagnostic.range, context: { diagnostics: [diagnostic] } });

async function applyAction(uri: string, diagnostic: any, title: string) {
  const action = (await actionsFor(uri, diagnostic)).find((a: any) => a.title.startsWith(title));
  assert.ok(action, `an action titled "${title}"`);
  const resolved = await client.request('codeAction/resolve', action);
  applyWorkspaceEdit(resolved.edit);
}

test('secret in a log: an error for an AI key, "Log a masked form" leaves valid JavaScript that prints 4 characters', async () => {
  const text = 'const key = process.env.OPENAI_API_KEY;\nconsole.log("using", process.env.OPENAI_API_KEY);\n';
  const { file, uri, diagnostics } = await open('log.js', text, 'javascript');
  const diagnostic = diagnostics.find((d) => d.code === 'hygiene-secret-in-log');
  assert.equal(diagnostic.severity, 1);
  assert.equal(diagnostic.data.category, 'hygiene');
  assert.match(diagnostic.message, /env variable OPENAI_API_KEY .* log/);
  const titles = (await actionsFor(uri, diagnostic)).map((a: any) => a.title);
  assert.ok(titles.includes('Log nothing in its place ("[redacted]")'));
  assert.ok(!titles.some((t: string) => t.startsWith('Move to .env')), 'no move: the value is not in the file');
  await applyAction(uri, diagnostic, 'Log a masked form');
  const fixed = fs.readFileSync(file, 'utf8');
  assert.equal(fixed, "const key = process.env.OPENAI_API_KEY;\nconsole.log(\"using\", String(process.env.OPENAI_API_KEY).slice(0, 4) + '…');\n");
  const key = secret('sk-proj-{alnum:40}', 'lsp-log');
  const run = spawnSync(process.execPath, [file], { env: { PATH: process.env.PATH, OPENAI_API_KEY: key }, encoding: 'utf8' });
  assert.equal(run.stdout, `using ${key.slice(0, 4)}…\n`);
});

test('secret in a Python f-string log: "Log nothing" leaves valid Python without the value', async (t) => {
  const text = 'import logging, os\napi_key = os.environ.get("X_API_KEY", "")\nlogging.warning(f"calling with {api_key!r}")\n';
  const { file, uri, diagnostics } = await open('log.py', text, 'python');
  const diagnostic = diagnostics.find((d) => d.code === 'hygiene-secret-in-log');
  assert.equal(diagnostic.severity, 2);
  await applyAction(uri, diagnostic, 'Log nothing');
  assert.equal(fs.readFileSync(file, 'utf8'), 'import logging, os\napi_key = os.environ.get("X_API_KEY", "")\nlogging.warning(f"calling with [redacted]")\n');
  if (spawnSync('python3', ['--version']).status !== 0) return t.skip('python3 is not installed (.ci/system-deps.sh installs it)');
  execFileSync('python3', ['-m', 'py_compile', file]);
});

test('credential over plain HTTP: a warning on scheme and host; "Switch to https://" edits the scheme only', async () => {
  const text = `const res = await fetch("${http}api.weather.io/v1/now?api_key=" + key);\n`;
  const { file, uri, diagnostics } = await open('weather.ts', text, 'typescript');
  const diagnostic = diagnostics.find((d) => d.code === 'hygiene-plain-http');
  assert.equal(diagnostic.severity, 2);
  assert.deepEqual([diagnostic.range.start.character, diagnostic.range.end.character], [25, 25 + `${http}api.weather.io`.length]);
  await applyAction(uri, diagnostic, 'Switch to https://');
  assert.equal(fs.readFileSync(file, 'utf8'), text.replace(http, 'https://'));
});

test('plain HTTP to a custom port: the https fix is offered disabled, with the reason', async () => {
  const text = `client = OpenAI(api_key=os.environ["OPENAI_API_KEY"], base_url="${http}gpu-box.acme.io:8000/v1")\n`;
  const { uri, diagnostics } = await open('llm.py', text, 'python');
  const diagnostic = diagnostics.find((d) => d.code === 'hygiene-plain-http');
  assert.equal(diagnostic.severity, 1, 'an AI client: error');
  const https = (await actionsFor(uri, diagnostic)).find((a: any) => a.title === 'Switch to https://');
  assert.match(https.disabled.reason, /does not serve https by convention/);
});

test('least privilege: an information note with the provider page, opened through the editor', async () => {
  const key = secret('sk_live_{alnum:99}', 'lsp-lp');
  const { uri, diagnostics } = await open('billing.ts', `export const stripe = new Stripe("${key}");\n`, 'typescript');
  const note = diagnostics.find((d) => d.code === 'hygiene-least-privilege');
  assert.equal(note.severity, 3);
  assert.equal(note.codeDescription.href, 'https://docs.stripe.com/keys#limit-access');
  const open_ = (await actionsFor(uri, note)).find((a: any) => a.title.startsWith("Open Stripe's page on narrower keys"));
  const since = client.received.length;
  const done = client.request('workspace/executeCommand', open_.command);
  const shown = await client.waitFor((m) => m.method === 'window/showDocument', 5000, since);
  assert.deepEqual(shown.params, { uri: 'https://docs.stripe.com/keys#limit-access', external: true });
  await done;
  assert.ok(!client.rawOutput.some((raw) => raw.includes(key)), 'the value is sent nowhere');
});

test('one key per environment: the shared value is flagged in the open .env file; the ignore comment silences it', async () => {
  const value = secret('{alnum:32}', 'lsp-env-shared');
  fs.mkdirSync(path.join(folder, 'svc'), { recursive: true });
  fs.writeFileSync(path.join(folder, 'svc', '.env.production'), `PAYMENTS_API_SECRET=${value}\n`);
  const text = `PAYMENTS_API_SECRET=${value}\n`;
  const { file, uri, diagnostics } = await open('svc/.env.development', text, 'dotenv');
  const diagnostic = diagnostics.find((d) => d.code === 'hygiene-shared-env-key');
  assert.equal(diagnostic.severity, 2, 'kept a warning in a .env file');
  assert.match(diagnostic.message, /same value as \.env\.production\. Use one key per environment/);
  assert.ok(!diagnostic.message.includes(value));
  await applyAction(uri, diagnostic, 'Ignore this finding');
  const fixed = fs.readFileSync(file, 'utf8');
  assert.equal(fixed, `# secret-hygiene-ignore-next-line hygiene-shared-env-key\n${text}`);
  const since = client.received.length;
  client.notify('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: fixed }] });
  const after_ = await client.nextDiagnostics(uri, since);
  assert.ok(!after_.params.diagnostics.some((d: any) => d.code === 'hygiene-shared-env-key'));
});
