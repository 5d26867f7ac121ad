// Writes small realistic projects (package.json, config, sources, .env) into a temp folder for tests.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** Creates a temp folder holding `files` (relative path → content); returns its path. */
export function writeProject(files: Record<string, string>, prefix = 'sh-proj-'): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  for (const [relative, content] of Object.entries(files)) {
    const file = path.join(root, relative);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
  }
  return root;
}

export function packageJson(dependencies: Record<string, string>, devDependencies: Record<string, string> = {}): string {
  return JSON.stringify({ name: 'app', private: true, dependencies, devDependencies }, null, 2);
}

export function removeProject(root: string): void {
  fs.rmSync(root, { recursive: true, force: true });
}
