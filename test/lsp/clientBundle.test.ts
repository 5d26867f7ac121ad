// Issue 4 over LSP: opening a .env of a Next.js project flags a secret under NEXT_PUBLIC_ on its value,
// as a client-bundle error with an explaining message; publishable keys stay quiet.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, test } from 'node:test';
import { LspTestClient } from '../support/lspClient';
import { packageJson, removeProject, writeProject } from '../support/projects';
import { secret } from '../support/rules';

const stripeSecret = secret('sk_live_{alnum:24}', 'lsp-client-bundle');
const root = writeProject({
  'package.json': packageJson({ next: '15.0.0', react: '19.0.0' }),
  'next.config.js': 'module.exports = { reactStrictMode: true };\n',
  'app/page.tsx': 'export default function Page() { return null; }\n',
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
  const diagnostics = message.params.diagnostics;
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
