// Small text files the fixes read (.env, .gitignore, .env.example), cached by mtime and size so repeated
// code-action requests do not reread them. A BOM is dropped, as editors do, so offsets match theirs.
import * as fs from 'node:fs';
import { readRegularTextSync } from './regularFile';

/** Far above any .env or .gitignore, so a real file is never taken for a missing one; a bound all the same. */
const MAX_TEXT_BYTES = 64 * 1024 * 1024;

interface Entry {
  mtimeMs: number;
  size: number;
  text: string;
}

export class TextFileCache {
  private readonly entries = new Map<string, Entry>();

  /** The file's text, or undefined when it does not exist or is not a readable file. */
  read(file: string): string | undefined {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(file);
    } catch {
      this.entries.delete(file);
      return undefined;
    }
    if (!stat.isFile()) return undefined;
    const cached = this.entries.get(file);
    if (cached && cached.mtimeMs === stat.mtimeMs && cached.size === stat.size) return cached.text;
    try {
      const text = readRegularTextSync(file, MAX_TEXT_BYTES).replace(/^\uFEFF/, '');
      this.entries.set(file, { mtimeMs: stat.mtimeMs, size: stat.size, text });
      return text;
    } catch {
      return undefined;
    }
  }

  forget(file: string): void {
    this.entries.delete(file);
  }
}

/** True when `file` exists and can be written, or does not exist and its folder accepts new files. */
export function isWritable(file: string, dir: string): boolean {
  try {
    fs.accessSync(fs.existsSync(file) ? file : dir, fs.constants.W_OK);
    return true;
  } catch {
    return false;
  }
}
