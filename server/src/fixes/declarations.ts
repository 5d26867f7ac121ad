// What the declaration around a moved literal must become so the result still compiles: a constant
// initialiser cannot call a function in most languages. Go `const` → `var`; C# `const string` → `static
// readonly` (a field) or a plain local; Kotlin `const val` → `val`; Java constants used as compile-time
// constants (annotations, `case`) and Rust `const`/`static` are refused with a reason; PHP property
// defaults move into the constructor, PHP class constants are refused. Pure string work.
import type { LanguageKind } from './languages';
import type { LiteralSite } from './literal';
import type { TextReplace } from './types';

/** Edits to the declaration (besides the literal's own replacement), or a reason the move cannot compile. */
export interface DeclarationRewrite {
  edits: TextReplace[];
  /** Set when the literal's replacement must differ from the plain lookup (PHP: the read moves away). */
  replacement?: TextReplace;
}

/** The text of the line holding `offset`, and where it starts. */
function lineAt(text: string, offset: number): { start: number; line: string } {
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  const end = text.indexOf('\n', offset);
  return { start, line: text.slice(start, end < 0 ? text.length : end) };
}

/** What precedes the innermost `{` still open at `offset` (strings and comments skipped crudely): tells
 * a class body (`class A {`) from a method body (`void f() {`). */
export function enclosingBlockHeader(text: string, offset: number): string {
  return enclosingBlock(text, offset).header;
}

/** The innermost `{` still open at `offset` (-1: none) and its header. */
export function enclosingBlock(text: string, offset: number): { open: number; header: string } {
  const opens: number[] = [];
  let quote = '';
  for (let i = 0; i < offset; i++) {
    const ch = text[i];
    if (quote) {
      if (ch === '\\') i++;
      else if (ch === quote || (ch === '\n' && quote !== '`')) quote = '';
      continue;
    }
    if (ch === '/' && text[i + 1] === '/') {
      const end = text.indexOf('\n', i);
      i = end < 0 ? offset : end;
    } else if (ch === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? offset : end + 1;
    } else if (ch === '"' || ch === "'" || ch === '`') quote = ch;
    else if (ch === '{') opens.push(i);
    else if (ch === '}') opens.pop();
  }
  const open = opens.at(-1);
  if (open === undefined) return { open: -1, header: '' };
  const before = text.slice(Math.max(0, open - 300), open);
  const statementStart = Math.max(before.lastIndexOf(';'), before.lastIndexOf('}'), before.lastIndexOf('{'));
  return { open, header: before.slice(statementStart + 1).trim() };
}

const isMethodHeader = (header: string) => /\)\s*(?::\s*\??[\w\\|]+\s*)?(?:throws\s+[\w.,\s]+)?$|=>\s*$|^(?:get|set|init|else|try|finally|do)$/.test(header);

/** `replacement` is the literal's planned replacement (the lookup, or a concatenation holding it). */
export function rewriteDeclaration(kind: LanguageKind, text: string, site: LiteralSite, replacement: TextReplace): DeclarationRewrite | string {
  const { start: lineStart } = lineAt(text, site.start);
  const before = text.slice(lineStart, site.start);
  switch (kind) {
    case 'go': {
      const match = /^(\s*)const(\s+)/.exec(before);
      if (match) return { edits: [{ start: lineStart + match[1].length, end: lineStart + match[1].length + 5, newText: 'var' }] };
      if (insideGoConstBlock(text, lineStart)) return 'the key is inside a Go const ( … ) block, whose values must be constants; move that line into a var declaration first';
      return { edits: [] };
    }
    case 'kotlin': {
      const match = /\bconst\s+(?=val\b)/.exec(before);
      return { edits: match ? [{ start: lineStart + match.index, end: lineStart + match.index + match[0].length, newText: '' }] : [] };
    }
    case 'csharp': {
      const match = /\bconst\s+/.exec(before);
      if (!match) return { edits: [] };
      const field = !isMethodHeader(enclosingBlockHeader(text, lineStart));
      return { edits: [{ start: lineStart + match.index, end: lineStart + match.index + match[0].length, newText: field ? 'static readonly ' : '' }] };
    }
    case 'java': {
      const name = /\b([A-Za-z_$][\w$]*)\s*=\s*$/.exec(before)?.[1];
      if (name && /\bfinal\b/.test(before) && usedAsJavaConstant(text, name)) {
        return `${name} is used as a compile-time constant (an annotation value or a switch case), which System.getenv cannot be; read the variable where it is used instead`;
      }
      return { edits: [] };
    }
    case 'rust': {
      if (/^\s*(?:pub(?:\([^)]*\))?\s+)?(?:const|static)\s/.test(before)) return 'a Rust const or static cannot call std::env::var; read the variable at run time (a let binding or a function) instead';
      // env::var gives a String: borrow it where a &str literal stood, unless a method is called on it.
      const followedByMethod = /^\s*\./.test(text.slice(site.end, site.end + 20));
      return followedByMethod || site.kind !== 'whole' ? { edits: [] } : { edits: [], replacement: { ...replacement, newText: `&${replacement.newText}` } };
    }
    case 'php':
      return rewritePhp(text, site, lineStart, before, replacement);
    default:
      return { edits: [] };
  }
}

function insideGoConstBlock(text: string, lineStart: number): boolean {
  const before = text.slice(0, lineStart);
  const open = before.lastIndexOf('const (');
  return open >= 0 && !/^\)/m.test(before.slice(open));
}

function usedAsJavaConstant(text: string, name: string): boolean {
  const word = `\\b${name.replace(/\$/g, '\\$')}\\b`;
  return new RegExp(`@[\\w.]+\\s*\\([^)]*${word}`).test(text) || new RegExp(`\\bcase\\s+(?:[\\w.]+\\.)?${word}\\s*(?::|->|,)`).test(text);
}

/** PHP: `private $key = '…';` → `private $key;` and `$this->key = getenv(…);` in the constructor (made
 * when missing). Class constants and static properties cannot read at run time: refused. */
function rewritePhp(text: string, site: LiteralSite, lineStart: number, before: string, replacement: TextReplace): DeclarationRewrite | string {
  const { open, header } = enclosingBlock(text, lineStart);
  if (!/\b(?:class|trait)\b/.test(header) || isMethodHeader(header)) return { edits: [] };
  if (/^\s*(?:(?:public|protected|private|final)\s+)*const\s/.test(before)) return 'a PHP class constant cannot call getenv; read it in a method (or the constructor) instead';
  const property = /^\s*((?:public|protected|private|var|readonly)(?:\s+(?:public|protected|private|readonly|\??[\w\\]+))*)\s+\$(\w+)\s*=\s*$/.exec(before);
  if (!property) return 'the key is in a PHP class declaration that cannot call getenv; read it in a method instead';
  if (/\bstatic\b/.test(property[1])) return 'a PHP static property default cannot call getenv; read it in a method instead';
  if (/\breadonly\b/.test(property[1] + header)) return 'a PHP readonly property is set once in the constructor; read getenv there by hand';
  const end = /^\s*;/.exec(text.slice(site.end));
  if (!end) return 'the property default continues past the key; move it by hand';
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const indent = /^\s*/.exec(before)![0];
  // A typed property (`private string $k`) gets the value from getenv's string|false: cast it.
  const typed = /\s\??[\w\\]+$/.test(property[1]) && !/^(?:public|protected|private|var|readonly)$/.test(property[1].split(/\s+/).pop()!);
  const assignment = `$this->${property[2]} = ${typed ? '(string) ' : ''}${replacement.newText};`;
  const edits: TextReplace[] = [];
  const constructor = /function\s+__construct\s*\([^)]*\)\s*(?::\s*\w+\s*)?\{/.exec(text.slice(open));
  if (constructor && enclosingBlock(text, open + constructor.index).open === open) {
    const at = open + constructor.index + constructor[0].length;
    edits.push({ start: at, end: at, newText: `${eol}${indent}${indent}${assignment}` });
  } else {
    if (/\bextends\b/.test(header)) return 'the class extends another one and has no constructor of its own; add one (calling parent::__construct) and read getenv there';
    const lineEnd = text.indexOf('\n', site.end);
    const at = lineEnd < 0 ? text.length : lineEnd + 1;
    const block = `${eol}${indent}public function __construct()${eol}${indent}{${eol}${indent}${indent}${assignment}${eol}${indent}}${eol}`;
    edits.push({ start: at, end: at, newText: lineEnd < 0 ? eol + block : block });
  }
  // The declaration keeps its name and loses its default: `private $key;`.
  const assign = /\s*=\s*$/.exec(before)!;
  return { edits, replacement: { start: lineStart + assign.index, end: replacement.end, newText: '' } };
}
