// Writing values into .env: every awkward value reads back exactly with dotenv; names are reused or
// renamed; existing content, `export` style, CRLF and a missing final newline are kept.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parse } from 'dotenv';
import { chooseEnvName, encodeEnvLine, planEnvAppend, planExampleAppend } from '../../server/src/fixes/envFile';
import { applyReplaces } from '../support/applyEdit';

const dotenv = (text: string) => parse(text);

const AWKWARD = {
  'single quote': "it's",
  'double quote': 'say "hi"',
  'both quotes': `a'b"c`,
  hash: 'abc#def',
  'leading hash': '#abc',
  dollar: 'pa$$word${HOME}',
  backslashes: 'C:\\path\\n\\x',
  'trailing backslash': 'abc\\',
  newline: 'line1\nline2',
  'CRLF inside': 'line1\r\nline2',
  'leading and trailing spaces': '  padded  ',
  'equals and colon': 'a=b:c',
  backtick: 'a`b',
  unicode: 'clé-🔑',
  'quotes and newline': `it's\n"x"`,
};

for (const [label, value] of Object.entries(AWKWARD)) {
  test(`a value with ${label} reads back exactly`, () => {
    const line = encodeEnvLine('SECRET', value, dotenv);
    assert.ok(line, 'some quoting works');
    assert.equal(dotenv(line!).SECRET, value);
    const plan = planEnvAppend('# keep me\nPORT=1\n', 'SECRET', value, dotenv);
    assert.ok(typeof plan !== 'string', String(plan));
    assert.deepEqual(dotenv(applyReplaces('# keep me\nPORT=1\n', [plan.edit!])), { PORT: '1', SECRET: value });
  });
}

test('plain tokens stay unquoted; values with $ use single quotes (no expansion in dotenv-expand or compose)', () => {
  assert.equal(encodeEnvLine('K', 'sk_live_abc-123.x/y+z=', dotenv), 'K=sk_live_abc-123.x/y+z=');
  assert.equal(encodeEnvLine('K', 'a$b', dotenv), "K='a$b'");
  assert.equal(encodeEnvLine('K', 'a\nb', dotenv), 'K="a\\nb"');
});

test('a value dotenv cannot carry is refused, not written wrong', () => {
  const impossible = `'"\`\n\\n`;
  assert.equal(encodeEnvLine('K', impossible, dotenv), undefined);
  assert.match(String(planEnvAppend('', 'K', impossible, dotenv)), /cannot be written/);
});

test('export style, CRLF and the missing final newline are kept', () => {
  const text = 'export A=1\r\nexport B="two"';
  const plan = planEnvAppend(text, 'C', 'three', dotenv);
  assert.ok(typeof plan !== 'string');
  assert.equal(applyReplaces(text, [plan.edit!]), 'export A=1\r\nexport B="two"\r\nexport C=three\r\n');
  const plain = planEnvAppend('', 'C', 'three', dotenv);
  assert.ok(typeof plain !== 'string');
  assert.equal(plain.edit!.newText, 'C=three\n');
});

test('an unterminated quote earlier in .env is left as dotenv reads it, and the new line still parses', () => {
  const text = "A='open\n";
  const result = planEnvAppend(text, 'B', "x'y z", dotenv);
  assert.ok(typeof result !== 'string');
  assert.deepEqual(dotenv(applyReplaces(text, [result.edit!])), { A: "'open", B: "x'y z" });
});

test('names: reuse on same value (any name holding it), rename on conflict, empty values never match', () => {
  assert.deepEqual(chooseEnvName('K', { K: 'v' }, 'v'), { name: 'K', reused: true });
  assert.deepEqual(chooseEnvName('K', { OTHER: 'v' }, 'v'), { name: 'OTHER', reused: true });
  assert.deepEqual(chooseEnvName('K', { K: 'x', K_2: 'y' }, 'v'), { name: 'K_3', reused: false, renamedFrom: 'K' });
  assert.deepEqual(chooseEnvName('K', { OTHER: '' }, ''), { name: 'K', reused: false });
});

test('.env.example gets NAME= once, in the file\'s style', () => {
  assert.equal(planExampleAppend('export A=\n', 'B', dotenv)!.newText, 'export B=\n');
  assert.equal(planExampleAppend('B=\n', 'B', dotenv), undefined);
});
