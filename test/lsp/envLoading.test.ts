// Values somebody loads (issue 13 items 4, 5, 7) over LSP, applied to disk and run with the real Node:
// plain Node without dotenv runs with the `node --env-file` the note names; with dotenv a dependency the file
// loads it itself; .env.example is created with the name only; a Dockerfile ENV secret becomes a BuildKit
// secret mount; a client without CreateFile support gets new files as plain edits and a note to save them.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { after, test } from 'node:test';
import { parse } from 'dotenv';
import { applyWorkspaceEdit } from '../support/applyEdit';
import { LspTestClient } from '../support/lspClient';
import { packageJson, removeProject, writeProject } from '../support/projects';
import { secret } from '../support/rules';
import { run } from '../support/toolchains';

const key = secret('ghp_{alnum:36}', 'env-loading');
const CREATE = { workspace: { configuration: true, workspaceEdit: { documentChanges: true, resourceOperations: ['create'] } } };
const NO_CREATE = { workspace: { configuration: true, workspaceEdit: {} } };
const ACTIONS = { textDocument: { codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source'] } }, resolveSupport: { properties: ['edit'] }, disabledSupport: true } } };
/** The program prints a digest of what it read, so the key itself never reaches a test log. */
const PRINT = 'console.log(require("node:crypto").createHash("sha256").update(String(process.env.DEPLOY_TOKEN)).digest("hex"));';
const digest = createHash('sha256').update(key).digest('hex');
const roots: string[] = [];
const clients: LspTestClient[] = [];
after(async () => {
  for (const client of clients) await client.shutdown();
  for (const root of roots) removeProject(root);
});

async function fix(files: Record<string, string>, relative: string, languageId: string, capabilities: object = CREATE) {
  const root = writeProject(files, 'sh-envload-');
  roots.push(root);
  const client = new LspTestClient();
  clients.push(client);
  await client.initialize(pathToFileURL(root).toString(), { ...capabilities, ...ACTIONS });
  const file = path.join(root, relative);
  const uri = pathToFileURL(file).toString();
  const since = client.received.length;
  client.notify('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text: files[relative] } });
  const message = await client.waitFor((m) => m.method === 'textDocument/publishDiagnostics' && m.params.uri === uri && m.params.diagnostics.length > 0, 5000, since);
  const diagnostic = message.params.diagnostics[0];
  const actions = (await client.request('textDocument/codeAction', { textDocument: { uri }, range: diagnostic.range, context: { diagnostics: [diagnostic] } })) as any[];
  const move = actions.find((a) => a.title.startsWith('Move to .env'));
  assert.ok(move && !move.disabled, JSON.stringify(actions.map((a) => [a.title, a.disabled?.reason])));
  const resolved = await client.request('codeAction/resolve', move);
  assert.ok(resolved.edit, 'the fix has an edit');
  return { root, file, resolved, notes: (resolved.command?.arguments?.[0] ?? []) as string[] };
}

test('plain Node without dotenv: the note names node --env-file, and that command runs the fixed file with the key', async () => {
  const source = `const deployToken = "${key}";\nconsole.log(require("node:crypto").createHash("sha256").update(String(deployToken)).digest("hex"));\n`;
  const { root, file, resolved, notes } = await fix({ 'package.json': packageJson({}), 'index.js': source }, 'index.js', 'javascript');
  applyWorkspaceEdit(resolved.edit);
  const note = notes.find((n) => n.includes('--env-file'));
  assert.ok(note, notes.join('\n'));
  const command = /`(node [^`]+)`/.exec(note!)![1].split(' ');
  assert.deepEqual(command, ['node', '--env-file=.env', 'index.js']);
  assert.equal(run(process.execPath, command.slice(1), { cwd: root }).trim(), digest);
  assert.equal(run(process.execPath, ['index.js'], { cwd: root }).trim() === digest, false, 'without it, Node does not read .env');
  assert.equal(fs.readFileSync(path.join(root, '.env.example'), 'utf8'), 'DEPLOY_TOKEN=\n', '.env.example created, name only');
  assert.ok(!fs.readFileSync(file, 'utf8').includes(key));
});

test('plain Node with dotenv a dependency: the fixed ES module imports dotenv/config and runs with the key', async () => {
  const source = `import { createHash } from "node:crypto";\nconst deployToken = "${key}";\nconsole.log(createHash("sha256").update(String(deployToken)).digest("hex"));\n`;
  const { root, resolved, notes } = await fix({ 'package.json': packageJson({ dotenv: '16.0.0' }), 'main.mjs': source }, 'main.mjs', 'javascript');
  applyWorkspaceEdit(resolved.edit);
  fs.mkdirSync(path.join(root, 'node_modules'));
  fs.symlinkSync(path.resolve(__dirname, '..', '..', '..', 'node_modules', 'dotenv'), path.join(root, 'node_modules', 'dotenv'));
  assert.ok(notes.some((n) => n.includes('import "dotenv/config"')), notes.join('\n'));
  assert.equal(run(process.execPath, ['main.mjs'], { cwd: root }).trim(), digest);
});

test('Dockerfile ENV secret: a BuildKit secret mount on the RUN that reads it, nothing left in the image', async () => {
  const dockerfile = `FROM node:20\nENV GITHUB_TOKEN=${key}\nRUN git clone https://x-access-token:\${GITHUB_TOKEN}@github.com/acme/app.git\nCMD ["node", "app"]\n`;
  const { root, resolved, notes } = await fix({ Dockerfile: dockerfile }, 'Dockerfile', 'dockerfile');
  applyWorkspaceEdit(resolved.edit);
  const fixed = fs.readFileSync(path.join(root, 'Dockerfile'), 'utf8');
  assert.equal(fixed, '# syntax=docker/dockerfile:1\nFROM node:20\nRUN --mount=type=secret,id=github-token,env=GITHUB_TOKEN git clone https://x-access-token:${GITHUB_TOKEN}@github.com/acme/app.git\nCMD ["node", "app"]\n');
  assert.ok(!/^\s*(ENV|ARG)\b/im.test(fixed));
  assert.equal(parse(fs.readFileSync(path.join(root, '.env'), 'utf8')).GITHUB_TOKEN, key);
  assert.ok(notes.some((n) => n.includes('docker build --secret id=github-token,env=GITHUB_TOKEN')), notes.join('\n'));
});

test('a client without CreateFile: new files come as plain edits, one edit for the whole fix, and a note to save them', async () => {
  const source = `const deployToken = "${key}";\n${PRINT}\n`;
  const { root, resolved, notes } = await fix({ 'package.json': packageJson({}), 'index.js': source }, 'index.js', 'javascript', NO_CREATE);
  assert.equal(resolved.edit.documentChanges, undefined);
  const uris = Object.keys(resolved.edit.changes).map((u) => path.basename(fileURLToPath(u))).sort();
  assert.deepEqual(uris, ['.env', '.env.example', '.gitignore', 'index.js']);
  // As Neovim does: an edit to a file that does not exist opens an empty buffer; saving writes it.
  for (const uri of Object.keys(resolved.edit.changes)) if (!fs.existsSync(fileURLToPath(uri))) fs.writeFileSync(fileURLToPath(uri), '');
  applyWorkspaceEdit(resolved.edit);
  assert.equal(parse(fs.readFileSync(path.join(root, '.env'), 'utf8')).DEPLOY_TOKEN, key);
  assert.ok(notes.some((n) => /unsaved buffers: save them/.test(n)), notes.join('\n'));
});
