// Every read of a workspace file goes through here (issue 11 item 9): regular files only, so a FIFO never
// blocks and `/dev/zero` is never read; the size is checked on the opened file and exactly that many bytes
// are read (one open, one fstat, one read); a link is followed only when it stays `within`.
import * as fs from 'node:fs';
import * as path from 'node:path';

/** Thrown for anything but a regular file of at most the allowed size; `code` says which. */
export class FileReadError extends Error {
  constructor(
    readonly code: 'ENOTREGULAR' | 'EFBIG' | 'EOUTSIDE',
    message: string,
    /** The size found, for EFBIG. */
    readonly size?: number,
  ) {
    super(message);
  }
}

export interface RegularReadOptions {
  /** A path (a file in a link chain) must resolve inside this folder; otherwise EOUTSIDE. */
  within?: string;
}

/** Rule files, team configs, .gitleaks.toml: gitleaks' whole default config is about 100 KB. */
export const MAX_POLICY_FILE_BYTES = 4 * 1024 * 1024;

/** O_NONBLOCK: opening a FIFO for reading returns at once instead of waiting for a writer. */
const OPEN_FLAGS = fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0);

/** The bytes of `file`, a regular file of at most `maxBytes`. Other failures are the usual errno errors. */
export function readRegularFileSync(file: string, maxBytes: number, options: RegularReadOptions = {}): Buffer {
  if (options.within !== undefined) checkWithin(fs.realpathSync(file), options.within);
  const fd = fs.openSync(file, OPEN_FLAGS);
  try {
    const stat = fs.fstatSync(fd);
    checkStat(stat, maxBytes);
    // Exactly the fstat size (at most maxBytes): a file growing meanwhile is read up to that size, no further.
    const buffer = Buffer.allocUnsafe(stat.size);
    let length = 0;
    while (length < buffer.length) {
      const read = fs.readSync(fd, buffer, length, buffer.length - length, null);
      if (read === 0) break;
      length += read;
    }
    return length === buffer.length ? buffer : buffer.subarray(0, length);
  } finally {
    fs.closeSync(fd);
  }
}

function checkWithin(real: string, within: string): void {
  const root = realOrSelf(within);
  if (real !== root && !real.startsWith(root.endsWith(path.sep) ? root : root + path.sep)) {
    throw new FileReadError('EOUTSIDE', 'a symbolic link leading out of the workspace');
  }
}

function checkStat(stat: fs.Stats, maxBytes: number): void {
  if (!stat.isFile()) throw new FileReadError('ENOTREGULAR', `not a regular file (${kindOf(stat)})`);
  if (stat.size > maxBytes) throw new FileReadError('EFBIG', `${stat.size} bytes is over the ${maxBytes}-byte limit`, stat.size);
}


/** The same without blocking the event loop (the server's workspace scan). */
export async function readRegularFile(file: string, maxBytes: number, options: RegularReadOptions = {}): Promise<Buffer> {
  if (options.within !== undefined) checkWithin(await fs.promises.realpath(file), options.within);
  const handle = await fs.promises.open(file, OPEN_FLAGS);
  try {
    const stat = await handle.stat();
    checkStat(stat, maxBytes);
    // Exactly the fstat size (at most maxBytes): a file growing meanwhile is read up to that size, no further.
    const buffer = Buffer.allocUnsafe(stat.size);
    let length = 0;
    while (length < buffer.length) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, null);
      if (bytesRead === 0) break;
      length += bytesRead;
    }
    return length === buffer.length ? buffer : buffer.subarray(0, length);
  } finally {
    await handle.close();
  }
}

/** The text of a regular UTF-8 file of at most `maxBytes`. */
export function readRegularTextSync(file: string, maxBytes: number, options: RegularReadOptions = {}): string {
  return readRegularFileSync(file, maxBytes, options).toString('utf8');
}

function realOrSelf(folder: string): string {
  try {
    return fs.realpathSync(folder);
  } catch {
    return path.resolve(folder);
  }
}

function kindOf(stat: fs.Stats): string {
  if (stat.isFIFO()) return 'a FIFO';
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return 'a device';
  if (stat.isSocket()) return 'a socket';
  if (stat.isDirectory()) return 'a folder';
  return 'not a file';
}
