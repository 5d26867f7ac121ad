// `scan --exposure` (hygiene check 6 in the CLI): for each reported secret, whether its value is in the
// repository's git history, since when, and whether that commit was pushed; each exposed one gets a
// `hygiene-exposure-age` finding at the same place ("rotate now" when pushed). The values are read back
// from the files the scan just read and searched in one streamed `git log` per repository
// (project/gitHistory.ts: repository config that runs programs is neutralised; values never on a command line).
import * as path from 'node:path';
import { exposureAdvice, hygieneSeverity, providerFamily, HYGIENE_CHECKS } from '../engine';
import { repoRootOf } from '../project/envFacts';
import { readScannableFileSync } from '../project/fileWalker';
import { GitHistory } from '../project/gitHistory';
import type { LocatedFinding } from '../report/locate';

/** A whole-history search in CI may take a while; past this the answer is "unknown" and stderr says so. */
const HISTORY_TIMEOUT_MS = 120_000;

export interface ExposureOptions {
  cwd: string;
  maxFileSize: number;
  stderr: (text: string) => void;
  history?: GitHistory;
}

/** The exposure findings for `findings` (value-bearing ones only), in the same order. */
export async function exposureFindings(findings: LocatedFinding[], options: ExposureOptions): Promise<LocatedFinding[]> {
  const history = options.history ?? new GitHistory(HISTORY_TIMEOUT_MS);
  const byRepo = new Map<string, Array<{ finding: LocatedFinding; value: string }>>();
  /** Each file read once, with its repository. */
  const files = new Map<string, { text?: string; repo?: string }>();
  for (const finding of findings) {
    if (finding.category === 'hygiene' || finding.publicByDesign || finding.encoded || finding.commit) continue;
    const file = path.resolve(options.cwd, finding.file);
    let known = files.get(file);
    if (!known) {
      const read = readScannableFileSync(file, options.maxFileSize);
      known = { text: read.kind === 'text' ? read.text : undefined, repo: repoRootOf(path.dirname(file)) };
      files.set(file, known);
    }
    const value = known.text?.slice(finding.start, finding.end);
    if (!value || !known.repo) continue;
    const items = byRepo.get(known.repo) ?? [];
    items.push({ finding, value });
    byRepo.set(known.repo, items);
  }
  const out: LocatedFinding[] = [];
  for (const [repo, items] of byRepo) {
    const answers = await history.check(repo, items.map((i) => i.value));
    if (answers.some((a) => a === undefined)) options.stderr(`secret-hygiene: --exposure: the history of ${path.relative(options.cwd, repo) || '.'} could not be searched in full (git missing, unsafe config or over ${HISTORY_TIMEOUT_MS / 1000} s); some findings have no exposure note\n`);
    items.forEach(({ finding, value }, index) => {
      if (answers[index] !== true) return;
      const age = history.age(repo, value);
      out.push({
        ...finding,
        ruleId: HYGIENE_CHECKS.exposureAge,
        title: age?.pushed ? 'Secret pushed to a remote' : 'Secret in git history',
        provider: 'key hygiene',
        category: 'hygiene',
        // Pushed: assume compromised. Local only: there is time. Unknown: graded like the other hygiene checks.
        severity: age?.pushed === true ? 'error' : age?.pushed === false ? 'warning' : hygieneSeverity(providerFamily(finding.provider, finding.ruleId)),
        evidence: 'known-value',
        message: `${finding.title} (${finding.masked}) is committed.${exposureAdvice(age, finding.docs)}`,
        ...(age ? { context: { ...finding.context, exposure: { firstCommit: age.commit, since: age.date, ...(age.pushed !== undefined ? { pushed: age.pushed } : {}) } } } : {}),
      });
    });
  }
  return out;
}
