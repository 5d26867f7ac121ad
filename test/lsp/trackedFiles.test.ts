// A secret never lands in a file git tracks: with a committed .env, "Move to .env" refuses and says how to
// untrack it (or writes the framework's .env.local instead), and "Add to .gitignore" on a committed file
// says ignoring is not enough. Real git repository, real server, the edit applied to disk.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, test } from 'node:test';
import { parse } from 'dotenv';
import { applyWorkspaceEdit } from '../support/applyEdit';
import { LspTestClient } from '../support/lspClient';
import { packageJson, removeProject, writeProject } from '../support/projects';
import { secret } from '../support/rules';

const key = secret('sk-proj-{alnum:74}T3BlbkFJ{alnum:74}', 'tracked');
const committed = secret('ghp_{alnum:36}', 'tracked-env');
const CAPABILITIES = {
  workspace: { configuration: true, workspaceEdit: { documentChanges: true, resourceOperations: ['create'] } },
  textDocument: { codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source'] } }, resolveSupport: { properties: ['edit'] }, disabledSupport: true } },
};
const root = writeProject({
  'plain/package.json': packageJson({}),
  'plain/.env': 'PORT=3000\n',
  'web/package.json': packageJson({ next: '15.0.0' }),
  'web/.env': 'PORT=3000\n',
  'keys/package.json': packageJson({}),
  'keys/.env': `GITHUB_TOKEN=${committed}\n`,
}, 'sh-tracked-');
let client: LspTestClient;

before(async () => {
  const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', '-c', 'commit.gpgsign=false', ...args], { cwd: root, stdio: 'pipe' });
  git('init', '-q');
  git('add', '-f', '.');
  git('commit', '-qm', 'committed .env files');
  client = new LspTestClient();
  await client.initialize(pathToFileURL(root).toString(), CAPABILITIES);
});

after(async () => {
  await client.shutdown();
  removeProject(root);
});

async function open(relative: string, text: string, languageId = 'typescript') {
  const file = path.join(root, relative);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  const uri = pathToFileURL(file).toString();
  const since = client.received.length;
  client.notify('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
  const message = await client.nextDiagnostics(uri, since);
  const actions = await client.request('textDocument/codeAction', { textDocument: { uri }, range: message.params.diagnostics[0].range, context: { diagnostics: message.params.diagnostics } });
  return { file, uri, actions: actions as any[] };
}

test('a tracked .env: Move to .env is disabled, says how to untrack it, and resolving it writes nothing', async () => {
  const { actions } = await open('plain/index.ts', `export const openaiKey = "${key}";\n`);
  const move = actions.find((a) => a.title.startsWith('Move to .env'));
  assert.ok(move.disabled, 'the fix is listed disabled');
  assert.match(move.disabled.reason, /git tracks \.env.*git rm --cached \.env/);
  const since = client.received.length;
  const resolved = await client.request('codeAction/resolve', move);
  assert.equal(resolved.edit, undefined);
  await client.waitFor((m) => m.method?.startsWith('window/showMessage') === true && /git rm --cached/.test(m.params.message), 5000, since);
  assert.equal(fs.readFileSync(path.join(root, 'plain/.env'), 'utf8'), 'PORT=3000\n', 'the tracked .env is untouched');
  assert.ok(!execFileSync('git', ['ls-files'], { cwd: root }).toString().includes('.env.local'));
});

test('a tracked .env in a Next.js project: the key goes to the git-ignored .env.local instead', async () => {
  const { file, actions } = await open('web/lib/ai.ts', `export const openaiKey = "${key}";\n`);
  const move = actions.find((a) => a.title.startsWith('Move to .env'));
  assert.equal(move.disabled, undefined);
  const resolved = await client.request('codeAction/resolve', move);
  applyWorkspaceEdit(resolved.edit);
  assert.equal(fs.readFileSync(file, 'utf8'), 'export const openaiKey = process.env.OPENAI_KEY;\n');
  assert.equal(fs.readFileSync(path.join(root, 'web/.env'), 'utf8'), 'PORT=3000\n', 'the tracked .env is untouched');
  assert.equal(parse(fs.readFileSync(path.join(root, 'web/.env.local'), 'utf8')).OPENAI_KEY, key);
  const ignored = execFileSync('git', ['check-ignore', '-q', 'web/.env.local'], { cwd: root, stdio: 'pipe' });
  assert.equal(ignored.length, 0, 'git ignores .env.local (check-ignore exits 0)');
  assert.match(resolved.command.arguments[0].join(' '), /git rm --cached \.env.*\.env\.local/);
});

test('"Add to .gitignore" on a committed .env says ignoring is not enough', async () => {
  const { actions } = await open('keys/.env', `GITHUB_TOKEN=${committed}\n`, 'dotenv');
  const ignore = actions.find((a) => a.title.startsWith('Add .env to .gitignore'));
  assert.match(ignore.title, /git tracks it: also run git rm --cached \.env/);
  const resolved = await client.request('codeAction/resolve', ignore);
  assert.match(resolved.command.arguments[0].join(' '), /git already tracks \.env: ignoring it does not remove it/);
  assert.ok(!JSON.stringify(resolved).includes(committed));
});

test('a key typed into a tracked .env is not "kept where secrets belong": it keeps its severity and says git tracks the file', async () => {
  const typed = secret('ghp_{alnum:36}', 'tracked-typed');
  const file = path.join(root, 'plain/.env');
  const uri = pathToFileURL(file).toString();
  const text = `PORT=3000\nGITHUB_TOKEN=${typed}\n`;
  const since = client.received.length;
  client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'dotenv', version: 1, text } });
  const { params } = await client.nextDiagnostics(uri, since);
  const [diagnostic] = params.diagnostics;
  assert.ok(diagnostic.severity <= 2, `an error or a warning, not information (${diagnostic.severity})`);
  assert.doesNotMatch(diagnostic.message, /where secrets belong/);
  assert.match(diagnostic.message, /git tracks \.env.*git rm --cached \.env/);
  assert.ok(!diagnostic.message.includes(typed));
  client.notify('textDocument/didClose', { textDocument: { uri } });
  // The same key in a .env git does not track (ignored .env.local) is where it belongs.
  const local = path.join(root, 'web/.env.local');
  const localUri = pathToFileURL(local).toString();
  const localSince = client.received.length;
  client.notify('textDocument/didOpen', { textDocument: { uri: localUri, languageId: 'dotenv', version: 1, text: `GITHUB_TOKEN=${typed}\n` } });
  const stored = (await client.nextDiagnostics(localUri, localSince)).params.diagnostics[0];
  assert.equal(stored.severity, 3);
  assert.match(stored.message, /where secrets belong/);
});
