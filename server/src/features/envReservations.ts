// Names handed out to dotenv files by fixes the editor may not have applied yet. Two "Move to .env" fixes
// planned before either is applied would otherwise both append the same name, and the second file would
// silently read the first file's key. Kept in memory for a while; only a digest of each value.
import { createHash } from 'node:crypto';
import type { EnvReservation } from '../fixes/types';

const KEEP_MS = 10 * 60_000;

export class EnvReservations {
  private readonly byPath = new Map<string, Map<string, { digest: string; at: number }>>();
  /** A per-process salt, so the digests mean nothing outside this server. */
  private readonly salt = createHash('sha256').update(String(Math.random()) + Date.now()).digest('hex');

  readonly digest = (value: string): string => createHash('sha256').update(this.salt).update('\0').update(value).digest('hex');

  record(reservations: EnvReservation[] | undefined): void {
    const now = Date.now();
    for (const { path, name, digest } of reservations ?? []) {
      let names = this.byPath.get(path);
      if (!names) this.byPath.set(path, (names = new Map()));
      names.set(name, { digest, at: now });
    }
  }

  /** path → name → digest, without expired entries. */
  current(): Record<string, Record<string, string>> {
    const now = Date.now();
    const result: Record<string, Record<string, string>> = {};
    for (const [path, names] of this.byPath) {
      for (const [name, entry] of names) {
        if (now - entry.at > KEEP_MS) names.delete(name);
        else (result[path] ??= {})[name] = entry.digest;
      }
    }
    return result;
  }
}
