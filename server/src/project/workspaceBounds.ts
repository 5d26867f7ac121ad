// "Does writing this path land outside the workspace?": a fix must never follow a symbolic link (the file
// itself or a folder above it) out of the workspace folder, e.g. `.env -> ../outside/file`.
import * as fs from 'node:fs';
import * as path from 'node:path';

/** True when `file` (existing or to be created) resolves, through any symbolic link, outside `folder`. */
export function escapesFolder(file: string, folder: string): boolean {
  let realFolder: string;
  try {
    realFolder = fs.realpathSync(folder);
  } catch {
    return true;
  }
  // The nearest part of the path that exists decides where a write really goes.
  let existing = path.resolve(file);
  const rest: string[] = [];
  for (;;) {
    try {
      fs.lstatSync(existing);
      break;
    } catch {
      rest.unshift(path.basename(existing));
      const parent = path.dirname(existing);
      if (parent === existing) return true;
      existing = parent;
    }
  }
  let real: string;
  try {
    real = fs.realpathSync(existing);
  } catch {
    return true; // a dangling link: where it would create a file is not ours to follow
  }
  const target = path.join(real, ...rest);
  const relative = path.relative(realFolder, target);
  return relative.startsWith('..') || path.isAbsolute(relative);
}
