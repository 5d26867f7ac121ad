// "Does git track this file?" for the fixes (a secret must never be written into a tracked file). Asks
// `git ls-files` (project/git.ts) at most once per repository index state: answers are cached until
// .git/index changes. Never runs git for an untrusted workspace: the answer is then "unknown".
import * as fs from 'node:fs';
import * as path from 'node:path';
import { trackedFiles } from './git';

/** The tracked subset of the asked files, or undefined when it cannot be known (untrusted, no git). */
export type TrackedAnswer = Set<string> | undefined;

export class TrackedFilesCache {
  private readonly entries = new Map<string, { signature: string; answers: Map<string, boolean> }>();

  /** Which of `files` git tracks in `repo`. `trusted` false: git is not run, the answer is unknown. */
  tracked(repo: string, files: string[], trusted: boolean): TrackedAnswer {
    if (!trusted) return undefined;
    const signature = indexSignature(repo);
    let entry = this.entries.get(repo);
    if (!entry || entry.signature !== signature) {
      entry = { signature, answers: new Map() };
      this.entries.set(repo, entry);
    }
    const todo = files.filter((file) => !entry!.answers.has(file));
    if (todo.length > 0) {
      let found: Set<string>;
      try {
        found = trackedFiles(repo, todo);
      } catch {
        return undefined;
      }
      for (const file of todo) entry.answers.set(file, found.has(file));
    }
    return new Set(files.filter((file) => entry!.answers.get(file)));
  }
}

/** mtime and size of the index (a worktree's .git is a file pointing elsewhere: then always re-ask). */
function indexSignature(repo: string): string {
  try {
    const stat = fs.statSync(path.join(repo, '.git', 'index'));
    return `${stat.mtimeMs}:${stat.size}`;
  } catch {
    return `none:${Date.now()}`;
  }
}
