// Secrets anywhere in git history (`scan --history`, the editor's "Scan Git History"): every commit's added
// lines (project/historyLog.ts) scanned with the repository's policy, one hit per distinct value at the commit
// that first added it, with whether that commit reached a remote-tracking branch (pushed: rotate now). Values
// stay in memory only, compared by a salted hash; git runs through project/git.ts alone.
import { createHash, randomBytes } from 'node:crypto';
import { LineIndex, scanText, type Finding } from '../engine';
import { runGit } from './git';
import { addedBlocks, type AddedBlock } from './historyLog';
import { dropIgnored, type WorkspacePolicy } from './workspacePolicy';

/** One secret value found in history, placed at the commit that first added it. */
export interface HistoryHit {
  commit: string;
  /** Committer date of that commit, ISO 8601. */
  date: string;
  /** Path in that commit, relative to the repository root. */
  file: string;
  /** The finding as scanned in that commit's added lines (offsets into those lines, masked preview only). */
  finding: Finding;
  /** 1-based position in the commit's version of the file. */
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** How many commits added this value (each one a copy to rotate away from). */
  commits: number;
  /** The remote-tracking branches holding the commit; empty: never pushed (as far as this clone knows). */
  remoteBranches: string[];
}

export interface HistoryScanOptions {
  paths?: string[];
  /** Files (repository-relative) to leave out. */
  isExcluded?: (file: string) => boolean;
  /** Sees each block's findings; returns those to keep (the CLI's baseline). */
  accept?: (file: string, text: string, findings: Finding[]) => Finding[];
  maxBlockBytes?: number;
}

export interface HistoryScanResult {
  hits: HistoryHit[];
  /** File versions scanned (one per file per commit), and those cut at the size limit. */
  blocks: number;
  truncated: number;
  commits: number;
}

export async function scanHistory(root: string, policy: WorkspacePolicy, options: HistoryScanOptions = {}): Promise<HistoryScanResult> {
  const salt = randomBytes(16);
  const byValue = new Map<string, HistoryHit>();
  const commits = new Set<string>();
  let blocks = 0;
  let truncated = 0;
  for await (const block of addedBlocks(root, { paths: options.paths, maxBlockBytes: options.maxBlockBytes })) {
    commits.add(block.commit);
    if (options.isExcluded?.(block.file)) continue;
    blocks++;
    if (block.truncated) truncated++;
    for (const finding of findingsOf(block, policy, options.accept)) {
      const key = createHash('sha256').update(salt).update(finding.ruleId).update('\0').update(block.text.slice(finding.start, finding.end)).digest('hex');
      const seen = byValue.get(key);
      if (seen) {
        if (seen.commit !== block.commit) seen.commits++;
        continue;
      }
      byValue.set(key, placeHit(block, finding));
    }
  }
  const hits = [...byValue.values()];
  const branches = new Map<string, string[]>();
  for (const hit of hits) {
    if (!branches.has(hit.commit)) branches.set(hit.commit, remoteBranchesContaining(root, hit.commit));
    hit.remoteBranches = branches.get(hit.commit)!;
  }
  return { hits, blocks, truncated, commits: commits.size };
}

/** Secret findings only: hygiene checks judge code as it is now, not lines of past commits. */
function findingsOf(block: AddedBlock, policy: WorkspacePolicy, accept: HistoryScanOptions['accept']): Finding[] {
  const found = dropIgnored(policy, block.file, block.text, scanText(block.text, block.file, policy.ruleSet)).filter((f) => f.category !== 'hygiene');
  return accept ? accept(block.file, block.text, found) : found;
}

function placeHit(block: AddedBlock, finding: Finding): HistoryHit {
  const index = new LineIndex(block.text);
  const from = index.positionAt(finding.start);
  const to = index.positionAt(finding.end);
  return {
    commit: block.commit,
    date: block.date,
    file: block.file,
    finding,
    line: block.lines[from.line],
    column: from.character + 1,
    endLine: block.lines[to.line],
    endColumn: to.character + 1,
    commits: 1,
    remoteBranches: [],
  };
}

/** `git branch -r --contains`: which remote-tracking branches hold `commit` (a hash git printed itself). */
export function remoteBranchesContaining(root: string, commit: string): string[] {
  if (!/^[0-9a-f]{40,64}$/.test(commit)) return [];
  try {
    const out = runGit(root, ['branch', '-r', '--contains', commit, '--format=%(refname:short)'], { maxBytes: 1024 * 1024, timeoutMs: 10_000 });
    return out.toString('utf8').split('\n').map((l) => l.trim()).filter((l) => l.length > 0);
  } catch {
    return [];
  }
}

/** The sentence a history hit carries: when, where, and how urgent the rotation is. */
export function historyMessage(hit: Pick<HistoryHit, 'commit' | 'date' | 'commits' | 'remoteBranches'>): string {
  const when = `committed in ${hit.commit.slice(0, 12)} on ${hit.date.slice(0, 10)}${hit.commits > 1 ? ` (added by ${hit.commits} commits)` : ''}`;
  return hit.remoteBranches.length > 0
    ? `In git history since ${when}, and pushed (${hit.remoteBranches.slice(0, 3).join(', ')}): assume it is compromised and rotate the key now; deleting it from the files does not remove it from history.`
    : `In git history since ${when}, not on any remote-tracking branch: rotate the key before pushing (or rewrite those commits); deleting it from the files does not remove it from history.`;
}
