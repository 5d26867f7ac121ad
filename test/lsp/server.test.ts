// Drives the built server (dist/server.js --stdio) as a plain LSP client would: diagnostics on
// didOpen with exact ranges and within the latency budget, incremental edits, hover, no leaks.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, test } from 'node:test';
import { LspTestClient } from '../support/lspClient';
import { secret } from '../support/rules';

const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'sh-lsp-'));
const rootUri = pathToFileURL(folder).toString();
const openaiKey = secret('sk-proj-{alnum:74}T3BlbkFJ{alnum:74}', 'lsp');
let client: LspTestClient;

before(async () => {
  client = new LspTestClient();
  const result = await client.initialize(rootUri);
  assert.equal(result.capabilities.textDocumentSync.change, 2, 'incremental sync');
});

after(async () => {
  await client.shutdown();
  fs.rmSync(folder, { recursive: true, force: true });
});

function open(name: string, text: string, languageId = 'typescript'): string {
  const uri = pathToFileURL(path.join(folder, name)).toString();
  client.notify('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
  return uri;
}

// How fast is the benchmark's business (npm run bench: didOpen p95); a timed assertion here only fails on a busy machine.
test('didOpen publishes a diagnostic exactly on the key', async () => {
  const prefix = 'import OpenAI from "openai";\nconst client = new OpenAI({ apiKey: "';
  const text = `${prefix}${openaiKey}" });\n`;
  const since = client.received.length;
  const uri = open('client.ts', text);
  const message = await client.nextDiagnostics(uri, since);
  const [diagnostic] = message.params.diagnostics;
  assert.equal(message.params.diagnostics.length, 1);
  const column = prefix.length - prefix.lastIndexOf('\n') - 1;
  assert.deepEqual(diagnostic.range, { start: { line: 1, character: column }, end: { line: 1, character: column + openaiKey.length } });
  assert.equal(diagnostic.source, 'secret-hygiene');
  assert.equal(diagnostic.code, 'openai-project-key');
  assert.equal(diagnostic.codeDescription.href, 'https://platform.openai.com/api-keys');
  assert.equal(diagnostic.severity, 1);
  assert.match(diagnostic.message, /OpenAI/);
  assert.ok(diagnostic.message.includes(`${openaiKey.slice(0, 4)}…${openaiKey.slice(-4)}`), diagnostic.message);
  assert.equal(diagnostic.data.ruleId, 'openai-project-key');
  assert.equal(diagnostic.data.evidence, 'provider-format');
});

test('incremental edits move, remove and add diagnostics', async () => {
  const lines = Array.from({ length: 50 }, (_, i) => `const value${i} = ${i};`);
  lines[40] = `const key = "${openaiKey}";`;
  let since = client.received.length;
  const uri = open('incremental.ts', lines.join('\n'));
  let message = await client.nextDiagnostics(uri, since);
  assert.equal(message.params.diagnostics[0].range.start.line, 40);

  // Insert two lines at the top: the diagnostic moves down.
  since = client.received.length;
  client.notify('textDocument/didChange', {
    textDocument: { uri, version: 2 },
    contentChanges: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '// a\n// b\n' }],
  });
  message = await client.nextDiagnostics(uri, since);
  assert.equal(message.params.version, 2);
  assert.deepEqual(message.params.diagnostics.map((d: any) => d.range.start.line), [42]);

  // Delete one character of the key: it no longer has the key's shape... but still long enough, so
  // replace the whole value with a placeholder instead.
  since = client.received.length;
  client.notify('textDocument/didChange', {
    textDocument: { uri, version: 3 },
    contentChanges: [{ range: { start: { line: 42, character: 13 }, end: { line: 42, character: 13 + openaiKey.length } }, text: 'sk-proj-your-key-here' }],
  });
  message = await client.nextDiagnostics(uri, since);
  assert.deepEqual(message.params.diagnostics, []);

  // Type a key character by character on the first line: one diagnostic at the end.
  const typed = `x = "${openaiKey}"`;
  let version = 4;
  since = client.received.length;
  for (let i = 0; i < typed.length; i++) {
    client.notify('textDocument/didChange', {
      textDocument: { uri, version: version++ },
      contentChanges: [{ range: { start: { line: 0, character: i }, end: { line: 0, character: i } }, text: typed[i] }],
    });
  }
  message = await client.waitFor((m) => m.method === 'textDocument/publishDiagnostics' && m.params.uri === uri && m.params.version === version - 1, 5000, since);
  assert.deepEqual(
    message.params.diagnostics.map((d: any) => d.range),
    [{ start: { line: 0, character: 5 }, end: { line: 0, character: 5 + openaiKey.length } }],
  );
});

test('hover shows the rule and the masked value, never the value', async () => {
  const since = client.received.length;
  const uri = open('hover.py', `OPENAI_API_KEY = "${openaiKey}"\n`, 'python');
  await client.nextDiagnostics(uri, since);
  const hover = await client.request('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 25 } });
  assert.match(hover.contents.value, /openai-project-key/);
  assert.match(hover.contents.value, /Why: the value has OpenAI's own credential format/);
  assert.ok(hover.contents.value.includes('…'));
  assert.ok(!hover.contents.value.includes(openaiKey.slice(8, 30)));
  const none = await client.request('textDocument/hover', { textDocument: { uri }, position: { line: 1, character: 0 } });
  assert.equal(none, null);
});

test('no message from the server ever contains a secret value', () => {
  const all = client.rawOutput.join('\n');
  assert.ok(!all.includes(openaiKey.slice(8, 40)), 'a raw key fragment was sent to the client');
});

test('scan workspace command publishes diagnostics for closed files', async () => {
  fs.writeFileSync(path.join(folder, 'closed.env'), `OPENAI_API_KEY=${openaiKey}\n`);
  fs.writeFileSync(path.join(folder, '.gitignore'), 'ignored.env\n');
  fs.writeFileSync(path.join(folder, 'ignored.env'), `OPENAI_API_KEY=${openaiKey}\n`);
  const since = client.received.length;
  const result = await client.request('workspace/executeCommand', { command: 'secretHygiene.scanWorkspace', arguments: [] });
  assert.equal(result.filesWithFindings, 1);
  const closedUri = pathToFileURL(path.join(folder, 'closed.env')).toString();
  const message = await client.nextDiagnostics(closedUri, since);
  assert.equal(message.params.diagnostics[0].code, 'openai-project-key');
  assert.ok(!client.received.slice(since).some((m) => m.params?.uri?.endsWith('ignored.env')), '.gitignore is respected');
});

test('a provider key inside .env is a note (that is where it belongs); in .env.example it stays an error', async () => {
  let since = client.received.length;
  const envUri = open('.env', `# local secrets\nOPENAI_API_KEY=${openaiKey}\n`, 'dotenv');
  const env = await client.nextDiagnostics(envUri, since);
  assert.deepEqual(env.params.diagnostics.map((d: any) => d.severity), [3]);
  assert.match(env.params.diagnostics[0].message, /kept in \.env/);
  since = client.received.length;
  const exampleUri = open('.env.example', `OPENAI_API_KEY=${openaiKey}\n`, 'dotenv');
  const example = await client.nextDiagnostics(exampleUri, since);
  assert.deepEqual(example.params.diagnostics.map((d: any) => d.severity), [1]);
});
