// Secrets hidden one encoding away: base64, URL-encoding and string escapes (\x41, \u0041, \"). Candidate
// tokens are decoded (bounded in depth, size and count) and scanned with the same rules; a finding in the
// decoded text is reported on the whole encoded token. Pure.
import { charClass, longRuns } from './longRuns';
import type { Encoding, Finding } from './types';

export const MAX_DECODE_DEPTH = 2;
/** Longer tokens are data (images, fonts, source maps), not credentials. */
const MAX_TOKEN_LENGTH = 64 * 1024;
/** At most this many characters are decoded per call, so a file of base64 blobs stays fast. */
const MAX_DECODED_TOTAL = 1024 * 1024;

const MIN_BASE64_RUN = 24;
/** Characters of base64 and base64url, `=` aside: a table is much faster than a regex with lookarounds. */
const BASE64_CLASS = charClass('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/_-');
const isBase64Code = (code: number) => code < 128 && BASE64_CLASS[code] === 1;
export const URL_TOKEN = /(?<![A-Za-z0-9%._~+\-/:@=&?])[A-Za-z0-9%._~+\-/:@=&?]*%[0-9A-Fa-f]{2}[A-Za-z0-9%._~+\-/:@=&?]*/g;
/** The inside of a string literal that uses escapes. */
export const ESCAPED_TOKEN = /(?:\\(?:x[0-9A-Fa-f]{2}|u[0-9A-Fa-f]{4}|u\{[0-9A-Fa-f]{1,6}\}|["'\\/bfnrt])|[^\n\r"'`\\])+/g;


/** Scans decoded text; returns its findings with offsets into that text. */
export type DecodedScanner = (decoded: string) => Finding[];

/** Findings inside encoded tokens that start in [from, to) of `text`. */
export function findEncoded(text: string, from: number, to: number, scan: DecodedScanner): Finding[] {
  const window = text.slice(from, to);
  const out: Finding[] = [];
  let budget = MAX_DECODED_TOTAL;
  const visit = (tokens: Iterable<[number, number]>, encoding: Encoding, decode: (token: string) => string | undefined) => {
    for (const [start, end] of tokens) {
      if (budget <= 0) return;
      const token = text.slice(start, end);
      if (token.length > MAX_TOKEN_LENGTH) continue;
      if (encoding === 'base64-encoded' && /;base64,$/.test(text.slice(Math.max(0, start - 8), start))) continue; // a data URI
      const decoded = decode(token);
      if (decoded === undefined || decoded === token || !isMostlyText(decoded)) continue;
      budget -= decoded.length;
      for (const inner of scan(decoded)) {
        // When the value is also visible as is, overlap resolution prefers the plain finding (exact range).
        out.push({ ...inner, title: `${inner.title} (${encoding})`, encoded: encoding, start, end, matchStart: start, matchEnd: end });
      }
    }
  };
  visit(base64Runs(text, from, to), 'base64-encoded', decodeBase64);
  visit(tokensWith(window, from, '%', URL_TOKEN), 'URL-encoded', decodeUrl);
  visit(tokensWith(window, from, '\\', ESCAPED_TOKEN), 'escaped', decodeEscapes);
  return out;
}

/** Spans (offset by `base`) of the `regex` tokens that hold `marker`. Neither token regex crosses a line
 * break and both start fresh after one, so only lines holding the marker are tokenised: in code most
 * lines have no `\\` or `%`, and listing every string-like run of them dominated whole-tree scans. */
export function tokensWith(window: string, base: number, marker: string, regex: RegExp): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  let previousLineEnd = 0;
  for (let at = window.indexOf(marker); at >= 0; ) {
    // A hand loop: V8's lastIndexOf with a start position scans from the far end on large strings.
    let lineStart = at;
    while (lineStart > previousLineEnd && window.charCodeAt(lineStart - 1) !== 10) lineStart--;
    const newline = window.indexOf('\n', at);
    const lineEnd = newline < 0 ? window.length : newline;
    // matchAll works on a copy of the regex: the nested scan of decoded text reuses these same regexes.
    for (const m of window.slice(lineStart, lineEnd).matchAll(regex)) {
      if (m[0].includes(marker)) spans.push([base + lineStart + m.index, base + lineStart + m.index + m[0].length]);
    }
    previousLineEnd = lineEnd + 1;
    at = newline < 0 ? -1 : window.indexOf(marker, newline);
  }
  return spans;
}

/** Runs of at least MIN_BASE64_RUN base64 characters (plus `=` padding) starting in [from, to). A run that
 * starts inside the window is followed to its end even past `to`, so windows agree with a full scan. */
export function base64Runs(text: string, from: number, to: number): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  // Up to two `=` count towards the length, so a run of MIN_BASE64_RUN - 2 characters may qualify.
  for (const [start, runEnd] of longRuns(text, from, to, BASE64_CLASS, MIN_BASE64_RUN - 2)) {
    if (runEnd - start > MAX_TOKEN_LENGTH) continue; // a blob (image, font), not a credential
    let end = runEnd;
    while (end < text.length && end - runEnd < 2 && text.charCodeAt(end) === 61) end++;
    // A run glued to `=` beyond padding or to more base64 is part of something else (a longer token).
    if (end - start >= MIN_BASE64_RUN && (end === text.length || !(isBase64Code(text.charCodeAt(end)) || text.charCodeAt(end) === 61))) spans.push([start, end]);
  }
  return spans;
}

/** One strict decoder for every call: constructing a TextDecoder per token dominated whole-tree scans. */
const UTF8 = new TextDecoder('utf-8', { fatal: true });

export function decodeBase64(token: string): string | undefined {
  const body = token.replace(/=+$/, '');
  if (body.length % 4 === 1 || (/[-_]/.test(body) && /[+/]/.test(body))) return undefined;
  // Base64 of text mixes cases and digits; identifiers, paths and words (the bulk of runs in code) do not.
  if (!/[A-Z]/.test(body) || !/[a-z]/.test(body) || !/[0-9]/.test(body)) return undefined;
  try {
    const binary = atob(body.replace(/-/g, '+').replace(/_/g, '/'));
    // Mostly ASCII secrets; multi-byte UTF-8 is decoded so it does not count as binary noise.
    return /[\x80-\xff]/.test(binary) ? UTF8.decode(Uint8Array.from(binary, (c) => c.charCodeAt(0))) : binary;
  } catch {
    return undefined;
  }
}

function decodeUrl(token: string): string | undefined {
  if (token.length < 16) return undefined;
  try {
    return decodeURIComponent(token.replace(/\+/g, ' '));
  } catch {
    return undefined;
  }
}

export function decodeEscapes(token: string): string | undefined {
  const codes = token.match(/\\(x[0-9A-Fa-f]{2}|u[0-9A-Fa-f]{4}|u\{)/g)?.length ?? 0;
  const quotes = token.match(/\\"/g)?.length ?? 0;
  if (token.length < 16 || (codes < 4 && quotes < 2)) return undefined;
  const simple: Record<string, string> = { b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
  try {
    return token.replace(/\\(?:x([0-9A-Fa-f]{2})|u([0-9A-Fa-f]{4})|u\{([0-9A-Fa-f]{1,6})\}|(.))/g, (_, x?: string, u?: string, cp?: string, other?: string) =>
      x ? String.fromCharCode(parseInt(x, 16)) : u ? String.fromCharCode(parseInt(u, 16)) : cp ? String.fromCodePoint(parseInt(cp, 16)) : (simple[other!] ?? other!),
    );
  } catch {
    return undefined;
  }
}

/** Random bytes are rarely printable; text is. */
function isMostlyText(value: string): boolean {
  if (value.length < 8) return false;
  let printable = 0;
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if ((code >= 32 && code < 127) || code === 9 || code === 10 || code === 13 || code >= 160) printable++;
    else if (code === 0) return false;
  }
  return printable / value.length >= 0.95;
}
