// Parses a .env file into entries with the exact UTF-16 range of each value, so a diagnostic can sit on
// the value itself. Follows dotenv's grammar (test/engine/envFile.test.ts compares the two on samples).

/** One `NAME=value` assignment of a .env file. */
export interface EnvEntry {
  name: string;
  /** The value as dotenv would return it (quotes removed, `\n` expanded inside double quotes). */
  value: string;
  /** Range of the value as written in the file (inside the quotes when quoted). */
  valueStart: number;
  valueEnd: number;
  /** Offset of the start of the name. */
  nameStart: number;
}

// dotenv's own line pattern, with the name and value kept apart so their offsets can be recovered.
const LINE =
  /(?:^|^)\s*(?:export\s+)?([\w.-]+)(?:\s*=\s*?|:\s+?)(\s*'(?:\\'|[^'])*'|\s*"(?:\\"|[^"])*"|\s*`(?:\\`|[^`])*`|[^#\r\n]+)?\s*(?:#.*)?(?:$|$)/gm;

/** True for `.env`, `.env.local`, `.env.production`, `.env.development.local`, … (not `.env.vault`). */
export function isEnvFileName(fileName: string): boolean {
  const base = fileName.slice(Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\')) + 1);
  return /^\.env(\.[\w.-]+)?$/.test(base) && !/\.(vault|keys|enc|gpg)$/i.test(base);
}

/** Every assignment in `text`, in order; later duplicates are kept (the last one wins at run time). */
export function parseEnvFile(text: string): EnvEntry[] {
  const entries: EnvEntry[] = [];
  const normalized = text.replace(/\r\n?/g, (crlf) => ' '.repeat(crlf.length - 1) + '\n');
  LINE.lastIndex = 0;
  let match: RegExpExecArray | null;
  while ((match = LINE.exec(normalized)) !== null) {
    if (match[0].length === 0) {
      LINE.lastIndex++;
      continue;
    }
    const name = match[1];
    const nameStart = match.index + match[0].indexOf(name);
    const raw = match[2] ?? '';
    const rawStart = nameStart + name.length + match[0].slice(match[0].indexOf(name) + name.length).indexOf(raw);
    entries.push({ name, nameStart, ...valueOf(text, raw, raw.length === 0 ? nameStart + name.length + 1 : rawStart) });
  }
  return entries;
}

function valueOf(original: string, raw: string, rawStart: number): Omit<EnvEntry, 'name' | 'nameStart'> {
  const lead = raw.length - raw.trimStart().length;
  const trimmed = raw.trim();
  const start = rawStart + lead;
  const quote = trimmed[0];
  if ((quote === '"' || quote === "'" || quote === '`') && trimmed.length >= 2 && trimmed.endsWith(quote)) {
    // Offsets come from the CR-padded copy; the value itself from the original text, as dotenv sees it.
    let value = original.slice(start + 1, start + trimmed.length - 1).replace(/\r\n?/g, '\n');
    if (quote === '"') value = value.replace(/\\n/g, '\n').replace(/\\r/g, '\r');
    return { value, valueStart: start + 1, valueEnd: start + trimmed.length - 1 };
  }
  return { value: trimmed, valueStart: start, valueEnd: start + trimmed.length };
}
