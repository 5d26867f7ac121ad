// Imported patterns that start with an optional character-class run (gitleaks' generic rules) are searched
// first without it and with counted repetitions widened (issue 15: gitleaks' default config within 2× of the
// built-in rules' time). The probe may only ever skip text where the pattern finds nothing: matches, their
// offsets and secret groups must be exactly those of the whole pattern, on every path (batches of short lines,
// lines alone, windows of long lines, several matches per line, text before the keyword, Unicode).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { importGitleaksConfig } from '../../server/src/project/gitleaksConfig';
import { regexProbe, relaxCounts, smallCounts } from '../../server/src/project/regexProbe';
import { compileSafeRegex, liveRe2Patterns, releaseSafeRegexes } from '../../server/src/project/safeRegex';
import { secret } from '../support/rules';

const R = String.raw;

test('regexProbe: the optional class run each alternative starts with goes, also inside a leading group', () => {
  assert.deepEqual(regexProbe(R`(?i)[\w.-]{0,50}?(?:key|secret)\s*=\s*([a-z0-9]{16})`), { probe: R`(?i)(?:key|secret)\s*=\s*([a-z0-9]{16})`, maxDropped: 50 });
  assert.deepEqual(regexProbe(R`[a-z]{0,3}foo|\d?bar`), { probe: 'foo|bar', maxDropped: 3 });
  assert.deepEqual(regexProbe(R`[\w.-]{0,50}?(?i:[\w.-]{0,50}?(?:pwd|pass))=(\w+)`), { probe: R`(?i:(?:pwd|pass))=(\w+)`, maxDropped: 100 });
  assert.deepEqual(regexProbe(R`[|\]]*?(tok)_\d{3}`), { probe: R`(tok)_\d{3}`, maxDropped: Infinity });
  assert.deepEqual(regexProbe(R`\pL?\p{Greek}{0,2}(?P<v>x+)`), { probe: R`(?P<v>x+)`, maxDropped: 3 });
});

test('regexProbe: upper bounds of wide counted repetitions go; narrow ones and exact counts stay', () => {
  assert.equal(relaxCounts(R`a{0,40}f{1,40}b{1,9}c{10,150}?d{2,14}g{0,20}e{32}[x{0,99}]\{0,99}`), R`a*f+b{1,9}c{10,}d{2,14}g*e{32}[x{0,99}]\{0,99}`);
  assert.deepEqual(regexProbe(R`\b(hvb\.[\w-]{138,300})\b`), { probe: R`\b(hvb\.[\w-]{138,})\b`, maxDropped: 0 });
});

test('regexProbe: nothing to remove, or nothing left, or a piece that must stay whole', () => {
  assert.equal(regexProbe(R`\bghp_[A-Za-z0-9]{36}\b`), undefined);
  assert.equal(regexProbe(R`[a-z]{0,3}`), undefined, 'an alternative left empty matches everywhere');
  assert.equal(regexProbe(R`foo|[a-z]?`), undefined);
  assert.equal(regexProbe(R`\Q[a]?\Ex`), undefined);
  assert.equal(regexProbe(R`(?:[a-z]?x)+y`), undefined, 'a repeated group keeps its first piece');
  assert.equal(regexProbe(R`(?:[a-z]?x)?y`), undefined, 'an optional group too');
  assert.equal(regexProbe(R`\b[a-z]?foo`), undefined, 'a piece after an assertion stays (the assertion belongs to it)');
  assert.equal(regexProbe(R`[a-z]{1,2}foo`), undefined, 'a run that must match at least once stays');
  assert.equal(regexProbe(R`(foo`), undefined);
});

/** Every match of `pattern` in `body` (offset, text, secret span), line-bounded with keywords, probe on or off. */
function matches(pattern: string, body: string, keywords: string[], prefixProbe: boolean): string[] {
  const re = compileSafeRegex(pattern, { secretGroup: 'first', lineBounded: true, lineKeywords: keywords, prefixProbe });
  const out: string[] = [];
  for (let m = re.exec(body); m; m = re.exec(body)) {
    const secretAt = (m.indices as unknown as { groups?: { secret?: [number, number] } }).groups?.secret;
    out.push(`${m.index}:${m[0]}:${secretAt?.join('-') ?? ''}`);
    if (m[0].length === 0) re.lastIndex++;
  }
  return out;
}

test('the probe finds exactly what the whole pattern finds (issue 15)', () => {
  const token = (seed: string, n = 24) => secret(`{alnum:${n}}`, seed);
  const lines: string[] = [];
  for (let i = 0; i < 600; i++) {
    const v = token(`v${i}`);
    if (i % 5 === 0) lines.push(`const my_service.api_key = "${v}";`); // a long run of class characters before the keyword
    else if (i % 7 === 0) lines.push(`${'x'.repeat(60)}token=${v} and secret: '${token(`w${i}`)}'`); // run longer than the bound; two matches
    else if (i % 11 === 0) lines.push(`api_key = shortval; token = ${'y'.repeat(200)}`); // keyword, values too short or too long
    else if (i % 13 === 0) lines.push(`var s = "${'z'.repeat(3000)} db_password=${v}; more ${'q'.repeat(2500)} apikey: ${token(`u${i}`)}"`); // long line: windows
    else if (i % 17 === 0) lines.push(`ключ key=${v} ✓ 😀 secret = ${token(`t${i}`)}`);
    else if (i % 19 === 0) lines.push(`key=`); // a keyword whose separator has nothing after it on the line
    else if (i % 23 === 0) lines.push(`PASSWORD := ${v}`);
    else lines.push(`function handler${i}(request) { return request.key + ${i}; }`);
  }
  const body = lines.join('\n');
  const keywords = ['key', 'token', 'secret', 'password'];
  for (const pattern of [
    R`(?i)[\w.-]{0,50}?(?:key|token|secret|passw(?:or)?d)(?:[ \t\w.-]{0,20})[\s'"]{0,3}(?:=|:{1,3}=|:)[\x60'"\s=]{0,5}([\w.=-]{10,150})(?:[\x60'"\s;]|$)`,
    R`[\w.-]{0,50}?(?i:[\w.-]{0,50}?(?:db_passw(?:or)?d|key)(?:[ \t\w.-]{0,20})[\s'"]{0,3})(?:=|:)[\x60'"\s=]{0,5}([a-zA-Z0-9]{1,100})(?:[\x60'"\s;]|$)`,
    R`[a-z_.]*(?:key|secret)\s*[:=]\s*["']?([A-Za-z0-9]{20,40})`,
    R`[\w]{0,8}(token)=([A-Za-z0-9]{24})|\d?(?i:password)\s*:=\s*(\w{8,64})`,
    R`\b(?:key|token)\s*=\s*([A-Za-z0-9]{10,150})\b`,
  ]) {
    const expected = matches(pattern, body, keywords, false);
    assert.ok(expected.length > 15, `${pattern}: only ${expected.length} matches`);
    assert.deepEqual(matches(pattern, body, keywords, true), expected, pattern);
    // Without keywords every line is a candidate (a rule whose keywords are too common to use).
    assert.deepEqual(matches(pattern, body, [], true), matches(pattern, body, [], false), `${pattern} without keywords`);
  }
});

test('smallCounts: the stand-in a lazily compiled pattern is checked on keeps its syntax with counts of 2 at most', () => {
  assert.equal(smallCounts(R`(?i)[\w.-]{0,50}?key[a-z]{10,150}x{3}\x{41}\p{Greek}{5,}[{]{9}`), R`(?i)[\w.-]{0,2}?key[a-z]{2,2}x{2}\x{41}\p{Greek}{2,}[{]{2}`);
  assert.equal(smallCounts('(?:ab){3,5}'), undefined, 'a count on a group');
  assert.equal(smallCounts('a{2000}'), undefined, "over RE2's limit");
  assert.equal(smallCounts('a{5,3}'), undefined);
});

test('imported gitleaks rules compile on first use; a pattern RE2 refuses is still reported at load (issue 15)', () => {
  const toml = [
    '[[rules]]',
    'id = "lazy-one"',
    String.raw`regex = '''(?i)[\w.-]{0,40}?(?:lazyprobe)\s*=\s*([a-z0-9]{24,64})'''`,
    'keywords = ["lazyprobe"]',
    '[[rules]]',
    'id = "too-many"',
    String.raw`regex = '''x{1001}'''`,
    '[[rules]]',
    'id = "lookahead"',
    String.raw`regex = '''lazyprobe(?=[0-9])'''`,
  ].join('\n');
  const before = liveRe2Patterns();
  const imported = importGitleaksConfig(toml, '.gitleaks.toml');
  assert.deepEqual(imported.rules.map((r) => r.id), ['lazy-one']);
  assert.deepEqual(imported.problems.map((p) => p.line), [6, 9], 'at their ids');
  assert.equal(liveRe2Patterns(), before, 'nothing compiled at load');
  const value = secret('{alnum:30}', 'lazy').toLowerCase();
  const regex = imported.rules[0].regex;
  const body = `${'const x = 1;\n'.repeat(3)}const my.lazyprobe = ${value}\n`;
  const match = regex.exec(body);
  assert.equal(match?.[1], value);
  assert.ok(liveRe2Patterns() > before, 'compiled by its first search');
  releaseSafeRegexes([regex]);
  assert.equal(liveRe2Patterns(), before);
});
