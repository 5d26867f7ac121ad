// "Add to baseline": the finding's salted hash joins .secret-hygiene/baseline.json (format and merge rules
// from engine/baseline.ts; hashing is done by the caller). Pure; the value itself is never written.
import { serializeBaseline, type Baseline, type BaselineEntry } from '../engine/baseline';
import { refuse, type FixPlan } from './types';

/** Plans adding `entry` to the baseline at `file`, whose current text is `text` (undefined: no file yet,
 * then `baseline` is a fresh one with a new salt). */
export function planAddToBaseline(file: string, text: string | undefined, baseline: Baseline, entry: BaselineEntry): FixPlan {
  if (baseline.entries.some((e) => e.hash === entry.hash)) return refuse('this value is already in the baseline');
  const newText = serializeBaseline({ ...baseline, entries: [...baseline.entries, entry] });
  return {
    changes: [{ path: file, create: text === undefined, edits: [{ start: 0, end: text?.length ?? 0, newText }] }],
    messages: [`Accepted in the baseline (${entry.file}, ${entry.ruleId}): only a salted hash is stored. A baselined key is still a key: rotate it if it is real.`],
  };
}
