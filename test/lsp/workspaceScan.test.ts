// The background workspace scan on a generated tree of thousands of files, live updates from watched
// files, and the team policy in the editor: problems on the config file, live reload, workspace trust.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { LspTestClient, type Message } from '../support/lspClient';
import { secret } from '../support/rules';

const FILES = 3000;
const awsKey = secret('AKIA{alnumupper:16}', 'wsscan');
const clients: LspTestClient[] = [];
after(async () => {
  for (const client of clients) await client.shutdown();
});

function write(root: string, file: string, text: string | Buffer) {
  fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
  fs.writeFileSync(path.join(root, file), text);
}
const uriOf = (root: string, file: string) => pathToFileURL(path.join(root, file)).toString();

function generatedTree(): { root: string; withSecrets: string[] } {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'sh-wsscan-'));
  write(root, '.git/HEAD', 'ref: refs/heads/main\n');
  write(root, '.gitignore', 'build/\n');
  const withSecrets: string[] = [];
  for (let i = 0; i < FILES; i++) {
    const file = `packages/pkg${i % 30}/src/module${i}.ts`;
    const leak = i % 500 === 7;
    write(root, file, `export const value${i} = ${i};\n${leak ? `export const aws = "${awsKey}";\n` : ''}`);
    if (leak) withSecrets.push(file);
  }
  write(root, 'build/bundle.js', `var k="${awsKey}";`);
  write(root, 'assets/logo.bin', Buffer.concat([Buffer.from([0, 1, 2]), Buffer.from(`"${awsKey}"`)]));
  return { root, withSecrets };
}

async function start(root: string, initializationOptions: unknown = {}): Promise<LspTestClient> {
  const client = new LspTestClient();
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

const isDiagnostics = (uri: string) => (m: Message) => m.method === 'textDocument/publishDiagnostics' && m.params.uri === uri;

test(`the background scan publishes the findings of closed files in a ${FILES}-file tree, with progress, honouring .gitignore and skipping binaries`, async () => {
  const { root, withSecrets } = generatedTree();
  const client = await start(root);
  for (const file of withSecrets) {
    const message = await client.waitFor(isDiagnostics(uriOf(root, file)), 60_000);
    assert.deepEqual(message.params.diagnostics.map((d: any) => [d.code, d.range.start.line]), [['aws-access-key-id', 1], ['hygiene-least-privilege', 1]]);
  }
  await client.waitFor((m) => m.method === '$/progress' && m.params.value?.kind === 'end', 60_000);
  const published = new Set(client.received.filter((m) => m.method === 'textDocument/publishDiagnostics').map((m) => m.params.uri));
  assert.deepEqual([...published].sort(), withSecrets.map((f) => uriOf(root, f)).sort(), 'nothing from build/ (ignored) or the binary');
  assert.ok(client.received.some((m) => m.method === 'window/workDoneProgress/create' || m.method === '$/progress'));

  // Watched files: a new file with a secret is published, a deleted one is cleared.
  let since = client.received.length;
  write(root, 'new/leak.ts', `const k = "${awsKey}";\n`);
  client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(root, 'new/leak.ts'), type: 1 }] });
  const created = await client.waitFor(isDiagnostics(uriOf(root, 'new/leak.ts')), 10_000, since);
  assert.deepEqual(created.params.diagnostics.map((d: any) => d.code), ['aws-access-key-id', 'hygiene-least-privilege']);
  since = client.received.length;
  fs.rmSync(path.join(root, withSecrets[0]));
  client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(root, withSecrets[0]), type: 3 }] });
  const deleted = await client.waitFor(isDiagnostics(uriOf(root, withSecrets[0])), 10_000, since);
  assert.deepEqual(deleted.params.diagnostics, []);
});

const BROKEN_CONFIG = '{\n  // team policy\n  "disable": ["aws-access-key-id"],\n  "severity": { "ai": "loud" }\n}\n';

test('config problems are diagnostics on the config file; fixing it and disabling a rule reload live', async () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'sh-policy-'));
  write(root, '.secret-hygiene/config.json', BROKEN_CONFIG);
  const configUri = uriOf(root, '.secret-hygiene/config.json');
  const client = await start(root, { trusted: true });
  const problems = await client.waitFor(isDiagnostics(configUri), 10_000);
  assert.deepEqual(
    problems.params.diagnostics.map((d: any) => [d.range.start.line, d.range.start.character, d.message]),
    [[3, 22, 'severity must be one of error, warning, information, hint, off']],
  );

  // The disabled rule applies to open documents.
  const docUri = uriOf(root, 'app.py');
  let since = client.received.length;
  // (No service name before the value: `AWS = "…"` would be the AWS service rule's, which stays enabled.)
  client.notify('textDocument/didOpen', { textDocument: { uri: docUri, languageId: 'python', version: 1, text: `legacy = "${awsKey}"\n` } });
  assert.deepEqual((await client.waitFor(isDiagnostics(docUri), 5000, since)).params.diagnostics, []);

  // Fix the config and re-enable the rule: the problem clears and the open document is rescanned.
  since = client.received.length;
  write(root, '.secret-hygiene/config.json', '{ "severity": { "ai": "warning" } }\n');
  client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: configUri, type: 2 }] });
  assert.deepEqual((await client.waitFor(isDiagnostics(configUri), 5000, since)).params.diagnostics, []);
  const rescanned = await client.waitFor((m) => isDiagnostics(docUri)(m) && m.params.diagnostics.length > 0, 5000, since);
  assert.equal(rescanned.params.diagnostics[0].code, 'aws-access-key-id');
});

test('in an untrusted workspace no configuration is loaded until trust is granted', async () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'sh-untrusted-'));
  write(root, '.secret-hygiene/config.json', BROKEN_CONFIG);
  const client = await start(root, { trusted: false });
  const docUri = uriOf(root, 'app.py');
  client.notify('textDocument/didOpen', { textDocument: { uri: docUri, languageId: 'python', version: 1, text: `legacy = "${awsKey}"\n` } });
  const first = await client.waitFor(isDiagnostics(docUri), 5000);
  assert.equal(first.params.diagnostics[0].code, 'aws-access-key-id', 'the built-in rule is not disabled by the workspace');
  assert.ok(!client.received.some(isDiagnostics(uriOf(root, '.secret-hygiene/config.json'))), 'the config file was not read');

  const since = client.received.length;
  client.notify('secretHygiene/workspaceTrusted', {});
  await client.waitFor(isDiagnostics(uriOf(root, '.secret-hygiene/config.json')), 5000, since);
  const after = await client.waitFor((m) => isDiagnostics(docUri)(m) && m.params.diagnostics.length === 0, 5000, since);
  assert.deepEqual(after.params.diagnostics, []);
});
