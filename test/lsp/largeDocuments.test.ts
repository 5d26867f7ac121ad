// Issue 11 item 13: a 9 MB .env cost the server 4.5 s per keystroke (every change parsed and hashed the whole
// file for the public-variable and shared-key checks). Over 1 MB a .env skips those checks and says so on the
// document; a document over secretHygiene.maxFileSize says it was not scanned. Never silently.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, test } from 'node:test';
import { LspTestClient } from '../support/lspClient';
import { secret } from '../support/rules';

const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'sh-large-docs-'));
let client: LspTestClient;

before(async () => {
  client = new LspTestClient(['--stdio'], { maxFileSize: 4 * 1024 * 1024 });
  await client.initialize(pathToFileURL(folder).toString());
});

after(async () => {
  await client.shutdown();
  fs.rmSync(folder, { recursive: true, force: true });
});

async function open(relative: string, text: string): Promise<any[]> {
  const uri = pathToFileURL(path.join(folder, relative)).toString();
  const since = client.received.length;
  client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'dotenv', version: 1, text } });
  return (await client.nextDiagnostics(uri, since, 60_000)).params.diagnostics;
}

const filler = (bytes: number) => Array.from({ length: Math.ceil(bytes / 28) }, (_, i) => `SETTING_${i}=value${i}abcdefgh`).join('\n');

test('issue 11 item 13: a 2 MB .env skips the whole-file checks with a note; its key is still found by the rules', async () => {
  const shared = secret('{alnum:32}', 'large-env-shared');
  fs.writeFileSync(path.join(folder, '.env.production'), `PAYMENTS_API_SECRET=${shared}\n`);
  const key = secret('sk_live_{alnum:24}', 'large-env');
  const small = await open('.env.staging', `PAYMENTS_API_SECRET=${shared}\n`);
  assert.ok(small.some((d) => d.code === 'hygiene-shared-env-key'), 'a small .env gets the shared-key check');
  assert.ok(!small.some((d) => d.code === 'note'));

  const diagnostics = await open('.env', `PAYMENTS_API_SECRET=${shared}\nSTRIPE_SECRET_KEY=${key}\n${filler(2 * 1024 * 1024)}\n`);
  const note = diagnostics.find((d) => d.code === 'note');
  assert.ok(note, 'the user is told');
  assert.match(note.message, /this \.env is \d+\.\d MB: .*skip \.env files over 1\.0 MB/);
  assert.deepEqual(note.range, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } });
  assert.ok(!diagnostics.some((d) => d.code === 'hygiene-shared-env-key'), 'the whole-file check did not run');
  assert.ok(diagnostics.some((d) => d.range.start.line === 1 && d.code !== 'note'), 'the rules still run');
});

test('a document over secretHygiene.maxFileSize says it was not scanned', async () => {
  const diagnostics = await open('big/.env', filler(5 * 1024 * 1024));
  assert.equal(diagnostics.length, 1);
  assert.equal(diagnostics[0].code, 'note');
  assert.match(diagnostics[0].message, /^Secret Hygiene: not scanned: \d+\.\d MB is over secretHygiene\.maxFileSize \(4\.0 MB\)\.$/);
});
