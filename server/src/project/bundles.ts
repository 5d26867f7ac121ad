// Built client output: which folders of a project browsers receive (dist/, build/, .next/static, …),
// their files (walked even when .gitignore excludes them, as build output usually is), and the
// fingerprints of the project's .env secrets to look for in them. Values are hashed, never kept.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { bundleSecretEnvEntries, fingerprintSecret, LineIndex, type RuleSet, type SecretFingerprint } from '../engine';
import { envFilesOf, readEnvText } from './envFiles';
import type { ProjectFacts } from './frameworks';
import { COMMON_OUTPUT_DIRS } from './frameworkTable';
import { walkFiles } from './fileWalker';

/** Existing client output folders of a project (absolute paths), outermost only; `common` adds dist/, build/, out/… */
export function clientOutputFolders(facts: ProjectFacts, common: boolean): string[] {
  const dirs = common ? [...new Set([...facts.clientOutputDirs, ...COMMON_OUTPUT_DIRS])] : facts.clientOutputDirs;
  const existing = dirs.map((dir) => path.join(facts.root, dir)).filter((dir) => isDirectory(dir));
  return existing.filter((dir) => !existing.some((other) => other !== dir && dir.startsWith(other + path.sep))).sort();
}

function isDirectory(dir: string): boolean {
  try {
    return fs.statSync(dir).isDirectory();
  } catch {
    return false;
  }
}

/** Files of a build folder: .gitignore is not applied (build output is usually ignored); node_modules is skipped. */
export async function* bundleFiles(folder: string): AsyncGenerator<string> {
  for await (const entry of walkFiles(folder, { respectGitignore: false, isExcluded: (relative) => /(^|\/)node_modules$/.test(relative) })) {
    if (entry.kind === 'file') yield entry.path;
  }
}

/** Fingerprints of every secret value in the project's .env files (public or not), and of every server-only
 * value named or shaped like a credential (engine/publicEnv.ts `bundleSecretEnvEntries`). */
export function envSecretFingerprints(facts: ProjectFacts, ruleSet: RuleSet): SecretFingerprint[] {
  const out: SecretFingerprint[] = [];
  for (const file of envFilesOf(facts.root)) {
    const text = readEnvText(file);
    if (text === undefined) continue;
    const relative = path.relative(facts.root, file).split(path.sep).join('/');
    const index = new LineIndex(text);
    for (const entry of bundleSecretEnvEntries(text, relative, ruleSet, facts.policy)) {
      const fp = fingerprintSecret(entry.name, `${relative}:${index.positionAt(entry.valueStart).line + 1}`, entry.value);
      if (fp && !out.some((o) => o.sha256 === fp.sha256)) out.push(fp);
    }
  }
  return out;
}
