// Declarations around a moved literal that must change (or refuse) so the fixed code compiles; the real
// compilers check the common cases in test/lsp/compiledFixes.test.ts, these pin the edges.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { planMoveToEnv } from '../../server/src/fixes/moveToEnv';
import { applyPlan } from '../support/applyEdit';
import { findingFor, memoryFacts } from '../support/envFacts';
import { secret } from '../support/rules';

const key = secret('ghp_{alnum:36}', 'declarations');

function plan(file: string, text: string, extra: Parameters<typeof memoryFacts>[2] = {}) {
  const facts = memoryFacts(file, text, extra);
  const result = planMoveToEnv(findingFor(text, key, { envName: 'GITHUB_TOKEN' }), facts);
  return { result, source: result.refusal ? undefined : applyPlan(result, { [facts.sourcePath]: text })[facts.sourcePath] };
}

test('Go: const → var; a const ( … ) block is refused', () => {
  assert.match(plan('main.go', `package main\n\nimport "os"\n\nconst token string = "${key}"\n`).source!, /^var token string = os\.Getenv\("GITHUB_TOKEN"\)$/m);
  assert.match(plan('main.go', `package main\n\nconst (\n\ttoken = "${key}"\n)\n`).result.refusal!, /const \( … \) block/);
  assert.match(plan('main.go', `package main\n\nconst (\n\ta = 1\n)\n\nvar token = "${key}"\n`).source!, /^var token = os\.Getenv/m, 'a closed block earlier does not count');
});

test('C#: the name after the type keyword is the variable, not STRING', () => {
  const { source, result } = plan('A.cs', `class A {\n    public const string deployKey = "${key}";\n}\n`);
  assert.equal(result.envName, 'DEPLOY_KEY');
  assert.match(source!, /public static readonly string deployKey = System\.Environment\.GetEnvironmentVariable\("DEPLOY_KEY"\);/);
});

test('Kotlin: const val → val', () => {
  assert.match(plan('A.kt', `object Keys {\n    const val TOKEN = "${key}"\n}\n`).source!, /^ {4}val TOKEN = System\.getenv\("GITHUB_TOKEN"\)$/m);
});

test('Java: a constant used in an annotation or a switch case is refused with the reason', () => {
  assert.match(plan('A.java', `class A {\n  static final String TOKEN = "${key}";\n  @Named(TOKEN) void f() {}\n}\n`).result.refusal!, /TOKEN is used as a compile-time constant/);
  assert.match(plan('A.java', `class A {\n  static final String TOKEN = "${key}";\n  void f(String s) { switch (s) { case TOKEN: break; } }\n}\n`).result.refusal!, /compile-time constant/);
  assert.equal(plan('A.java', `class A {\n  static final String TOKEN = "${key}";\n  void f() { use(TOKEN); }\n}\n`).result.refusal, undefined);
});

test('Rust: const and static are refused; a literal followed by a method call is not borrowed', () => {
  assert.match(plan('main.rs', `const TOKEN: &str = "${key}";\n`).result.refusal!, /const or static cannot call std::env::var/);
  assert.match(plan('main.rs', `pub static TOKEN: &str = "${key}";\n`).result.refusal!, /const or static/);
  assert.match(plan('main.rs', `fn main() { let t = "${key}".to_string(); }\n`).source!, /let t = std::env::var\("GITHUB_TOKEN"\)\.expect\("GITHUB_TOKEN is not set"\)\.to_string\(\);/);
});

test('PHP: class constants and static properties are refused; an existing constructor gets the read', () => {
  assert.match(plan('a.php', `<?php\nclass A {\n    const TOKEN = '${key}';\n}\n`).result.refusal!, /class constant cannot call getenv/);
  assert.match(plan('a.php', `<?php\nclass A {\n    private static $token = '${key}';\n}\n`).result.refusal!, /static property/);
  assert.match(plan('a.php', `<?php\nclass A extends B {\n    private $token = '${key}';\n}\n`).result.refusal!, /extends another one/);
  const source = plan('a.php', `<?php\nclass A {\n    private ?string $token = 'x${key}';\n\n    public function __construct(int $n)\n    {\n        $this->n = $n;\n    }\n}\n`).source!;
  assert.equal(source, `<?php\nclass A {\n    private ?string $token;\n\n    public function __construct(int $n)\n    {\n        $this->token = (string) 'x' . getenv('GITHUB_TOKEN');\n        $this->n = $n;\n    }\n}\n`);
  assert.match(plan('a.php', `<?php\nfunction f() {\n    $token = '${key}';\n}\n`).source!, /\$token = getenv\('GITHUB_TOKEN'\);/, 'a function body is left as is');
});

test('TypeScript: requireEnv only under strict, helper added once', () => {
  assert.match(plan('a.ts', `const t = "${key}";\n`).source!, /process\.env\.GITHUB_TOKEN/);
  const strict = plan('a.ts', `const t = "${key}";\n`, { tsStrict: true }).source!;
  assert.match(strict, /const t = requireEnv\("GITHUB_TOKEN"\);/);
  assert.equal(strict.match(/function requireEnv/g)?.length, 1);
  assert.match(plan('a.js', `const t = "${key}";\n`, { tsStrict: true }).source!, /process\.env\.GITHUB_TOKEN/, 'plain JavaScript keeps process.env');
});
