// Scans built client output for secrets: rule findings (re-described as shipped to browsers) and the
// values of the project's .env secrets, found by fingerprint. Used by `scan` (after the normal walk)
// and by `scan --bundles` (build output only, e.g. in CI after `npm run build`).
import * as path from 'node:path';
import { asBundleFindings, scanBundleForEnvSecrets, scanText, type Finding, type RuleSet, type SecretFingerprint } from '../engine';
import { bundleFiles, clientOutputFolders, envSecretFingerprints } from './bundles';
import { readScannableFile, type ReadResult } from './fileWalker';
import { detectProject, projectRootOf } from './frameworks';

export interface BundleScanOptions {
  ruleSet: RuleSet;
  maxFileSize: number;
  /** Files the caller already scanned with the rules: only .env values are looked for in them. */
  alreadyScanned?: ReadonlySet<string>;
  /** Also look in dist/, build/, out/… of projects without a detected browser framework (`--bundles`). */
  commonFolders: boolean;
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
    for (const { folder, root } of bundleTargets(target, options.commonFolders)) {
      if (!fingerprints.has(root)) fingerprints.set(root, envSecretFingerprints(detectProject(root), options.ruleSet));
      for await (const file of bundleFiles(folder)) {
        if (seen.has(file)) continue;
        seen.add(file);
        const read = await readScannableFile(file, options.maxFileSize);
        if (read.kind !== 'text') {
          yield { kind: 'skipped', file, read };
          continue;
        }
        const shown = path.relative(root, file).split(path.sep).join('/');
        const ruleFindings = options.alreadyScanned?.has(file) ? [] : asBundleFindings(scanText(read.text, shown, options.ruleSet), shown);
        const envFindings = scanBundleForEnvSecrets(read.text, shown, fingerprints.get(root)!);
        // One finding per value: a .env match names the variable, so it wins over a rule match on the same text.
        const kept = ruleFindings.filter((f) => !envFindings.some((e) => f.start < e.end && e.start < f.end));
        yield { kind: 'scanned', file, text: read.text, findings: [...kept, ...envFindings].sort((a, b) => a.start - b.start) };
      }
    }
  }
}
