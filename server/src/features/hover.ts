// Hover on a flagged value: the rule, the provider, the masked value and what to do; never the value.
import type { Hover, HoverParams } from 'vscode-languageserver';
import type { Finding } from '../engine';
import type { OpenDocument } from './documents';

export function hoverForFinding(finding: Finding, entry: OpenDocument): Hover {
  const lines = [
    `**Secret Hygiene: ${finding.title}** (${finding.provider})`,
    '',
    `Value \`${finding.masked}\` · rule \`${finding.ruleId}\` · confidence ${finding.confidence}`,
    '',
    `Keep it out of the code: use the quick fix to move it to \`.env\`${finding.envName ? ` as \`${finding.envName}\`` : ''} or a vault reference.`,
    ...(finding.docs ? ['', `If it was ever committed or shared, rotate it: [${finding.provider} documentation](${finding.docs})`] : []),
  ];
  return {
    contents: { kind: 'markdown', value: lines.join('\n') },
    range: { start: entry.document.positionAt(finding.start), end: entry.document.positionAt(finding.end) },
  };
}

export function findingAt(findings: Finding[], entry: OpenDocument, params: HoverParams): Finding | undefined {
  const offset = entry.document.offsetAt(params.position);
  return findings.find((finding) => finding.start <= offset && offset <= finding.end);
}
