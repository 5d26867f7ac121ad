// A config in the shape of gitleaks' default (test/fixtures/gitleaks-like.toml, written here): every rule
// compiles on RE2 or is reported with its line and reason, the Go/RE2 syntax it uses works, allowlists with
// ~400 stopwords apply, and line-bounded matching finds what whole-text matching finds.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { buildRuleSet, scanText } from '../../server/src/engine';
import { importGitleaksConfig } from '../../server/src/project/gitleaksConfig';
import { compileSafeRegex, namesLineBreak } from '../../server/src/project/safeRegex';
import { secret } from '../support/rules';
import { loadWorkspacePolicy } from '../../server/src/project/workspacePolicy';
import * as os from 'node:os';

const FIXTURE = path.resolve(__dirname, '..', '..', '..', 'test', 'fixtures', 'gitleaks-like.toml');
const text = fs.readFileSync(FIXTURE, 'utf8');
const imported = importGitleaksConfig(text, FIXTURE);
// As `--config gitleaks-like.toml` loads it: the config's rules replace the built-in ones, global allowlist applied.
const ruleSet = loadWorkspacePolicy(os.tmpdir(), [], { configFile: FIXTURE }).ruleSet;
const lineOf = (needle: string) => text.slice(0, text.indexOf(needle)).split('\n').length;

test('every rule loads or is reported with its line and reason', () => {
  const declared = [...text.matchAll(/^id = "([^"]+)"/gm)].map((m) => m[1]);
  const refused = imported.problems.filter((p) => p.severity === 'error' || /skipped/.test(p.message));
  assert.equal(declared.length, 26);
  assert.equal(imported.rules.length + refused.length, declared.length, 'each rule is either loaded or reported');
  assert.deepEqual(
    imported.problems.map((p) => `${p.line}:${p.severity}:${p.message.replace(/ \(.*$|: bad.*$|: they.*$/, '')}`),
    [
      `${lineOf('regexTarget = "match"')}:warning:rule generic-api-key: regexTarget "match" is applied to the secret value only`,
      `${lineOf('regexTarget = "line"')}:warning:rule generic-api-key: regexTarget "line" is applied to the secret value only`,
      `${lineOf('id = "refused-lookahead"')}:error:rule refused-lookahead: regex lookarounds`,
      `${lineOf('id = "refused-backreference"')}:error:rule refused-backreference: regex backreferences are not supported in workspace rules`,
      `${lineOf('id = "refused-possessive"')}:error:rule refused-possessive: regex invalid regular expression`,
      `${lineOf('id = "pkcs12-file"')}:warning:rule pkcs12-file: rules without "regex"`,
    ],
  );
});

/** Rule ids that match the sample, each rule scanned alone (no overlap resolution between them). */
function collectIds(sample: string, file: string): string[] {
  return ruleSet.rules.filter((rule) => scanText(sample, file, { ...ruleSet, ...buildRuleSet([rule]) }).length > 0).map((rule) => rule.id);
}

test('Go/RE2 syntax finds its secrets: (?i), (?-i:), POSIX classes, \\pL, \\z, (?P<name>), secretGroup, path', () => {
  const cases: Array<[string, string, string]> = [
    ['acme-live-key', `key = "${secret('acme_live_{alnum:32}', 'gl')}"\n`, 'src/a.py'],
    ['globex-token', `GBX_${secret('{alnumlower:40}', 'gl')}`.replace('GBX_', 'x = GBX_') + '\n', 'src/a.py'],
    ['wonka-posix', `t = wonka-${secret('{alnum:30}', 'gl')}\n`, 'a.txt'],
    ['cyberdyne-unicode', `t = cdy_Ωmeg${secret('{digits:20}', 'gl')}\n`, 'a.txt'],
    ['tyrell-end', `last tyrell_${secret('{alnumlower:24}', 'gl')}`, 'a.txt'],
    ['soylent-named', `soylent_token = "${secret('{alnum:32}', 'gl')}"\n`, 'a.txt'],
    ['oscorp-case', `k = Oscorp_ABCD_${secret('{hex:32}', 'gl')}\n`, 'a.txt'],
    ['umbrella-sk', `umbrella_secret = "${secret('{hex:48}', 'gl')}"\n`, 'a.txt'],
    ['nakatomi-path-scoped', `token: nkt_${secret('{alnumlower:30}', 'gl')}\n`, 'deploy/app.yaml'],
  ];
  for (const [id, sample, file] of cases) {
    // All imported rules share the generic category, so generic-api-key may win an overlap: the rule must fire.
    const fired = collectIds(sample, file);
    assert.ok(fired.includes(id), `${id} in ${JSON.stringify(sample)}: ${fired.join()}`);
  }
  assert.ok(!collectIds(`token: nkt_${secret('{alnumlower:30}', 'gl')}\n`, 'src/app.yaml').includes('nakatomi-path-scoped'), 'path limits the rule');
});

test('allowlists: ~400 stopwords, global paths and regexes', () => {
  const value = (word: string) => `api_key = "${word}${secret('{alnum:16}', 'gl-stop')}"\n`;
  assert.equal(scanText(value('Zq'), 'src/a.py', ruleSet).length, 1, 'generic-api-key finds a random value');
  assert.equal(scanText(value('word0399'), 'src/a.py', ruleSet).length, 0, 'the last stopword applies');
  assert.equal(scanText(value('PLACEHOLDER'), 'src/a.py', ruleSet).length, 0, 'stopwords ignore case');
  assert.equal(scanText(value('Zq'), 'node_modules/x/a.py', ruleSet).length, 0, 'global path allowlist');
});

test('line-bounded matching equals whole-text matching for patterns that name no line break', () => {
  assert.equal(namesLineBreak(String.raw`(?:[\x60'"\s;]|\\[nr]|$)`), false, 'an escaped backslash-n is not a line break');
  for (const pattern of [String.raw`a\nb`, String.raw`[\s\S]`, '(?s)a.b', String.raw`\x0a`]) assert.equal(namesLineBreak(pattern), true, pattern);
  const body = Array.from({ length: 200 }, (_, i) => (i % 7 === 3 ? `tok_${secret('{alnum:20}', `lb${i}`)} and tok_${secret('{alnum:20}', `lc${i}`)}` : `line ${i} — ünïcödé 😀`)).join('\n');
  const collect = (lineBounded: boolean) => {
    const re = compileSafeRegex('tok_([A-Za-z0-9]{20})', { secretGroup: 1, lineBounded, lineKeywords: lineBounded ? ['tok_'] : undefined });
    const out: string[] = [];
    for (let m = re.exec(body); m; m = re.exec(body)) out.push(`${m.index}:${m[0]}:${JSON.stringify((m as any).indices.groups.secret)}`);
    return out;
  };
  const whole = collect(false);
  assert.equal(whole.length, 58);
  assert.deepEqual(collect(true), whole);
});

test('long lines (minified code) are searched in windows around keywords and find what the whole line holds', () => {
  // One 60 KB line: tokens far apart, side by side, at both ends, and a keyword without a token.
  const parts = Array.from({ length: 120 }, (_, i) => (i % 9 === 0 ? `tok_${secret('{alnum:20}', `w${i}`)}tok_${secret('{alnum:20}', `x${i}`)}` : i % 5 === 0 ? `var a${i}="tok_short";` : `var v${i}=${'x'.repeat(400)};`));
  const line = `tok_${secret('{alnum:20}', 'first')} ${parts.join(' ')} tok_${secret('{alnum:20}', 'last')}`;
  const body = `short tok_${secret('{alnum:20}', 'short')}\n${line}\nend`;
  const collect = (lineBounded: boolean) => {
    const re = compileSafeRegex('\\btok_([A-Za-z0-9]{20})', { secretGroup: 1, lineBounded, lineKeywords: lineBounded ? ['tok_'] : undefined });
    const out: string[] = [];
    for (let m = re.exec(body); m; m = re.exec(body)) out.push(`${m.index}:${m[0]}:${JSON.stringify((m as any).indices.groups.secret)}`);
    return out;
  };
  const whole = collect(false);
  assert.equal(whole.length, 1 + 1 + 1 + 14);
  assert.deepEqual(collect(true), whole);
});
