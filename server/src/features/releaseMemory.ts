// Gives memory back after a burst of work (issue 12: the server's RSS after a workspace scan). The scan
// leaves the texts of large files and their scans' garbage in V8's heap until its next full collection,
// which an idle editor may not need for minutes: one full collection right after it frees them (about
// 14 MB of the 129 MB measured after the benchmark's corpus). Costs one pause of tens of ms, off the
// keystroke path.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

let collect: (() => void) | null | undefined;

/** Runs a full garbage collection; does nothing where the runtime does not offer one. */
export function releaseMemory(): void {
  if (collect === undefined) {
    try {
      // V8 installs `gc` in contexts created once --expose-gc is set: a fresh one hands it over.
      setFlagsFromString('--expose-gc');
      const gc: unknown = runInNewContext('gc');
      collect = typeof gc === 'function' ? (gc as () => void) : null;
    } catch {
      collect = null;
    }
  }
  collect?.();
}
