// The server leaves out findings listed in the workspace folder's .secret-hygiene/baseline.json.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, test } from 'node:test';
import { BaselineMatcher } from '../../server/src/engine';
import { BASELINE_PATH, baselineHashes, newBaseline, writeBaseline } from '../../server/src/project/baseline';
import { LspTestClient, type Message } from '../support/lspClient';
import { secret } from '../support/rules';

const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'sh-lsp-baseline-'));
const client = new LspTestClient();
after(async () => {
  await client.shutdown();
  fs.rmSync(folder, { recursive: true, force: true });
});

test('baselined findings are not published; others are', async () => {
  const accepted = secret('AKIA{alnumupper:16}', 'lsp-baseline-a');
  const fresh = secret('AKIA{alnumupper:16}', 'lsp-baseline-b');
  const text = `const a = "${accepted}";\nconst b = "${fresh}";\n`;
  const matcher = new BaselineMatcher(newBaseline(), baselineHashes);
  const start = text.indexOf(accepted);
  writeBaseline(path.join(folder, BASELINE_PATH), { ...matcher.baseline, entries: [matcher.entryFor('a.ts', text, { ruleId: 'aws-access-key-id', start, end: start + accepted.length })] });

  await client.initialize(pathToFileURL(folder).toString());
  const uri = pathToFileURL(path.join(folder, 'a.ts')).toString();
  const since = client.received.length;
  client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'typescript', version: 1, text } });
  const { params } = await client.nextDiagnostics(uri, since);
  // Hygiene notes (the AKIA key's least-privilege note) go with their finding: test/lsp/hygiene.test.ts.
  const secrets = params.diagnostics.filter((d: { code: string }) => !d.code.startsWith('hygiene-'));
  assert.deepEqual(secrets.map((d: { range: { start: { line: number } } }) => d.range.start.line), [1]);
  assert.ok(!params.diagnostics.some((d: { code: string; range: { start: { line: number } } }) => d.range.start.line === 0), 'the baselined key keeps no note either');
});

test('issue 11 item 6: an untrusted workspace\'s baseline hides nothing, and the log says it is ignored', async () => {
  const untrusted = fs.mkdtempSync(path.join(os.tmpdir(), 'sh-lsp-baseline-untrusted-'));
  const accepted = secret('AKIA{alnumupper:16}', 'lsp-baseline-untrusted');
  const text = `const a = "${accepted}";\n`;
  const matcher = new BaselineMatcher(newBaseline(), baselineHashes);
  const start = text.indexOf(accepted);
  writeBaseline(path.join(untrusted, BASELINE_PATH), { ...matcher.baseline, entries: [matcher.entryFor('a.ts', text, { ruleId: 'aws-access-key-id', start, end: start + accepted.length })] });
  const other = new LspTestClient();
  try {
    const root = pathToFileURL(untrusted).toString();
    await other.request('initialize', { processId: process.pid, rootUri: root, workspaceFolders: [{ uri: root, name: 'root' }], capabilities: { workspace: { configuration: true } }, initializationOptions: { trusted: false } });
    other.notify('initialized', {});
    const uri = pathToFileURL(path.join(untrusted, 'a.ts')).toString();
    other.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'typescript', version: 1, text } });
    const { params } = await other.nextDiagnostics(uri, 0);
    assert.deepEqual(params.diagnostics.filter((d: { code: string }) => !d.code.startsWith('hygiene-')).map((d: { range: { start: { line: number } } }) => d.range.start.line), [0]);
    assert.ok(other.received.some((m) => m.method === 'window/logMessage' && /baseline\.json is ignored until you trust/.test(m.params.message)));

    // Trusted: the same baseline applies.
    const since = other.received.length;
    other.notify('secretHygiene/workspaceTrusted', {});
    // A rescan already under way when the notification arrived (the client-bundle check's, scanned at once
    // now that a document is debounced only once its edits' scans proved slow) may publish first: the
    // baseline must apply by the next publishes.
    const secrets = (m: Message) => (m.params.diagnostics as Array<{ code: string }>).filter((d) => !d.code.startsWith('hygiene-'));
    await other.waitFor((m) => m.method === 'textDocument/publishDiagnostics' && m.params.uri === uri && secrets(m).length === 0, 5000, since)
      .catch(() => assert.fail('once trusted, the baselined key is still published'));
  } finally {
    await other.shutdown();
    fs.rmSync(untrusted, { recursive: true, force: true });
  }
});
