// A team's realistic .gitleaks.toml and .gitleaksignore, read as gitleaks would: custom rules with
// secretGroup, keywords, entropy and allowlists, [extend] useDefault, a global allowlist, fingerprints.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { scanText } from '../../server/src/engine';
import { importGitleaksConfig, parseGitleaksIgnore } from '../../server/src/project/gitleaksConfig';
import { dropIgnored, loadWorkspacePolicy } from '../../server/src/project/workspacePolicy';
import { builtinRuleSet, secret } from '../support/rules';

const GITLEAKS_TOML = `title = "Acme gitleaks config"

[extend]
useDefault = true
disabledRules = ["slack-webhook-url"]

[[rules]]
id = "acme-internal-token"
description = "Acme internal API token"
regex = '''(?i)(?:acme)(?:[0-9a-z\\-_\\t .]{0,20})(?:[\\s|']|[\\s|"]){0,3}(?:=|>|:{1,3}=|\\|\\|:|<=|=>|:|\\?=)(?:'|\\"|\\s|=|\\x60){0,5}([0-9a-z]{32})(?:['|\\"|\\n|\\r|\\s|\\x60|;]|$)'''
secretGroup = 1
entropy = 3.5
keywords = ["acme"]
tags = ["internal"]

  [[rules.allowlists]]
  description = "test tokens"
  regexes = ['''^0{8}''']
  paths = ['''(^|/)testdata/''']

[[rules]]
id = "acme-session"
description = "Acme session cookie"
regex = '''acme_sess=(?P<value>[A-Za-z0-9]{20,})'''
keywords = ["acme_sess"]

[[rules]]
id = "lookaround"
regex = '''key(?=[0-9]{4})'''

[[rules]]
id = "big-files"
path = '''\\.pfx$'''

[allowlist]
description = "global allowlist"
paths = ['''(^|/)vendor/''', '''\\.lock$''']
stopwords = ["notasecret"]
`;

const token = secret('{alnumlower:32}', 'gitleaks');
const session = secret('{alnum:24}', 'gitleaks');

test('rules, secretGroup, allowlists and [extend] are imported; unsupported rules are reported at their line', () => {
  const imported = importGitleaksConfig(GITLEAKS_TOML, '.gitleaks.toml');
  assert.equal(imported.useDefault, true);
  assert.deepEqual(imported.disabledRules, ['slack-webhook-url']);
  assert.deepEqual(imported.rules.map((r) => r.id), ['acme-internal-token', 'acme-session']);
  assert.deepEqual(
    imported.problems.map((p) => `${p.line}:${p.severity}:${p.message}`),
    [
      '28:error:rule lookaround: regex lookarounds ((?=…), (?!…), (?<=…), (?<!…)) are not supported in workspace rules: they cannot be matched in linear time; rule disabled',
      '32:warning:rule big-files: rules without "regex" (path-only rules) are not supported; skipped',
    ],
  );
  const rule = imported.rules[0];
  assert.equal(rule.title, 'Acme internal API token');
  assert.equal(rule.entropy, 3.5);
  assert.deepEqual(rule.keywords, ['acme']);
});

function policyFor(files: Record<string, string>) {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'sh-gitleaks-'));
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(root, name), text);
  return loadWorkspacePolicy(root, builtinRuleSet().rules);
}

test('imported rules find their secret group exactly, and keep the built-in rules with useDefault', () => {
  const policy = policyFor({ '.gitleaks.toml': GITLEAKS_TOML });
  assert.ok(policy.ruleSet.byId.has('aws-access-key-id'), 'useDefault keeps the built-in rules');
  assert.ok(!policy.ruleSet.byId.has('slack-webhook-url'), 'disabledRules removes one');
  const text = `const é = "😀";\nACME_API_TOKEN = "${token}"\ncookie = "acme_sess=${session}"\n`;
  const findings = scanText(text, 'src/app.py', policy.ruleSet);
  assert.deepEqual(findings.map((f) => [f.ruleId, text.slice(f.start, f.end)]), [
    ['acme-internal-token', token],
    ['acme-session', session],
  ]);
  assert.ok(findings.every((f) => !f.masked.includes(token.slice(4, 28))));
});

test('per-rule and global allowlists: paths, regexes and stopwords', () => {
  const policy = policyFor({ '.gitleaks.toml': GITLEAKS_TOML });
  const line = (value: string) => `acme_token = "${value}"\n`;
  // Built-in generic rules may still see a random value under a token name: count the team rule's findings.
  const acme = (text: string, file: string) => scanText(text, file, policy.ruleSet).filter((f) => f.ruleId.startsWith('acme-'));
  assert.equal(acme(line(token), 'pkg/testdata/a.txt').length, 0, 'rule allowlist path');
  assert.equal(acme(line(`00000000${token.slice(8)}`), 'src/a.txt').length, 0, 'rule allowlist regex');
  assert.equal(scanText(line(token), 'vendor/lib/a.txt', policy.ruleSet).length, 0, 'global allowlist path');
  assert.equal(scanText(`acme_sess=notasecret${session}`, 'a.txt', policy.ruleSet).length, 0, 'global stopword');
  assert.equal(scanText(line(token), 'src/a.txt', policy.ruleSet).length, 1, 'elsewhere it is found');
});

test('without [extend] useDefault a gitleaks config replaces the built-in rules, as in gitleaks', () => {
  const policy = policyFor({ '.gitleaks.toml': GITLEAKS_TOML.replace('useDefault = true', 'useDefault = false') });
  assert.deepEqual([...policy.ruleSet.byId.keys()].sort(), ['acme-internal-token', 'acme-session']);
});

test('.gitleaksignore fingerprints (with or without a commit) silence exactly that finding', () => {
  const ignored = parseGitleaksIgnore(`# reviewed\nsrc/app.py:acme-internal-token:2\n0123456789abcdef0123456789abcdef01234567:src/other.py:acme-session:1\n\n`);
  assert.deepEqual([...ignored], ['src/app.py:acme-internal-token:2', 'src/other.py:acme-session:1']);
  const policy = policyFor({ '.gitleaks.toml': GITLEAKS_TOML, '.gitleaksignore': 'src/app.py:acme-internal-token:2\n' });
  const text = `# a\nACME_TOKEN = "${token}"\nACME_TOKEN_2 = "${token}"\n`;
  const kept = dropIgnored(policy, 'src/app.py', text, scanText(text, 'src/app.py', policy.ruleSet));
  assert.deepEqual(kept.map((f) => f.ruleId), ['acme-internal-token']);
  assert.equal(text.slice(0, kept[0].start).split('\n').length, 3);
});

test('a TOML syntax error is reported with its line and column, and nothing else is read', () => {
  const imported = importGitleaksConfig('[[rules]]\nid = "x"\nregex = "unterminated\n', '.gitleaks.toml');
  assert.equal(imported.rules.length, 0);
  assert.equal(imported.problems.length, 1);
  assert.equal(imported.problems[0].line, 3);
  assert.match(imported.problems[0].message, /^TOML: /);
});

test('problems in a second allowlist point at its own line and column, not at the first one (issue 11)', () => {
  const toml = [
    '[[allowlists]]',
    'description = "first"',
    "regexes = ['''(?<=a)b''']",
    '[[allowlists]]',
    'description = "second"',
    'regexTarget = "match"',
    "regexes = ['''(?<=a)b''']",
    '[[rules]]',
    'id = "r1"',
    "regex = '''r1_[a-z]{8}'''",
    '[[rules.allowlists]]',
    "regexes = ['''(?!x)y''']",
    '[[rules.allowlists]]',
    'regexTarget = "match"',
    "  regexes = ['''(?!x)y''']",
    '[[rules]]',
    'id = "r2"',
    "regex = '''r2_[a-z]{8}'''",
    '[[rules.allowlists]]',
    "regexes = ['''(?!x)y''']",
  ].join('\n');
  const imported = importGitleaksConfig(toml, '.gitleaks.toml');
  assert.deepEqual(
    imported.problems.map((p) => `${p.line}:${p.column}-${p.endColumn} ${p.severity} ${p.message.split(':')[0]}`),
    [
      '3:15-22 error global allowlist',
      '6:15-22 warning global allowlist',
      '7:15-22 error global allowlist',
      '12:15-21 error rule r1',
      '14:15-22 warning rule r1',
      '15:17-23 error rule r1',
      '20:15-21 error rule r2',
    ],
  );
});
