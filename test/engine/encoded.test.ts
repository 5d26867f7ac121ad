// Encoded secrets: base64, URL-encoding and escapes are decoded (bounded) and scanned with the same rules;
// findings land on the encoded token.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { IncrementalScanner, scanText } from '../../server/src/engine';
import { decodeBase64, decodeEscapes } from '../../server/src/engine/encoded';
import { ruleSetOf, secret } from '../support/rules';

const rules = ruleSetOf({ id: 'tok-key', title: 'Token', keywords: ['tok_'], pattern: '(?<![A-Za-z0-9])(?<secret>tok_[A-Za-z0-9]{24})(?![A-Za-z0-9])', entropy: 3 });
const key = `tok_${secret('{alnum:24}', 'encoded')}`;
const only = (text: string) => scanText(text, 'a.yaml', rules).map((f) => ({ rule: f.ruleId, title: f.title, range: text.slice(f.start, f.end) }));

test('a base64-encoded secret is found on the encoded token', () => {
  const token = btoa(`API_TOKEN=${key}\n`);
  const text = `apiVersion: v1\nkind: Secret\ndata:\n  config: ${token}\n`;
  assert.deepEqual(only(text), [{ rule: 'tok-key', title: 'Token (base64-encoded)', range: token }]);
  const url = btoa(key).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  assert.deepEqual(only(`x = "${url}"`).map((f) => f.range), [url], 'base64url without padding');
});

test('two levels deep are decoded, three are not', () => {
  const twice = btoa(btoa(`t=${key}`));
  assert.equal(only(`v: ${twice}`).length, 1);
  assert.equal(only(`v: ${btoa(twice)}`).length, 0);
});

test('URL-encoded and escaped secrets are found', () => {
  const urlEncoded = encodeURIComponent(`{"t":"${key}"}`);
  assert.deepEqual(only(`https://example.com/cb?state=${urlEncoded}`).map((f) => f.title), ['Token (URL-encoded)']);
  const hex = [...key].map((c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`).join('');
  assert.deepEqual(only(`const s = "${hex}";`), [{ rule: 'tok-key', title: 'Token (escaped)', range: hex }]);
  const unicode = [...key].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join('');
  assert.equal(only(`s = '${unicode}'`).length, 1);
});

test('a secret already visible in the text is reported once, on its exact range', () => {
  const json = `"{\\"token\\": \\"${key}\\"}"`;
  assert.deepEqual(only(json), [{ rule: 'tok-key', title: 'Token', range: key }]);
});

test('binary, data URIs and plain identifiers are not decoded into findings', () => {
  assert.equal(decodeBase64('x'.repeat(25)), undefined, 'length 1 mod 4 is not base64');
  const dataUri = `data:text/plain;base64,${btoa(`t=${key}`)}`;
  assert.equal(only(`<img src="${dataUri}">`).length, 0);
  assert.equal(decodeEscapes('plain text without escapes'), undefined);
});

test('the incremental scanner agrees with a full scan around encoded tokens', () => {
  const token = btoa(`API_TOKEN=${key}`);
  const lines = Array.from({ length: 40 }, (_, i) => `line${i}: value`);
  let text = lines.join('\n');
  const scanner = new IncrementalScanner(rules, 'a.yaml');
  scanner.update(text);
  const at = text.indexOf('line20');
  const typed = `x: ${token}\n`;
  for (let i = 0; i < typed.length; i++) {
    scanner.applyEdit({ start: at + i, end: at + i, insertedLength: 1 });
    text = text.slice(0, at + i) + typed[i] + text.slice(at + i);
    assert.deepEqual(scanner.update(text).map((f) => [f.start, f.end]), scanText(text, 'a.yaml', rules).map((f) => [f.start, f.end]), `after ${i + 1} characters`);
  }
  assert.equal(scanner.update(text).length, 1);
});
