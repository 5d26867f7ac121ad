// Long jobs on the server's one thread (the browser module graph of a big project) run in short slices,
// with the event loop served between them, so a keystroke's diagnostics never wait behind the job.

/** Runs `steps` for at most `sliceMs` at a time, yielding to the event loop (setImmediate) between
 * slices; resolves with the job's result. */
export async function runInSlices<T>(steps: Generator<void, T, void>, sliceMs: number): Promise<{ value: T; slices: number }> {
  for (let slices = 1; ; slices++) {
    const sliceEnd = performance.now() + sliceMs;
    do {
      const next = steps.next();
      if (next.done) return { value: next.value, slices };
    } while (performance.now() < sliceEnd);
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}
