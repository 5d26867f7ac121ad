// SARIF 2.1.0 report, the format GitHub code scanning and most review tools import. Carries the masked
// preview only; fingerprints hash the rule, file and masked form, never the secret.
import { createHash } from 'node:crypto';
import type { LocatedFinding } from './locate';

export interface SarifOptions {
  /** The tool's version, shown by code scanning. */
  version: string;
}

const LEVEL = { error: 'error', warning: 'warning', information: 'note', hint: 'note' } as const;
/** GitHub ranks security alerts by this rule property (0–10). */
const SECURITY_SEVERITY = { error: '9.0', warning: '6.0', information: '3.0', hint: '1.0' } as const;
const INFORMATION_URI = 'https://github.com/secret-hygiene/secret-hygiene';

export function format(findings: LocatedFinding[], options: SarifOptions): string {
  const ruleIndex = new Map<string, number>();
  const rules: object[] = [];
  for (const finding of findings) {
    if (ruleIndex.has(finding.ruleId)) continue;
    ruleIndex.set(finding.ruleId, rules.length);
    rules.push({
      id: finding.ruleId,
      name: toPascalCase(finding.ruleId),
      shortDescription: { text: finding.title },
      fullDescription: { text: `${finding.title} (${finding.provider}) hardcoded in a file.` },
      help: {
        text: `Move the value to an environment variable or a vault, and rotate it with ${finding.provider} if it was ever committed or shared.`,
      },
      helpUri: finding.docs ?? `${INFORMATION_URI}#how-detection-works`,
      defaultConfiguration: { level: LEVEL[finding.severity] },
      properties: { tags: ['security', 'secret', finding.category], precision: PRECISION[finding.confidence], 'security-severity': SECURITY_SEVERITY[finding.severity] },
    });
  }
  const occurrences = new Map<string, number>();
  const results = findings.map((finding) => {
    const key = `${finding.ruleId}\u0000${finding.file}\u0000${finding.masked}`;
    const occurrence = occurrences.get(key) ?? 0;
    occurrences.set(key, occurrence + 1);
    return {
      ruleId: finding.ruleId,
      ruleIndex: ruleIndex.get(finding.ruleId),
      level: LEVEL[finding.severity],
      message: { text: finding.commit ? `${finding.title} (${finding.provider}) in git history: ${finding.masked}. ${finding.message ?? ''}`.trim() : `${finding.title} (${finding.provider}) is hardcoded: ${finding.masked}` },
      locations: [
        {
          physicalLocation: {
            artifactLocation: artifactLocation(finding.file),
            region: { startLine: finding.line, startColumn: finding.column, endLine: finding.endLine, endColumn: finding.endColumn },
          },
        },
      ],
      // Stable across line moves, so code scanning keeps one alert per secret occurrence.
      partialFingerprints: { 'secretHygiene/v1': createHash('sha256').update(`${key}\u0000${occurrence}`).digest('hex').slice(0, 32) },
      // History findings: the file is that commit's version (SARIF has no per-result revision field).
      ...(finding.commit ? { properties: { commit: finding.commit.sha, commitDate: finding.commit.date, pushed: finding.commit.remoteBranches.length > 0 } } : {}),
    };
  });
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'secret-hygiene', version: options.version, semanticVersion: semver(options.version), informationUri: INFORMATION_URI, rules } },
        columnKind: 'utf16CodeUnits',
        originalUriBaseIds: { '%SRCROOT%': { description: { text: 'The folder the scan ran in.' } } },
        results,
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

const PRECISION = { high: 'high', medium: 'medium', low: 'low' } as const;

/** Relative paths resolve against %SRCROOT% (the checkout); absolute ones become file URIs. */
function artifactLocation(file: string): { uri: string; uriBaseId?: string } {
  if (file.startsWith('/') || /^[A-Za-z]:[\\/]/.test(file)) {
    const normalized = file.replace(/\\/g, '/');
    return { uri: `file://${normalized.startsWith('/') ? '' : '/'}${normalized.split('/').map(encodeURIComponent).join('/').replace(/^\/([A-Za-z])%3A/, '/$1:')}` };
  }
  return { uri: file.split('/').map(encodeURIComponent).join('/'), uriBaseId: '%SRCROOT%' };
}

function toPascalCase(id: string): string {
  return id.replace(/(^|-)([a-z0-9])/g, (_, __, c: string) => c.toUpperCase());
}

function semver(version: string): string | undefined {
  return /^\d+\.\d+\.\d+/.test(version) ? version : undefined;
}
