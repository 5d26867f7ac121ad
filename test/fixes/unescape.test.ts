// Escaped secrets: .env gets the runtime value (dotenv reads back the decoded text), never the source
// spelling; what cannot be decoded exactly is refused.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parse } from 'dotenv';
import { planMoveToEnv } from '../../server/src/fixes/moveToEnv';
import { applyPlan } from '../support/applyEdit';
import { ENV, memoryFacts } from '../support/envFacts';

/** Moves the literal's whole content (`inner`, as written in source) and returns what .env holds, or the refusal. */
function stored(file: string, line: (inner: string) => string, inner: string): string {
  const text = line(inner);
  const start = text.indexOf(inner);
  const facts = memoryFacts(file, text);
  const plan = planMoveToEnv({ ruleId: 'private-key', start, end: start + inner.length, envName: 'PRIVATE_KEY', masked: '-----…' }, facts);
  if (plan.refusal) return `refused: ${plan.refusal}`;
  return parse(applyPlan(plan, { [facts.sourcePath]: text })[ENV]!)[plan.envName!];
}

const pem = ['-----BEGIN PRIVATE KEY-----', 'MIIEvQIBADANBgkqhkiG9w0BAQEFAASC', '-----END PRIVATE KEY-----'];
const escaped = pem.join('\\n') + '\\n';
const runtime = pem.join('\n') + '\n';

test('a PEM with \\n escapes lands in .env with real newlines (JS, Python, Go, Java, C#, Ruby/PHP double quotes, Rust)', () => {
  assert.equal(stored('a.js', (v) => `const privateKey = "${v}";\n`, escaped), runtime);
  assert.equal(stored('a.ts', (v) => `const privateKey = '${v}';\n`, escaped), runtime);
  assert.equal(stored('a.py', (v) => `private_key = "${v}"\n`, escaped), runtime);
  assert.equal(stored('main.go', (v) => `package main\n\nvar privateKey = "${v}"\n`, escaped), runtime);
  assert.equal(stored('A.java', (v) => `class A { String privateKey = "${v}"; }\n`, escaped), runtime);
  assert.equal(stored('A.cs', (v) => `class A { string privateKey = "${v}"; }\n`, escaped), runtime);
  assert.equal(stored('a.rb', (v) => `private_key = "${v}"\n`, escaped), runtime);
  assert.equal(stored('a.php', (v) => `<?php\n$privateKey = "${v}";\n`, escaped), runtime);
  assert.equal(stored('main.rs', (v) => `fn main() { let private_key = "${v}"; }\n`, escaped), runtime);
});

test('raw and single-quoted strings keep their backslashes: the runtime value has them too', () => {
  assert.equal(stored('a.py', (v) => `private_key = r"${v}"\n`, escaped), escaped);
  assert.equal(stored('a.rb', (v) => `private_key = '${v}'\n`, escaped), escaped);
  assert.equal(stored('a.php', (v) => `<?php\n$privateKey = '${v}';\n`, escaped), escaped);
  assert.equal(stored('main.go', (v) => `package main\n\nvar privateKey = \`${v}\`\n`, escaped), escaped);
  assert.equal(stored('A.cs', (v) => `class A { string privateKey = @"${v}"; }\n`, escaped), escaped);
});

test('\\x, \\u and \\u{…} escapes are decoded; quotes and backslashes too', () => {
  assert.equal(stored('a.js', (v) => `const secretToken = "${v}";\n`, 'ab\\x6e\\u0041\\u{1F600}\\"\\\\z'), 'abnA\u{1F600}"\\z');
  assert.equal(stored('a.py', (v) => `secret_token = "${v}"\n`, 'ab\\x6e\\u0041\\U0001F600'), 'abnA\u{1F600}');
  assert.equal(stored('a.php', (v) => `<?php\n$secretToken = '${v}';\n`, "it\\'s\\\\x"), "it's\\x");
});

test('escapes that cannot be decoded exactly are refused, nothing written', () => {
  assert.match(stored('a.py', (v) => `secret_token = "${v}"\n`, 'ab\\N{DASH}cd'), /^refused: .*escapes/);
  assert.match(stored('a.js', (v) => `const secretToken = "${v}";\n`, 'ab\\101cd'), /^refused/);
  assert.match(stored('A.java', (v) => `class A { String secretToken = "${v}"; }\n`, 'ab\\x41cd'), /^refused/);
});
