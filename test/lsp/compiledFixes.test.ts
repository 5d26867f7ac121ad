// "Move to .env" leaves code that compiles and runs: each fixed file is built and run by the language's
// real toolchain with the variables dotenv reads from the .env the fix wrote, and must print the key's
// length. Go const → var, C# const → static readonly / plain local, PHP property default → constructor,
// Rust &str → borrowed env::var, strict TypeScript → requireEnv, Java, Python, Ruby, shell.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, test } from 'node:test';
import { parse } from 'dotenv';
import { applyWorkspaceEdit } from '../support/applyEdit';
import { LspTestClient } from '../support/lspClient';
import { removeProject, writeProject } from '../support/projects';
import { secret } from '../support/rules';
import { missing, run } from '../support/toolchains';

const key = secret('ghp_{alnum:36}', 'compiled');
const other = secret('ghp_{alnum:36}', 'compiled-2');
const CAPABILITIES = {
  workspace: { configuration: true, workspaceEdit: { documentChanges: true, resourceOperations: ['create'] } },
  textDocument: { codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source'] } }, resolveSupport: { properties: ['edit'] }, disabledSupport: true } },
};
const TSC = path.resolve(__dirname, '..', '..', '..', 'node_modules', 'typescript', 'bin', 'tsc');
const root = writeProject({
  'go/go.mod': 'module example.com/app\n\ngo 1.19\n',
  'cs/App.csproj': '<Project Sdk="Microsoft.NET.Sdk" />\n',
  'php/composer.json': '{}\n',
  'rust/Cargo.toml': '[package]\nname = "app"\nversion = "0.1.0"\n',
  'ts/package.json': '{"name": "app", "private": true}\n',
  'ts/tsconfig.json': '{\n  // strict, as new projects are\n  "compilerOptions": { "strict": true, "target": "es2020", "lib": ["es2020"], "types": [], "module": "commonjs", "outDir": "out" }\n}\n',
  // process.env typed exactly as @types/node types it (a dictionary of string | undefined), without its cost.
  'ts/node.d.ts': 'declare const process: { env: { [name: string]: string | undefined } };\ndeclare const console: { log(...values: unknown[]): void };\n',
  'java/pom.xml': '<project />\n',
  'py/pyproject.toml': '[project]\nname = "app"\n',
  'rb/Gemfile': '',
  'sh/package.json': '{}\n',
}, 'sh-compiled-');
let client: LspTestClient;

before(async () => {
  client = new LspTestClient();
  await client.initialize(pathToFileURL(root).toString(), CAPABILITIES);
});

after(async () => {
  await client.shutdown();
  removeProject(root);
});

/** Opens `relative` with `text`, applies "Move to .env" to every finding in turn, returns the final text
 * and the variables of the project's .env. */
async function moveAll(relative: string, text: string, languageId: string): Promise<{ text: string; env: Record<string, string> }> {
  const file = path.join(root, relative);
  fs.writeFileSync(file, text);
  const uri = pathToFileURL(file).toString();
  let since = client.received.length;
  let version = 1;
  client.notify('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
  for (let round = 0; ; round++) {
    // This document version's own diagnostics (the background scan of the folder publishes unversioned ones).
    const { params } = await client.waitFor((m) => m.method === 'textDocument/publishDiagnostics' && m.params.uri === uri && m.params.version === version, 5000, since);
    if (params.diagnostics.length === 0) break;
    assert.ok(round < 5, 'every finding moves');
    const actions = await client.request('textDocument/codeAction', { textDocument: { uri }, range: params.diagnostics[0].range, context: { diagnostics: [params.diagnostics[0]] } });
    const move = actions.find((a: any) => a.title.startsWith('Move to .env'));
    assert.ok(move && !move.disabled, `Move to .env offered: ${move?.disabled?.reason ?? ''}`);
    const resolved = await client.request('codeAction/resolve', move);
    applyWorkspaceEdit(resolved.edit);
    since = client.received.length;
    client.notify('textDocument/didChange', { textDocument: { uri, version: ++version }, contentChanges: [{ text: fs.readFileSync(file, 'utf8') }] });
  }
  client.notify('textDocument/didClose', { textDocument: { uri } });
  const after = fs.readFileSync(file, 'utf8');
  assert.ok(!after.includes(key) && !after.includes(other), 'the keys left the source');
  return { text: after, env: parse(fs.readFileSync(path.join(path.dirname(file), '.env'), 'utf8')) };
}

const dir = (name: string) => path.join(root, name);

test('Go: a const initialised from os.Getenv becomes a var and the program builds and runs', { skip: missing(['go', 'version']) }, async () => {
  const { text, env } = await moveAll('go/main.go', `package main\n\nimport "fmt"\n\nconst githubToken = "${key}"\n\nfunc main() {\n\tfmt.Println(len(githubToken))\n}\n`, 'go');
  assert.match(text, /^var githubToken = os\.Getenv\("GITHUB_TOKEN"\)$/m);
  const home = dir('go');
  assert.equal(run('go', ['run', 'main.go'], { cwd: home, env: { ...env, GOCACHE: path.join(home, '.cache'), GOFLAGS: '-mod=mod', GO111MODULE: 'on' } }).trim(), String(key.length));
});

test('C#: a const field becomes static readonly, a local const a plain local; mcs compiles, mono runs', { skip: missing(['mcs', '--version'], ['mono', '--version']) }, async () => {
  const source = `using System;\n\nclass Program\n{\n    const string ApiToken = "${key}";\n\n    static void Main()\n    {\n        const string deployToken = "${other}";\n        Console.WriteLine(ApiToken.Length + deployToken.Length);\n    }\n}\n`;
  const { text, env } = await moveAll('cs/Program.cs', source, 'csharp');
  assert.match(text, /static readonly string ApiToken = Environment\.GetEnvironmentVariable\("API_TOKEN"\);/);
  assert.match(text, /^\s+string deployToken = Environment\.GetEnvironmentVariable\("DEPLOY_TOKEN"\);/m);
  run('mcs', ['-out:app.exe', 'Program.cs'], { cwd: dir('cs') });
  assert.equal(run('mono', ['app.exe'], { cwd: dir('cs'), env }).trim(), String(key.length + other.length));
});

test('PHP: a property default moves into a new constructor; php runs it', { skip: missing(['php', '--version']) }, async () => {
  const source = `<?php\n\nclass Client\n{\n    private $apiToken = '${key}';\n\n    public function length(): int\n    {\n        return strlen($this->apiToken);\n    }\n}\n\necho (new Client())->length(), "\\n";\n`;
  const { text, env } = await moveAll('php/Client.php', source, 'php');
  assert.match(text, /private \$apiToken;\n/);
  assert.match(text, /public function __construct\(\)\n    \{\n        \$this->apiToken = getenv\('API_TOKEN'\);\n    \}/);
  assert.equal(run('php', ['Client.php'], { cwd: dir('php'), env }).trim(), String(key.length));
});

test('Rust: a &str literal becomes a borrowed std::env::var; rustc compiles it', { skip: missing('rustc') }, async () => {
  const source = `fn send(token: &str) -> usize {\n    token.len()\n}\n\nfn main() {\n    let token: &str = "${key}";\n    let header = "${key}".to_string();\n    println!("{}", send(token) + header.len());\n}\n`;
  const { text, env } = await moveAll('rust/main.rs', source, 'rust');
  assert.match(text, /let token: &str = &std::env::var\("GITHUB_TOKEN"\)\.expect\("GITHUB_TOKEN is not set"\);/);
  run('rustc', ['--edition', '2021', '-o', 'app', 'main.rs'], { cwd: dir('rust') });
  assert.equal(run(path.join(dir('rust'), 'app'), [], { cwd: dir('rust'), env }).trim(), String(2 * key.length));
});

test('TypeScript strict: the read is checked (requireEnv) so tsc --strict accepts it; node runs the output', { skip: missing('node') }, async () => {
  const { text, env } = await moveAll('ts/index.ts', `const apiToken: string = "${key}";\nconsole.log(apiToken.length);\n`, 'typescript');
  assert.match(text, /^const apiToken: string = requireEnv\("API_TOKEN"\);$/m);
  assert.match(text, /function requireEnv\(name: string\): string \{/);
  run(process.execPath, [TSC, '-p', '.'], { cwd: dir('ts') });
  assert.equal(run(process.execPath, ['out/index.js'], { cwd: dir('ts'), env }).trim(), String(key.length));
  assert.throws(() => run(process.execPath, ['out/index.js'], { cwd: dir('ts'), env: { API_TOKEN: undefined as unknown as string } }), /API_TOKEN is not set/);
});

test('Java: a static final constant reads System.getenv; javac compiles, java runs', { skip: missing(['javac', '-version'], ['java', '-version']) }, async () => {
  const source = `public class Main {\n    static final String API_TOKEN = "${key}";\n\n    public static void main(String[] args) {\n        System.out.println(API_TOKEN.length());\n    }\n}\n`;
  const { text, env } = await moveAll('java/Main.java', source, 'java');
  assert.match(text, /static final String API_TOKEN = System\.getenv\("API_TOKEN"\);/);
  run('javac', ['Main.java'], { cwd: dir('java') });
  assert.equal(run('java', ['Main'], { cwd: dir('java'), env }).trim(), String(key.length));
});

test('Python, Ruby and shell: the fixed scripts run (shellcheck passes)', { skip: missing('python3', 'ruby', 'bash', 'shellcheck') }, async () => {
  const py = await moveAll('py/app.py', `TOKEN = "${key}"\nprint(len(TOKEN))\n`, 'python');
  assert.equal(run('python3', ['app.py'], { cwd: dir('py'), env: py.env }).trim(), String(key.length));
  const rb = await moveAll('rb/app.rb', `TOKEN = "${key}"\nputs TOKEN.length\n`, 'ruby');
  assert.equal(run('ruby', ['app.rb'], { cwd: dir('rb'), env: rb.env }).trim(), String(key.length));
  const sh = await moveAll('sh/run.sh', `#!/usr/bin/env bash\nGH_TOKEN="${key}"\necho "\${#GH_TOKEN}"\n`, 'shellscript');
  run('shellcheck', ['run.sh'], { cwd: dir('sh') });
  assert.equal(run('bash', ['run.sh'], { cwd: dir('sh'), env: sh.env }).trim(), String(key.length));
});
