// Gathers what check 1 (one key per environment and per app, engine/hygiene/envKeys.ts) compares: the
// env files of a repository (the file's own folder, the repository root and the app folders two levels
// below it), each reduced to salted hashes of its secret-looking values. Values never leave this module;
// the salt is random per process, so the hashes mean nothing outside it.
import { createHmac, randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { applySuppressions, compareEnvKeys, comparableEnvEntry, HYGIENE_CHECK_IDS, isLiveKey, maskSecret, parseEnvFile, scanText, type Finding, type HashedEnvFile, type RuleSet } from '../engine';
import { repoRootOf } from './envFacts';
import { envFilesOf, envTextTooLarge, readEnvText, type Overlay } from './envFiles';

const SALT = randomBytes(32);
/** App folders are looked for this deep below the repository root (apps/web, packages/api, services/x). */
const APP_DEPTH = 2;
const MAX_FOLDERS = 400;
const SKIP_FOLDER = /^(node_modules|\.git|dist|build|out|coverage|vendor|target|\.next|\.nuxt|\.svelte-kit|\.venv|venv|__pycache__)$|^\./;
const TEMPLATE = /\.(example|sample|template|dist|defaults?)$/i;
/** The list of folders with env files is re-read at most this often. */
const LISTING_TTL_MS = 5000;

export class EnvKeyIndex {
  private readonly hashed = new Map<string, { signature: string; file: HashedEnvFile }>();
  private readonly listings = new Map<string, { at: number; files: string[] }>();

  constructor(private readonly ruleSet: () => RuleSet) {}

  /** Hygiene findings for the env file `absolute` whose current text is `text`. */
  findingsFor(absolute: string, text: string, overlay?: Overlay): Finding[] {
    if (TEMPLATE.test(absolute)) return [];
    const dir = path.dirname(absolute);
    const repo = repoRootOf(dir) ?? dir;
    const current = this.hash(repo, absolute, text, `open:${text.length}:${quickDigest(text)}`);
    if (current.entries.length === 0) return [];
    const others: HashedEnvFile[] = [];
    for (const file of new Set([...envFilesOf(dir, overlay), ...this.repositoryEnvFiles(repo, overlay)])) {
      if (file === absolute || TEMPLATE.test(file)) continue;
      const open = overlay?.text(file);
      const other = open !== undefined ? (envTextTooLarge(open) ? undefined : open) : readEnvText(file);
      if (other !== undefined) others.push(this.hash(repo, file, other, signatureOf(file, overlay)));
    }
    // Suppression comments in the file apply as they do to every other finding.
    const ruleSet = this.ruleSet();
    return applySuppressions(text, compareEnvKeys(current, others), (id) => ruleSet.byId.has(id) || HYGIENE_CHECK_IDS.includes(id));
  }

  private hash(repo: string, file: string, text: string, signature: string): HashedEnvFile {
    const cached = this.hashed.get(file);
    if (cached && cached.signature === signature) return cached.file;
    const relative = (p: string) => path.relative(repo, p).split(path.sep).join('/') || '.';
    const flagged = scanText(text, path.basename(file), this.ruleSet()).filter((f) => f.category !== 'hygiene' && !f.publicByDesign);
    const entries = parseEnvFile(text)
      .filter((entry) => comparableEnvEntry(entry.name, entry.value, flagged.some((f) => f.start < entry.valueEnd && f.end > entry.valueStart)))
      .map((entry) => ({
        name: entry.name,
        start: entry.valueStart,
        end: entry.valueEnd,
        masked: maskSecret(entry.value),
        hash: createHmac('sha256', SALT).update(entry.value).digest('hex'),
        live: isLiveKey(entry.value),
      }));
    const hashed: HashedEnvFile = { file: relative(file), app: relative(path.dirname(file)), entries };
    this.hashed.set(file, { signature, file: hashed });
    return hashed;
  }

  /** Env files at the repository root and in folders up to APP_DEPTH below it (cached for a few seconds). */
  private repositoryEnvFiles(repo: string, overlay?: Overlay): string[] {
    const cached = this.listings.get(repo);
    if (cached && Date.now() - cached.at < LISTING_TTL_MS) return cached.files;
    const files: string[] = [];
    let folders = [repo];
    let seen = 0;
    for (let depth = 0; depth <= APP_DEPTH && folders.length > 0; depth++) {
      const next: string[] = [];
      for (const folder of folders) {
        files.push(...envFilesOf(folder, overlay));
        if (depth === APP_DEPTH) continue;
        try {
          for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
            if (entry.isDirectory() && !SKIP_FOLDER.test(entry.name) && ++seen <= MAX_FOLDERS) next.push(path.join(folder, entry.name));
          }
        } catch {
          // An unreadable folder has no env files we can compare.
        }
      }
      folders = next;
    }
    this.listings.set(repo, { at: Date.now(), files });
    return files;
  }

  /** Files changed on disk: the folder listings are read again. */
  invalidate(): void {
    this.listings.clear();
  }
}

function signatureOf(file: string, overlay?: Overlay): string {
  const open = overlay?.text(file);
  if (open !== undefined) return `open:${open.length}:${quickDigest(open)}`;
  try {
    const stat = fs.statSync(file);
    return `${stat.mtimeMs}:${stat.size}`;
  } catch {
    return 'missing';
  }
}

/** A cheap fingerprint of an open buffer's text (for cache keys only; never stored with a value). */
function quickDigest(text: string): string {
  return createHmac('sha256', SALT).update(text).digest('hex').slice(0, 16);
}
