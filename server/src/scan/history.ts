// `scan --history`: the repository's whole history through project/historyScan.ts, reported like any scan,
// each finding at <commit>:<path>:<line> with the commit's date and whether it was pushed.
import * as path from 'node:path';
import { GitError, repositoryRoot } from '../project/git';
import { historyMessage, scanHistory } from '../project/historyScan';
import type { LocatedFinding } from '../report/locate';
import { UsageError, type ScanContext, type ScanResult } from './pipeline';

export async function scanHistoryOf(paths: string[], context: ScanContext, { findings, summary }: ScanResult): Promise<void> {
  let root: string;
  try {
    root = repositoryRoot(context.cwd);
  } catch (error) {
    if (error instanceof GitError) throw new UsageError(`--history needs a git repository: ${error.message}`);
    throw error;
  }
  const relative = paths.map((p) => path.relative(root, path.resolve(context.cwd, p)).split(path.sep).join('/'));
  if (relative.some((p) => p.startsWith('..'))) throw new UsageError('--history: every path must be inside the repository');
  const policyRelative = (file: string) => path.relative(context.scanner.policy.root, path.join(root, file)).split(path.sep).join('/');
  const result = await scanHistory(root, context.scanner.policy, {
    paths: relative.filter((p) => p !== ''),
    isExcluded: (file) => context.excluded?.(file) === true || (!policyRelative(file).startsWith('..') && context.policyExcluded(policyRelative(file))),
    accept: context.accept,
    maxBlockBytes: context.maxFileSize,
  });
  summary.filesScanned += result.blocks;
  if (result.truncated > 0) context.stderr(`secret-hygiene: ${result.truncated} file version${result.truncated === 1 ? '' : 's'} had more added text than --max-file-size; the rest was not scanned\n`);
  const ordered = result.hits.sort((a, b) => a.date.localeCompare(b.date) || a.file.localeCompare(b.file) || a.line - b.line);
  for (const hit of ordered) findings.push(locatedHit(hit));
}

function locatedHit(hit: Awaited<ReturnType<typeof scanHistory>>['hits'][number]): LocatedFinding {
  const f = hit.finding;
  return {
    file: hit.file,
    ruleId: f.ruleId,
    title: f.title,
    provider: f.provider,
    category: f.category,
    severity: f.severity,
    confidence: f.confidence,
    evidence: f.evidence,
    line: hit.line,
    column: hit.column,
    endLine: hit.endLine,
    endColumn: hit.endColumn,
    start: f.start,
    end: f.end,
    masked: f.masked,
    ...(f.docs ? { docs: f.docs } : {}),
    ...(f.publicByDesign ? { publicByDesign: true as const } : {}),
    ...(f.encoded ? { encoded: f.encoded } : {}),
    message: historyMessage(hit),
    commit: { sha: hit.commit, date: hit.date, commits: hit.commits, remoteBranches: hit.remoteBranches },
  };
}
