// The longest event-loop blocks of the server's start-up and first finding (issue 14): a keystroke the editor
// sent waits unread while the loop runs something else (loading rules, a warm-up compile, a scan, a GC), so
// the log says how long each block lasted and when it ended, once, on the start-up timeline's clock. The
// measure is a timer's lateness: cheap (one callback per 10 ms), and no message is read. Timings only.
import { formatTimeline, type StartupMark } from './startupTimeline';

/** One block: how long the loop did not turn, and when it turned again (ms on the caller's clock). */
export interface LoopBlock {
  ms: number;
  endedAt: number;
}

/** The `keep` longest blocks seen by `sample`, each at least `minMs`. Pure: the clock is the caller's. */
export class LoopBlocks {
  private readonly longest: LoopBlock[] = [];
  private last: number;
  private lastSample: number;

  constructor(
    start: number,
    /** How often `sample` is due: lateness beyond it is time blocked. */
    private readonly intervalMs: number,
    private readonly keep = 3,
    private readonly minMs = 20,
  ) {
    this.last = start;
    this.lastSample = start;
  }

  /** The timer due `intervalMs` after the previous sample fired at `now`. */
  sample(now: number): void {
    const blocked = now - this.last - this.intervalMs;
    this.last = now;
    this.lastSample = now;
    if (blocked < this.minMs) return;
    this.longest.push({ ms: blocked, endedAt: now });
    this.longest.sort((a, b) => b.ms - a.ms);
    this.longest.length = Math.min(this.longest.length, this.keep);
  }

  /** Longest first. */
  blocks(): readonly LoopBlock[] {
    return this.longest;
  }

  /** "<label> (ms since …, epoch …): blocked 180 ms +640, …, watched until +12000", in time order. */
  format(label: string, origin: number): string {
    const marks: StartupMark[] = [...this.longest].sort((a, b) => a.endedAt - b.endedAt).map((b) => ({ name: `blocked ${Math.round(b.ms)} ms`, ms: b.endedAt }));
    return formatTimeline(label, origin, [...marks, { name: 'watched until', ms: this.lastSample }]);
  }
}

/** Watches the event loop from now until `report` (or `maxMs`, when `onLimit` gets the line); one line, once. */
export function watchEventLoop(label: string, maxMs: number, onLimit: (line: string) => void, intervalMs = 10): { report(): string | undefined } {
  const blocks = new LoopBlocks(performance.now(), intervalMs);
  let done = false;
  const timer = setInterval(() => blocks.sample(performance.now()), intervalMs);
  timer.unref();
  const report = () => {
    if (done) return undefined;
    done = true;
    clearInterval(timer);
    clearTimeout(limit);
    blocks.sample(performance.now());
    return blocks.format(label, performance.timeOrigin);
  };
  const limit = setTimeout(() => {
    const line = report();
    if (line) onLimit(line);
  }, maxMs);
  limit.unref();
  return { report };
}
