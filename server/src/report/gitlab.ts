// GitLab secret-detection report (security report schema 15.2), the `artifacts:reports:secret_detection` file
// that GitLab shows in merge requests and the vulnerability report. Masked values only: no source extract.
import { createHash } from 'node:crypto';
import { failsScan, type LocatedFinding, type ScanSummary } from './locate';

export interface GitlabOptions {
  /** The tool's version. */
  version: string;
  summary: ScanSummary;
  startedAt: Date;
  endedAt: Date;
  /** The commit scanned (GitLab CI sets CI_COMMIT_SHA); GitLab's own analyzer writes 0000000 without one. */
  commitSha?: string;
}

/** The security-report-schemas release this report follows. */
export const GITLAB_SCHEMA_VERSION = '15.2.0';
const TOOL = { id: 'secret-hygiene', name: 'Secret Hygiene', url: 'https://github.com/secret-hygiene/secret-hygiene', vendor: { name: 'Secret Hygiene' } };
const SEVERITY = { error: 'Critical', warning: 'High', information: 'Low', hint: 'Info' } as const;

export function format(findings: LocatedFinding[], options: GitlabOptions): string {
  const occurrences = new Map<string, number>();
  // GitLab lists only vulnerabilities: values that never fail a scan (public by design, notes) stay out.
  const vulnerabilities = findings.filter(failsScan).map((finding) => {
    // Stable across line moves (like the SARIF fingerprint), unique per occurrence.
    const key = `${finding.ruleId}\u0000${finding.file}\u0000${finding.masked}`;
    const occurrence = occurrences.get(key) ?? 0;
    occurrences.set(key, occurrence + 1);
    return {
      id: createHash('sha256').update(`${key}\u0000${occurrence}`).digest('hex'),
      name: finding.title,
      description: `${finding.title} (${finding.provider}) is hardcoded: ${finding.masked}${finding.message ? `. ${finding.message}` : ''}`,
      severity: SEVERITY[finding.severity],
      solution: `Move the value to an environment variable or a vault, and rotate it with ${finding.provider} if it was ever committed or shared.`,
      identifiers: [
        {
          type: 'secret_hygiene_rule_id',
          name: `Secret Hygiene rule ID ${finding.ruleId}`,
          value: finding.ruleId,
          ...(finding.docs && /^https?:\/\//.test(finding.docs) ? { url: finding.docs } : {}),
        },
      ],
      location: {
        file: finding.file,
        start_line: finding.line,
        end_line: finding.endLine,
        commit: { sha: options.commitSha || '0000000' },
      },
    };
  });
  const tool = { ...TOOL, version: options.version };
  const report = {
    version: GITLAB_SCHEMA_VERSION,
    scan: {
      analyzer: tool,
      scanner: tool,
      type: 'secret_detection',
      start_time: gitlabTime(options.startedAt),
      end_time: gitlabTime(options.endedAt),
      // An unreadable file leaves the scan incomplete: never reported as a clean success.
      status: options.summary.errors > 0 ? 'failure' : 'success',
    },
    vulnerabilities,
  };
  return `${JSON.stringify(report, null, 2)}\n`;
}

/** The schema's date-time pattern: seconds precision, no time zone (UTC is written). */
function gitlabTime(date: Date): string {
  return date.toISOString().slice(0, 19);
}
