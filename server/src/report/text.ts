// Terminal report: one line per finding (file:line:col, severity, rule, masked value), then a summary.
import type { LocatedFinding, ScanSummary } from './locate';

export interface TextOptions {
  color: boolean;
  summary: ScanSummary;
}

const COLORS = { red: 31, yellow: 33, blue: 34, gray: 90, bold: 1, green: 32 } as const;

export function format(findings: LocatedFinding[], options: TextOptions): string {
  const paint = (color: keyof typeof COLORS, text: string) => (options.color ? `\x1b[${COLORS[color]}m${text}\x1b[0m` : text);
  const severityColor = { error: 'red', warning: 'yellow', information: 'blue', hint: 'gray' } as const;
  // A history finding is placed as git names a file in a commit: <commit>:<path>.
  const locations = findings.map((f) => `${f.commit ? `${f.commit.sha.slice(0, 12)}:` : ''}${f.file}:${f.line}:${f.column}`);
  const locationWidth = Math.max(0, ...locations.map((l) => l.length));
  const ruleWidth = Math.max(0, ...findings.map((f) => f.ruleId.length));
  const lines = findings.map((f, i) =>
    [
      paint('bold', locations[i].padEnd(locationWidth)),
      paint(severityColor[f.severity], f.severity.padEnd(7)),
      f.ruleId.padEnd(ruleWidth),
      `${f.title}: ${paint('bold', f.masked)}${f.commit && f.message ? `. ${f.message}` : ''}`,
    ].join('  '),
  );
  const files = new Set(findings.map((f) => f.file)).size;
  const { filesScanned, filesSkipped, errors, durationMs } = options.summary;
  const scanned = `${filesScanned} file${filesScanned === 1 ? '' : 's'} scanned${filesSkipped ? `, ${filesSkipped} skipped` : ''}${errors ? `, ${errors} unreadable` : ''} in ${formatDuration(durationMs)}`;
  const verdict =
    findings.length === 0
      ? paint('green', `No secrets found (${scanned}).`)
      : paint('red', `${findings.length} secret${findings.length === 1 ? '' : 's'} found in ${files} file${files === 1 ? '' : 's'}`) + ` (${scanned}).`;
  return [...lines, ...(lines.length ? [''] : []), verdict, ''].join('\n');
}

function formatDuration(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}
