// The position-aware .env parser agrees with dotenv on values and puts each value's range exactly.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as dotenv from 'dotenv';
import { isEnvFileName, parseEnvFile } from '../../server/src/engine';

const SAMPLE = [
  '# comment',
  'A=1',
  'export B = "x\\ny" # trailing',
  "C='quoted # not a comment'",
  'D=hello # comment',
  'E=',
  'F:  g',
  'G="multi',
  'line"',
  'H=a#b',
  'I=`back tick`',
  '  J =  spaced  ',
  'K=last',
].join('\n');

test('values match dotenv.parse', () => {
  const ours = Object.fromEntries(parseEnvFile(SAMPLE).map((e) => [e.name, e.value]));
  assert.deepEqual(ours, dotenv.parse(SAMPLE));
});

test('values match dotenv.parse with CRLF line endings', () => {
  const crlf = SAMPLE.replace(/\n/g, '\r\n');
  const ours = Object.fromEntries(parseEnvFile(crlf).map((e) => [e.name, e.value.replace(/\r?\n/g, '\n')]));
  const theirs = Object.fromEntries(Object.entries(dotenv.parse(crlf)).map(([k, v]) => [k, v.replace(/\r?\n/g, '\n')]));
  assert.deepEqual(ours, theirs);
});

test('each value range covers exactly the value as written', () => {
  for (const text of [SAMPLE, SAMPLE.replace(/\n/g, '\r\n')]) {
    for (const entry of parseEnvFile(text)) {
      const written = text.slice(entry.valueStart, entry.valueEnd);
      if (entry.name === 'B') assert.equal(written, 'x\\ny');
      else if (entry.name === 'G') assert.equal(written.replace(/\r/g, ''), 'multi\nline');
      else assert.equal(written, entry.value, entry.name);
      assert.equal(text.slice(entry.nameStart, entry.nameStart + entry.name.length), entry.name);
    }
  }
});

test('recognises .env file names', () => {
  for (const name of ['.env', '.env.local', '.env.production', '.env.development.local', 'app/.env', 'C:\\app\\.env.test']) assert.ok(isEnvFileName(name), name);
  for (const name of ['env', '.envrc', 'x.env.ts', '.env.vault', 'src/.environment']) assert.ok(!isEnvFileName(name), name);
});
