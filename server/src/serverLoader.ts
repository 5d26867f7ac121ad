// The language server's entry (dist/server.js): starts the server bundle (dist/serverMain.js) with V8's
// code cache (project/codeCache.ts) and the regex engine set for a fast first scan. Nothing else: the
// server's wiring is server.ts.
import * as path from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { codeCacheDir, loadWithCodeCache } from './project/codeCache';

/** Saving waits for start-up (first scans, warm-up) so the cache holds the functions they compiled. */
const SAVE_AFTER_MS = 4000;

// Regexes straight to native code: V8's default first runs each regex in its bytecode interpreter, and
// building the bytecode for the generic rules' 4 KB patterns costs more than compiling them natively
// (about 10 ms against 3 ms each, measured), all of it on the first scan. Matching is the same.
setFlagsFromString('--no-regexp-tier-up');
// The young generation stays at its first size (2 MB) instead of growing to 32 MB during a workspace scan and
// keeping it committed ever after: the server's RSS after the benchmark's scan 131 → 101–104 MB, scan time and
// keystroke work unchanged (measured; V8 reads this flag whenever it would grow the space).
setFlagsFromString('--semi-space-growth-factor=1');

const bundle = loadWithCodeCache(path.join(__dirname, 'serverMain.js'), codeCacheDir(), module);
if (!bundle.cacheUsed) {
  setTimeout(() => bundle.save(), SAVE_AFTER_MS).unref();
  // A server stopped sooner (a short session, a test) still leaves a cache for the next start.
  process.once('exit', () => bundle.save());
}
