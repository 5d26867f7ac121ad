// Scans built client output for secrets: rule findings (re-described as shipped to browsers) and the
// values of the project's .env secrets, found by fingerprint; and (plain scan) ignored .env files for
// public variables holding secrets. Used by `scan` (after the normal walk)
// and by `scan --bundles` (build output only, e.g. in CI after `npm run build`).
import * as path from 'node:path';
import { asBundleFindings, scanBundleForEnvSecrets, scanPublicEnv, scanText, type Finding, type RuleSet, type SecretFingerprint } from '../engine';
import { bundleFiles, clientOutputFolders, envSecretFingerprints } from './bundles';
import { envFilesOf } from './envFiles';
import { readScannableFile, type ReadResult } from './fileWalker';
import { detectProject, projectRootOf } from './frameworks';

export interface BundleScanOptions {
  ruleSet: RuleSet;
  maxFileSize: number;
  /** Files the caller already scanned with the rules: only .env values are looked for in them. */
  alreadyScanned?: ReadonlySet<string>;
  /** Also look in dist/, build/, out/… of projects without a detected browser framework (`--bundles`). */
  commonFolders: boolean;
  /** Also check the project's .env files the walk skipped (ignored): public secrets ship whatever git sees. */
  envFiles?: boolean;
  /** Paths relative to the target that the user excluded (`--exclude`); respected here too. */
  isExcluded?: (relativeToTarget: string) => boolean;
}

export type BundleFileResult =
  | { kind: 'scanned'; file: string; text: string; findings: Finding[] }
  | { kind: 'skipped'; file: string; read: Exclude<ReadResult, { kind: 'text' }> };

/** The build folders a target stands for: the project's output folders, or the target itself when it lies inside the project (e.g. `dist`). */
export function bundleTargets(target: string, commonFolders: boolean): Array<{ folder: string; root: string }> {
  const absolute = path.resolve(target);
  const root = projectRootOf(absolute);
  if (absolute !== root && absolute.startsWith(root + path.sep)) return [{ folder: absolute, root }];
  return clientOutputFolders(detectProject(root), commonFolders).map((folder) => ({ folder, root }));
}

export async function* scanBundleTargets(targets: string[], options: BundleScanOptions): AsyncGenerator<BundleFileResult> {
  const fingerprints = new Map<string, SecretFingerprint[]>();
  const seen = new Set<string>();
  for (const target of targets) {
    const excluded = (file: string) => options.isExcluded?.(path.relative(target, file).split(path.sep).join('/')) === true;
    if (options.envFiles) yield* ignoredEnvFiles(projectRootOf(target), options, excluded);
    for (const { folder, root } of bundleTargets(target, options.commonFolders)) {
      if (!fingerprints.has(root)) fingerprints.set(root, envSecretFingerprints(detectProject(root), options.ruleSet));
      const prints = fingerprints.get(root)!;
      for await (const file of bundleFiles(folder)) {
        if (seen.has(file) || excluded(file)) continue;
        seen.add(file);
        // A file the rules already saw holds nothing more to find when the project has no .env secret to look for.
        if (prints.length === 0 && options.alreadyScanned?.has(file)) continue;
        const read = await readScannableFile(file, options.maxFileSize);
        if (read.kind !== 'text') {
          yield { kind: 'skipped', file, read };
          continue;
        }
        const shown = path.relative(root, file).split(path.sep).join('/');
        const ruleFindings = options.alreadyScanned?.has(file) ? [] : asBundleFindings(scanText(read.text, shown, options.ruleSet), shown);
        const envFindings = scanBundleForEnvSecrets(read.text, shown, prints);
        // One finding per value: a .env match names the variable, so it wins over a rule match on the same text.
        const kept = ruleFindings.filter((f) => !envFindings.some((e) => f.start < e.end && e.start < f.end));
        yield { kind: 'scanned', file, text: read.text, findings: [...kept, ...envFindings].sort((a, b) => a.start - b.start) };
      }
    }
  }
}

/** .env files of the project that the walk did not scan (usually ignored): their public-prefix findings only. */
async function* ignoredEnvFiles(root: string, options: BundleScanOptions, excluded: (file: string) => boolean): AsyncGenerator<BundleFileResult> {
  const facts = detectProject(root);
  for (const file of envFilesOf(root)) {
    if (options.alreadyScanned?.has(file) || excluded(file)) continue;
    const read = await readScannableFile(file, options.maxFileSize);
    if (read.kind !== 'text') continue;
    const findings = scanPublicEnv(read.text, path.basename(file), facts.policy, options.ruleSet);
    if (findings.length > 0) yield { kind: 'scanned', file, text: read.text, findings };
  }
}
