// Issue 11 item 4: a malformed pattern in a team rule, a gitleaks rule or allowlist, or an allowlist value
// is reported with its reason and place, never quoting the pattern (which may be the secret itself):
// not in the policy's problems (editor diagnostics), not on the CLI's stderr (CI logs).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { compileRuleFile } from '../../server/src/engine';
import { compileSafeRegex } from '../../server/src/project/safeRegex';
import { loadWorkspacePolicy } from '../../server/src/project/workspacePolicy';
import { builtinRuleSet, secret } from '../support/rules';

const CLI = path.resolve(__dirname, '..', '..', '..', 'dist', 'cli.js');
const value = secret('{alnum:20}', 'regex-error');
/** Broken around the value in every way RE2 and V8 report differently. */
const BROKEN = [`${value}(`, `${value}[`, `${value}[z-a]`, `${value}\\`, `${value}\\q`, `${value}**`, `${value}{2,1}`, `(${value}))`, `${value}(?z)`, `${value}\\p{Foo}`];

/** No run of 6 characters of the value shows (a masked preview may show 4). */
function assertNoValue(text: string): void {
  for (let i = 0; i + 6 <= value.length; i++) assert.ok(!text.includes(value.slice(i, i + 6)), `leaks "${value.slice(i, i + 6)}…" in: ${text}`);
}

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'sh-regexerr-'));
after(() => fs.rmSync(root, { recursive: true, force: true }));

test('RE2 errors keep the reason and the position, not the pattern', () => {
  for (const pattern of BROKEN) {
    assert.throws(
      () => compileSafeRegex(pattern),
      (error: Error) => {
        assertNoValue(error.message);
        assert.match(error.message, /^invalid regular expression: [a-z]|not supported/);
        return true;
      },
    );
  }
  assert.throws(() => compileSafeRegex(`${value}\\q`), /invalid escape sequence at character 21 of the pattern/);
});

test('V8 errors in built-in-format rule files (pattern and allow) do not quote them', () => {
  const spec = { provider: 'Acme', rules: BROKEN.map((pattern, i) => ({ id: `r${i}`, title: 'r', category: 'generic', keywords: ['acme'], pattern: `acme${pattern}`, allow: [pattern], examples: { positive: ['acme'], negative: [] } })) };
  const result = compileRuleFile(spec, 'team.json');
  const messages = result.errors.map((e) => `${e.field}: ${e.message}`);
  assert.ok(messages.filter((m) => m.startsWith('pattern: is not a valid regular expression: ')).length >= BROKEN.length - 2, messages.join('\n'));
  assert.ok(messages.some((m) => m === 'allow: entry 1 is not a valid regular expression: Unterminated group'), messages.join('\n'));
  assertNoValue(messages.join('\n'));
});

test('workspace policy problems and CLI stderr never show the value', () => {
  const quoted = (s: string) => JSON.stringify(s);
  fs.mkdirSync(path.join(root, '.secret-hygiene', 'rules'), { recursive: true });
  fs.writeFileSync(path.join(root, '.secret-hygiene', 'config.json'), `{ "allowlist": [ { "values": [${BROKEN.map(quoted).join(', ')}] } ] }\n`);
  fs.writeFileSync(
    path.join(root, '.secret-hygiene', 'rules', 'team.json'),
    JSON.stringify({ provider: 'Acme', rules: BROKEN.map((pattern, i) => ({ id: `t${i}`, title: 't', category: 'generic', keywords: ['acme'], pattern: `acme${pattern}`, allow: [pattern] })) }),
  );
  const literal = (s: string) => `'''${s}'''`;
  fs.writeFileSync(
    path.join(root, '.gitleaks.toml'),
    `[[rules]]\nid = "ok"\nregex = '''acme_[a-z]{8}'''\n[[rules.allowlists]]\nregexes = [${BROKEN.map(literal).join(', ')}]\n\n[[rules]]\nid = "bad"\nregex = ${literal(BROKEN[0])}\n\n[allowlist]\nregexes = [${BROKEN.map(literal).join(', ')}]\n`,
  );
  fs.writeFileSync(path.join(root, 'app.txt'), 'nothing\n');
  const policy = loadWorkspacePolicy(root, builtinRuleSet().rules);
  const problems = [...policy.problems.values()].flat();
  assert.ok(problems.length >= 3 * BROKEN.length, `${problems.length} problems`);
  assertNoValue(problems.map((p) => p.message).join('\n'));
  const cli = spawnSync(process.execPath, [CLI, 'scan', '.'], { cwd: root, encoding: 'utf8' });
  assert.match(cli.stderr, /config\.json:1:\d+: error: invalid regular expression: missing \)/);
  assertNoValue(cli.stderr + cli.stdout);
});
