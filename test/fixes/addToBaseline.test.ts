// "Add to baseline" planning: a new file gets created with the entry, an existing one keeps its salt and
// entries (the engine's serialisation), and a value already accepted is refused.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseBaseline } from '../../server/src/engine/baseline';
import { planAddToBaseline } from '../../server/src/fixes/addToBaseline';
import { applyReplaces } from '../support/applyEdit';

const salt = '0123456789abcdef0123456789abcdef';
const hash = (c: string) => c.repeat(64);

test('creates the baseline, or adds to it keeping the salt and the other entries', () => {
  const fresh = planAddToBaseline('/w/.secret-hygiene/baseline.json', undefined, { version: 1, salt, entries: [] }, { file: 'a.ts', ruleId: 'r', hash: hash('a') });
  assert.equal(fresh.changes[0].create, true);
  const created = applyReplaces('', fresh.changes[0].edits);
  assert.deepEqual(parseBaseline(created).entries, [{ file: 'a.ts', ruleId: 'r', hash: hash('a') }]);
  const more = planAddToBaseline('/w/b.json', created, parseBaseline(created), { file: 'b.ts', ruleId: 'r', hash: hash('b') });
  const updated = parseBaseline(applyReplaces(created, more.changes[0].edits));
  assert.equal(updated.salt, salt);
  assert.deepEqual(updated.entries.map((e) => e.file), ['a.ts', 'b.ts']);
});

test('a value already in the baseline is refused', () => {
  const plan = planAddToBaseline('/w/b.json', '{}', { version: 1, salt, entries: [{ file: 'x', ruleId: 'r', hash: hash('a') }] }, { file: 'a.ts', ruleId: 'r', hash: hash('a') });
  assert.match(plan.refusal ?? '', /already in the baseline/);
});
