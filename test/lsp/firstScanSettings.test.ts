// Issue 14, first squiggle: a document's first scan uses the settings the client sent at initialize
// instead of waiting for its workspace/configuration round trip, and is scanned again when the answer
// differs, so a folder's own settings still win.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, test } from 'node:test';
import { LspTestClient } from '../support/lspClient';
import { secret } from '../support/rules';

const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'sh-first-settings-'));
const key = secret('sk_live_{alnum:24}', 'first-settings');
let client: LspTestClient | undefined;

after(async () => {
  await client?.shutdown();
  fs.rmSync(folder, { recursive: true, force: true });
});

test('the first scan does not wait for the pulled settings, and a differing answer rescans', async () => {
  // Sent at initialize: scanning off. Pulled for the document: the defaults (on).
  client = new LspTestClient(['--stdio'], {});
  await client.initialize(pathToFileURL(folder).toString(), { workspace: { configuration: true } }, { settings: { enable: false } });
  const uri = pathToFileURL(path.join(folder, 'first.js')).toString();
  client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'javascript', version: 1, text: `const key = "${key}";\n` } });
  const first = await client.nextDiagnostics(uri, 0, 30_000);
  assert.deepEqual(first.params.diagnostics, [], 'the first publish used the settings sent at initialize');
  const rescanned = await client.waitFor((m) => m.method === 'textDocument/publishDiagnostics' && m.params.uri === uri && m.params.diagnostics.length > 0, 30_000);
  assert.ok(rescanned.params.diagnostics.some((d: { code: string }) => d.code === 'stripe-live-secret-key'));
});
