// "Scan Git History" (secretHygiene.scanHistory): every workspace folder's repository through
// project/historyScan.ts. Results go to the log and back to the caller (masked previews only); the summary is a
// window/showMessage. Never for an untrusted workspace: git reads the repository's own config.
import * as path from 'node:path';
import type { Connection } from 'vscode-languageserver/node';
import { MessageType, ShowMessageNotification } from 'vscode-languageserver/node';
import { GitError, repositoryRoot } from '../project/git';
import { historyMessage, scanHistory } from '../project/historyScan';
import type { WorkspacePolicy } from '../project/workspacePolicy';

export const SCAN_HISTORY_COMMAND = 'secretHygiene.scanHistory';

/** One history finding as the command returns it. */
export interface HistoryResult {
  /** Absolute path of the file (as it was in that commit). */
  file: string;
  commit: string;
  date: string;
  pushed: boolean;
  line: number;
  column: number;
  ruleId: string;
  title: string;
  masked: string;
  message: string;
}

export interface HistoryCommandDeps {
  connection: Connection;
  folders: () => readonly string[];
  policyFor: (folder: string) => WorkspacePolicy;
  isTrusted: () => boolean;
}

export async function runHistoryScan(deps: HistoryCommandDeps): Promise<HistoryResult[]> {
  const say = (type: MessageType, message: string) => void deps.connection.sendNotification(ShowMessageNotification.type, { type, message });
  if (!deps.isTrusted()) {
    say(MessageType.Warning, 'Secret Hygiene: trust this workspace to scan its git history (git reads the repository\'s own configuration).');
    return [];
  }
  const roots = new Map<string, string>();
  for (const folder of deps.folders()) {
    try {
      const root = repositoryRoot(folder);
      if (!roots.has(root)) roots.set(root, folder);
    } catch (error) {
      if (!(error instanceof GitError)) throw error;
    }
  }
  if (roots.size === 0) {
    say(MessageType.Info, 'Secret Hygiene: no workspace folder is in a git repository.');
    return [];
  }
  const results: HistoryResult[] = [];
  let commits = 0;
  for (const [root, folder] of roots) {
    try {
      const scanned = await scanHistory(root, deps.policyFor(folder));
      commits += scanned.commits;
      for (const hit of scanned.hits) {
        results.push({
          file: path.join(root, ...hit.file.split('/')),
          commit: hit.commit,
          date: hit.date,
          pushed: hit.remoteBranches.length > 0,
          line: hit.line,
          column: hit.column,
          ruleId: hit.finding.ruleId,
          title: hit.finding.title,
          masked: hit.finding.masked,
          message: historyMessage(hit),
        });
      }
    } catch (error) {
      say(MessageType.Warning, `Secret Hygiene could not read the history of ${root}: ${(error as Error).message}`);
    }
  }
  results.sort((a, b) => a.date.localeCompare(b.date));
  for (const r of results) deps.connection.console.info(`${r.commit.slice(0, 12)}:${r.file}:${r.line}:${r.column}  ${r.ruleId}  ${r.title}: ${r.masked}. ${r.message}`);
  const pushed = results.filter((r) => r.pushed).length;
  say(
    results.length > 0 ? MessageType.Warning : MessageType.Info,
    results.length === 0
      ? `Secret Hygiene: no secrets in git history (${commits} commit${commits === 1 ? '' : 's'}).`
      : `Secret Hygiene: ${results.length} secret${results.length === 1 ? '' : 's'} in git history (${commits} commits), ${pushed} pushed: rotate ${results.length === 1 ? 'it' : 'them'}${pushed ? ', the pushed ones now' : ' before pushing'}. Commits and files are in the Secret Hygiene output.`,
  );
  return results;
}
