// Maps document URIs to file-system paths and to the workspace-relative paths that rules and
// exclude globs are matched against.
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

export class WorkspacePaths {
  private folders: string[] = [];
  private uris: string[] = [];

  setFolders(uris: string[]): void {
    this.uris = [...new Set(uris)];
    this.folders = this.uris.map(toFsPath).filter((p): p is string => p !== undefined).sort((a, b) => b.length - a.length);
  }

  /** Applies a workspace/didChangeWorkspaceFolders event. */
  changeFolders(added: string[], removed: string[]): void {
    this.setFolders([...this.uris.filter((uri) => !removed.includes(uri)), ...added]);
  }

  get folderPaths(): readonly string[] {
    return this.folders;
  }

  /** The innermost workspace folder holding `file`, if any. */
  folderOf(file: string): string | undefined {
    return this.folders.find((folder) => file === folder || file.startsWith(folder + path.sep));
  }

  /** Workspace-relative path with forward slashes; the base name for files outside every folder. */
  scanPathFor(uri: string): string {
    const file = toFsPath(uri);
    if (!file) return uri.replace(/^[a-z-]+:\/*/i, '');
    const folder = this.folderOf(file);
    return (folder ? path.relative(folder, file) : path.basename(file)).split(path.sep).join('/');
  }
}

export function toFsPath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}
