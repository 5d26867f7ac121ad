// Check 6, exposure age: how urgent rotation is once a value is in git history. Pure wording over the facts
// project/gitHistory.ts finds (first commit, its date, whether it reached a remote-tracking branch).

/** Where an exposed value first appears; `pushed` undefined when not known. */
export interface ExposureFacts {
  commit: string;
  /** Committer date, ISO 8601. */
  date: string;
  pushed?: boolean;
}

/** " It is in git history since …: rotate it now / before pushing …" (appended to a finding's message). */
export function exposureAdvice(age: ExposureFacts | undefined, docs?: string): string {
  const where = docs ? ` (${docs})` : '';
  if (!age) return ` It is already in git history, so it is exposed: rotate it${where}; moving it is not enough.`;
  const since = ` It is in git history since ${age.date.slice(0, 10)} (commit ${age.commit.slice(0, 12)})`;
  if (age.pushed === true) return `${since}, which is on a remote branch: assume it is compromised and rotate it now${where}; moving it is not enough.`;
  if (age.pushed === false) return `${since}, not pushed yet: rotate it before pushing, or rewrite those commits${where}; moving it is not enough.`;
  return `${since}, so it is exposed: rotate it${where}; moving it is not enough.`;
}
