// "Move all secrets in this file to .env": one edit per literal, one import, unique names, one
// .gitignore entry, and keys that cannot move are listed and left alone.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { parse } from 'dotenv';
import { planMoveAllToEnv } from '../../server/src/fixes/moveAllToEnv';
import { applyPlan } from '../support/applyEdit';
import { ENV, GITIGNORE, findingFor, memoryFacts } from '../support/envFacts';
import { secret } from '../support/rules';
import { missing, run } from '../support/toolchains';

const a = secret('ghp_{alnum:36}', 'all-a');
const b = secret('ghp_{alnum:36}', 'all-b');

test('two keys in a Python file: one import, two names, one .gitignore line, exact values', () => {
  const text = `token = "${a}"\nother = {"token": "${b}"}\n# ${a}\n`;
  const facts = memoryFacts('app.py', text, { envText: 'TOKEN=old\n' });
  const findings = [findingFor(text, a, { envName: 'GITHUB_TOKEN' }), findingFor(text, b, { envName: 'GITHUB_TOKEN' })];
  findings.push({ ...findings[0], start: text.lastIndexOf(a), end: text.lastIndexOf(a) + a.length });
  const plan = planMoveAllToEnv(findings, facts);
  const result = applyPlan(plan, { [facts.sourcePath]: text, [ENV]: 'TOKEN=old\n' });
  assert.equal(result[facts.sourcePath], `import os\ntoken = os.environ["GITHUB_TOKEN"]\nother = {"token": os.environ["GITHUB_TOKEN_2"]}\n# ${a}\n`);
  assert.deepEqual(parse(result[ENV]!), { TOKEN: 'old', GITHUB_TOKEN: a, GITHUB_TOKEN_2: b });
  assert.equal(result[GITIGNORE], '.env\n');
  assert.match(plan.messages.join(' '), /Left in place: ghp_…/);
  assert.ok(!plan.messages.join(' ').includes(a));
});

test('the same value twice is stored once', () => {
  const text = `const x = "${a}";\nconst y = "${a}";\n`;
  const facts = memoryFacts('a.ts', text);
  const second = text.lastIndexOf(a);
  const plan = planMoveAllToEnv([findingFor(text, a, { envName: 'GITHUB_TOKEN' }), { ...findingFor(text, a, { envName: 'GITHUB_TOKEN' }), start: second, end: second + a.length }], facts);
  const result = applyPlan(plan, { [facts.sourcePath]: text });
  assert.equal(result[facts.sourcePath], 'const x = process.env.GITHUB_TOKEN;\nconst y = process.env.GITHUB_TOKEN;\n');
  assert.equal(result[ENV], `GITHUB_TOKEN=${a}\n`);
});

test('nothing movable: refused with the reasons', () => {
  const text = `// ${a}\n`;
  const plan = planMoveAllToEnv([findingFor(text, a)], memoryFacts('a.ts', text));
  assert.match(plan.refusal ?? '', /no secret here can be moved/);
});

test('two PHP properties of a class without a constructor: one constructor sets both, and php runs it', { skip: missing(['php', '--version']) }, () => {
  const text = `<?php\n\nclass Client\n{\n    private $apiToken = '${a}';\n    private $otherToken = '${b}';\n\n    public function total(): int\n    {\n        return strlen($this->apiToken) + strlen($this->otherToken);\n    }\n}\n\necho (new Client())->total(), "\\n";\n`;
  const facts = memoryFacts('Client.php', text);
  const plan = planMoveAllToEnv([findingFor(text, a), findingFor(text, b)], facts);
  assert.equal(plan.refusal, undefined, plan.refusal);
  const result = applyPlan(plan, { [facts.sourcePath]: text });
  const fixed = result[facts.sourcePath]!;
  assert.equal(fixed.match(/function __construct/g)?.length, 1, fixed);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sh-php-all-'));
  try {
    fs.writeFileSync(path.join(dir, 'Client.php'), fixed);
    assert.equal(run('php', ['Client.php'], { cwd: dir, env: parse(result[ENV]!) }).trim(), String(a.length + b.length));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
