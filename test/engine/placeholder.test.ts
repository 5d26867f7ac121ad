import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isPlaceholder } from '../../server/src/engine';
import { secret } from '../support/rules';

test('placeholders, templates and references are recognised', () => {
  for (const value of [
    'your-api-key',
    'YOUR_API_KEY_HERE',
    'xxxxxxxxxxxxxxxxxxxx',
    'sk-xxxxxxxxxxxx1234',
    '<TOKEN>',
    '${OPENAI_API_KEY}',
    '{{ secrets.token }}',
    'process.env.STRIPE_KEY',
    'changeme',
    'AKIAIOSFODNN7EXAMPLE',
    '0000000000000000',
    'abcdefghijklmnopqrstuvwxyz',
    '1234567890123456',
    '%(password)s',
    'op://vault/item/field',
    '{base64:24}',
  ]) {
    assert.ok(isPlaceholder(value), value);
  }
});

test('random values are not placeholders', () => {
  for (const template of ['{alnum:40}', '{hex:40}', '{base64:44}', 'sk-proj-{alnum:48}', '{alnumupper:16}']) {
    const value = secret(template, 'placeholder');
    assert.ok(!isPlaceholder(value), template);
  }
});

test('long key bodies with runs of one character (OpenSSH, DER length prefixes) are not placeholders', () => {
  const body = `b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW${secret('{base64:120}', 'ssh')}`;
  assert.ok(!isPlaceholder(body));
  assert.ok(isPlaceholder(`sk-${'x'.repeat(40)}${secret('{alnum:30}', 'ssh')}`), 'a dominating run still marks a placeholder');
});

test("providers' documented example credentials are placeholders", () => {
  assert.ok(isPlaceholder('MWYyZDFlMmU2N2Rm'), 'Kubernetes docs Secret example');
  const header = 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9';
  const jwtIoPayload = 'eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ';
  assert.ok(isPlaceholder(`${header}.${jwtIoPayload}.${secret('{base64url:43}', 'jwtio')}`), 'jwt.io debugger payload');
  assert.ok(!isPlaceholder(`${header}.${secret('eyJ{base64url:40}', 'jwt')}.${secret('{base64url:43}', 'jwtio')}`));
});
