// Issue 12 (cold start): dist/server.js starts the server bundle with V8's code cache; a server started
// with the cache its predecessor left publishes the same diagnostics.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { test } from 'node:test';
import { LspTestClient } from '../support/lspClient';
import { secret } from '../support/rules';

async function firstDiagnostics(cacheDir: string): Promise<string[]> {
  const client = new LspTestClient(['--stdio'], {}, { SECRET_HYGIENE_CACHE_DIR: cacheDir });
  try {
    await client.initialize(null);
    const uri = pathToFileURL(path.join(os.tmpdir(), 'sh-startup-cache', 'key.ts')).toString();
    client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'typescript', version: 1, text: `const key = "${secret('sk-proj-{alnum:30}T3BlbkFJ{alnum:30}', 'cache')}";\n` } });
    const published = await client.nextDiagnostics(uri, 0, 30000);
    return published.params.diagnostics.map((d: { code: string; range: unknown }) => `${d.code} ${JSON.stringify(d.range)}`);
  } finally {
    await client.shutdown();
  }
}

test('the first server leaves a code cache, the next one starts from it and finds the same', async () => {
  const cacheDir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'sh-startup-cache-')), 'cache');
  const first = await firstDiagnostics(cacheDir);
  assert.equal(first.length, 1);
  const files = fs.readdirSync(cacheDir).filter((name) => name.endsWith('.v8cache'));
  assert.equal(files.length, 1);
  const written = fs.statSync(path.join(cacheDir, files[0])).mtimeMs;
  assert.deepEqual(await firstDiagnostics(cacheDir), first);
  // A cache V8 accepted is not written again (a rejected one would be replaced when the server exits).
  assert.equal(fs.statSync(path.join(cacheDir, files[0])).mtimeMs, written);
});
