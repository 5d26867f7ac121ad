// The runtime value of a secret written with escapes in a string literal (`\n` in a PEM, `\x6e`, `\u0041`):
// .env must hold what the program saw, not the source spelling. Per language and quote; anything this
// cannot decode exactly (octal, \N{…}, unknown escapes, line continuations) returns undefined, and the
// fix refuses rather than writing a different value. Pure.
import type { LanguageKind } from './languages';
import type { LiteralSite } from './literal';

type Scheme = 'c-like' | 'python' | 'none' | 'quotes-only' | 'shell-double';

/** How the literal at `site` spells escapes in `kind`. */
function schemeOf(kind: LanguageKind, site: LiteralSite): Scheme {
  const prefix = site.prefix.toLowerCase();
  const quote = site.quote[0] ?? '';
  if (site.kind === 'bare' || !quote) return 'none';
  switch (kind) {
    case 'javascript': case 'java': case 'kotlin':
      return kind === 'kotlin' && site.quote.length === 3 ? 'none' : 'c-like';
    case 'csharp': return site.prefix.includes('@') ? 'none' : 'c-like';
    case 'go': return quote === '`' ? 'none' : 'c-like';
    case 'rust': return prefix.includes('r') ? 'none' : 'c-like';
    case 'python': return prefix.includes('r') ? 'none' : 'python';
    case 'ruby': case 'php': return quote === "'" ? 'quotes-only' : 'c-like';
    case 'shell': return quote === "'" ? 'none' : 'shell-double';
    default: return 'none';
  }
}

const SIMPLE: Record<string, string> = { n: '\n', r: '\r', t: '\t', '\\': '\\', "'": "'", '"': '"', '`': '`', b: '\b', f: '\f', v: '\v', $: '$' };

/** The value the program sees for the source text `raw` inside the literal at `site`; undefined when it
 * cannot be decoded exactly. Text without a backslash is returned as is. */
export function runtimeValue(kind: LanguageKind, site: LiteralSite, raw: string): string | undefined {
  if (!raw.includes('\\')) return raw;
  const scheme = schemeOf(kind, site);
  if (scheme === 'none') return raw;
  let out = '';
  for (let i = 0; i < raw.length; i++) {
    const ch = raw[i];
    if (ch !== '\\') {
      out += ch;
      continue;
    }
    const next = raw[i + 1];
    if (next === undefined) return undefined;
    if (scheme === 'quotes-only') {
      // Ruby/PHP single quotes: only \\ and \' are escapes; any other backslash is itself.
      if (next === '\\' || next === "'") {
        out += next;
        i++;
      } else out += ch;
      continue;
    }
    if (scheme === 'shell-double') {
      // Inside double quotes a backslash escapes only $ ` " \ (and a newline).
      if ('$`"\\'.includes(next)) {
        out += next;
        i++;
      } else if (next === '\n') i++;
      else out += ch;
      continue;
    }
    // \xHH: a code unit in JS and Python; a byte elsewhere (exact only for ASCII); C#'s takes 1–4 digits, Java has none.
    const hexByte = /^[0-9a-fA-F]{2}$/.test(raw.slice(i + 2, i + 4)) ? parseInt(raw.slice(i + 2, i + 4), 16) : -1;
    if (next === 'x' && hexByte >= 0 && kind !== 'java' && kind !== 'kotlin' && kind !== 'csharp' && (hexByte < 0x80 || kind === 'javascript' || kind === 'python')) {
      out += String.fromCharCode(parseInt(raw.slice(i + 2, i + 4), 16));
      i += 3;
    } else if (next === 'u' && /^[0-9a-fA-F]{4}$/.test(raw.slice(i + 2, i + 6)) && kind !== 'rust') {
      out += String.fromCharCode(parseInt(raw.slice(i + 2, i + 6), 16));
      i += 5;
    } else if (next === 'u' && raw[i + 2] === '{' && (kind === 'javascript' || kind === 'rust' || kind === 'php' || kind === 'ruby')) {
      const close = raw.indexOf('}', i + 3);
      const hex = close > 0 ? raw.slice(i + 3, close) : '';
      if (!/^[0-9a-fA-F]{1,6}$/.test(hex) || parseInt(hex, 16) > 0x10ffff) return undefined;
      out += String.fromCodePoint(parseInt(hex, 16));
      i = close;
    } else if (next === 'U' && scheme === 'python' && /^[0-9a-fA-F]{8}$/.test(raw.slice(i + 2, i + 10))) {
      const point = parseInt(raw.slice(i + 2, i + 10), 16);
      if (point > 0x10ffff) return undefined;
      out += String.fromCodePoint(point);
      i += 9;
    } else if (next === '0' && !/[0-9]/.test(raw[i + 2] ?? '')) {
      out += '\0';
      i++;
    } else if (next in SIMPLE && !(next === '$' && kind !== 'php' && kind !== 'kotlin' && kind !== 'ruby') && !(next === '`' && kind !== 'javascript')) {
      out += SIMPLE[next];
      i++;
    } else return undefined;
  }
  return out;
}
