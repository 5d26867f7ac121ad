// The client's side of the start-up timeline (issue 14, first squiggle): extension host start, this module
// loaded, server spawn, activation, server running, the first document opened and sent, its first diagnostics.
// One log line once those diagnostics arrived and activate() ran (in either order: the client starts before
// activation), plus the start-up cost "first diagnostics N ms after activation began".
// No vscode import: languageClient.ts and extension.ts feed it events, so a plain test can drive it.
import { FirstFinding, StartupTimeline } from '../../server/src/features/startupTimeline';

export const CLIENT_TIMELINE_LABEL = 'Secret Hygiene: client start-up';
export const CLIENT_FINDING_LABEL = 'Secret Hygiene: client first finding';

export class StartupLog {
  /** Counted from the extension host's start (its process), so activation's own delay shows. */
  private readonly timeline: StartupTimeline;
  private firstUri: string | undefined;
  private readonly at = new Map<string, number>();
  private readonly firstFinding: FirstFinding;

  constructor(
    private readonly log: (line: string) => void,
    origin: number = performance.timeOrigin,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.timeline = new StartupTimeline(origin, now);
    this.firstFinding = new FirstFinding({ change: 'last didChange sent', finding: 'received' }, origin, now);
  }

  /** `activated`: activate() has wired the UI (its own cost in the extension host shows). */
  mark(name: 'activate' | 'activated' | 'server spawn' | 'server running'): void {
    this.record(name);
  }

  /** A moment that passed before this log existed (`ms` on its clock): the module's load, an early spawn. */
  markAt(name: 'module loaded' | 'server spawn', ms: number): void {
    this.record(name, ms);
  }

  /** A document the server scans was opened in the editor (or was open when this module loaded). */
  documentOpened(uri: string): void {
    if (this.firstUri !== undefined) return;
    this.firstUri = uri;
    this.firstFinding.follow(uri);
    this.record('first document opened');
  }

  /** The client sent didOpen for `uri`. */
  didOpenSent(uri: string): void {
    if (uri === this.firstUri) this.record('first didOpen sent');
  }

  /** The client sent didChange for `uri`. */
  didChangeSent(uri: string): void {
    this.firstFinding.changed(uri);
  }

  /** `count` diagnostics arrived for `uri`: the first document's first ones end the timeline. */
  diagnostics(uri: string, count = 0): void {
    const found = this.firstFinding.found(uri, count, CLIENT_FINDING_LABEL);
    if (found) this.log(found);
    if (uri !== this.firstUri || this.at.has('first diagnostics')) return;
    this.record('first diagnostics');
    this.report();
  }

  /** Activation began → first diagnostics, less the time the server was up with no document open: what
   * start-up costs a user who opens a file at once. Activation begins when the extension host loads this
   * module (VS Code counts its activation from there too); activate() itself is called later. */
  activationToDiagnostics(): number | undefined {
    const begun = this.at.get('module loaded') ?? this.at.get('activate');
    const diagnostics = this.at.get('first diagnostics');
    const opened = this.at.get('first document opened');
    if (begun === undefined || diagnostics === undefined || opened === undefined) return undefined;
    const running = this.at.get('server running') ?? begun;
    return diagnostics - begun - Math.max(0, opened - Math.max(running, begun));
  }

  private record(name: string, ms = this.now()): void {
    if (this.at.has(name)) return;
    this.at.set(name, ms);
    this.timeline.mark(name, ms);
    if (name === 'activated') this.report();
  }

  /** Once both the first diagnostics and activate() have come: the timeline, then the start-up cost. */
  private report(): void {
    if (!this.at.has('first diagnostics') || !this.at.has('activated')) return;
    const line = this.timeline.report(CLIENT_TIMELINE_LABEL);
    if (!line) return;
    this.log(line);
    const cost = this.activationToDiagnostics();
    if (cost !== undefined) this.log(`first diagnostics ${Math.round(cost)} ms after activation began (the extension's module loaded; the time the server waited for a document to be opened is not counted)`);
  }
}
