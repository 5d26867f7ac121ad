// Lists the files a scan should read under a folder: recursive, honouring .gitignore and exclude
// globs, never following symbolic links, never entering .git. Reading and classifying a file
// (text, binary, too large) is here too, so the CLI and the server's workspace scan agree.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { GitignoreStack } from './gitignore';
import { FileReadError, readRegularFile, readRegularFileSync, type RegularReadOptions } from './regularFile';

export interface WalkOptions {
  respectGitignore: boolean;
  /** Called with the path relative to the walk root (forward slashes); true skips the file or folder. */
  isExcluded?: (relativePath: string, isDirectory: boolean) => boolean;
}

export type WalkEntry = { kind: 'file'; path: string } | { kind: 'error'; path: string; message: string };

/** Yields every file under `root` (or `root` itself when it is a file) that a scan should read. */
export async function* walkFiles(root: string, options: WalkOptions): AsyncGenerator<WalkEntry> {
  const resolved = path.resolve(root);
  let stat: fs.Stats;
  try {
    stat = await fs.promises.stat(resolved);
  } catch (error) {
    yield { kind: 'error', path: root, message: describeError(error) };
    return;
  }
  if (!stat.isDirectory()) {
    // A file named explicitly is scanned even when ignored, as ripgrep and git grep do.
    yield { kind: 'file', path: resolved };
    return;
  }
  const stack = options.respectGitignore ? GitignoreStack.forAncestorsOf(resolved) : GitignoreStack.empty();
  yield* walkDirectory(resolved, resolved, stack, options);
}

async function* walkDirectory(root: string, dir: string, parentStack: GitignoreStack, options: WalkOptions): AsyncGenerator<WalkEntry> {
  let entries: fs.Dirent[];
  try {
    entries = await fs.promises.readdir(dir, { withFileTypes: true });
  } catch (error) {
    // A folder deleted since it was listed (a build cleaning up) holds nothing to scan.
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' && dir !== root) return;
    yield { kind: 'error', path: dir, message: describeError(error) };
    return;
  }
  const stack = options.respectGitignore && entries.some((e) => e.name === '.gitignore' && e.isFile()) ? parentStack.withFile(dir, path.join(dir, '.gitignore')) : parentStack;
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    if (entry.name === '.git' || entry.isSymbolicLink()) continue;
    const full = path.join(dir, entry.name);
    const isDirectory = entry.isDirectory();
    if (!isDirectory && !entry.isFile()) continue;
    if (stack.isIgnored(full, isDirectory)) continue;
    if (options.isExcluded?.(path.relative(root, full).split(path.sep).join('/'), isDirectory)) continue;
    if (isDirectory) yield* walkDirectory(root, full, stack, options);
    else yield { kind: 'file', path: full };
  }
}

export type ReadResult =
  | { kind: 'text'; text: string; size: number }
  | { kind: 'binary'; size: number }
  | { kind: 'too-large'; size: number }
  /** Not a regular file (FIFO, device, socket), a link leading out of `within`, or deleted since it was listed. */
  | { kind: 'skipped'; reason: string }
  | { kind: 'error'; message: string };

/** Reads a file for scanning: binary files (a NUL byte early on) and files over `maxSize` are not decoded;
 * only regular files are read (project/regularFile.ts). */
export async function readScannableFile(file: string, maxSize: number, options: RegularReadOptions = {}): Promise<ReadResult> {
  try {
    return classifyBytes(await readRegularFile(file, maxSize, options));
  } catch (error) {
    return readFailure(error);
  }
}

/** The same, synchronously: a scan worker reads one file at a time, and awaiting each read cost more than the read. */
export function readScannableFileSync(file: string, maxSize: number, options: RegularReadOptions = {}): ReadResult {
  try {
    return classifyBytes(readRegularFileSync(file, maxSize, options));
  } catch (error) {
    return readFailure(error);
  }
}

function readFailure(error: unknown): ReadResult {
  if (error instanceof FileReadError) return error.code === 'EFBIG' ? { kind: 'too-large', size: error.size ?? 0 } : { kind: 'skipped', reason: error.message };
  // Listed, then deleted before it was read (a build cleaning up mid-scan): nothing to scan, not an I/O error.
  if ((error as NodeJS.ErrnoException)?.code === 'ENOENT') return { kind: 'skipped', reason: 'deleted while the scan ran' };
  return { kind: 'error', message: describeError(error) };
}

/** Invalid UTF-8 is decoded with replacement characters, so a stray byte never hides the rest of a file. */
export function classifyBytes(bytes: Uint8Array): ReadResult {
  const head = bytes.subarray(0, 8192);
  if (head.includes(0)) return { kind: 'binary', size: bytes.length };
  return { kind: 'text', text: new TextDecoder('utf-8').decode(bytes), size: bytes.length };
}

export function describeError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException)?.code;
  if (code === 'ENOENT') return 'no such file or folder';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'is a folder';
  return code ?? String((error as Error)?.message ?? error);
}
