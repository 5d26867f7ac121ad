// More fixes over LSP: the vault reference (from settings), "Ignore this finding", the source action
// "Move all secrets in this file to .env", and a committed key flagged as exposed in diagnostics and titles.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, test } from 'node:test';
import { parse } from 'dotenv';
import { applyWorkspaceEdit } from '../support/applyEdit';
import { LspTestClient } from '../support/lspClient';
import { secret } from '../support/rules';

const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'sh-fix2-'));
const keyA = secret('sk-proj-{alnum:74}T3BlbkFJ{alnum:74}', 'fix2-a');
const keyB = secret('ghp_{alnum:36}', 'fix2-b');
const CAPABILITIES = {
  workspace: { configuration: true, workspaceEdit: { documentChanges: true, resourceOperations: ['create'] } },
  textDocument: { codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source'] } }, resolveSupport: { properties: ['edit'] }, disabledSupport: true } },
};
let client: LspTestClient;

before(async () => {
  const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', '-c', 'commit.gpgsign=false', ...args], { cwd: folder, stdio: 'pipe' });
  git('init', '-q');
  fs.writeFileSync(path.join(folder, 'old.ts'), `export const leaked = "${keyB}";\n`);
  git('add', '.');
  git('commit', '-qm', 'oops');
  client = new LspTestClient(['--stdio'], { vault: { provider: '1password', name: 'Dev' } });
  await client.initialize(pathToFileURL(folder).toString(), CAPABILITIES);
});

after(async () => {
  await client.shutdown();
  fs.rmSync(folder, { recursive: true, force: true });
});

async function open(relative: string, text: string, languageId = 'typescript') {
  const file = path.join(folder, relative);
  fs.writeFileSync(file, text);
  const uri = pathToFileURL(file).toString();
  const since = client.received.length;
  client.notify('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
  const message = await client.nextDiagnostics(uri, since);
  return { file, uri, diagnostics: message.params.diagnostics };
}

const actions = (uri: string, diagnostics: any[], only?: string[]) =>
  client.request('textDocument/codeAction', { textDocument: { uri }, range: diagnostics[0]?.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics, ...(only ? { only } : {}) } });

test('vault reference: .env holds op://, the code reads the variable, the note shows the masked value', async () => {
  const { file, uri, diagnostics } = await open('vault.ts', `const openai = new OpenAI({ apiKey: "${keyA}" });\n`);
  const vault = (await actions(uri, diagnostics)).find((a: any) => a.title.startsWith('Replace with a 1Password reference'));
  assert.equal(vault.title, 'Replace with a 1Password reference as OPENAI_API_KEY');
  const resolved = await client.request('codeAction/resolve', vault);
  applyWorkspaceEdit(resolved.edit);
  assert.equal(fs.readFileSync(file, 'utf8'), 'const openai = new OpenAI({ apiKey: process.env.OPENAI_API_KEY });\n');
  assert.equal(parse(fs.readFileSync(path.join(folder, '.env'), 'utf8')).OPENAI_API_KEY, 'op://Dev/openai-api-key/credential');
  const notes: string[] = resolved.command.arguments[0];
  assert.ok(notes.some((n) => n.includes('op item create') && n.includes('$(cat .secret-hygiene/pending/OPENAI_API_KEY)')));
  assert.equal(fs.readFileSync(path.join(folder, '.secret-hygiene', 'pending', 'OPENAI_API_KEY'), 'utf8'), keyA, 'the value waits in the pending file, not only in the undo stack');
  assert.equal(execFileSync('git', ['check-ignore', '.secret-hygiene/pending/OPENAI_API_KEY'], { cwd: folder }).toString().trim(), '.secret-hygiene/pending/OPENAI_API_KEY');
  assert.ok(!JSON.stringify(notes).includes(keyA) && !fs.readFileSync(path.join(folder, '.env'), 'utf8').includes(keyA), 'never in the notes or .env');
  // Resolving the "Show fix notes" command shows them to the user.
  const since = client.received.length;
  await client.request('workspace/executeCommand', resolved.command);
  await client.waitFor((m) => m.method?.startsWith('window/showMessage') && m.params.message.includes('op item create'), 5000, since);
});

test('"Ignore this finding" adds the comment and the diagnostic goes away', async () => {
  const text = `export const x = {\n  token: "${keyB}",\n};\n`;
  const { file, uri, diagnostics } = await open('ignore.ts', text);
  const ignore = (await actions(uri, diagnostics)).find((a: any) => a.title.startsWith('Ignore this finding'));
  const resolved = await client.request('codeAction/resolve', ignore);
  applyWorkspaceEdit(resolved.edit);
  const after = fs.readFileSync(file, 'utf8');
  assert.equal(after, `export const x = {\n  // secret-hygiene-ignore-next-line github-personal-access-token\n  token: "${keyB}",\n};\n`);
  const since = client.received.length;
  client.notify('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: after }] });
  const message = await client.nextDiagnostics(uri, since);
  assert.deepEqual(message.params.diagnostics, []);
});

test('source action: every secret of the file moves to .env with its own name', async () => {
  const text = `const openaiKey = "${keyA}";\nconst githubToken = '${keyB}';\n`;
  const { file, uri, diagnostics } = await open('many.ts', text);
  assert.equal(diagnostics.filter((d: any) => !d.code.startsWith('hygiene-')).length, 2);
  const listed = await actions(uri, [], ['source']);
  const all = listed.find((a: any) => a.title === 'Move all secrets in this file to .env');
  assert.equal(all.kind, 'source.secretHygiene.moveAllToEnv');
  assert.ok(listed.every((a: any) => a.kind !== 'quickfix'), 'only source actions when only=source');
  const resolved = await client.request('codeAction/resolve', all);
  applyWorkspaceEdit(resolved.edit);
  assert.equal(fs.readFileSync(file, 'utf8'), 'const openaiKey = process.env.OPENAI_KEY;\nconst githubToken = process.env.GITHUB_TOKEN;\n');
  const env = parse(fs.readFileSync(path.join(folder, '.env'), 'utf8'));
  assert.equal(env.OPENAI_KEY, keyA);
  assert.equal(env.GITHUB_TOKEN, keyB);
});

test('a key already in git history: the diagnostic and the fix title say to rotate it', async () => {
  const text = `export const leaked = "${keyB}";\n`;
  const uri = pathToFileURL(path.join(folder, 'old.ts')).toString();
  const since = client.received.length;
  client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'typescript', version: 1, text } });
  const exposed = await client.waitFor((m) => m.method === 'textDocument/publishDiagnostics' && m.params.uri === uri && m.params.diagnostics[0]?.message.includes('git history'), 10000, since);
  const [diagnostic] = exposed.params.diagnostics;
  // Since when and how urgent (issue 16, exposure age): this commit was never pushed.
  assert.match(diagnostic.message, /in git history since \d{4}-\d\d-\d\d \(commit [0-9a-f]{12}\)(, not pushed yet: rotate it before pushing|, so it is exposed: rotate it)/);
  assert.equal(diagnostic.data.inGitHistory, true);
  const move = (await actions(uri, [diagnostic])).find((a: any) => a.title.startsWith('Move to .env'));
  assert.match(move.title, /^Move to \.env as [A-Z_0-9]+ \(already committed: rotate the key too\)$/);
  assert.ok(!client.rawOutput.some((raw) => raw.includes('publishDiagnostics') && raw.includes(keyB)), 'diagnostics never carry the value');
});

test('"Add to baseline" writes a salted hash (never the value) and the finding goes away', async () => {
  const text = `export const accepted = "${keyA}";\n`;
  const { uri, diagnostics } = await open('accepted.ts', text);
  const add = (await actions(uri, diagnostics)).find((a: any) => a.title.startsWith('Add to baseline'));
  const resolved = await client.request('codeAction/resolve', add);
  applyWorkspaceEdit(resolved.edit);
  const baseline = fs.readFileSync(path.join(folder, '.secret-hygiene', 'baseline.json'), 'utf8');
  assert.ok(!baseline.includes(keyA));
  assert.deepEqual(JSON.parse(baseline).entries.map((e: any) => [e.file, e.ruleId]), [['accepted.ts', diagnostics[0].code]]);
  const since = client.received.length;
  await client.request('workspace/executeCommand', resolved.command);
  const message = await client.waitFor((m) => m.method === 'textDocument/publishDiagnostics' && m.params.uri === uri && m.params.diagnostics.length === 0, 5000, since);
  assert.deepEqual(message.params.diagnostics, []);
});
