// Issue 14, first squiggle: the server answers initialize before it loads its rules (the client's side of
// the handshake overlaps the loading), logs where its start-up time went once the first opened document is
// published, and a document opened after start-up gets the same findings as one open from the start.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, test } from 'node:test';
import { parseTimeline } from '../../server/src/features/startupTimeline';
import { LspTestClient } from '../support/lspClient';
import { secret } from '../support/rules';

const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'sh-startup-'));
const rootUri = pathToFileURL(folder).toString();
const key = secret('sk_live_{alnum:24}', 'startup');
const clients: LspTestClient[] = [];

after(async () => {
  await Promise.all(clients.map((c) => c.shutdown()));
  fs.rmSync(folder, { recursive: true, force: true });
});

async function startupLine(client: LspTestClient, label: string): Promise<Map<string, number>> {
  const message = await client.waitFor((m) => m.method === 'window/logMessage' && String(m.params.message).includes(`${label} (ms since `), 30_000);
  const times = parseTimeline(message.params.message, label);
  assert.ok(times, `unreadable: ${message.params.message}`);
  return times;
}

async function findingsOf(client: LspTestClient, name: string, text: string): Promise<string[]> {
  const uri = pathToFileURL(path.join(folder, name)).toString();
  const since = client.received.length;
  client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'javascript', version: 1, text } });
  const message = await client.nextDiagnostics(uri, since, 30_000);
  return message.params.diagnostics.map((d: { code: string; range: unknown }) => `${d.code} ${JSON.stringify(d.range)}`);
}

test('initialize is answered before the rules load; the first publish logs the start-up timeline', async () => {
  const client = new LspTestClient();
  clients.push(client);
  await client.initialize(rootUri);
  const findings = await findingsOf(client, 'first.js', `const key = "${key}";\n`);
  assert.ok(findings.some((f) => f.startsWith('stripe-live-secret-key ')), findings.join('\n'));
  const times = await startupLine(client, 'Secret Hygiene: server start-up');
  const order = ['bundle loaded', 'initialize received', 'initialize answered', 'rules loaded', 'first didOpen', 'first didOpen published'];
  for (const name of order) assert.ok(times.has(name), `no "${name}" in the timeline`);
  for (let i = 1; i < order.length; i++) assert.ok(times.get(order[i - 1])! <= times.get(order[i])!, `${order[i - 1]} after ${order[i]}`);
  const found = await startupLine(client, 'Secret Hygiene: server first finding');
  assert.ok(found.has('published'));
  assert.ok(found.get('scan started')! <= found.get('published')!, 'the scan that found it starts before it is published');
});

test('a document opened once the server is idle (after its warm-up) gets the same findings', async () => {
  const idle = new LspTestClient();
  clients.push(idle);
  await idle.initialize(rootUri);
  await idle.waitFor((m) => m.method === 'window/logMessage' && /background scan:/.test(m.params.message), 60_000);
  const text = `import Stripe from "stripe";\nexport const stripe = new Stripe("${key}");\nconst password = "${secret('{alnum:20}', 'startup-password')}";\n`;
  const later = await findingsOf(idle, 'later.js', text);
  const fresh = new LspTestClient();
  clients.push(fresh);
  await fresh.initialize(rootUri);
  assert.deepEqual(later, await findingsOf(fresh, 'later.js', text));
  assert.ok(later.length >= 1);
});
