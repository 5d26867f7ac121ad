// The property suite at `npm test` size: a few thousand generated inputs in all, seeded per day so CI
// explores new inputs while a failure stays reproducible (fast-check prints the seed and the shrunk input).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { planned, PROPERTIES } from './properties';

/** Inputs per unit of weight: about 3,000 inputs in all. */
const RUNS_PER_WEIGHT = 170;
const seed = Number(process.env.SH_FUZZ_SEED ?? Math.floor(Date.now() / 86_400_000));

for (const property of PROPERTIES) {
  test(property.name, () => property.check(RUNS_PER_WEIGHT * property.weight, seed));
}

test('the planner properties saw plans, not only refusals', () => {
  for (const [planner, counts] of Object.entries(planned)) assert.ok(counts.planned >= counts.tried / 4, `${planner}: ${counts.planned} of ${counts.tried} planned`);
});
