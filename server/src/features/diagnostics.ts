// Findings → LSP diagnostics, published with a short debounce while the user types. Messages carry
// the masked preview only; `data` carries what a code action needs, never the value.
import { DiagnosticSeverity, type Connection, type Diagnostic, type DiagnosticRelatedInformation } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { exposureAdvice, type Finding, type Severity } from '../engine';
import type { ExposureAge } from '../project/gitHistory';
import { findingSeverity, type Settings } from '../settings';

export const DIAGNOSTIC_SOURCE = 'secret-hygiene';

/** What a code action or hover gets back from a diagnostic. */
export interface FindingData {
  ruleId: string;
  category: Finding['category'];
  confidence: Finding['confidence'];
  /** Why the finding fired: provider format, service name in context, generic name + entropy, known value. */
  evidence: Finding['evidence'];
  start: number;
  end: number;
  envName?: string;
  version: number;
  /** The value is in git history (features/exposure.ts): rotating it is part of the fix. */
  inGitHistory?: boolean;
  /** When it was first committed and whether that commit was pushed (issue 16, exposure age). */
  exposure?: { firstCommit: string; since: string; pushed?: boolean };
  /** For findings lists (features/findingsIndex.ts): what the rule is and the masked preview. */
  title?: string;
  provider?: string;
  masked?: string;
  /** Published by the build-output pass of the workspace scan (dist/, .next/ …). */
  buildOutput?: boolean;
}

const LSP_SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function describeFinding(finding: Finding): string {
  if (finding.message) return finding.message;
  if (finding.publicByDesign) {
    return `${finding.title} (${finding.provider}): ${finding.masked}. This value is meant to be public; make sure it is restricted (referrer, domain or row-level rules) and that no secret counterpart sits next to it.`;
  }
  return `${finding.title} (${finding.provider}) is hardcoded: ${finding.masked}. Move it to an environment variable or a vault, and rotate it if it was ever shared.`;
}

/** `related` adds LSP related information to a finding (the import chain of a client module);
 * `inGitHistory` tells which values were ever committed (features/exposure.ts); `envTracked`: the document
 * is a .env file git tracks, so a key in it is not kept safely there (the next commit carries it). */
export function toDiagnostics(
  findings: Finding[],
  document: TextDocument,
  settings: Settings,
  related?: (finding: Finding) => DiagnosticRelatedInformation[] | undefined,
  inGitHistory?: (finding: Finding) => boolean,
  exposureAge?: (finding: Finding) => ExposureAge | undefined,
  envTracked = false,
): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const envFile = dotenvFileName(document.uri);
  for (const finding of findings) {
    let severity = findingSeverity(settings, finding);
    if (!severity) continue;
    const data: FindingData = {
      ruleId: finding.ruleId,
      category: finding.category,
      confidence: finding.confidence,
      evidence: finding.evidence,
      start: finding.start,
      end: finding.end,
      envName: finding.envName,
      version: document.version,
      title: finding.title,
      provider: finding.provider,
      masked: finding.masked,
    };
    const relatedInformation = related?.(finding);
    const exposed = inGitHistory?.(finding) === true;
    const age = exposed ? exposureAge?.(finding) : undefined;
    if (exposed) data.inGitHistory = true;
    if (age) data.exposure = { firstCommit: age.commit, since: age.date, ...(age.pushed !== undefined ? { pushed: age.pushed } : {}) };
    // A .env file is where "Move to .env" puts secrets: there a provider key is a note, not a problem,
    // unless it was committed or git tracks the file (then the next commit carries it). Public-prefix
    // (client-bundle) findings keep their severity. Hygiene findings in a .env file (a key shared between
    // environments) are about the file itself.
    const secretInEnv = envFile !== undefined && finding.category !== 'client-bundle' && finding.category !== 'hygiene' && !exposed;
    const storedInEnv = secretInEnv && !envTracked;
    if (storedInEnv && (severity === 'error' || severity === 'warning')) severity = 'information';
    diagnostics.push({
      ...(relatedInformation ? { relatedInformation } : {}),
      range: { start: document.positionAt(finding.start), end: document.positionAt(finding.end) },
      severity: LSP_SEVERITY[severity],
      source: DIAGNOSTIC_SOURCE,
      code: finding.ruleId,
      ...(finding.docs ? { codeDescription: { href: finding.docs } } : {}),
      message: storedInEnv ? describeStoredInEnv(finding, envFile) : secretInEnv ? describeInTrackedEnv(finding, envFile!) : describeFinding(finding) + (exposed ? exposureAdvice(age, finding.docs) : ''),
      data,
    });
  }
  return diagnostics;
}

/** A note on the document itself (not a finding: no data, so no fix, hover or findings-list entry): why it
 * was not scanned, or not fully. Shown at the first character. */
export function noteDiagnostic(message: string): Diagnostic {
  return { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, severity: DiagnosticSeverity.Information, source: DIAGNOSTIC_SOURCE, code: 'note', message };
}

/** The base name of a dotenv file that holds real values (`.env`, `.env.local`, …), else undefined.
 * Templates such as `.env.example` are meant to be committed, so secrets there stay problems. */
export function dotenvFileName(uri: string): string | undefined {
  const name = decodeURIComponent(uri.slice(uri.lastIndexOf('/') + 1));
  if (!/^\.env(\.[\w.-]+)?$/.test(name) || /\.(example|sample|template|dist|defaults?)$/i.test(name)) return undefined;
  return name;
}

function describeStoredInEnv(finding: Finding, envFile: string): string {
  return `${finding.title} (${finding.provider}) ${finding.masked} is kept in ${envFile}, where secrets belong: keep ${envFile} git-ignored and never commit it.`;
}

function describeInTrackedEnv(finding: Finding, envFile: string): string {
  return `${finding.title} (${finding.provider}) ${finding.masked} is in ${envFile}, but git tracks ${envFile}: the next commit carries it, and .gitignore does nothing for a tracked file. Run \`git rm --cached ${envFile}\` in a terminal, commit, and keep ${envFile} git-ignored.`;
}

/** A document whose last scan of an edit cost less than this (CPU ms) is rescanned at once on each edit:
 * waiting would only add latency. Slower ones wait for a pause in typing, so bursts collapse into one scan. */
const CHEAP_SCAN_MS = 20;
/** While typing never pauses, a debounced document is still rescanned this long after its first unscanned
 * edit: its cost is measured again (one slow scan, e.g. a rule's first compile, must not debounce the rest
 * of the burst, and so its last keystroke, for good), and its squiggles do not lag a long burst. */
const MAX_WAIT_FACTOR = 4;

/** Adaptive publishing: at once while scans of the document's edits are cheap, debounced while they are not.
 * `validate` returns what its scan cost (CPU ms; the time it waited on others does not count). */
export class DiagnosticsScheduler {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  /** What the last two scans of edits of each document cost (CPU ms); the cheaper one decides, so one
   * scan that paid a first-use cost (a rule's regex compiled as its keyword is typed) does not debounce the
   * next keystroke. The scan at open (and other full rescans) is not counted: it reads the whole file, an
   * edit's scan a few lines around it (issue 14: a document opened empty and typed into at once was
   * debounced throughout, its first squiggle 120 ms after the last keystroke at best). */
  private readonly lastCosts = new Map<string, [number, number]>();
  /** When each debounced document's first unscanned edit arrived (ms). */
  private readonly pendingSince = new Map<string, number>();
  /** Validations started and not yet finished. */
  private running = 0;

  constructor(
    private readonly connection: Connection,
    private readonly validate: (uri: string) => Promise<number | void>,
    private readonly delayMs: number,
  ) {}

  schedule(uri: string, immediate = false): void {
    this.cancel(uri);
    const run = () => {
      this.timers.delete(uri);
      this.pendingSince.delete(uri);
      const started = cpuMs();
      this.running++;
      this.validate(uri)
        .then((cost) => {
          if (!immediate) this.recordCost(uri, typeof cost === 'number' ? cost : cpuMs() - started);
        })
        .catch((error) => this.connection.console.error(`Secret Hygiene: validation failed for ${uri}: ${(error as Error).message}`))
        .finally(() => this.running--);
    };
    // A newly opened document is scanned at once; typing waits for a pause unless scans are cheap (or not
    // measured yet). Even "at once" goes through a timer, so edits already queued collapse into one scan.
    const cheap = this.cost(uri) < CHEAP_SCAN_MS;
    if (immediate || cheap || this.delayMs === 0) {
      this.timers.set(uri, setTimeout(run, 0));
      return;
    }
    const now = performance.now();
    const since = this.pendingSince.get(uri) ?? now;
    this.pendingSince.set(uri, since);
    this.timers.set(uri, setTimeout(run, Math.max(0, Math.min(this.delayMs, since + this.delayMs * MAX_WAIT_FACTOR - now))));
  }

  /** What scanning an edit of `uri` costs, as far as measured (0 until then: scan at once). */
  cost(uri: string): number {
    const costs = this.lastCosts.get(uri);
    return costs ? Math.min(...costs) : 0;
  }

  private recordCost(uri: string, cost: number): void {
    const previous = this.lastCosts.get(uri)?.[1] ?? cost;
    this.lastCosts.set(uri, [previous, cost]);
  }

  /** Whether a scan is waiting for its timer or running: work the user waits for. */
  busy(): boolean {
    return this.timers.size > 0 || this.running > 0;
  }

  cancel(uri: string): void {
    const timer = this.timers.get(uri);
    if (timer) clearTimeout(timer);
    this.timers.delete(uri);
  }

  /** Forgets a closed document. */
  forget(uri: string): void {
    this.cancel(uri);
    this.pendingSince.delete(uri);
    this.lastCosts.delete(uri);
  }
}

/** CPU time this process has used (user + system), in ms: a scan's cost without the time other processes
 * had the CPU (a 2-core CI machine runs the editor, its extension host and the browser besides). */
export function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}
