// Hover on a flagged value: the rule, the provider, the masked value and what to do; never the value.
import type { Hover, HoverParams } from 'vscode-languageserver';
import type { Evidence, Finding } from '../engine';
import type { OpenDocument } from './documents';

export function hoverForFinding(finding: Finding, entry: OpenDocument): Hover {
  const lines = [
    `**Secret Hygiene: ${finding.title}** (${finding.provider})`,
    '',
    `Value \`${finding.masked}\` · rule \`${finding.ruleId}\` · confidence ${finding.confidence}`,
    '',
    `Why: ${describeEvidence(finding.evidence, finding.provider)}.`,
    '',
    `Keep it out of the code: use the quick fix to move it to \`.env\`${finding.envName ? ` as \`${finding.envName}\`` : ''} or a vault reference.`,
    ...(finding.docs ? ['', `If it was ever committed or shared, rotate it: [${finding.provider} documentation](${finding.docs})`] : []),
  ];
  return {
    contents: { kind: 'markdown', value: lines.join('\n') },
    range: { start: entry.document.positionAt(finding.start), end: entry.document.positionAt(finding.end) },
  };
}

/** One phrase per kind of evidence, so a user can judge how much to trust the finding. */
export function describeEvidence(evidence: Evidence, provider: string): string {
  switch (evidence) {
    case 'provider-format':
      return `the value has ${provider}'s own credential format`;
    case 'service-context':
      return `the service name (${provider}) stands next to a secret word and an opaque value`;
    case 'generic-name':
      return 'a secret-like name (password, token, key…) holds a random-looking value; no provider format is known';
    case 'known-value':
      return 'the value is one known to be secret elsewhere (a .env value)';
  }
}

export function findingAt(findings: Finding[], entry: OpenDocument, params: HoverParams): Finding | undefined {
  const offset = entry.document.offsetAt(params.position);
  return findings.find((finding) => finding.start <= offset && offset <= finding.end);
}
