// planServerProxy (issue 13 item 2, issue 16 check 3): a key in browser code moves behind a server route of the
// project's framework. Each result is run: the client's call goes through the new route, which adds the key
// from the server's env and calls exactly the original URL; the client file no longer holds the key.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import { createServer } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { parse } from 'dotenv';
import { planServerProxy, slugFor, type ServerProxyFacts } from '../../server/src/fixes/serverProxy';
import { applyPlan } from '../support/applyEdit';
import { ENV, ROOT, findingFor, memoryFacts } from '../support/envFacts';
import { runThroughProxy } from '../support/proxyRun';
import { secret } from '../support/rules';

const key = secret('sk-proj-{alnum:74}T3BlbkFJ{alnum:74}', 'proxy');
const EXAMPLE = path.join(ROOT, '.env.example');

function facts(name: string, text: string, extra: Partial<ServerProxyFacts> = {}): ServerProxyFacts {
  return { ...memoryFacts(name, text), framework: 'next', projectRoot: ROOT, appDir: 'app', typescript: true, takenSlugs: [], publicPrefixes: ['NEXT_PUBLIC_'], ...extra };
}

const chatClient = (auth: string) => `"use client";
export async function ask(prompt: string) {
  const res = await fetch("https://api.openai.com/v1/chat/completions", {
    method: "POST",
    headers: {
      "Content-Type": "application/json",
      Authorization: ${auth},
    },
    body: JSON.stringify({ prompt }),
  });
  return res.json();
}
`;

test('Next.js: a route handler holds the key from env; the client calls it and keeps its other headers and body', async () => {
  const text = chatClient(`"Bearer ${key}"`);
  const f = facts('app/chat.tsx', text, { examplePath: EXAMPLE, exampleText: 'DATABASE_URL=\n' });
  const plan = planServerProxy(findingFor(text, key, { envName: 'OPENAI_API_KEY' }), f);
  assert.equal(plan.refusal, undefined);
  const route = path.join(ROOT, 'app', 'api', 'openai-completions', 'route.ts');
  const files = applyPlan(plan, { [f.sourcePath]: text, [EXAMPLE]: 'DATABASE_URL=\n' });
  const client = files[f.sourcePath]!;
  assert.ok(!client.includes(key.slice(10)), 'the key left the client');
  assert.match(client, /fetch\("\/api\/openai-completions", \{\n    method: "POST",\n    headers: \{\n      "Content-Type": "application\/json",\n    \},/);
  assert.equal(parse(files[ENV]!).OPENAI_API_KEY, key);
  assert.equal(files[EXAMPLE], 'DATABASE_URL=\nOPENAI_API_KEY=\n');
  assert.ok(!files[route]!.includes(key.slice(10)), 'the route reads the key, never holds it');
  const run = await runThroughProxy({ client, clientFile: 'chat.tsx', route: files[route]!, routeFile: 'route.ts', proxyPath: '/api/openai-completions', env: { OPENAI_API_KEY: key }, entry: 'ask', args: ['hi'] });
  assert.deepEqual(run.result, { ok: true });
  assert.equal(run.upstream.length, 1);
  const [call] = run.upstream;
  assert.equal(call.url, 'https://api.openai.com/v1/chat/completions');
  assert.equal(call.method, 'POST');
  assert.equal(call.headers.authorization, `Bearer ${key}`);
  assert.equal(call.headers['content-type'], 'application/json');
  assert.equal(call.body, '{"prompt":"hi"}');
  assert.ok(!JSON.stringify(plan.messages).includes(key.slice(10)));
  assert.match(plan.messages[0], /calls \/api\/openai-completions; app\/api\/openai-completions\/route\.ts reads OPENAI_API_KEY/);
});

test('a template whose one interpolation reads an env variable in the browser: the route reads it on the server', async () => {
  const text = chatClient('`Bearer ${process.env.OPENAI_API_KEY}`');
  const start = text.indexOf('process.env.OPENAI_API_KEY');
  const finding = { ruleId: 'client-reads-server-env', start, end: start + 'process.env.OPENAI_API_KEY'.length, envName: 'OPENAI_API_KEY', masked: '…' };
  const f = facts('app/chat.tsx', text);
  const plan = planServerProxy(finding, f);
  assert.equal(plan.refusal, undefined);
  const files = applyPlan(plan, { [f.sourcePath]: text });
  assert.equal(files[ENV], undefined, 'the value is already in the env; nothing is written');
  const route = files[path.join(ROOT, 'app', 'api', 'openai-completions', 'route.ts')]!;
  const run = await runThroughProxy({ client: files[f.sourcePath]!, clientFile: 'chat.tsx', route, routeFile: 'route.ts', proxyPath: '/api/openai-completions', env: { OPENAI_API_KEY: key }, entry: 'ask', args: ['x'] });
  assert.equal(run.upstream[0].headers.authorization, `Bearer ${key}`);
});

test('SvelteKit: +server.ts reads $env/dynamic/private; a GET with the key in the query string', async () => {
  const text = `export async function weather() {\n  const res = await fetch('https://api.weather.example.com/v2/forecast?city=Oslo&appid=${key}');\n  return res.json();\n}\n`;
  const f = facts('src/lib/weather.ts', text, { framework: 'sveltekit', publicPrefixes: ['PUBLIC_'] });
  const plan = planServerProxy(findingFor(text, key, { envName: 'WEATHER_KEY' }), f);
  assert.equal(plan.refusal, undefined);
  const files = applyPlan(plan, { [f.sourcePath]: text });
  assert.match(files[f.sourcePath]!, /fetch\('\/api\/example-forecast'\)/);
  const route = files[path.join(ROOT, 'src', 'routes', 'api', 'example-forecast', '+server.ts')]!;
  assert.match(route, /from '\$env\/dynamic\/private'/);
  const run = await runThroughProxy({ client: files[f.sourcePath]!, clientFile: 'weather.ts', route, routeFile: '+server.ts', proxyPath: '/api/example-forecast', env: { WEATHER_KEY: key }, entry: 'weather', sveltekit: true });
  assert.equal(run.upstream[0].method, 'GET');
  assert.equal(run.upstream[0].url, `https://api.weather.example.com/v2/forecast?city=Oslo&appid=${key}`);
});

test('Vite or CRA (no server routes): a Node proxy file, with how to run it and send /api there', () => {
  const text = chatClient(`"Bearer ${key}"`).replace('"use client";\n', '');
  const f = facts('src/chat.ts', text, { framework: 'node', typescript: false, publicPrefixes: ['VITE_'] });
  const plan = planServerProxy(findingFor(text, key, { envName: 'VITE_OPENAI_API_KEY' }), f);
  assert.equal(plan.refusal, undefined);
  assert.equal(plan.envName, 'OPENAI_API_KEY', 'never a name the build ships to the browser');
  const files = applyPlan(plan, { [f.sourcePath]: text });
  assert.ok(files[path.join(ROOT, 'server', 'openai-completions-proxy.mjs')]);
  assert.ok(plan.messages.some((m) => /node --env-file=\.env server\/openai-completions-proxy\.mjs/.test(m) && /server: \{ proxy:/.test(m)));
});

test('Vite or CRA: the proxy file runs as its note says (real node, real HTTP), adds the key and calls exactly the original URL', async () => {
  const text = chatClient(`"Bearer ${key}"`).replace('"use client";\n', '');
  const f = facts('src/chat.ts', text, { framework: 'node', typescript: false, publicPrefixes: ['VITE_'] });
  const plan = planServerProxy(findingFor(text, key, { envName: 'VITE_OPENAI_API_KEY' }), f);
  const files = applyPlan(plan, { [f.sourcePath]: text });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sh-vite-proxy-'));
  try {
    for (const [file, content] of Object.entries(files)) {
      if (content === undefined) continue;
      fs.mkdirSync(path.dirname(path.join(dir, path.relative(ROOT, file))), { recursive: true });
      fs.writeFileSync(path.join(dir, path.relative(ROOT, file)), content);
    }
    // The command of the note, from the project root, with the upstream fetch recorded instead of sent.
    const command = /`(node --env-file=\.env [^`]+\.mjs)`/.exec(plan.messages.join('\n'))![1].split(' ');
    assert.ok(files[path.join(ROOT, 'server', 'openai-completions-proxy.mjs')]!.includes(`// Run from the project root: ${command.join(' ')} `), 'the file says the same command');
    const calls = path.join(dir, 'upstream.jsonl');
    const stub = `const fs = await import('node:fs'); globalThis.fetch = async (url, init = {}) => { fs.appendFileSync(${JSON.stringify(calls)}, JSON.stringify({ url: String(url), method: init.method, authorization: new Headers(init.headers).get('authorization'), type: new Headers(init.headers).get('content-type'), body: Buffer.from(init.body ?? new ArrayBuffer(0)).toString('utf8') }) + '\\n'); return new Response('{"ok":true}', { headers: { 'content-type': 'application/json' } }); };`;
    const port = await freePort();
    const child = spawn(process.execPath, ['--import', `data:text/javascript,${encodeURIComponent(stub)}`, ...command.slice(1)], { cwd: dir, env: { ...process.env, PORT: String(port) }, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    try {
      let response: Response | undefined;
      for (let i = 0; i < 100 && !response; i++) {
        response = await fetch(`http://127.0.0.1:${port}/api/openai-completions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"prompt":"hi"}' }).catch(() => undefined);
        if (!response) await new Promise((resolve) => setTimeout(resolve, 50));
      }
      assert.ok(response, `the proxy never listened: ${stderr}`);
      assert.deepEqual(await response.json(), { ok: true });
      const [call, ...more] = fs.readFileSync(calls, 'utf8').trim().split('\n').map((line) => JSON.parse(line));
      assert.equal(more.length, 0);
      assert.deepEqual(call, { url: 'https://api.openai.com/v1/chat/completions', method: 'POST', authorization: `Bearer ${key}`, type: 'application/json', body: '{"prompt":"hi"}' });
      assert.equal((await fetch(`http://127.0.0.1:${port}/other`)).status, 404, 'only its own route');
    } finally {
      child.kill();
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('a taken route name gets a suffix; calls the proxy cannot rebuild are refused with a reason', () => {
  const text = chatClient(`"Bearer ${key}"`);
  const plan = planServerProxy(findingFor(text, key), facts('app/chat.tsx', text, { takenSlugs: ['openai-completions'] }));
  assert.ok(plan.changes.some((c) => c.path.endsWith(path.join('openai-completions-2', 'route.ts'))));
  const computed = `const url = base + "/x";\nfetch(url, { headers: { Authorization: "Bearer ${key}" } });\n`;
  assert.match(planServerProxy(findingFor(computed, key), facts('app/a.ts', computed)).refusal ?? '', /literal https:\/\//);
  const notCall = `export const KEY = "${key}";\n`;
  assert.match(planServerProxy(findingFor(notCall, key), facts('app/a.ts', notCall)).refusal ?? '', /not passed to a call/);
  const mixed = chatClient(`\`Bearer ${key} \${user.id}\``);
  assert.match(planServerProxy(findingFor(mixed, key), facts('app/a.ts', mixed)).refusal ?? '', /computed in the browser|more than the key/);
});

test('route names come from the host and the last path segment', () => {
  assert.equal(slugFor('https://api.openai.com/v1/chat/completions'), 'openai-completions');
  assert.equal(slugFor('https://api.anthropic.com/v1/messages'), 'anthropic-messages');
  assert.equal(slugFor('https://example.com'), 'example');
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
