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
