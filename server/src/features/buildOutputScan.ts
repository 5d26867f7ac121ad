// The build-output pass of the workspace scan: built client output (dist/, .next/static, build/ … of a
// project with a browser framework) is usually git-ignored, so the walk skips it, yet a secret inlined
// there ships to every visitor. project/bundleScan.ts (the CLI's pass) finds rule matches and the
// values of the project's .env secrets in it; this publishes them, marked as build output.
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Diagnostic } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Finding } from '../engine';
import { bundleTargets, scanBundleTargets } from '../project/bundleScan';
import { dropIgnored, type WorkspacePolicy } from '../project/workspacePolicy';
import type { Settings } from '../settings';
import { toDiagnostics, type FindingData } from './diagnostics';

export interface BuildOutputDeps {
  policy: WorkspacePolicy;
  settings: Settings;
  isOpen: (uri: string) => boolean;
  baselineFor?: (uri: string) => { filter(text: string, findings: Finding[]): Finding[] } | undefined;
  /** Publishes (or clears) a file's diagnostics; returns how many were published (-1 over the cap). */
  publish: (uri: string, diagnostics: Diagnostic[]) => Promise<number>;
  /** Awaited before each file is scanned (see WorkspaceScanDeps.yieldToEditor). */
  yieldToEditor?: () => Promise<void>;
}

/** The build folders of a workspace folder (empty when no browser framework is detected). */
export function buildOutputFolders(folder: string): string[] {
  return bundleTargets(folder, false).map((target) => target.folder);
}

/** True when `file` lies inside one of `folders`. */
export function isInside(folders: readonly string[], file: string): boolean {
  return folders.some((folder) => file === folder || file.startsWith(folder + path.sep));
}

/** Scans the build output of `folder`, skipping files in `skip` (the walk published them already).
 * Returns the URIs it published findings for. */
export async function scanBuildOutput(folder: string, skip: ReadonlySet<string>, deps: BuildOutputDeps): Promise<{ uris: Set<string>; findings: number }> {
  const uris = new Set<string>();
  let findings = 0;
  const results = scanBundleTargets([folder], { ruleSet: deps.policy.ruleSet, maxFileSize: deps.settings.maxFileSize, commonFolders: false });
  for await (const result of pausingBefore(results, deps.yieldToEditor)) {
    if (result.kind !== 'scanned') continue;
    const uri = pathToFileURL(result.file).toString();
    if (skip.has(uri) || deps.isOpen(uri)) continue;
    const relative = path.relative(folder, result.file).split(path.sep).join('/');
    const kept = dropIgnored(deps.policy, relative, result.text, result.findings);
    const visible = deps.baselineFor?.(uri)?.filter(result.text, kept) ?? kept;
    if (visible.length === 0) continue;
    const diagnostics = toDiagnostics(visible, TextDocument.create(uri, 'plaintext', 0, result.text), deps.settings);
    for (const diagnostic of diagnostics) (diagnostic.data as FindingData).buildOutput = true;
    const published = await deps.publish(uri, diagnostics);
    if (published > 0) {
      uris.add(uri);
      findings += published;
    }
  }
  return { uris, findings };
}

/** `items`, awaiting `pause` before asking for each one (the generator reads and scans a file on each ask). */
async function* pausingBefore<T>(items: AsyncIterator<T>, pause: (() => Promise<void>) | undefined): AsyncGenerator<T> {
  for (;;) {
    if (pause) await pause();
    const next = await items.next();
    if (next.done) return;
    yield next.value;
  }
}
