// Globs that come from a workspace (settings `exclude`, team config `exclude` and allowlist `paths`, team
// rule `paths`). picomatch turns globs into backtracking V8 regexes: `*a*a*a*b` against a 255-character
// name ran for 21 s and froze the server. These are matched by a state-set simulation instead, linear in
// glob length × path length. Built-in rules, whose globs are reviewed, may keep picomatch's extglobs.

/** Longer globs are refused: no exclude or rule path needs more. */
export const MAX_GLOB_LENGTH = 500;
/** `{a,b}` alternatives expand to at most this many globs. */
const MAX_EXPANSIONS = 64;

type Token =
  /** optionalTail: the slash of a trailing `/**`, which may instead end the match (`a/**` matches `a`). */
  | { kind: 'char'; code: number; optionalTail?: boolean }
  | { kind: 'one' } // ?
  | { kind: 'star' } // * within one segment
  | { kind: 'any' } // ** as the last segment: anything, slashes included
  | { kind: 'segments' } // **/ : nothing, or anything that ends with a slash
  | { kind: 'class'; negated: boolean; ranges: Array<[number, number]> };

export interface GlobOptions {
  /** A glob without a slash matches the path's last segment (picomatch's `basename`). */
  basename?: boolean;
}

/** One glob, compiled: `matches(path)` with forward slashes, relative, no leading `./`. */
export interface CompiledGlob {
  glob: string;
  matches(path: string): boolean;
}

export class GlobError extends Error {}

/** Compiles a workspace glob; throws GlobError saying why a glob is refused (it never quotes the glob). */
export function compileGlob(glob: string, options: GlobOptions = {}): CompiledGlob {
  if (glob.length > MAX_GLOB_LENGTH) throw new GlobError(`a glob may be at most ${MAX_GLOB_LENGTH} characters long`);
  let body = glob;
  let negated = false;
  while (body.startsWith('!') && !body.startsWith('!(')) {
    negated = !negated;
    body = body.slice(1);
  }
  if (/(?:^|[^\\])[*?+@!]\(/.test(body)) throw new GlobError('extended globs (+(…), !(…), @(…), *(…), ?(…)) are not supported in workspace globs');
  body = body.replace(/^(?:\.\/)+/, '');
  const alternatives = expandBraces(body).map(tokenize);
  const base = options.basename === true && !body.includes('/');
  const matches = (path: string): boolean => {
    const subject = base ? path.slice(path.lastIndexOf('/') + 1) : path.replace(/^(?:\.\/)+/, '');
    return alternatives.some((tokens) => simulate(tokens, subject)) !== negated;
  };
  return { glob, matches };
}

/** A matcher that is true when any of `globs` matches (picomatch's array semantics); refused globs are
 * reported through `onRefused` with their index and never match. */
export function compileGlobs(globs: string[], options: GlobOptions = {}, onRefused?: (index: number, reason: string) => void): (path: string) => boolean {
  const compiled: CompiledGlob[] = [];
  globs.forEach((glob, index) => {
    try {
      compiled.push(compileGlob(glob, options));
    } catch (error) {
      if (!(error instanceof GlobError)) throw error;
      onRefused?.(index, error.message);
    }
  });
  return (path) => compiled.some((glob) => glob.matches(path));
}

/** `a{b,c{d,e}}` → `ab`, `acd`, `ace`; `\{` stays literal; an unbalanced brace is literal. */
function expandBraces(glob: string): string[] {
  const open = findBrace(glob);
  if (open < 0) return [glob];
  let depth = 0;
  const commas: number[] = [];
  let close = -1;
  for (let i = open; i < glob.length; i++) {
    const c = glob[i];
    if (c === '\\') i++;
    else if (c === '{') depth++;
    else if (c === '}' && --depth === 0) {
      close = i;
      break;
    } else if (c === ',' && depth === 1) commas.push(i);
  }
  if (close < 0 || commas.length === 0) {
    // Not an alternation: keep the brace literal and expand what follows it.
    return expandBraces(glob.slice(open + 1)).map((rest) => `${glob.slice(0, open)}\\{${rest}`);
  }
  const bounds = [open, ...commas, close];
  const out: string[] = [];
  for (let k = 0; k + 1 < bounds.length; k++) {
    for (const expanded of expandBraces(glob.slice(0, open) + glob.slice(bounds[k] + 1, bounds[k + 1]) + glob.slice(close + 1))) {
      out.push(expanded);
      if (out.length > MAX_EXPANSIONS) throw new GlobError(`a glob's {…} alternatives may expand to at most ${MAX_EXPANSIONS} globs`);
    }
  }
  return out;
}

function findBrace(glob: string): number {
  for (let i = 0; i < glob.length; i++) {
    if (glob[i] === '\\') i++;
    else if (glob[i] === '{') return i;
  }
  return -1;
}

function tokenize(glob: string): Token[] {
  const tokens: Token[] = [];
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '\\' && i + 1 < glob.length) tokens.push({ kind: 'char', code: glob.charCodeAt(++i) });
    else if (c === '?') tokens.push({ kind: 'one' });
    else if (c === '*') {
      let end = i;
      while (glob[end + 1] === '*') end++;
      // Exactly two stars make a globstar (picomatch reads `***` as one star).
      const wholeSegment = end === i + 1 && (i === 0 || glob[i - 1] === '/') && (end + 1 === glob.length || glob[end + 1] === '/');
      if (!wholeSegment) tokens.push({ kind: 'star' });
      else if (end + 1 === glob.length) {
        // `a/**` also matches `a` itself: drop the slash before, match "nothing, or a slash and anything".
        const last = tokens[tokens.length - 1];
        if (last?.kind === 'char' && last.code === 47) last.optionalTail = true;
        tokens.push({ kind: 'any' });
      } else {
        tokens.push({ kind: 'segments' });
        end++; // the slash belongs to the token
      }
      i = end;
    } else if (c === '[') {
      const parsed = parseClass(glob, i);
      if (parsed) {
        tokens.push(parsed.token);
        i = parsed.end;
      } else tokens.push({ kind: 'char', code: 91 });
    } else tokens.push({ kind: 'char', code: glob.charCodeAt(i) });
  }
  return tokens;
}

/** `[abc]`, `[a-z]`, `[!x]`, `[^x]`; undefined when the bracket never closes (then it is a literal). */
function parseClass(glob: string, open: number): { token: Token; end: number } | undefined {
  let i = open + 1;
  const negated = glob[i] === '!' || glob[i] === '^';
  if (negated) i++;
  const ranges: Array<[number, number]> = [];
  let first = true;
  for (; i < glob.length; i++) {
    if (glob[i] === ']' && !first) return { token: { kind: 'class', negated, ranges }, end: i };
    first = false;
    let low = glob.charCodeAt(i);
    if (glob[i] === '\\' && i + 1 < glob.length) low = glob.charCodeAt(++i);
    let high = low;
    if (glob[i + 1] === '-' && i + 2 < glob.length && glob[i + 2] !== ']') {
      i += 2;
      high = glob[i] === '\\' && i + 1 < glob.length ? glob.charCodeAt(++i) : glob.charCodeAt(i);
    }
    ranges.push(low <= high ? [low, high] : [high, low]);
  }
  return undefined;
}

/** Whether `tokens` match all of `path`: the set of live token positions, advanced one character at a time.
 * A globstar-slash token has two states: at a segment start (`live`, where it may end) and inside a segment (`inside`,
 * where it must reach a slash first). */
function simulate(tokens: Token[], path: string): boolean {
  const n = tokens.length;
  let live = new Uint8Array(n + 1);
  let next = new Uint8Array(n + 1);
  let inside = new Uint8Array(n);
  let nextInside = new Uint8Array(n);
  const close = (set: Uint8Array) => {
    // Epsilon moves: a star, `**` or `**/` may match nothing; so may the slash of a trailing `/**`.
    for (let k = 0; k < n; k++) {
      if (!set[k]) continue;
      const token = tokens[k];
      if (token.kind === 'star' || token.kind === 'any' || token.kind === 'segments') set[k + 1] = 1;
      else if (token.kind === 'char' && token.optionalTail) set[n] = 1;
    }
  };
  live[0] = 1;
  close(live);
  for (let p = 0; p < path.length; p++) {
    const code = path.charCodeAt(p);
    next.fill(0);
    nextInside.fill(0);
    for (let k = 0; k < n; k++) {
      const token = tokens[k];
      if (token.kind === 'segments' && (live[k] || inside[k])) {
        if (code === 47) next[k] = 1;
        else nextInside[k] = 1;
        continue;
      }
      if (!live[k]) continue;
      switch (token.kind) {
        case 'char':
          if (token.code === code) next[k + 1] = 1;
          break;
        case 'one':
          if (code !== 47) next[k + 1] = 1;
          break;
        case 'star':
          if (code !== 47) next[k] = 1;
          break;
        case 'any':
          next[k] = 1;
          break;
        case 'class': {
          const inRanges = token.ranges.some(([low, high]) => code >= low && code <= high);
          if (code !== 47 && inRanges !== token.negated) next[k + 1] = 1;
          break;
        }
      }
    }
    close(next);
    if (!next.includes(1) && !nextInside.includes(1)) return false;
    [live, next] = [next, live];
    [inside, nextInside] = [nextInside, inside];
  }
  return live[n] === 1;
}
