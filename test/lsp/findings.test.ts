// The findings list for editor views (secretHygiene/findings + secretHygiene/findingsChanged): open
// documents and the background scan, build output the walk skips, the masked preview only; and
// Restricted Mode: an untrusted workspace cannot switch detection off through settings.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { LspTestClient, type Message } from '../support/lspClient';
import { secret } from '../support/rules';

const awsKey = secret('AKIA{alnumupper:16}', 'findings-view');
const stripeKey = secret('sk_live_{alnum:24}', 'findings-view');
const clients: LspTestClient[] = [];
after(async () => {
  for (const client of clients) await client.shutdown();
});

function project(files: Record<string, string>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'sh-findings-'));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    fs.writeFileSync(path.join(root, name), text);
  }
  return root;
}
const uriOf = (root: string, file: string) => pathToFileURL(path.join(root, file)).toString();

async function start(root: string, configuration: unknown = {}, initializationOptions: unknown = {}): Promise<LspTestClient> {
  const client = new LspTestClient(['--stdio'], configuration);
  clients.push(client);
  await client.request('initialize', {
    processId: process.pid,
    rootUri: pathToFileURL(root).toString(),
    workspaceFolders: [{ uri: pathToFileURL(root).toString(), name: 'root' }],
    capabilities: { workspace: { configuration: true, didChangeWatchedFiles: { dynamicRegistration: true } }, window: { workDoneProgress: true } },
    initializationOptions,
  });
  client.notify('initialized', {});
  return client;
}

const isChanged = (m: Message) => m.method === 'secretHygiene/findingsChanged';
const isDiagnostics = (uri: string) => (m: Message) => m.method === 'textDocument/publishDiagnostics' && m.params.uri === uri && m.params.diagnostics.length > 0;

test('the findings list holds closed files from the background scan and open documents, masked, and is announced when it changes', async () => {
  const root = project({ 'src/config.js': `export const aws = "${awsKey}";\n`, 'src/clean.js': 'export const a = 1;\n' });
  const client = await start(root);
  await client.waitFor(isDiagnostics(uriOf(root, 'src/config.js')), 15_000);
  await client.waitFor(isChanged, 5000);
  // Secrets only here: the hygiene checks (hygiene-* rules) may add their own notes on the same lines.
  const secrets = (result: { findings: any[] }): any[] => result.findings.filter((f) => !f.ruleId.startsWith('hygiene-'));
  let list = await client.request('secretHygiene/findings', null);
  assert.equal(secrets(list).length, 1);
  const [row] = secrets(list) as any[];
  assert.equal(row.uri, uriOf(root, 'src/config.js'));
  assert.equal(row.provider, 'AWS');
  assert.equal(row.severity, 'error');
  assert.match(row.masked, /^AKIA/);
  assert.equal(row.range.start.line, 0);
  assert.equal(row.buildOutput, undefined);

  // Typing a key into an open document adds it to the list, and says so.
  const since = client.received.length;
  const uri = uriOf(root, 'src/pay.js');
  client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'javascript', version: 1, text: 'const a = 1;\n' } });
  client.notify('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: `const stripe = "${stripeKey}";\n` }] });
  await client.waitFor(isChanged, 5000, since + 1);
  await client.waitFor(isDiagnostics(uri), 5000, since);
  list = await client.request('secretHygiene/findings', null);
  assert.deepEqual(secrets(list).map((f: { uri: string }) => f.uri).sort(), [uriOf(root, 'src/config.js'), uri].sort());
  const pay = secrets(list).find((f: { uri: string }) => f.uri === uri);
  assert.equal(pay.ruleId, 'stripe-live-secret-key');
  assert.equal(pay.start, 'const stripe = "'.length);

  // Removing it drops it again.
  const before = client.received.length;
  client.notify('textDocument/didChange', { textDocument: { uri, version: 3 }, contentChanges: [{ text: 'const stripe = process.env.STRIPE_SECRET_KEY;\n' }] });
  await client.waitFor(isChanged, 5000, before);
  list = await client.request('secretHygiene/findings', null);
  assert.equal(secrets(list).filter((f: { uri: string }) => f.uri === uri).length, 0);

  const raw = client.rawOutput.join('');
  assert.ok(!raw.includes(awsKey) && !raw.includes(stripeKey), 'a value reached the client');
});

test('build output the walk skips (a git-ignored .next/static of a Next.js project) is scanned and listed as build output', async () => {
  const root = project({
    'package.json': JSON.stringify({ name: 'shop', dependencies: { next: '15.3.0' } }),
    '.gitignore': '.next/\nnode_modules/\n',
    'app/page.js': 'export default function Page() { return null; }\n',
    '.next/static/chunks/app.js': `!function(){var k="${stripeKey}";console.log(k)}();`,
    'node_modules/lib/index.js': `var k="${awsKey}";`,
  });
  const client = await start(root);
  const bundle = uriOf(root, '.next/static/chunks/app.js');
  const published = await client.waitFor(isDiagnostics(bundle), 15_000);
  assert.match(published.params.diagnostics[0].message, /served to browsers/);
  await client.waitFor(isChanged, 5000);
  const list = await client.request('secretHygiene/findings', null);
  assert.deepEqual(list.findings.map((f: { uri: string; buildOutput?: boolean }) => [f.uri, f.buildOutput]), [[bundle, true]]);

  // A rebuild that drops the key clears it.
  const since = client.received.length;
  fs.writeFileSync(path.join(root, '.next/static/chunks/app.js'), '!function(){console.log(process.env.X)}();');
  client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: bundle, type: 2 }] });
  await client.waitFor((m) => m.method === 'textDocument/publishDiagnostics' && m.params.uri === bundle && m.params.diagnostics.length === 0, 10_000, since);
  assert.equal((await client.request('secretHygiene/findings', null)).total, 0);
});

const weakening = { enable: false, severity: { payments: 'off', cloud: 'hint' }, exclude: ['**/*.js'], publicByDesign: 'off', maxFileSize: 10, workspaceScan: { enable: false } };

test('untrusted: settings that would switch detection off are ignored, so the key is still flagged as an error', async () => {
  const root = project({ 'src/config.js': `export const aws = "${awsKey}";\n` });
  const client = await start(root, weakening, { trusted: false });
  const uri = uriOf(root, 'src/pay.js');
  client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'javascript', version: 1, text: `const stripe = "${stripeKey}";\n` } });
  const open = await client.waitFor(isDiagnostics(uri), 5000);
  assert.equal(open.params.diagnostics[0].code, 'stripe-live-secret-key');
  assert.equal(open.params.diagnostics[0].severity, 1);
  // The background scan runs too, with the default severity.
  const closed = await client.waitFor(isDiagnostics(uriOf(root, 'src/config.js')), 15_000);
  assert.equal(closed.params.diagnostics[0].severity, 1);
});

test('trusted: the same settings apply (the user chose them)', async () => {
  const root = project({ 'src/config.js': `export const aws = "${awsKey}";\n` });
  const client = await start(root, { ...weakening, enable: true, exclude: [], maxFileSize: 10_000_000 }, { trusted: true });
  const uri = uriOf(root, 'src/pay.js');
  client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'javascript', version: 1, text: `const stripe = "${stripeKey}";\nconst aws = "${awsKey}";\n` } });
  const published = await client.waitFor((m) => m.method === 'textDocument/publishDiagnostics' && m.params.uri === uri, 5000);
  const secretDiagnostics = published.params.diagnostics.filter((d: { code: string }) => !d.code.startsWith('hygiene-'));
  assert.deepEqual(secretDiagnostics.map((d: { code: string; severity: number }) => [d.code, d.severity]), [['aws-access-key-id', 4]]);
});
