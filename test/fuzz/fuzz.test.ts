// The property suite at `npm test` size: a few thousand generated inputs in all, seeded per day so CI
// explores new inputs while a failure stays reproducible (fast-check prints the seed and the shrunk input).
import { test } from 'node:test';
import { PROPERTIES } from './properties';

/** Inputs per unit of weight: about 3,000 inputs in all. */
const RUNS_PER_WEIGHT = 170;
const seed = Number(process.env.SH_FUZZ_SEED ?? Math.floor(Date.now() / 86_400_000));

for (const property of PROPERTIES) {
  test(property.name, () => property.check(RUNS_PER_WEIGHT * property.weight, seed));
}
