// A bounded wait for a condition outside the browser (a file's content, a process, an HTTP answer):
// checks every 100 ms and fails with what it waited for once the deadline passes. Never a blind sleep.
// An error thrown by the condition ends the wait at once (e.g. "code-server exited").
export async function waitUntil<T>(condition: () => T | false | undefined | Promise<T | false | undefined>, timeoutMs: number, what: string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await condition();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

