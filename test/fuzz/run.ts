// `npm run fuzz`: the property suite at nightly size (100,000+ inputs; SH_FUZZ_RUNS sets the total,
// SH_FUZZ_SEED the seed). Prints inputs per property, its time and the failures with their counterexamples.
import { planned, PROPERTIES } from './properties';

const total = Number(process.env.SH_FUZZ_RUNS ?? 120_000);
const seed = Number(process.env.SH_FUZZ_SEED ?? Date.now() % 2_147_483_647);
const weights = PROPERTIES.reduce((sum, p) => sum + p.weight, 0);
let failures = 0;
let tried = 0;
console.log(`secret-hygiene fuzz: ${total} inputs, seed ${seed}`);
for (const property of PROPERTIES) {
  const runs = Math.round((total * property.weight) / weights);
  const started = performance.now();
  try {
    property.check(runs, seed);
    console.log(`ok    ${runs.toString().padStart(7)} inputs  ${((performance.now() - started) / 1000).toFixed(1).padStart(6)} s  ${property.name}`);
  } catch (error) {
    failures++;
    console.log(`FAIL  ${runs.toString().padStart(7)} inputs  ${((performance.now() - started) / 1000).toFixed(1).padStart(6)} s  ${property.name}\n${(error as Error).message}`);
  }
  tried += runs;
}
for (const [planner, counts] of Object.entries(planned)) console.log(`${planner}: ${counts.planned} of ${counts.tried} inputs planned (the rest refused)`);
console.log(`${tried} inputs tried, ${failures} propert${failures === 1 ? 'y' : 'ies'} failed`);
process.exitCode = failures > 0 ? 1 : 0;
