// Making git ignore a path, judged with git's semantics (nested .gitignore files, negations, directory
// patterns) through the `ignore` library, which does no I/O: the project layer hands over the file texts.
import * as path from 'node:path';
import ignore from 'ignore';
import { appendLines, type TextReplace } from './types';

/** One .gitignore on the way from the repository root (or workspace folder) down to the path's folder. */
export interface GitignoreLayer {
  /** Folder the patterns are relative to. */
  dir: string;
  /** The .gitignore file (or .git/info/exclude). */
  path: string;
  /** Its text; undefined when the file does not exist. */
  text?: string;
  /** False for files we must not edit (.git/info/exclude). */
  editable: boolean;
}

/** Is `filePath` ignored by these layers, shallowest first? A deeper layer's match wins, as in git. */
export function isIgnoredBy(layers: GitignoreLayer[], filePath: string): boolean {
  return verdict(layers, filePath).ignored;
}

function verdict(layers: GitignoreLayer[], filePath: string): { ignored: boolean; negated: boolean } {
  let ignored = false;
  let negated = false;
  for (const layer of layers) {
    if (layer.text === undefined) continue;
    const relative = path.relative(layer.dir, filePath);
    if (!relative || relative.startsWith('..') || path.isAbsolute(relative)) continue;
    const result = ignore().add(layer.text).test(relative.split(path.sep).join('/'));
    if (result.ignored) ignored = true;
    else if (result.unignored) [ignored, negated] = [false, true];
  }
  return { ignored, negated };
}

/** A gitignore pattern matching exactly `relative` (special characters escaped, anchored). */
export function exactPattern(relative: string): string {
  return '/' + relative.split(path.sep).join('/').replace(/[*?[\]!#\\]/g, '\\$&').replace(/ $/, '\\ ');
}

export interface GitignorePlan {
  path: string;
  create: boolean;
  edit: TextReplace;
}

/** Plans the smallest edit that makes git ignore `filePath`: `pattern` (default: an exact anchored path)
 * appended to the nearest existing .gitignore where it takes effect, else to the .gitignore of the file's
 * own folder (created if needed: the deepest layer, which nothing overrides). When a negation un-ignores
 * the file on purpose, only the file's own folder is touched, so the negation keeps working elsewhere.
 * Undefined: already ignored. */
export function planGitignore(layers: GitignoreLayer[], filePath: string, pattern?: (layerDir: string) => string): GitignorePlan | undefined {
  const { ignored, negated } = verdict(layers, filePath);
  if (ignored) return undefined;
  const patternFor = pattern ?? ((dir: string) => exactPattern(path.relative(dir, filePath)));
  const ownDir = path.dirname(filePath);
  const candidates = negated ? [] : layers.filter((l) => l.editable && l.text !== undefined).reverse();
  for (const layer of candidates) {
    const edit = appendLines(layer.text!, [patternFor(layer.dir)]);
    const trial = layers.map((l) => (l === layer ? { ...l, text: layer.text + edit.newText } : l));
    if (isIgnoredBy(trial, filePath)) return { path: layer.path, create: false, edit };
  }
  const own = layers.find((l) => l.dir === ownDir && l.editable);
  const ownPath = own?.path ?? path.join(ownDir, '.gitignore');
  return { path: ownPath, create: own?.text === undefined, edit: appendLines(own?.text ?? '', [patternFor(ownDir)]) };
}
