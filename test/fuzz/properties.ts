// Property-based checks (fast-check) over the engine and the fix planners (issue 11, Done when): random and
// mutated source, encodings, line endings and escapes; no crash, no hang, no lost byte. Each property takes
// its run count, so `npm test` runs a few thousand inputs (fuzz.test.ts) and `npm run fuzz` (run.ts) 100,000+.
import assert from 'node:assert/strict';
import { parse } from 'dotenv';
import fc from 'fast-check';
import picomatch from 'picomatch';
import { IncrementalScanner, maskSecret, parseEnvFile, scanText, type RuleSet } from '../../server/src/engine';
import { compileGlob, GlobError } from '../../server/src/engine/glob';
import { isSuppressed } from '../../server/src/engine/suppressions';
import { planIgnoreComment } from '../../server/src/fixes/ignoreComment';
import { planMoveToEnv } from '../../server/src/fixes/moveToEnv';
import { classifyBytes } from '../../server/src/project/fileWalker';
import { applyPlan, applyReplaces } from '../support/applyEdit';
import { ENV, memoryFacts } from '../support/envFacts';
import { builtinRuleSet, secret } from '../support/rules';

export interface Property {
  name: string;
  /** Runs `runs` generated inputs; throws (with fast-check's shrunk counterexample) on the first failure. */
  check(runs: number, seed?: number): void;
  /** Share of the `npm run fuzz` budget (the slow properties get fewer inputs). */
  weight: number;
}

/** How many generated inputs reached a plan (the rest were refused): a property that only ever sees refusals proves nothing. */
export const planned = { moveToEnv: { tried: 0, planned: 0 }, ignoreComment: { tried: 0, planned: 0 } };

let rules: RuleSet | undefined;
const ruleSet = () => (rules ??= builtinRuleSet());

/** Planted secrets, generated at run time (never committed): AWS, GitHub, Stripe, OpenAI shapes. */
const PLANTED = [secret('AKIA{alnumupper:16}', 'fuzz-aws'), secret('ghp_{alnum:36}', 'fuzz-gh'), secret('sk_live_{alnum:24}', 'fuzz-stripe'), secret('sk-proj-{alnum:60}T3BlbkFJ{alnum:60}', 'fuzz-openai')];

/** Source fragments: code, config, secret-ish names, quotes, escapes, encodings, odd Unicode. */
const FRAGMENTS = [
  'const ', 'let x = ', 'api_key = ', 'password: ', 'token=', 'secret', '"', "'", '`', '${', '}', '(', ')', '{', '[', ']', ';', ',', ' ', '\t',
  '\\n', '\\"', '\\x41', '\\u00e9', '\\\\', '%2F', '%41', '==', 'base64:', 'Bearer ', 'https://user:', '@host/', '-----BEGIN ', 'PRIVATE KEY-----',
  '#', '//', '/*', '*/', '<!--', 'é', '😀', '\u200b', '\u2028', '\ufeff', '\u0000', 'AKIA', 'ghp_', 'sk_live_', 'xoxb-', 'export ', 'NEXT_PUBLIC_', 'process.env.',
  'aGVsbG8gd29ybGQgdGhpcyBpcyBiYXNlNjQ=', 'Zm9vYmFyYmF6cXV4', '0123456789abcdef', 'ABCDEFGHIJKLMNOP', 'qwertyuiopasdfgh',
];
const EOL = fc.constantFrom('\n', '\r\n', '\r');

/** Random source: fragments, planted secrets and random strings, joined by random line endings. */
const source = fc
  .array(fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...FRAGMENTS) }, { weight: 1, arbitrary: fc.constantFrom(...PLANTED) }, { weight: 2, arbitrary: fc.string({ maxLength: 12, unit: 'binary' }) }, { weight: 2, arbitrary: EOL }), { maxLength: 120 })
  .map((parts) => parts.join(''));

function checkFindings(text: string, path: string): void {
  const findings = scanText(text, path, ruleSet());
  for (const f of findings) {
    assert.ok(f.start >= 0 && f.start < f.end && f.end <= text.length, `range ${f.start}-${f.end} in ${text.length}`);
    const value = text.slice(f.start, f.end);
    // Never leak: the preview shows no run of the value longer than its masked ends.
    for (let i = 0; i + 9 <= value.length; i++) assert.ok(!f.masked.includes(value.slice(i, i + 9)), `${f.ruleId} masked preview leaks`);
  }
  assert.deepEqual(scanText(text, path, ruleSet()), findings, 'deterministic');
}

const PATHS = fc.constantFrom('src/app.ts', 'config.py', '.env', 'settings.yaml', 'main.go', 'a.json', 'Dockerfile', 'notes.txt');

export const PROPERTIES: Property[] = [
  {
    name: 'scanText: random source never throws, ranges in bounds, previews never leak, results deterministic',
    weight: 3,
    check: (runs, seed) => fc.assert(fc.property(source, PATHS, (text, path) => checkFindings(text, path)), { numRuns: runs, seed }),
  },
  {
    name: 'scanText: a planted key on its own line is found at its exact offsets, whatever surrounds it and whatever the line endings',
    weight: 3,
    check: (runs, seed) =>
      fc.assert(
        fc.property(fc.array(source, { maxLength: 4 }), fc.array(source, { maxLength: 4 }), fc.constantFrom(...PLANTED), EOL, (before, after, key, eol) => {
          // Lines of the soup, each made safe to sit next to the planted one: no open quote or comment reaches it.
          const neutral = (lines: string[]) => lines.map((l) => `n = 1 ${l.replace(/[\r\n]/g, ' ').replace(/["'`\\/*#<]/g, ' ')}`);
          const head = [...neutral(before), ''].join(eol);
          const line = `aws = "${key}"`;
          const text = `${head}${line}${eol}${neutral(after).join(eol)}`;
          const start = head.length + line.indexOf(key);
          const found = scanText(text, 'src/config.txt', ruleSet()).filter((f) => f.category !== 'hygiene');
          assert.ok(found.some((f) => f.start === start && f.end === start + key.length), `key at ${start} not found: ${JSON.stringify(found.map((f) => [f.ruleId, f.start, f.end]))}`);
        }),
        { numRuns: runs, seed },
      ),
  },
  {
    name: 'random bytes (invalid UTF-8, BOMs, UTF-16, NULs): classified and scanned without a crash',
    weight: 2,
    check: (runs, seed) =>
      fc.assert(
        fc.property(fc.uint8Array({ maxLength: 400 }), fc.constantFrom(new Uint8Array(), new Uint8Array([0xef, 0xbb, 0xbf]), new Uint8Array([0xff, 0xfe])), (bytes, bom) => {
          const all = new Uint8Array([...bom, ...bytes]);
          const read = classifyBytes(all);
          if (read.kind === 'text') checkFindings(read.text, 'blob.txt');
        }),
        { numRuns: runs, seed },
      ),
  },
  {
    name: 'incremental scans equal full scans after random edits',
    weight: 1,
    check: (runs, seed) =>
      fc.assert(
        fc.property(source, fc.array(fc.tuple(fc.nat(), fc.nat({ max: 40 }), source), { minLength: 1, maxLength: 6 }), (initial, edits) => {
          const scanner = new IncrementalScanner(ruleSet(), 'src/file.ts');
          let text = initial;
          scanner.update(text);
          for (const [at, length, inserted] of edits) {
            const start = text.length === 0 ? 0 : at % (text.length + 1);
            const end = Math.min(text.length, start + length);
            scanner.applyEdit({ start, end, insertedLength: inserted.length });
            text = text.slice(0, start) + inserted + text.slice(end);
            const strip = (fs: ReturnType<typeof scanText>) => fs.map((f) => `${f.ruleId}@${f.start}-${f.end}`);
            assert.deepEqual(strip(scanner.update(text)), strip(scanText(text, 'src/file.ts', ruleSet())));
          }
        }),
        { numRuns: runs, seed },
      ),
  },
  {
    name: '.env parsing agrees with dotenv on every value (random names, quotes, comments, export, line endings)',
    weight: 3,
    check: (runs, seed) => {
      const name = fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_.-]{0,8}$/);
      const value = fc.oneof(
        fc.string({ maxLength: 16 }).map((v) => v.replace(/[\r\n]/g, '')),
        fc.string({ maxLength: 16 }).map((v) => `"${v.replace(/"/g, '')}"`),
        fc.string({ maxLength: 16 }).map((v) => `'${v.replace(/'/g, '')}'`),
        fc.constantFrom('a#b', 'a #b', '"a\\nb"', "'a\\nb'", '"multi\nline"', '', ' spaced ', '`back`', '"x" # c', '${OTHER}'),
      );
      const line = fc.oneof(
        fc.tuple(fc.constantFrom('', 'export ', '  '), name, fc.constantFrom('=', ' = ', '= ', ': '), value).map(([p, n, s, v]) => `${p}${n}${s}${v}`),
        fc.constantFrom('# comment', '', '   ', 'not a line', '='),
      );
      fc.assert(
        fc.property(fc.array(line, { maxLength: 8 }), EOL, (lines, eol) => {
          const text = lines.join(eol);
          const expected = parse(text);
          const ours = new Map(parseEnvFile(text).map((e) => [e.name, e.value]));
          for (const [key, v] of Object.entries(expected)) assert.equal(ours.get(key), v, `${key} in ${JSON.stringify(text)}`);
        }),
        { numRuns: runs, seed },
      );
    },
  },
  {
    name: 'Move to .env: .env holds the runtime value of escaped literals, no other source line is lost, CRLF kept',
    weight: 2,
    check: (runs, seed) => {
      const unit = fc.oneof(
        { weight: 8, arbitrary: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_+/=.:@') },
        { weight: 2, arbitrary: fc.constantFrom('"', "'", '\\', '\n', '\t', ' ', '#', '$', '`', 'é', '😀') },
      );
      const runtime = fc.array(unit, { minLength: 8, maxLength: 40 }).map((u) => u.join(''));
      const language = fc.constantFrom({ file: 'src/a.ts', line: (v: string) => `const apiToken = "${v}";` }, { file: 'app.py', line: (v: string) => `api_token = "${v}"` }, { file: 'src/b.js', line: (v: string) => `module.exports.apiToken = "${v}";` });
      fc.assert(
        fc.property(runtime, language, fc.array(fc.constantFrom(...FRAGMENTS.filter((f) => !/["'`\\\r\n]/.test(f))), { maxLength: 6 }), fc.constantFrom('\n', '\r\n'), fc.array(fc.boolean(), { minLength: 40, maxLength: 40 }), (value, lang, others, eol, choices) => {
          const escaped = escapeForDoubleQuotes(value, choices);
          const lines = [`// ${others.join('')}`, lang.line(escaped), `// end ${others.length}`];
          const text = lines.join(eol) + eol;
          const start = text.indexOf(escaped);
          const facts = memoryFacts(lang.file, text);
          const plan = planMoveToEnv({ ruleId: 'generic-token', start, end: start + escaped.length, envName: 'API_TOKEN', masked: maskSecret(value) }, facts);
          planned.moveToEnv.tried++;
          if (plan.refusal) return;
          planned.moveToEnv.planned++;
          const files = applyPlan(plan, { [facts.sourcePath]: text });
          assert.equal(parse(files[ENV]!)[plan.envName!], value, 'the runtime value lands in .env');
          const after = files[facts.sourcePath]!;
          for (const kept of [lines[0], lines[2]]) assert.ok(after.includes(kept + eol), 'other lines kept');
          if (eol === '\r\n') assert.ok(!/[^\r]\n/.test(after), 'CRLF kept');
          assert.ok(!after.includes(escaped) || escaped.length < 8, 'the value left the source');
        }),
        { numRuns: runs, seed },
      );
    },
  },
  {
    name: 'Ignore this finding: only inserts (no byte lost), in the line\'s line ending, and the engine then drops the finding',
    weight: 2,
    check: (runs, seed) =>
      fc.assert(
        fc.property(source, source, fc.constantFrom('a.ts', 'a.py', 'q.sql', 'i.html', 'Dockerfile', '.env.local', 'a.rb', 'main.go', 'a.yaml'), fc.constantFrom(...PLANTED), (before, after, file, key) => {
          const text = `${before}${key}${after}`;
          const start = before.length;
          const plan = planIgnoreComment(`/p/${file}`, text, start, 'github-pat');
          planned.ignoreComment.tried++;
          if (plan.refusal) return;
          planned.ignoreComment.planned++;
          const edits = plan.changes[0].edits;
          assert.ok(edits.every((e) => e.start === e.end), 'inserts only');
          const result = applyReplaces(text, edits);
          const moved = start + edits.filter((e) => e.start <= start).reduce((sum, e) => sum + e.newText.length, 0);
          assert.equal(result.slice(moved, moved + key.length), key);
          assert.ok(isSuppressed(result, { ruleId: 'github-pat', start: moved, end: moved + key.length }), 'the engine honours it');
        }),
        { numRuns: runs, seed },
      ),
  },
  {
    name: 'workspace globs answer as picomatch does on ordinary globs and paths',
    weight: 3,
    check: (runs, seed) => {
      // `**` only as a whole segment: picomatch reads `**{a,b}` as a globstar but `**a` as a star; we read both as a star.
      const segment = fc.oneof({ weight: 1, arbitrary: fc.constant('**') }, { weight: 4, arbitrary: fc.array(fc.constantFrom('a', 'b', '.', '*', '?', '[ab]', '{a,b}'), { minLength: 1, maxLength: 3 }).map((s) => s.join('')).filter((s) => !s.includes('**')) });
      const glob = fc.array(segment, { minLength: 1, maxLength: 4 }).map((s) => s.join('/'));
      const pathSegment = fc.array(fc.constantFrom('a', 'b', '.'), { minLength: 1, maxLength: 3 }).map((s) => s.join('')).filter((s) => s !== '.' && s !== '..');
      const filePath = fc.array(pathSegment, { minLength: 1, maxLength: 4 }).map((s) => s.join('/'));
      fc.assert(
        fc.property(glob, filePath, (g, p) => {
          // picomatch's own inconsistency: `?/**` and `a/**` match `a`, `*/**` and `a*/**` do not; ours treat
          // every `X/**` like `a/**`.
          if (/\*[^/]*\/\*\*$/.test(g)) return;
          let ours: boolean;
          try {
            ours = compileGlob(g).matches(p);
          } catch (error) {
            if (error instanceof GlobError) return; // refused (too many {…} expansions): never matches
            throw error;
          }
          assert.equal(ours, picomatch(g, { dot: true })(p), `${g} on ${p}`);
        }),
        { numRuns: runs, seed },
      );
    },
  },
  {
    name: 'masked previews: at most 4 characters of a value under 24 characters beyond a provider prefix',
    weight: 1,
    check: (runs, seed) =>
      fc.assert(
        fc.property(fc.string({ maxLength: 23, unit: 'grapheme-ascii' }), (value) => {
          const masked = maskSecret(value);
          const prefix = /^(?:(?:[A-Za-z]{2,6}[_-]){1,2}|A[KS]IA|AIza)/.exec(value.replace(/\s+/g, ' '))?.[0] ?? '';
          assert.ok(masked.replace('…', '').length - prefix.length <= 4, `${JSON.stringify(value)} → ${masked}`);
        }),
        { numRuns: runs, seed },
      ),
  },
];

/** A JS/Python double-quoted spelling of `value`, choosing per character between plain, \xHH and \uHHHH. */
function escapeForDoubleQuotes(value: string, choices: boolean[]): string {
  let out = '';
  let i = 0;
  for (const ch of value) {
    const pick = choices[i++ % choices.length];
    const code = ch.codePointAt(0)!;
    if (ch === '\\') out += '\\\\';
    else if (ch === '"') out += '\\"';
    else if (ch === '\n') out += pick ? '\\n' : '\\x0a';
    else if (ch === '\t') out += pick ? '\\t' : '\\u0009';
    else if (code < 0x80 && pick && /[a-z]/.test(ch)) out += `\\x${code.toString(16).padStart(2, '0')}`;
    else out += ch;
  }
  return out;
}
