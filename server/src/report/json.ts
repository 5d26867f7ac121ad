// JSON report: an array of located findings, stable key order, one scan per document.
import type { LocatedFinding } from './locate';

export function format(findings: LocatedFinding[]): string {
  return `${JSON.stringify(findings, null, 2)}\n`;
}
