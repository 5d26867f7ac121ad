// Issue 11 item 5: a masked preview of a short value must not narrow a guess list (`Win…!Qz` showed 6 of 13).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { maskSecret } from '../../server/src/engine';

/** Characters of `value` the preview shows (everything but the ellipsis). */
function shown(masked: string): number {
  return masked.replace('…', '').length;
}

test('issue 11 item 5: a 13-character password shows at most 4 characters', () => {
  const password = ['Win', 'ter', '2024', '!Qz'].join('');
  const masked = maskSecret(password);
  assert.ok(shown(masked) <= 4, masked);
  assert.ok(!masked.includes('Win') && !masked.includes('!Qz'), masked);
});

test('every value under 24 characters shows at most 4 characters beyond a provider prefix', () => {
  const alphabet = 'aB3$xY9!qR7zK2mN5pL8wT4vC6';
  for (let length = 0; length < 24; length++) {
    const value = alphabet.slice(0, length);
    const masked = maskSecret(value);
    assert.ok(shown(masked) <= 4, `${length}: ${masked}`);
  }
  assert.equal(maskSecret('abcdefg'), '…');
});

test('a provider prefix stays visible on a short value, its rest stays hidden', () => {
  const value = ['sk_live_', 'Ab12Cd34Ef56'].join('');
  const masked = maskSecret(value);
  assert.ok(masked.startsWith('sk_live_'), masked);
  assert.ok(shown(masked) - 'sk_live_'.length <= 4, masked);
});

test('long values keep 4 characters each side, never more than a quarter', () => {
  assert.equal(maskSecret('sk-proj-abcdefghijklmnop9xQa'), 'sk-p…9xQa');
  const value = 'Q'.repeat(12) + 'r'.repeat(12);
  assert.equal(maskSecret(value), 'QQQQ…rrrr');
});

test('AWS access key ids keep their AKIA prefix', () => {
  const masked = maskSecret(['AKIA', 'ABCDEFGHIJ234567'].join(''));
  assert.equal(masked, 'AKIA…4567');
});
