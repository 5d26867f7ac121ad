// Where the server's start-up time goes (issue 14, first squiggle): named moments in milliseconds since
// the process started, reported once as one log line when the first opened document is published.
// Names and timings only; no document text or path.

/** One named moment of start-up, in ms since the process started. */
export interface StartupMark {
  name: string;
  ms: number;
}

export class StartupTimeline {
  private readonly marks: StartupMark[] = [];
  private reported = false;

  /** `origin`: epoch ms the times count from (the process start); `now`: ms since then. */
  constructor(
    readonly origin: number = performance.timeOrigin,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Records `name` (at `ms`, by default now) the first time only; nothing once the timeline has been reported. */
  mark(name: string, ms = this.now()): void {
    if (this.reported || this.marks.some((m) => m.name === name)) return;
    this.marks.push({ name, ms });
  }

  has(name: string): boolean {
    return this.marks.some((m) => m.name === name);
  }

  /** The log line, once: "<label> (ms since <ISO origin>, epoch <ms>): a +12, b +40". Later calls: undefined. */
  report(label: string): string | undefined {
    if (this.reported) return undefined;
    this.reported = true;
    return formatTimeline(label, this.origin, this.marks);
  }
}

export function formatTimeline(label: string, origin: number, marks: StartupMark[]): string {
  const parts = marks.map((m) => `${m.name} +${Math.round(m.ms)}`).join(', ');
  return `${label} (ms since ${new Date(origin).toISOString()}, epoch ${Math.round(origin)}): ${parts}`;
}

/** Reads a line written by formatTimeline back: epoch ms of each named moment (the e2e suite uses it). */
export function parseTimeline(line: string, label: string): Map<string, number> | undefined {
  const at = line.indexOf(`${label} (ms since `);
  if (at < 0) return undefined;
  const match = /epoch (\d+)\): (.*)$/.exec(line.slice(at).split('\n')[0]);
  if (!match) return undefined;
  const origin = Number(match[1]);
  const times = new Map<string, number>();
  for (const part of match[2].split(', ')) {
    const mark = /^(.+) \+(\d+)$/.exec(part.trim());
    if (mark) times.set(mark[1], origin + Number(mark[2]));
  }
  return times;
}

/** The first finding in the first opened document (there at open, or typed): when the last change before
 * it passed, when the scan that found it started (if told: the server's wait for a debounce or a busy event
 * loop, apart from the scan itself) and when the finding did. One log line, so the keystroke → squiggle path
 * shows per process. */
export class FirstFinding {
  private uri: string | undefined;
  private lastChange: number | undefined;
  private done = false;

  constructor(
    private readonly names: { change: string; finding: string; scan?: string },
    readonly origin: number = performance.timeOrigin,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Follows `uri` if no document is followed yet. */
  follow(uri: string): void {
    this.uri ??= uri;
  }

  changed(uri: string): void {
    if (!this.done && uri === this.uri) this.lastChange = this.now();
  }

  /** The log line the first time the followed document has findings; undefined otherwise. `scanStarted`:
   * when the scan that found them started (ms on this clock). */
  found(uri: string, findings: number, label: string, scanStarted?: number): string | undefined {
    if (this.done || uri !== this.uri || findings === 0) return undefined;
    this.done = true;
    const marks = [
      ...(this.lastChange === undefined ? [] : [{ name: this.names.change, ms: this.lastChange }]),
      ...(scanStarted === undefined || this.names.scan === undefined ? [] : [{ name: this.names.scan, ms: scanStarted }]),
      { name: this.names.finding, ms: this.now() },
    ];
    return formatTimeline(label, this.origin, marks);
  }
}
