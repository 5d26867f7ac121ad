// Git's ignore semantics for a walk: nested .gitignore files, negations, directory-only patterns and
// .git/info/exclude, matched with the `ignore` library (the implementation git-aware Node tools share).
import * as fs from 'node:fs';
import * as path from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { readRegularTextSync } from './regularFile';

/** A .gitignore larger than this is not read (a committed link to /dev/zero once blocked the server). */
const MAX_GITIGNORE_BYTES = 1024 * 1024;

interface Layer {
  base: string;
  matcher: Ignore;
}

/** An immutable stack of .gitignore layers, from the repository root down to the current folder. */
export class GitignoreStack {
  private constructor(private readonly layers: readonly Layer[]) {}

  static empty(): GitignoreStack {
    return new GitignoreStack([]);
  }

  /** The layers that apply to `dir` from above it: .git/info/exclude and the .gitignore of every
   * folder from the repository root down to (not including) `dir`. */
  static forAncestorsOf(dir: string): GitignoreStack {
    const chain: string[] = [];
    let current = path.resolve(dir);
    let repoRoot: string | undefined;
    for (;;) {
      if (fs.existsSync(path.join(current, '.git'))) {
        repoRoot = current;
        break;
      }
      const parent = path.dirname(current);
      if (parent === current) break;
      chain.unshift(parent);
      current = parent;
    }
    if (!repoRoot) return GitignoreStack.empty();
    let stack = GitignoreStack.empty().withFile(repoRoot, path.join(repoRoot, '.git', 'info', 'exclude'));
    for (const ancestor of chain.filter((a) => a.startsWith(repoRoot!) && a !== path.resolve(dir))) {
      stack = stack.withFile(ancestor, path.join(ancestor, '.gitignore'));
    }
    return stack;
  }

  /** Adds the rules of `file` (if it exists) for paths under `base`. */
  withFile(base: string, file: string): GitignoreStack {
    let content: string;
    try {
      content = readRegularTextSync(file, MAX_GITIGNORE_BYTES);
    } catch {
      return this;
    }
    return this.withRules(base, content);
  }

  withRules(base: string, content: string): GitignoreStack {
    return new GitignoreStack([...this.layers, { base, matcher: ignore().add(content) }]);
  }

  /** Deeper layers override shallower ones, as in git: a negation re-includes, a later pattern excludes. */
  isIgnored(fullPath: string, isDirectory: boolean): boolean {
    let ignored = false;
    for (const layer of this.layers) {
      const relative = path.relative(layer.base, fullPath);
      if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) continue;
      const result = layer.matcher.test(relative.split(path.sep).join('/') + (isDirectory ? '/' : ''));
      if (result.ignored) ignored = true;
      else if (result.unignored) ignored = false;
    }
    return ignored;
  }
}
