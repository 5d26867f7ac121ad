// The workspace's findings as one list, for a findings view in any client: every secret-hygiene
// diagnostic the server publishes (open documents, the background scan, build output) is recorded here
// by URI. `secretHygiene/findings` returns the list; `secretHygiene/findingsChanged` says when to ask
// again (debounced). Entries carry the masked preview only, never the value.
import type { Connection, Diagnostic, PublishDiagnosticsParams, Range } from 'vscode-languageserver';
import { DIAGNOSTIC_SOURCE, type FindingData } from './diagnostics';

export const FINDINGS_REQUEST = 'secretHygiene/findings';
export const FINDINGS_CHANGED_NOTIFICATION = 'secretHygiene/findingsChanged';
/** Changes within this window are announced once. */
const CHANGED_DELAY_MS = 200;

export type FindingSeverityName = 'error' | 'warning' | 'information' | 'hint';

/** One row of the findings view. */
export interface FindingSummary {
  uri: string;
  ruleId: string;
  title: string;
  provider: string;
  category: string;
  severity: FindingSeverityName;
  message: string;
  masked: string;
  range: Range;
  /** Offsets in the text the finding was published for (what a code action matches on). */
  start: number;
  end: number;
  envName?: string;
  /** The file is built client output (dist/, .next/ …): the value ships to browsers. */
  buildOutput?: boolean;
}

export interface FindingsResult {
  findings: FindingSummary[];
  /** How many findings in total (the list itself is capped like the background scan). */
  total: number;
}

const SEVERITY_NAMES: Record<number, FindingSeverityName> = { 1: 'error', 2: 'warning', 3: 'information', 4: 'hint' };

/** Pure: the findings view's rows for one publishDiagnostics (policy-file problems are not findings). */
export function summarize(params: PublishDiagnosticsParams): FindingSummary[] {
  const rows: FindingSummary[] = [];
  for (const diagnostic of params.diagnostics) {
    const row = summarizeOne(params.uri, diagnostic);
    if (row) rows.push(row);
  }
  return rows;
}

function summarizeOne(uri: string, diagnostic: Diagnostic): FindingSummary | undefined {
  const data = diagnostic.data as (Partial<FindingData> & { buildOutput?: boolean }) | undefined;
  if (diagnostic.source !== DIAGNOSTIC_SOURCE || !data?.ruleId || data.start === undefined || data.end === undefined) return undefined;
  return {
    uri,
    ruleId: data.ruleId,
    title: data.title ?? data.ruleId,
    provider: data.provider ?? 'unknown',
    category: data.category ?? 'generic',
    severity: SEVERITY_NAMES[diagnostic.severity ?? 1] ?? 'error',
    message: typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value,
    masked: data.masked ?? '',
    range: diagnostic.range,
    start: data.start,
    end: data.end,
    ...(data.envName ? { envName: data.envName } : {}),
    ...(data.buildOutput ? { buildOutput: true } : {}),
  };
}

export class FindingsIndex {
  private readonly byUri = new Map<string, FindingSummary[]>();
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly connection: Connection) {}

  /** Records every diagnostics publication of `connection` from now on. */
  observe(): void {
    const send = this.connection.sendDiagnostics.bind(this.connection);
    this.connection.sendDiagnostics = (params: PublishDiagnosticsParams) => {
      this.record(params);
      return send(params);
    };
    this.connection.onRequest(FINDINGS_REQUEST, () => this.list());
  }

  record(params: PublishDiagnosticsParams): void {
    const rows = summarize(params);
    const before = this.byUri.get(params.uri);
    if (rows.length === 0 && !before) return;
    if (rows.length === 0) this.byUri.delete(params.uri);
    else this.byUri.set(params.uri, rows);
    this.changed();
  }

  list(): FindingsResult {
    const findings = [...this.byUri.values()].flat();
    return { findings, total: findings.length };
  }

  private changed(): void {
    this.timer ??= setTimeout(() => {
      this.timer = undefined;
      void this.connection.sendNotification(FINDINGS_CHANGED_NOTIFICATION, { total: this.list().total });
    }, CHANGED_DELAY_MS);
  }
}
