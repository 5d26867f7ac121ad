// Issue 4 over LSP: opening a .env of a Next.js project flags a secret under NEXT_PUBLIC_ on its value,
// as a client-bundle error with an explaining message; publishable keys stay quiet.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { after, before, test } from 'node:test';
import { LspTestClient } from '../support/lspClient';
import { packageJson, removeProject, writeProject } from '../support/projects';
import { secret } from '../support/rules';

const stripeSecret = secret('sk_live_{alnum:24}', 'lsp-client-bundle');
const root = writeProject({
  'package.json': packageJson({ next: '15.0.0', react: '19.0.0' }),
  'next.config.js': 'module.exports = { reactStrictMode: true };\n',
  'app/page.tsx': 'export default function Page() { return null; }\n',
  'app/buy.tsx': "'use client';\nimport { price } from '../lib/price';\nexport default function Buy() { return price(); }\n",
});
let client: LspTestClient;

before(async () => {
  client = new LspTestClient();
  await client.initialize(pathToFileURL(root).toString());
});

after(async () => {
  await client.shutdown();
  removeProject(root);
});

test('a secret under NEXT_PUBLIC_ in .env is an error on that line, explaining the client bundle', async () => {
  const text = `# Stripe\nNEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY=${secret('pk_live_{alnum:24}', 'pk')}\nNEXT_PUBLIC_STRIPE_SECRET_KEY=${stripeSecret}\nSTRIPE_WEBHOOK_URL=https://example.org/hook\n`;
  const uri = pathToFileURL(path.join(root, '.env')).toString();
  const since = client.received.length;
  client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'dotenv', version: 1, text } });
  const message = await client.nextDiagnostics(uri, since);
  // The publishable key is public by design: an information-level note, not part of this check.
  const diagnostics = message.params.diagnostics.filter((d: any) => d.code !== 'stripe-publishable-key');
  assert.equal(diagnostics.length, 1, JSON.stringify(diagnostics.map((d: any) => d.code)));
  const [diagnostic] = diagnostics;
  const column = 'NEXT_PUBLIC_STRIPE_SECRET_KEY='.length;
  assert.deepEqual(diagnostic.range, { start: { line: 2, character: column }, end: { line: 2, character: column + stripeSecret.length } });
  assert.equal(diagnostic.code, 'public-env-secret');
  assert.equal(diagnostic.severity, 1);
  assert.equal(diagnostic.data.category, 'client-bundle');
  assert.match(diagnostic.message, /NEXT_PUBLIC_STRIPE_SECRET_KEY is public.*Next\.js inlines its value into the client bundle/);
  assert.ok(!client.rawOutput.join('\n').includes(stripeSecret.slice(8)), 'no raw value is sent');
});

test('a read of that variable in a component is flagged too, and follows edits to the open .env', async () => {
  const uri = pathToFileURL(path.join(root, 'app', 'checkout.tsx')).toString();
  const text = "'use client';\nexport const key = process.env.NEXT_PUBLIC_STRIPE_SECRET_KEY;\nexport const ok = process.env.NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY;\n";
  let since = client.received.length;
  client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'typescriptreact', version: 1, text } });
  let message = await client.nextDiagnostics(uri, since);
  const uses = message.params.diagnostics.filter((d: any) => d.code === 'public-env-secret-use');
  assert.deepEqual(uses.map((d: any) => d.range.start), [{ line: 1, character: 'export const key = process.env.'.length }]);
  assert.match(uses[0].message, /\.env:3/);

  // Replacing the secret in the open (unsaved) .env clears the use-site diagnostic.
  const envUri = pathToFileURL(path.join(root, '.env')).toString();
  since = client.received.length;
  client.notify('textDocument/didChange', {
    textDocument: { uri: envUri, version: 2 },
    contentChanges: [{ range: { start: { line: 2, character: 'NEXT_PUBLIC_STRIPE_SECRET_KEY='.length }, end: { line: 2, character: 'NEXT_PUBLIC_STRIPE_SECRET_KEY='.length + stripeSecret.length } }, text: 'your-key-here' }],
  });
  message = await client.waitFor((m) => m.method === 'textDocument/publishDiagnostics' && m.params.uri === uri && m.params.diagnostics.length === 0, 5000, since);
  assert.deepEqual(message.params.diagnostics, []);
});

test('in a module imported by a "use client" component, a hardcoded key is an error with the import chain', async () => {
  const key = secret('sk_test_{alnum:24}', 'lsp-client-module');
  const file = path.join(root, 'lib', 'price.ts');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, 'export const price = () => 1;\n');
  const uri = pathToFileURL(file).toString();
  const since = client.received.length;
  client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'typescript', version: 1, text: `export const key = "${key}";\nexport const price = () => 1;\n` } });
  // The graph is built off the keystroke path; the document is rescanned once it is ready.
  const message = await client.waitFor((m) => m.method === 'textDocument/publishDiagnostics' && m.params.uri === uri && m.params.diagnostics.some((d: any) => d.relatedInformation), 5000, since);
  const [diagnostic] = message.params.diagnostics;
  assert.equal(diagnostic.code, 'stripe-test-key');
  assert.equal(diagnostic.severity, 1, 'an error in client code (the rule alone says warning)');
  assert.deepEqual(diagnostic.relatedInformation.map((r: any) => [path.basename(fileURLToPath(r.location.uri)), r.message]), [
    ['buy.tsx', 'browser entry point: "use client" directive'],
    ['price.ts', 'imported by app/buy.tsx'],
  ]);
});
