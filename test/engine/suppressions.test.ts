// Suppression comments: ours (with and without rule ids) and the ones other scanners' users already have.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { IncrementalScanner, scanText } from '../../server/src/engine';
import { ruleSetOf, secret } from '../support/rules';

const rules = ruleSetOf({ id: 'tok-key', keywords: ['tok_'], pattern: '(?<secret>tok_[A-Za-z0-9]{24})', entropy: 3.5 }, { id: 'other-key', keywords: ['oth_'], pattern: '(?<secret>oth_[A-Za-z0-9]{24})' });
const key = `tok_${secret('{alnum:24}', 'suppress')}`;
const count = (text: string) => scanText(text, 'a.ts', rules).length;

test('same-line directives in every comment syntax silence the finding', () => {
  for (const comment of [
    '// secret-hygiene-ignore',
    '# gitleaks:allow',
    '# pragma: allowlist secret',
    '/* secretlint-disable-line */',
    '<!-- trufflehog:ignore -->',
    '-- secret-hygiene-ignore',
    '; gitleaks:allow',
    '// eslint-disable-line, gitleaks:allow',
  ]) {
    assert.equal(count(`k = "${key}" ${comment}\n`), 0, comment);
  }
  assert.equal(count(`k = "${key}"\n`), 1);
});

test('next-line directives silence only the line below', () => {
  for (const comment of ['// secret-hygiene-ignore-next-line', '# pragma: allowlist nextline secret', '// secretlint-disable-next-line', ' * secret-hygiene-ignore-next-line']) {
    assert.equal(count(`${comment}\nk = "${key}"\n`), 0, comment);
    assert.equal(count(`${comment}\n\nk = "${key}"\n`), 1, `${comment} does not reach two lines down`);
  }
  // A next-line directive does not silence its own line, and a same-line one not the next line.
  assert.equal(count(`k = "${key}" // secret-hygiene-ignore-next-line\n`), 1);
  assert.equal(count(`// secret-hygiene-ignore\nk = "${key}"\n`), 1);
  assert.equal(count(`// secret-hygiene-ignore-next-line\r\nk = "${key}"\r\n`), 0, 'CRLF');
});

test('rule ids narrow a directive; words that are not rule ids are a reason', () => {
  assert.equal(count(`k = "${key}" // secret-hygiene-ignore tok-key`), 0);
  assert.equal(count(`k = "${key}" // secret-hygiene-ignore other-key`), 1);
  assert.equal(count(`k = "${key}" // secret-hygiene-ignore other-key, tok-key -- test fixture`), 0);
  assert.equal(count(`k = "${key}" # secret-hygiene-ignore test fixture, rotated`), 0);
  assert.equal(count(`// secret-hygiene-ignore-next-line other-key\nk = "${key}"`), 1);
});

test('a directive must be in a comment, not merely in the text', () => {
  assert.equal(count(`k = "${key}" + gitleaks:allow`), 1);
  assert.equal(count(`gitleaks:allow\nk = "${key}"`), 1);
});

test('incremental updates see a directive typed on the line above', () => {
  const lines = Array.from({ length: 50 }, (_, i) => `const v${i} = ${i};`);
  lines[25] = `k = "${key}"`;
  let text = lines.join('\n');
  const scanner = new IncrementalScanner(rules, 'a.ts');
  assert.equal(scanner.update(text).length, 1);
  const at = text.indexOf('k = "');
  const directive = '// secret-hygiene-ignore-next-line\n';
  scanner.applyEdit({ start: at, end: at, insertedLength: directive.length });
  text = text.slice(0, at) + directive + text.slice(at);
  assert.deepEqual(scanner.update(text), []);
  // Deleting the directive brings the finding back.
  scanner.applyEdit({ start: at, end: at + directive.length, insertedLength: 0 });
  text = text.slice(0, at) + text.slice(at + directive.length);
  assert.equal(scanner.update(text).length, 1);
});
