// Build step (esbuild.mjs runs it after bundling): compiles the built-in rules once and writes the automata
// their keyword prefilter and service-name pass are built from next to the bundles, so start-up reads
// tables instead of building them (project/ruleFiles.ts loadPrebuiltAutomata). Never loaded at run time.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { recordAutomata, serializeAutomata, type Automaton } from '../engine';
import { loadRuleDirs, PREBUILT_AUTOMATA } from './ruleFiles';

/** Writes `outDir/automata.bin` for the rules in `rulesDir`; returns how many automata it holds. */
export function writePrebuiltAutomata(rulesDir: string, outDir: string): number {
  const built: Array<[string, Automaton]> = [];
  recordAutomata((fingerprint, automaton) => built.push([fingerprint, automaton]));
  try {
    const loaded = loadRuleDirs([rulesDir], { checkEmptyMatch: false });
    if (loaded.errors.length > 0) throw new Error(`broken built-in rules: ${loaded.errors.length} errors`);
  } finally {
    recordAutomata(undefined);
  }
  fs.writeFileSync(path.join(outDir, PREBUILT_AUTOMATA), serializeAutomata(built));
  return built.length;
}

if (require.main === module) {
  const [rulesDir, outDir] = process.argv.slice(2);
  console.log(`automata: ${writePrebuiltAutomata(path.resolve(rulesDir), path.resolve(outDir))} written to ${path.join(outDir, PREBUILT_AUTOMATA)}`);
}
