// A small, language-aware reader of call arguments: where a call's argument list ends (strings and nesting
// respected, bounded), and which credential-holding expressions it passes as they are (a variable, a
// property, an env read), including inside string interpolation. Masked or derived uses do not count.
import { holdsCredential } from './names';

export type CodeLanguage = 'js' | 'python' | 'ruby' | 'go' | 'java' | 'kotlin' | 'csharp' | 'php' | 'rust' | 'shell' | 'swift' | 'dart';

const LANGUAGE_BY_EXTENSION: Record<string, CodeLanguage> = {
  js: 'js', jsx: 'js', mjs: 'js', cjs: 'js', ts: 'js', tsx: 'js', mts: 'js', cts: 'js', vue: 'js', svelte: 'js', astro: 'js',
  py: 'python', pyw: 'python', rb: 'ruby', rake: 'ruby', go: 'go', java: 'java', scala: 'java', groovy: 'kotlin', kt: 'kotlin', kts: 'kotlin',
  cs: 'csharp', php: 'php', rs: 'rust', sh: 'shell', bash: 'shell', zsh: 'shell', swift: 'swift', dart: 'dart',
};

/** The language of a source file by extension; undefined for everything else (docs, data, config). */
export function codeLanguageOf(path: string): CodeLanguage | undefined {
  const name = path.slice(path.lastIndexOf('/') + 1).toLowerCase();
  if (/\.min\.[cm]?js$/.test(name)) return undefined;
  return LANGUAGE_BY_EXTENSION[name.slice(name.lastIndexOf('.') + 1)];
}

/** A credential-holding expression passed as is: `apiKey`, `config.api_key`, an env read of `OPENAI_API_KEY`. */
export interface CredentialUse {
  start: number;
  end: number;
  /** The variable, property or env variable name (`OPENAI_API_KEY`, `apiKey`). */
  name: string;
  env: boolean;
}

/** Calls that read an env variable by a string argument: `getenv("X")`, `os.Getenv("X")`, `ENV.fetch("X")`… */
const ENV_CALLS = /(?:^|\.)(?:getenv|Getenv|GetEnvironmentVariable|fetch|get|var|env)$/;
const ENV_OBJECTS = /(?:^|\.)(?:environ|ENV|\$_ENV|\$_SERVER|env)$/;
/** Calls whose result is their argument as text: a key passed through them is still the key. */
const PASS_THROUGH = /(?:^|\.)(?:String|str|repr|JSON\.stringify|String\.valueOf|strval|to_s|inspect)$/;
const IDENT_START = /[A-Za-z_$@]/;
const IDENT_PART = /[A-Za-z0-9_$]/;

/** The end of the argument list opened at `open` (the offset just after `(`): the matching `)`, else the limit. */
export function argumentsEnd(text: string, open: number, limit: number): number {
  let depth = 0;
  for (let i = open; i < limit; i++) {
    const c = text[i];
    if (c === '"' || c === "'" || c === '`') i = stringEnd(text, i, limit) - 1;
    else if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') {
      if (depth === 0) return i;
      depth--;
    }
  }
  return limit;
}

/** The offset just past the string literal starting at `quote` (escapes respected; unterminated: the limit). */
function stringEnd(text: string, quote: number, limit: number): number {
  const q = text[quote];
  for (let i = quote + 1; i < limit; i++) {
    const c = text[i];
    if (c === '\\') i++;
    else if (c === q) return i + 1;
    else if (c === '\n' && q !== '`') return i;
  }
  return limit;
}

/** Credential uses passed as they are in text[start, end) (an argument list or an interpolation). */
export function credentialUses(text: string, start: number, end: number, language: CodeLanguage): CredentialUse[] {
  const out: CredentialUse[] = [];
  /** One entry per open paren: true when it is a pass-through call such as String(…). */
  const parens: boolean[] = [];
  const atTop = () => parens.every(Boolean);
  let i = start;
  while (i < end) {
    const c = text[i];
    if (c === '"' || c === "'" || c === '`') {
      const close = Math.min(stringEnd(text, i, end), end);
      if (atTop()) for (const [from, to] of interpolations(text, i, close, language)) out.push(...credentialUses(text, from, to, language));
      i = close;
      continue;
    }
    if (c === '(') {
      parens.push(PASS_THROUGH.test(chainBefore(text, i, start)));
      i++;
      continue;
    }
    if (c === ')') {
      parens.pop();
      i++;
      continue;
    }
    if (IDENT_START.test(c) && (i === start || !IDENT_PART.test(text[i - 1])) && text[i - 1] !== '.' && !(text[i - 1] === '>' && text[i - 2] === '-')) {
      const chain = readChain(text, i, end, language);
      if (chain && atTop()) {
        const use = judge(text, start, end, chain, language);
        if (use) out.push(use);
      }
      i = chain ? Math.max(chain.end, i + 1) : i + 1;
      continue;
    }
    i++;
  }
  return out;
}

interface Chain {
  start: number;
  end: number;
  /** The last name of the chain: the property, variable or env variable. */
  last: string;
  env: boolean;
  /** The chain is followed by a call that is not an env read: `getApiKey()`. */
  call: boolean;
}

/** Reads `a.b?.c['d']`, `$this->key`, `os.environ["X"]`, `os.getenv("X")` starting at `at`. */
function readChain(text: string, at: number, end: number, language: CodeLanguage): Chain | undefined {
  let i = at;
  if (text[i] === '@' || text[i] === '$') i++;
  if (text[i] === '{' && language === 'shell') i++;
  let path = text.slice(at, i);
  const nameStart = i;
  while (i < end && IDENT_PART.test(text[i])) i++;
  if (i === nameStart) return undefined;
  let last = text.slice(nameStart, i);
  path += last;
  let env = false;
  for (;;) {
    if (text[i] === '.' && IDENT_START.test(text[i + 1] ?? '')) {
      const s = i + 1;
      i = s;
      while (i < end && IDENT_PART.test(text[i])) i++;
      last = text.slice(s, i);
      path += `.${last}`;
      env ||= /(?:^|\.)env$/.test(path.slice(0, -last.length - 1));
    } else if ((text[i] === '?' && text[i + 1] === '.') || (text[i] === '-' && text[i + 1] === '>')) {
      const s = i + 2;
      i = s;
      while (i < end && IDENT_PART.test(text[i])) i++;
      if (i === s) return undefined;
      last = text.slice(s, i);
      path += `.${last}`;
    } else {
      const subscript = /^\[\s*(['"])([A-Za-z_][A-Za-z0-9_-]*)\1\s*\]/.exec(text.slice(i, Math.min(end, i + 80)));
      if (subscript) {
        env ||= ENV_OBJECTS.test(path);
        last = subscript[2];
        path += `.${last}`;
        i += subscript[0].length;
        continue;
      }
      const call = /^\(\s*(['"])([A-Za-z_][A-Za-z0-9_]*)\1\s*(?:,[^()]*)?\)/.exec(text.slice(i, Math.min(end, i + 120)));
      if (call && ENV_CALLS.test(path) && /^[A-Z][A-Z0-9_]*$/.test(call[2])) {
        return { start: at, end: i + call[0].length, last: call[2], env: true, call: false };
      }
      if (language === 'shell' && text[at + 1] === '{' && text[i] === '}') i++;
      if (language === 'rust' && text[i] === '!') return undefined;
      return { start: at, end: i, last, env: env || (language === 'shell' && text[at] === '$'), call: /^\s*\(/.test(text.slice(i, i + 8)) };
    }
  }
}

/** Keeps a chain that is passed as it is: not called, compared, sliced, negated, measured or used as a key. */
function judge(text: string, start: number, end: number, chain: Chain, language: CodeLanguage): CredentialUse | undefined {
  if (chain.call || !holdsCredential(chain.last)) return undefined;
  let after = chain.end;
  while (after < end && (text[after] === ' ' || text[after] === '\t')) after++;
  const next = after >= end ? '' : text[after];
  const next2 = text.slice(after, after + 2);
  const inInterpolation = end < text.length && /[}]/.test(text[end] ?? '');
  const fine =
    next === '' ||
    next === '\n' ||
    next === '\r' ||
    /[),\]};+]/.test(next) ||
    (next === '.' && /[\s"']/.test(text[after + 1] ?? '')) ||
    next2 === '<<' ||
    (inInterpolation && /[!:=]/.test(next));
  if (!fine || next2 === '+=' || next2 === '++') return undefined;
  let before = chain.start - 1;
  while (before >= start && (text[before] === ' ' || text[before] === '\t')) before--;
  const prev = before < start ? '' : text[before];
  const word = /([A-Za-z_]+)$/.exec(text.slice(Math.max(start, before - 12), before + 1))?.[1];
  if (word && /^(typeof|not|len|bool|void|delete|await|in|of|is|instanceof|defined|isset|empty|count|sizeof)$/.test(word)) return undefined;
  if (prev === '!' || prev === '?' || prev === '&' || prev === '|' || prev === '<') return undefined;
  // `=>` (PHP and Ruby hashes) passes the value on; `=` is an assignment, except Python keyword arguments (structlog).
  if (prev === '>' && text[before - 1] !== '=') return undefined;
  if (prev === '=' && language !== 'python') return undefined;
  if (prev === '=' && /[=!<>]/.test(text[before - 1] ?? '')) return undefined;
  return { start: chain.start, end: chain.end, name: chain.last, env: chain.env };
}

/** The dotted name just before `paren` (`JSON.stringify` in `JSON.stringify(`). */
function chainBefore(text: string, paren: number, floor: number): string {
  let i = paren;
  while (i > floor && /[A-Za-z0-9_$.]/.test(text[i - 1])) i--;
  return text.slice(i, paren);
}

/** Interpolated code inside the string literal text[quote, close): `${…}`, `#{…}`, f-string `{…}`, `$name`… */
function interpolations(text: string, quote: number, close: number, language: CodeLanguage): Array<[number, number]> {
  const q = text[quote];
  const prefix = text.slice(Math.max(0, quote - 2), quote);
  const body = text.slice(quote + 1, Math.max(quote + 1, close - 1));
  const base = quote + 1;
  const spans: Array<[number, number]> = [];
  const add = (regex: RegExp, group = 1) => {
    for (const m of body.matchAll(regex)) {
      const s = base + m.index + m[0].indexOf(m[group]);
      spans.push([s, s + m[group].length]);
    }
  };
  if (q === "'" && language !== 'python') return spans;
  if (q === '`' || ((language === 'shell' || language === 'kotlin' || language === 'dart' || language === 'php') && q === '"')) add(/\$\{([^{}]{1,120})\}/g);
  if (language === 'ruby' && q === '"') add(/#\{([^{}]{1,120})\}/g);
  if ((language === 'python' && /[fF][rR]?$|[rR][fF]$/.test(prefix)) || (language === 'csharp' && prefix.endsWith('$')) || language === 'rust') add(/(?<!\{)\{([^{}]{1,120})\}/g);
  if (language === 'swift' && q === '"') add(/\\\(([^()]{1,120})\)/g);
  if ((language === 'php' || language === 'shell' || language === 'kotlin' || language === 'dart') && q === '"') add(/(?<![\\{])(\$[A-Za-z_][A-Za-z0-9_]*)/g);
  if (language === 'php' && q === '"') add(/\{(\$[^{}]{1,120})\}/g);
  return spans;
}

/** True when the call sits behind a line comment (`// console.log(apiKey)`, `# print(key)`, ` * log(x)`). */
export function isCommentedOut(text: string, offset: number): boolean {
  let lineStart = offset;
  const floor = Math.max(0, offset - 400);
  while (lineStart > floor && text[lineStart - 1] !== '\n') lineStart--;
  const before = text.slice(lineStart, offset);
  return /^\s*(?:\/\/|#|\*|\/\*|<!--|--|;)/.test(before) || /(?:^|[\s;])\/\/[^'"`]*$/.test(before);
}
