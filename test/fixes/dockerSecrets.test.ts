// Dockerfile ENV/ARG secrets (issue 13 item 4): the line goes, the RUNs that read the variable get it from a
// BuildKit secret mount, a value nothing RUNs is passed at run time. Checked at the syntax level: the result is
// split into instructions as Docker does (continuations joined) and no instruction holds the key.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parse } from 'dotenv';
import { planMoveToEnv } from '../../server/src/fixes/moveToEnv';
import { applyPlan } from '../support/applyEdit';
import { ENV, findingFor, memoryFacts } from '../support/envFacts';
import { secret } from '../support/rules';

const key = secret('npm_{alnum:36}', 'docker');

function moved(text: string) {
  const facts = memoryFacts('Dockerfile', text);
  const plan = planMoveToEnv(findingFor(text, key, { ruleId: 'npm-access-token', envName: 'NPM_TOKEN' }), facts);
  assert.equal(plan.refusal, undefined, plan.refusal);
  const result = applyPlan(plan, { [facts.sourcePath]: text });
  assert.equal(parse(result[ENV]!).NPM_TOKEN, key);
  return { source: result[facts.sourcePath]!, messages: plan.messages.join(' ') };
}

/** Dockerfile instructions: comments dropped, `\` continuations joined. */
function instructions(text: string): Array<{ keyword: string; rest: string }> {
  const joined = text.replace(/\\\r?\n/g, ' ');
  return joined
    .split(/\r?\n/)
    .filter((line) => line.trim() !== '' && !line.trim().startsWith('#'))
    .map((line) => {
      const [, keyword, rest] = /^\s*(\w+)\s*(.*)$/.exec(line)!;
      return { keyword: keyword.toUpperCase(), rest };
    });
}

test('ENV NAME=key read by RUN: a secret mount on each such RUN, a syntax line, the build command in the note', () => {
  const text = `FROM node:20\nENV NPM_TOKEN=${key}\nRUN echo "//registry.npmjs.org/:_authToken=\${NPM_TOKEN}" > .npmrc && \\\n    npm ci\nRUN npm run build\nCOPY . .\n`;
  const { source, messages } = moved(text);
  assert.equal(source, `# syntax=docker/dockerfile:1\nFROM node:20\nRUN --mount=type=secret,id=npm-token,env=NPM_TOKEN echo "//registry.npmjs.org/:_authToken=\${NPM_TOKEN}" > .npmrc && \\\n    npm ci\nRUN npm run build\nCOPY . .\n`);
  const parsed = instructions(source);
  assert.deepEqual(parsed.map((i) => i.keyword), ['FROM', 'RUN', 'RUN', 'COPY']);
  assert.ok(!parsed.some((i) => (i.keyword === 'ENV' || i.keyword === 'ARG') && /NPM_TOKEN/.test(i.rest)), 'nothing keeps the key in the image');
  assert.match(messages, /docker build --secret[ ]id=npm-token,env=NPM_TOKEN \./);
  assert.ok(!messages.includes(key));
});

test('ARG NAME=key with CRLF and an existing syntax line (raised to 1.10, which env= needs); a value no RUN reads is passed at run time', () => {
  const withArg = moved(`# syntax=docker/dockerfile:1.7\r\nFROM alpine\r\nARG NPM_TOKEN=${key}\r\nRUN wget --header="Authorization: Bearer $NPM_TOKEN" https://example.org/x\r\n`);
  assert.equal(withArg.source, '# syntax=docker/dockerfile:1.10\r\nFROM alpine\r\nRUN --mount=type=secret,id=npm-token,env=NPM_TOKEN wget --header="Authorization: Bearer $NPM_TOKEN" https://example.org/x\r\n');
  assert.match(withArg.messages, /pinned Dockerfile 1\.7; .*needs 1\.10 or later/);
  const recent = moved(`# syntax=docker/dockerfile:1.12\nFROM alpine\nARG NPM_TOKEN=${key}\nRUN npm ci # $NPM_TOKEN\n`);
  assert.match(recent.source, /^# syntax=docker\/dockerfile:1\.12\nFROM alpine\nRUN --mount=type=secret,id=npm-token,env=NPM_TOKEN npm ci/, 'a pin that has env= stays');
  const digest = moved(`# syntax=docker/dockerfile:1.4@sha256:${'ab'.repeat(32)}\nFROM alpine\nARG NPM_TOKEN=${key}\nRUN npm ci # $NPM_TOKEN\n`);
  assert.match(digest.source, /^# syntax=docker\/dockerfile:1\.10\nFROM alpine\n/, 'the old digest goes with the old version');
  const runtime = moved(`FROM node:20\nENV NPM_TOKEN=${key}\nCMD ["node", "server.js"]\n`);
  assert.equal(runtime.source, 'FROM node:20\nCMD ["node", "server.js"]\n');
  assert.match(runtime.messages, /docker run --env-file \.env/);
});
