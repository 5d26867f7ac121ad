// The evaluation's arithmetic: recall per category, false alarms charged to the reporting rule's category.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { score } from './metrics';

test('recall, precision and the false-alarm rate', () => {
  const scores = score([
    { category: 'ai', positive: true, flagged: true, reportedCategories: [] },
    { category: 'ai', positive: true, flagged: false, reportedCategories: [] },
    { category: 'cloud', positive: true, flagged: true, reportedCategories: [] },
    { category: 'hash', positive: false, flagged: true, reportedCategories: ['generic', 'generic'] },
    { category: 'uuid', positive: false, flagged: false, reportedCategories: [] },
  ]);
  const ai = scores.categories.find((c) => c.category === 'ai')!;
  assert.deepEqual([ai.positives, ai.found, ai.recall, ai.precision], [2, 1, 0.5, 1]);
  const generic = scores.categories.find((c) => c.category === 'generic')!;
  assert.deepEqual([generic.positives, generic.falseAlarms, generic.recall, generic.precision], [0, 1, 1, 0]);
  assert.deepEqual([scores.total.positives, scores.total.found, scores.total.falseAlarms], [3, 2, 1]);
  assert.equal(scores.total.precision, 2 / 3);
  assert.equal(scores.falseAlarmRate, 0.5);
  assert.equal(score([]).falseAlarmRate, 0);
});
