// A finding placed in a file: what every report format prints. Never carries the secret itself.
import { LineIndex, type Finding } from '../engine';

export interface LocatedFinding {
  /** Path as the user should see it (relative to the working folder, forward slashes). */
  file: string;
  ruleId: string;
  title: string;
  provider: string;
  category: Finding['category'];
  severity: Finding['severity'];
  confidence: Finding['confidence'];
  /** Why it fired: provider-format, service-context, generic-name or known-value. */
  evidence: Finding['evidence'];
  /** 1-based line and column of the secret's first and last-plus-one character. */
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** 0-based UTF-16 offsets of the secret in the file's text. */
  start: number;
  end: number;
  masked: string;
  docs?: string;
  /** Present (true) when the value is meant to be public; such findings never fail a scan. */
  publicByDesign?: true;
  /** How the secret was hidden when it was found by decoding (base64-encoded, URL-encoded, escaped). */
  encoded?: Finding['encoded'];
  /** Set when the finding explains more than "hardcoded" (client bundles): masked values only. */
  message?: string;
  context?: Finding['context'];
  /** History scans: the commit that first added the value (`file` and the lines are that commit's version). */
  commit?: { sha: string; date: string; commits: number; remoteBranches: string[] };
}

export function locateFindings(file: string, text: string, findings: Finding[]): LocatedFinding[] {
  if (findings.length === 0) return [];
  const index = new LineIndex(text);
  return findings.map((finding) => {
    const from = index.positionAt(finding.start);
    const to = index.positionAt(finding.end);
    return {
      file,
      ruleId: finding.ruleId,
      title: finding.title,
      provider: finding.provider,
      category: finding.category,
      severity: finding.severity,
      confidence: finding.confidence,
      evidence: finding.evidence,
      line: from.line + 1,
      column: from.character + 1,
      endLine: to.line + 1,
      endColumn: to.character + 1,
      start: finding.start,
      end: finding.end,
      masked: finding.masked,
      ...(finding.docs ? { docs: finding.docs } : {}),
      ...(finding.publicByDesign ? { publicByDesign: true as const } : {}),
      ...(finding.encoded ? { encoded: finding.encoded } : {}),
      ...(finding.message ? { message: finding.message } : {}),
      ...(finding.context ? { context: finding.context } : {}),
    };
  });
}

/** Whether a finding fails a scan: public-by-design values and hygiene notes (information or below) never do. */
export function failsScan(finding: Pick<LocatedFinding, 'category' | 'severity' | 'publicByDesign'>): boolean {
  if (finding.publicByDesign) return false;
  return !(finding.category === 'hygiene' && (finding.severity === 'information' || finding.severity === 'hint'));
}

/** What a scan looked at, for summaries. */
export interface ScanSummary {
  filesScanned: number;
  filesSkipped: number;
  errors: number;
  durationMs: number;
}
