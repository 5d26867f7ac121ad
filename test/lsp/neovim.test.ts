// Neovim as a second real client: headless `nvim` runs dist/server.js --stdio through its built-in LSP
// client (test/support/neovimClient.lua); we read its diagnostics back and apply a quick fix. In CI nvim must be there
// (.ci/run installs it); a developer without nvim gets an explicit skip, never a silent pass.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { parse } from 'dotenv';
import { createFixture, leaks, moveToEnvProblems, moveToEnvTitle, sourceKey } from '../e2e/cases';
import { SERVER_PATH } from '../support/lspClient';
import { secret } from '../support/rules';

const LUA = path.resolve(__dirname, '..', '..', '..', 'test', 'support', 'neovimClient.lua');
const nvimVersion = spawnSync('nvim', ['--version'], { encoding: 'utf8' });
const nvimMissing = nvimVersion.error || nvimVersion.status !== 0;
const skip = nvimMissing && !process.env.CI ? 'nvim is not installed (apt-get install -y neovim); CI installs it and runs this test' : false;

interface NeovimReport {
  diagnostics: Array<{ lnum: number; col: number; end_lnum: number; end_col: number; severity: number; message: string; source: string; code: string }>;
  actions: string[];
  messages: string[];
  /** The messages that came as window/showMessageRequest (a blocking prompt in Neovim). */
  requests: string[];
  applied?: string;
  error?: string;
}

/** Opens `file` in headless Neovim attached to our server; resolves with what Neovim saw. */
function runNeovim(root: string, file: string, action = ''): NeovimReport {
  assert.ok(!nvimMissing, 'nvim is not installed: CI must install Debian\'s neovim (.ci/run does: apt-get install -y neovim)');
  const out = path.join(root, '..', `${path.basename(root)}-report.json`);
  const result = spawnSync('nvim', ['--headless', '--clean', '-n', '-c', `luafile ${LUA}`, file], {
    cwd: root,
    encoding: 'utf8',
    timeout: 30_000,
    env: { ...process.env, SH_SERVER: SERVER_PATH, SH_ROOT: root, SH_OUT: out, SH_ACTION: action },
  });
  assert.ok(fs.existsSync(out), `nvim wrote no report (status ${result.status}, signal ${result.signal}): ${result.stderr}`);
  const report = JSON.parse(fs.readFileSync(out, 'utf8')) as NeovimReport;
  fs.rmSync(out);
  assert.ok(!report.error, `nvim: ${report.error}`);
  assert.equal(result.status, 0, result.stderr);
  return report;
}

function workspace(files: Record<string, string>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'sh-nvim-'));
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(root, name), text);
  return root;
}

test('headless Neovim shows the server\'s diagnostic on the key, masked', { skip, timeout: 60_000 }, () => {
  const key = secret('sk-proj-{alnum:74}T3BlbkFJ{alnum:74}', 'neovim');
  const prefix = 'const apiKey = "';
  const root = workspace({ 'client.js': `// OpenAI client\n${prefix}${key}";\n` });
  try {
    const report = runNeovim(root, 'client.js');
    assert.equal(report.diagnostics.length, 1, JSON.stringify(report.diagnostics));
    const [d] = report.diagnostics;
    assert.deepEqual([d.lnum, d.col, d.end_lnum, d.end_col], [1, prefix.length, 1, prefix.length + key.length]);
    assert.equal(d.source, 'secret-hygiene');
    assert.equal(d.code, 'openai-project-key');
    assert.equal(d.severity, 1);
    assert.ok(d.message.includes(`${key.slice(0, 4)}…${key.slice(-4)}`), d.message);
    assert.ok(!d.message.includes(key.slice(8, 30)), 'the diagnostic leaks the value');
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
});

test('headless Neovim applies "Move to .env": source reads the env var, .env holds the value, .gitignore ignores it', { skip, timeout: 60_000 }, () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'sh-nvim-'));
  createFixture(root);
  fs.appendFileSync(path.join(root, sourceKey.file), `${sourceKey.line(sourceKey.value)}\n`);
  try {
    const report = runNeovim(root, sourceKey.file, moveToEnvTitle);
    assert.ok(report.applied?.startsWith(moveToEnvTitle), `no "${moveToEnvTitle}" action among ${JSON.stringify(report.actions)}`);
    assert.ok(!leaks([...report.actions, ...report.messages].join('\n'), sourceKey.value), 'a code action title or message shows the value');
    assert.deepEqual(moveToEnvProblems(root), []);
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
});

test('headless Neovim, a project with no .env and no .gitignore: "Move to .env" creates both, and its notes do not block', { skip, timeout: 60_000 }, () => {
  const key = secret('sk_live_{alnum:24}', 'neovim-new-files');
  const root = workspace({ 'package.json': '{ "name": "bare", "private": true }\n', 'pay.js': `const stripe = require("stripe")("${key}");\n` });
  try {
    const report = runNeovim(root, 'pay.js', moveToEnvTitle);
    assert.ok(report.applied?.startsWith(moveToEnvTitle), `no "${moveToEnvTitle}" action among ${JSON.stringify(report.actions)}`);
    const source = fs.readFileSync(path.join(root, 'pay.js'), 'utf8');
    const name = /process\.env\.([A-Z][A-Z0-9_]*)/.exec(source)?.[1];
    assert.ok(name && !source.includes(key), source);
    assert.equal(parse(fs.readFileSync(path.join(root, '.env'), 'utf8'))[name], key, '.env was created with the key');
    assert.ok(fs.readFileSync(path.join(root, '.gitignore'), 'utf8').split('\n').some((line) => /^\/?\.env$/.test(line.trim())), '.gitignore was created and ignores .env');
    assert.ok(report.messages.length > 0, 'the fix notes reach Neovim');
    assert.deepEqual(report.requests, [], 'no note is a blocking showMessageRequest');
    assert.ok(!leaks(report.messages.join('\n'), key));
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
});
