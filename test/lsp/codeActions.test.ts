// Quick fixes over LSP against dist/server.js: list → resolve → apply the WorkspaceEdit to a temporary
// folder, then check the files on disk (dotenv reads back the exact value) and that nothing leaked.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, test } from 'node:test';
import { parse } from 'dotenv';
import { applyWorkspaceEdit } from '../support/applyEdit';
import { LspTestClient } from '../support/lspClient';
import { secret } from '../support/rules';

const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'sh-fix-'));
const key = secret('sk-proj-{alnum:74}T3BlbkFJ{alnum:74}', 'lsp-fix');
const CAPABILITIES = {
  workspace: { configuration: true, workspaceEdit: { documentChanges: true, resourceOperations: ['create', 'rename', 'delete'] } },
  textDocument: {
    codeAction: {
      codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source'] } },
      resolveSupport: { properties: ['edit'] },
      disabledSupport: true,
      dataSupport: true,
    },
  },
};
let client: LspTestClient;

before(async () => {
  client = new LspTestClient();
  await client.initialize(pathToFileURL(folder).toString(), CAPABILITIES);
});

after(async () => {
  await client.shutdown();
  fs.rmSync(folder, { recursive: true, force: true });
});

/** Writes `text` to `relative`, opens it and returns its uri and published diagnostics. */
async function openFile(relative: string, text: string, languageId = 'typescript') {
  const file = path.join(folder, relative);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  const uri = pathToFileURL(file).toString();
  const since = client.received.length;
  client.notify('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
  const message = await client.nextDiagnostics(uri, since);
  return { file, uri, diagnostics: message.params.diagnostics };
}

async function actionsFor(uri: string, diagnostics: any[]): Promise<any[]> {
  return client.request('textDocument/codeAction', { textDocument: { uri }, range: diagnostics[0].range, context: { diagnostics } });
}

test('"Move to .env" on a TypeScript key: source reads process.env, .env holds the value, .gitignore ignores .env', async () => {
  fs.writeFileSync(path.join(folder, 'package.json'), '{}\n');
  const text = `import OpenAI from "openai";\r\nexport const client = new OpenAI({ apiKey: "${key}" });\r\n`;
  const { file, uri, diagnostics } = await openFile('src/client.ts', text);
  assert.equal(diagnostics.length, 1);
  const actions = await actionsFor(uri, diagnostics);
  const move = actions.find((a) => a.title.startsWith('Move to .env'));
  assert.ok(move, JSON.stringify(actions.map((a) => a.title)));
  assert.equal(move.title, 'Move to .env as OPENAI_API_KEY');
  assert.equal(move.kind, 'quickfix');
  assert.equal(move.isPreferred, true);
  assert.equal(move.edit, undefined, 'the edit comes at resolve time');
  const resolved = await client.request('codeAction/resolve', move);
  applyWorkspaceEdit(resolved.edit);
  assert.equal(fs.readFileSync(file, 'utf8'), 'import OpenAI from "openai";\r\nexport const client = new OpenAI({ apiKey: process.env.OPENAI_API_KEY });\r\n');
  assert.equal(parse(fs.readFileSync(path.join(folder, '.env'), 'utf8')).OPENAI_API_KEY, key);
  assert.equal(fs.readFileSync(path.join(folder, '.gitignore'), 'utf8'), '.env\n');
  const leaked = client.rawOutput.filter((raw) => raw.includes(key) && !raw.includes('"textDocument/didOpen"') && raw.includes('"result"') && !raw.includes('"edit"'));
  assert.deepEqual(leaked, [], 'only the resolved edit carries the value');
  assert.ok(!JSON.stringify(actions).includes(key), 'listed actions never carry the value');
});

test('nested package with an existing .env (comments, no final newline) and a .gitignore negation', async () => {
  const pkg = path.join(folder, 'packages', 'api');
  fs.mkdirSync(pkg, { recursive: true });
  fs.writeFileSync(path.join(pkg, 'package.json'), '{}\n');
  fs.writeFileSync(path.join(pkg, '.env'), '# api settings\nPORT=8080');
  fs.writeFileSync(path.join(folder, '.gitignore'), '.env\n');
  fs.writeFileSync(path.join(folder, 'packages', '.gitignore'), '!.env\n');
  const text = `const billingKey = '${key}';\n`;
  const { uri, diagnostics } = await openFile('packages/api/src/billing.js', text, 'javascript');
  const move = (await actionsFor(uri, diagnostics)).find((a) => a.title.startsWith('Move to .env'));
  assert.equal(move.title, 'Move to .env as BILLING_KEY');
  const resolved = await client.request('codeAction/resolve', move);
  applyWorkspaceEdit(resolved.edit);
  const env = fs.readFileSync(path.join(pkg, '.env'), 'utf8');
  assert.equal(env, `# api settings\nPORT=8080\nBILLING_KEY=${key}\n`);
  assert.deepEqual(parse(env), { PORT: '8080', BILLING_KEY: key });
  assert.equal(fs.readFileSync(path.join(folder, 'packages', '.gitignore'), 'utf8'), '!.env\n', 'the negating layer is left alone');
  assert.equal(fs.readFileSync(path.join(pkg, '.gitignore'), 'utf8'), '.env\n', 'a deeper .gitignore overrides the negation');
  assert.deepEqual(resolved.command.arguments[0].filter((m: string) => m.includes(key)), []);
});

test('a fix that cannot be done is listed disabled with the reason and has no edit', async () => {
  const text = `// ${key}\n`;
  const { uri, diagnostics } = await openFile('notes.ts', text);
  const move = (await actionsFor(uri, diagnostics)).find((a) => a.title.startsWith('Move to .env'));
  assert.match(move.disabled.reason, /not inside a string literal/);
  assert.equal(move.edit, undefined);
});
