// The .env files of a project and the public variables in them that hold secrets. Values never leave
// this module: only names, masked previews and file:line are kept. Open documents override disk.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { isEnvFileName, LineIndex, publicSecretsOf, scanPublicEnv, secretEnvEntries, type PublicSecret, type RuleSet } from '../engine';
import type { ProjectFacts } from './frameworks';
import { readRegularTextSync } from './regularFile';

/** Real .env files are a few KB. The whole-file analyses (public variables, one key per environment) skip
 * larger ones, open documents too: parsing a 9 MB .env on each keystroke cost the server 4.5 s (issue 11 item
 * 13). Their values are still checked by the rules, in the edit's window. */
export const MAX_ENV_BYTES = 1024 * 1024;

/** True when `text` is over MAX_ENV_BYTES (UTF-16 units, at most the bytes of its UTF-8). */
export function envTextTooLarge(text: string): boolean {
  return text.length > MAX_ENV_BYTES;
}

/** Open documents: their unsaved text wins over disk, and an open .env counts even before it is saved. */
export interface Overlay {
  text(file: string): string | undefined;
  files(): string[];
}

/** The .env files directly in the project root (`.env`, `.env.local`, `.env.production`, …), sorted. */
export function envFilesOf(root: string, overlay?: Overlay): string[] {
  const open = (overlay?.files() ?? []).filter((file) => path.dirname(file) === root && isEnvFileName(file));
  try {
    const onDisk = fs
      .readdirSync(root, { withFileTypes: true })
      .filter((e) => e.isFile() && isEnvFileName(e.name))
      .map((e) => path.join(root, e.name));
    return [...new Set([...onDisk, ...open])].sort();
  } catch {
    return open.sort();
  }
}

export function readEnvText(file: string, overlay?: Overlay): string | undefined {
  const open = overlay?.text(file);
  if (open !== undefined) return envTextTooLarge(open) ? undefined : open;
  try {
    return readRegularTextSync(file, MAX_ENV_BYTES);
  } catch {
    return undefined;
  }
}

/** Public variables holding secrets across the project's .env files, by name (the first file wins). */
export function publicSecretsOfProject(facts: ProjectFacts, ruleSet: RuleSet, overlay?: Overlay): Map<string, PublicSecret> {
  const secrets = new Map<string, PublicSecret>();
  for (const file of envFilesOf(facts.root, overlay)) {
    const text = readEnvText(file, overlay);
    if (text === undefined) continue;
    const relative = path.relative(facts.root, file).split(path.sep).join('/');
    const index = new LineIndex(text);
    for (const secret of publicSecretsOf(scanPublicEnv(text, relative, facts.policy, ruleSet), relative, (offset) => index.positionAt(offset).line)) {
      if (!secrets.has(secret.name)) secrets.set(secret.name, secret);
    }
  }
  return secrets;
}

/** Names of every .env variable of the project whose value is a secret (public or not). */
export function secretEnvNames(facts: ProjectFacts, ruleSet: RuleSet, overlay?: Overlay): Set<string> {
  const names = new Set<string>();
  for (const file of envFilesOf(facts.root, overlay)) {
    const text = readEnvText(file, overlay);
    if (text !== undefined) for (const entry of secretEnvEntries(text, path.basename(file), ruleSet)) names.add(entry.name);
  }
  return names;
}
