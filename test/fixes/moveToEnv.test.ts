// planMoveToEnv end to end on in-memory files: the source reads the variable, .env holds the exact value
// (read back with dotenv), .env.example gets the name, .env becomes ignored, nothing is lost.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { test } from 'node:test';
import { parse } from 'dotenv';
import { planMoveToEnv } from '../../server/src/fixes/moveToEnv';
import { isIgnoredBy } from '../../server/src/fixes/gitignore';
import { applyPlan } from '../support/applyEdit';
import { ENV, GITIGNORE, ROOT, findingFor, memoryFacts } from '../support/envFacts';
import { secret } from '../support/rules';

const key = secret('sk-proj-{alnum:74}T3BlbkFJ{alnum:74}', 'move');

function run(name: string, text: string, files: Record<string, string | undefined> = {}, extra: Parameters<typeof memoryFacts>[2] = {}, envName = 'OPENAI_API_KEY') {
  const facts = memoryFacts(name, text, { envText: files[ENV], gitignoreLayers: [{ dir: ROOT, path: GITIGNORE, text: files[GITIGNORE], editable: true }], ...extra });
  const plan = planMoveToEnv(findingFor(text, key, { envName }), facts);
  const result = applyPlan(plan, { [facts.sourcePath]: text, ...files });
  return { plan, result, source: result[facts.sourcePath]! };
}

test('TypeScript: the literal and its quotes become process.env.NAME, .env and .gitignore are created', () => {
  const text = `import OpenAI from "openai";\nconst client = new OpenAI({ apiKey: "${key}" });\n`;
  const { plan, result, source } = run('src/client.ts', text);
  assert.equal(plan.refusal, undefined);
  assert.equal(source, 'import OpenAI from "openai";\nconst client = new OpenAI({ apiKey: process.env.OPENAI_API_KEY });\n');
  assert.equal(parse(result[ENV]!).OPENAI_API_KEY, key);
  assert.equal(result[GITIGNORE], '.env\n');
  assert.ok(isIgnoredBy([{ dir: ROOT, path: GITIGNORE, text: result[GITIGNORE], editable: true }], ENV));
  assert.ok(!JSON.stringify(plan.messages).includes(key), 'messages never hold the value');
});

test('the name comes from the variable at the site', () => {
  const text = `export const stripeWebhookToken = '${key}';\n`;
  const { source, result } = run('src/a.js', text);
  assert.equal(source, 'export const stripeWebhookToken = process.env.STRIPE_WEBHOOK_TOKEN;\n');
  assert.equal(parse(result[ENV]!).STRIPE_WEBHOOK_TOKEN, key);
});

test('existing .env keeps comments, export prefixes, CRLF and gets the missing final newline', () => {
  const env = '# local settings\r\nexport PORT=3000\r\nexport NAME="a # b"';
  const { result } = run('src/a.ts', `const serviceToken = "${key}";\n`, { [ENV]: env, [GITIGNORE]: 'node_modules\r\n.env\r\n' });
  assert.equal(result[ENV], `${env}\r\nexport SERVICE_TOKEN=${key}\r\n`);
  assert.deepEqual(parse(result[ENV]!), { PORT: '3000', NAME: 'a # b', SERVICE_TOKEN: key });
  assert.equal(result[GITIGNORE], 'node_modules\r\n.env\r\n', 'already ignored: .gitignore untouched');
});

test('same name with the same value is reused; with another value a free name is chosen and said', () => {
  const text = `const OPENAI_API_KEY = "${key}";\n`;
  const reused = run('a.ts', text, { [ENV]: `OPENAI_API_KEY=${key}\n`, [GITIGNORE]: '.env\n' });
  assert.equal(reused.result[ENV], `OPENAI_API_KEY=${key}\n`);
  assert.match(reused.plan.messages.join(' '), /already holds this value as OPENAI_API_KEY/);
  const renamed = run('a.ts', text, { [ENV]: 'OPENAI_API_KEY=other\nOPENAI_API_KEY_2=other2\n', [GITIGNORE]: '.env\n' });
  assert.equal(renamed.source, 'const OPENAI_API_KEY = process.env.OPENAI_API_KEY_3;\n');
  assert.equal(parse(renamed.result[ENV]!).OPENAI_API_KEY, 'other');
  assert.equal(parse(renamed.result[ENV]!).OPENAI_API_KEY_3, key);
  assert.match(renamed.plan.messages.join(' '), /OPENAI_API_KEY already holds another value.*OPENAI_API_KEY_3/);
});

test('.env.example gets NAME= when the project has one, once', () => {
  const example = path.join(ROOT, '.env.example');
  const text = `const serviceToken = "${key}";\n`;
  const { result } = run('a.ts', text, { [GITIGNORE]: '.env\n', [example]: 'PORT=\n' }, { examplePath: example, exampleText: 'PORT=\n' });
  assert.equal(result[example], 'PORT=\nSERVICE_TOKEN=\n');
  const again = run('a.ts', text, { [GITIGNORE]: '.env\n', [example]: 'SERVICE_TOKEN=\n' }, { examplePath: example, exampleText: 'SERVICE_TOKEN=\n' });
  assert.equal(again.result[example], 'SERVICE_TOKEN=\n');
});

test('.env.example is created with the name only when the project has none', () => {
  const example = path.join(ROOT, '.env.example');
  const text = `const serviceToken = "${key}";\r\n`;
  const { plan, result } = run('a.ts', text, { [GITIGNORE]: '.env\n' }, { examplePath: example, exampleText: undefined });
  assert.equal(result[example], 'SERVICE_TOKEN=\r\n', 'names only, in the line endings of the project');
  assert.equal(plan.changes.find((c) => c.path === example)?.create, true);
  assert.ok(!result[example]!.includes(key));
});

test('plain Node: with dotenv a dependency the file loads it; without, the note says node --env-file', () => {
  const esm = run('src/a.mjs', `#!/usr/bin/env node\nexport const serviceToken = "${key}";\n`, {}, { nodeEnv: { loaded: false, dotenv: true } });
  assert.equal(esm.source, '#!/usr/bin/env node\nimport "dotenv/config";\nexport const serviceToken = process.env.SERVICE_TOKEN;\n');
  const cjs = run('src/a.js', `'use strict';\nconst x = require("x");\nmodule.exports = { serviceToken: "${key}" };\n`, {}, { nodeEnv: { loaded: false, dotenv: true } });
  assert.match(cjs.source, /^'use strict';\nrequire\("dotenv"\)\.config\(\);\nconst x/);
  const bare = run('src/a.js', `export const serviceToken = "${key}";\n`, {}, { nodeEnv: { loaded: false, dotenv: false } });
  assert.equal(bare.source, 'export const serviceToken = process.env.SERVICE_TOKEN;\n');
  assert.ok(bare.plan.messages.some((m) => m.includes('node --env-file=.env src/a.js')), bare.plan.messages.join(' '));
  const framework = run('src/a.js', `export const serviceToken = "${key}";\n`, {}, { nodeEnv: { loaded: true, dotenv: false } });
  assert.ok(!framework.plan.messages.some((m) => m.includes('--env-file')));
});

test('a key inside a larger string is spliced: template literal interpolation, else concatenation', () => {
  const template = run('a.ts', `const url = \`https://api.example.com/?key=${key}&v=1\`;\n`);
  assert.equal(template.source, "const url = `https://api.example.com/?key=${process.env.OPENAI_API_KEY}&v=1`;\n");
  const quoted = run('a.ts', `const header = "Bearer ${key}";\n`);
  assert.equal(quoted.source, 'const header = "Bearer " + process.env.OPENAI_API_KEY;\n');
  const middle = run('a.ts', `fetch('https://x.test/?k=${key}&a=1'.trim());\n`);
  assert.equal(middle.source, "fetch(('https://x.test/?k=' + process.env.OPENAI_API_KEY + '&a=1').trim());\n");
});

test('a key outside any string (a comment) is refused and nothing changes', () => {
  const { plan } = run('a.ts', `// old key: ${key}\n`);
  assert.match(plan.refusal ?? '', /not inside a string literal/);
  assert.deepEqual(plan.changes, []);
});

test('an unwritable .env or folder refuses the whole fix', () => {
  const { plan } = run('a.ts', `const k = "${key}";\n`, {}, { unwritable: [ROOT] });
  assert.match(plan.refusal ?? '', /cannot be written/);
  assert.deepEqual(plan.changes, []);
});

test('an exposed key says it must be rotated, first', () => {
  const { plan } = run('a.ts', `const k = "${key}";\n`, {}, { inGitHistory: true });
  assert.match(plan.messages[0], /already in git history.*Rotate it/);
  assert.ok(!plan.messages[0].includes(key));
});

test('Deno projects read Deno.env.get', () => {
  const { source } = run('main.ts', `const k = "${key}";\n`, {}, { runtime: 'deno' });
  assert.equal(source, 'const k = Deno.env.get("OPENAI_API_KEY");\n');
});

test('an .env file itself is not moved', () => {
  const { plan } = run('.env.local', `OPENAI_API_KEY=${key}\n`);
  assert.match(plan.refusal ?? '', /already an env file/);
});
