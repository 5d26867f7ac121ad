// The RE2 patterns workspace rules share: re2-wasm loaded on first use, each (pattern, flags) compiled once
// while in use and freed after (its heap is a fixed 16 MB), refusals remembered, failed searches counted.
// Owns RE2's heap; knows nothing of lines, windows or probes.
import type { RE2 } from 're2-wasm';
import { re2RegexErrorReason } from '../engine/regexError';
import { smallCounts } from './regexProbe';

/** Loaded on first use: compiling the 850 KB WebAssembly module costs about 300 ms, which a workspace
 * without rules of its own should never pay. */
let re2Module: typeof import('re2-wasm') | undefined;
export function loadRe2(): typeof RE2 {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  re2Module ??= require('re2-wasm') as typeof import('re2-wasm');
  return re2Module.RE2;
}

/**
 * Compiled patterns, shared. re2-wasm never frees a compiled pattern by itself (its embind wrapper must be
 * deleted) and its heap is a fixed 16 MB, so a policy reloaded a few hundred times used to fill it and
 * every workspace rule then failed to compile. Each pattern is compiled once per (pattern, flags) while any
 * adapter uses it, and deleted when the last one is released: explicitly (releaseSafeRegexes, on a policy
 * reload) or when the adapter is garbage-collected (the FinalizationRegistry below).
 */
const compiled = new Map<string, { re2: RE2; users: number }>();
/** Patterns RE2 refused, by key: re2-wasm leaks the wrapper of a failed compile too, so each is tried once. */
const refused = new Map<string, string>();
const MAX_REFUSED = 512;
const collected = new FinalizationRegistry<string>((key) => releaseKey(key));

/** Counts `owner` as a user of `key` until it is released or garbage-collected (then the key is released). */
export function registerUser(owner: object, key: string): void {
  collected.register(owner, key, owner);
}

/** `owner` released its key itself. */
export function unregisterUser(owner: object): void {
  collected.unregister(owner);
}

/** `pattern` is what the user wrote (for messages); `compiledPattern` what RE2 runs (its line-mode form). */
export function acquireKey(key: string, pattern: string, compiledPattern: string, flags: string): RE2 {
  const shared = compiled.get(key);
  if (shared) {
    shared.users++;
    return shared.re2;
  }
  const re2 = compileKey(key, pattern, compiledPattern, flags);
  compiled.set(key, { re2, users: 1 });
  return re2;
}

function compileKey(key: string, pattern: string, compiledPattern: string, flags: string): RE2 {
  const known = refused.get(key);
  if (known !== undefined) throw new Error(known);
  try {
    return new (loadRe2())(compiledPattern, flags);
  } catch (error) {
    // A full heap is transient (patterns may be released): not remembered.
    if (re2OutOfMemory(pattern, (error as Error).message)) throw new Error('cannot be compiled: RE2 is out of memory (too many workspace rules)');
    const message = describeRe2Error(pattern, (error as Error).message);
    if (refused.size >= MAX_REFUSED) refused.delete(refused.keys().next().value!);
    refused.set(key, message);
    throw new Error(message);
  }
}

/** Throws what compiling the pattern would throw, cheaply: RE2's cost is the program it builds for counted
 * repetitions, so a stand-in with every count at most 2 is compiled and freed at once (syntax, classes,
 * groups and flags unchanged); when there is none, or it fails, the pattern itself decides. */
export function checkKey(key: string, pattern: string, compiledPattern: string, flags: string): void {
  if (compiled.has(key)) return;
  const small = smallCounts(compiledPattern);
  if (small !== undefined && !refused.has(key)) {
    try {
      freeRe2(new (loadRe2())(small, flags));
      return;
    } catch {
      // decided by the pattern itself, below
    }
  }
  freeRe2(compileKey(key, pattern, compiledPattern, flags));
}

export function releaseKey(key: string): void {
  const shared = compiled.get(key);
  if (!shared || --shared.users > 0) return;
  compiled.delete(key);
  freeRe2(shared.re2);
}

/** Deletes the WebAssembly side of a compiled pattern (embind's `delete`). */
export function freeRe2(re2: RE2): void {
  (re2 as unknown as { wrapper?: { delete?: () => void } }).wrapper?.delete?.();
}

/** How many distinct patterns are compiled in RE2's heap right now (tests, diagnostics). */
export function liveRe2Patterns(): number {
  return compiled.size;
}

/** re2-wasm reports a full heap as "invalid syntax". Taken as a full heap: that message for a pattern V8
 * parses (Go's leading `(?i)` and `(?P<name>` aside), or when even a one-letter pattern no longer compiles. */
function re2OutOfMemory(pattern: string, message: string): boolean {
  try {
    freeRe2(new (loadRe2())('a', 'u'));
  } catch {
    return true;
  }
  if (!/invalid syntax/i.test(message)) return false;
  try {
    new RegExp(pattern.replace(/^\(\?[imsU]+\)/, '').replace(/\(\?P</g, '(?<'), 'u');
    return true;
  } catch {
    return false;
  }
}

function describeRe2Error(pattern: string, message: string): string {
  if (/\(\?<?[=!]/.test(pattern)) return 'lookarounds ((?=…), (?!…), (?<=…), (?<!…)) are not supported in workspace rules: they cannot be matched in linear time';
  if (/\\[1-9]|\\k</.test(pattern)) return 'backreferences are not supported in workspace rules: they cannot be matched in linear time';
  return `invalid regular expression: ${re2RegexErrorReason(pattern, message)}`;
}

/** Searches RE2 could not finish since the last takeRe2Failures() (its heap full: thousands of rules). The
 * search counts as no match, so the other rules and files go on, and the caller says the file was not fully
 * scanned. */
let re2Failures = 0;

/** How many workspace-pattern searches failed since the last call (and resets the count). */
export function takeRe2Failures(): number {
  const failures = re2Failures;
  re2Failures = 0;
  return failures;
}

/** One search RE2 could not finish (counted for takeRe2Failures). */
export function countRe2Failure(): void {
  re2Failures++;
}
