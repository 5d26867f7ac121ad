// Each language's environment lookup through planMoveToEnv: whole literals (quotes and prefixes
// included), keys inside larger strings, bare config values, and the imports the lookup needs.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parse } from 'dotenv';
import { planMoveToEnv } from '../../server/src/fixes/moveToEnv';
import { applyPlan } from '../support/applyEdit';
import { ENV, findingFor, memoryFacts } from '../support/envFacts';
import { secret } from '../support/rules';

const key = secret('ghp_{alnum:36}', 'languages');

/** The source after moving `key`, and checks .env holds it under `name`. */
function moved(file: string, text: string, name = 'GITHUB_TOKEN'): string {
  const facts = memoryFacts(file, text);
  const plan = planMoveToEnv(findingFor(text, key, { ruleId: 'github-pat', envName: 'GITHUB_TOKEN' }), facts);
  assert.equal(plan.refusal, undefined, plan.refusal);
  const result = applyPlan(plan, { [facts.sourcePath]: text });
  assert.equal(parse(result[ENV]!)[name], key);
  return result[facts.sourcePath]!;
}

function refused(file: string, text: string): string {
  const plan = planMoveToEnv(findingFor(text, key, { envName: 'GITHUB_TOKEN' }), memoryFacts(file, text));
  assert.deepEqual(plan.changes, []);
  return plan.refusal ?? '';
}

test('Python: os.environ["NAME"] and `import os` after the docstring and __future__ imports', () => {
  const text = `"""Client."""\nfrom __future__ import annotations\nimport sys\n\nTOKEN = "${key}"\n`;
  assert.equal(moved('app.py', text), `"""Client."""\nfrom __future__ import annotations\nimport os\nimport sys\n\nTOKEN = os.environ["GITHUB_TOKEN"]\n`);
  assert.equal(moved('app.py', `import os.path\napi_token = '${key}'\n`, 'API_TOKEN'), 'import os.path\napi_token = os.environ["API_TOKEN"]\n');
  assert.equal(moved('app.py', `#!/usr/bin/env python\nheaders = {"Authorization": f"token ${key}"}\n`), `#!/usr/bin/env python\nimport os\nheaders = {"Authorization": f"token {os.environ['GITHUB_TOKEN']}"}\n`);
  assert.equal(moved('app.py', `import os\nx = r"${key}"\n`), 'import os\nx = os.environ["GITHUB_TOKEN"]\n');
  assert.equal(moved('app.py', `import os\nurl = "https://u:${key}@h/x"\n`), 'import os\nurl = "https://u:" + os.environ["GITHUB_TOKEN"] + "@h/x"\n');
});

test('Go: os.Getenv("NAME") and "os" added to the import block, a single import, or after package', () => {
  assert.equal(moved('main.go', `package main\n\nimport (\n\t"fmt"\n)\n\nvar githubPat = "${key}"\n`, 'GITHUB_PAT'), 'package main\n\nimport (\n\t"os"\n\t"fmt"\n)\n\nvar githubPat = os.Getenv("GITHUB_PAT")\n');
  assert.equal(moved('main.go', `package main\n\nimport "fmt"\n\nconst t = "${key}"\n`), 'package main\n\nimport "fmt"\nimport "os"\n\nvar t = os.Getenv("GITHUB_TOKEN")\n');
  assert.equal(moved('main.go', `package main\n\nvar t = \`${key}\`\n`), 'package main\n\nimport "os"\n\nvar t = os.Getenv("GITHUB_TOKEN")\n');
  assert.equal(moved('main.go', `package main\n\nimport "os"\n\nvar t = "${key}"\n`), 'package main\n\nimport "os"\n\nvar t = os.Getenv("GITHUB_TOKEN")\n');
});

test('Java, Kotlin, C#, Ruby, PHP, Rust', () => {
  assert.equal(moved('A.java', `String githubSecret = "${key}";\n`, 'GITHUB_SECRET'), 'String githubSecret = System.getenv("GITHUB_SECRET");\n');
  assert.equal(moved('A.kt', `val auth = "token ${key}"\n`), 'val auth = "token ${System.getenv("GITHUB_TOKEN")}"\n');
  assert.equal(moved('A.cs', `var t = "${key}";\n`), 'var t = System.Environment.GetEnvironmentVariable("GITHUB_TOKEN");\n');
  assert.equal(moved('A.cs', `using System;\nvar t = $"token ${key}";\n`), 'using System;\nvar t = $"token {Environment.GetEnvironmentVariable("GITHUB_TOKEN")}";\n');
  assert.equal(moved('a.rb', `client = Octokit::Client.new(access_token: '${key}')\n`), 'client = Octokit::Client.new(access_token: ENV["GITHUB_TOKEN"])\n');
  assert.equal(moved('a.rb', `auth = "token ${key}"\n`), 'auth = "token #{ENV["GITHUB_TOKEN"]}"\n');
  assert.equal(moved('a.php', `$deployToken = '${key}';\n`, 'DEPLOY_TOKEN'), "$deployToken = getenv('DEPLOY_TOKEN');\n");
  assert.equal(moved('a.php', `$h = 'token ${key}';\n`), "$h = 'token ' . getenv('GITHUB_TOKEN');\n");
  assert.equal(moved('main.rs', `let t = "${key}";\n`), 'let t = &std::env::var("GITHUB_TOKEN").expect("GITHUB_TOKEN is not set");\n');
  assert.match(refused('main.rs', `let t = "token ${key}";\n`), /larger string/);
});

test('shell: quoted, bare, inside double quotes and inside single quotes', () => {
  // Reading the variable into itself would be a no-op: the line checks the environment provides it.
  assert.equal(moved('run.sh', `GH_TOKEN="${key}"\n`, 'GH_TOKEN'), ': "${GH_TOKEN:?GH_TOKEN is not set}"\n');
  assert.equal(moved('run.sh', `  export CI_TOKEN=${key} # ci\n`, 'CI_TOKEN'), '  : "${CI_TOKEN:?CI_TOKEN is not set}" # ci\n');
  assert.equal(moved('run.sh', `token="${key}"\n`), 'token="$GITHUB_TOKEN"\n');
  assert.equal(moved('run.sh', `curl -H "Authorization: token ${key}" x\n`), 'curl -H "Authorization: token ${GITHUB_TOKEN}" x\n');
  assert.equal(moved('run.sh', `curl -H 'Authorization: token ${key}' x\n`), `curl -H 'Authorization: token '"\${GITHUB_TOKEN}"'' x\n`);
});

test('Dockerfile gets ${NAME} and an ARG; compose, Spring and .npmrc interpolate ${NAME}', () => {
  // A whole ENV/ARG value is a BuildKit secret instead (test/fixes/dockerSecrets.test.ts).
  assert.equal(moved('Dockerfile', `FROM node:20\nENV GH_PAT=${key}\n`, 'GH_PAT'), 'FROM node:20\n');
  assert.equal(moved('Dockerfile', `FROM node:20\nENV AUTH='token ${key}'\n`), 'FROM node:20\nARG GITHUB_TOKEN\nENV AUTH="token ${GITHUB_TOKEN}"\n');
  assert.equal(moved('docker-compose.yml', `services:\n  app:\n    environment:\n      BOT_TOKEN: "${key}"\n`, 'BOT_TOKEN'), 'services:\n  app:\n    environment:\n      BOT_TOKEN: "${BOT_TOKEN}"\n');
  assert.equal(moved('src/main/resources/application.properties', `github.bot-token=${key}\n`, 'BOT_TOKEN'), 'github.bot-token=${BOT_TOKEN}\n');
  assert.equal(moved('.npmrc', `//npm.pkg.github.com/:_authToken=${key}\n`), '//npm.pkg.github.com/:_authToken=${GITHUB_TOKEN}\n');
});

test('formats without interpolation and keys outside strings are refused with a reason', () => {
  assert.match(refused('config.json', `{ "token": "${key}" }\n`), /cannot read environment variables/);
  assert.match(refused('a.ts', `/* ${key} */\n`), /not inside a string literal/);
  assert.match(refused('a.py', `x = """\nprefix ${key}\n"""\n`), /not inside a string literal|multi-line/);
});

test('a CRLF Python file gets a CRLF import line', () => {
  assert.equal(moved('a.py', `TOKEN = "${key}"\r\n`), `import os\r\nTOKEN = os.environ["GITHUB_TOKEN"]\r\n`);
});
