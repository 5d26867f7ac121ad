// Settings normalisation and the severity a finding is shown with (category overrides, public-by-design).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findingSeverity, normalizeSettings } from '../../server/src/settings';

test('publicByDesign defaults to information and rejects unknown values', () => {
  assert.equal(normalizeSettings({}).publicByDesign, 'information');
  assert.equal(normalizeSettings({ publicByDesign: 'off' }).publicByDesign, 'off');
  assert.equal(normalizeSettings({ publicByDesign: 'error' }).publicByDesign, 'information');
});

test('public-by-design findings are information at most, hidden when off, whatever the category says', () => {
  const publicKey = { category: 'payments', severity: 'information', publicByDesign: true } as const;
  const secretKey = { category: 'payments', severity: 'error' } as const;
  const loud = normalizeSettings({ severity: { payments: 'error' } });
  assert.equal(findingSeverity(loud, publicKey), 'information');
  assert.equal(findingSeverity(loud, secretKey), 'error');
  assert.equal(findingSeverity(normalizeSettings({ publicByDesign: 'off' }), publicKey), undefined);
  assert.equal(findingSeverity(normalizeSettings({ publicByDesign: 'off' }), secretKey), 'error');
  assert.equal(findingSeverity(normalizeSettings({ severity: { payments: 'off' } }), publicKey), undefined);
});
