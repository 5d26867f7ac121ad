// The only form in which a secret may leave the engine: a few characters at each end, the rest elided.
// Short values show almost nothing: 4 characters of a 13-character password already cut a guess list down.

/** Values shorter than this show at most 4 characters in total (issue 11 item 5). */
const SHORT_VALUE = 24;

/** A provider prefix (`sk_live_`, `ghp_`, `xoxb-`, `glpat-`: letters, at most two groups, each ending in `_` or
 * `-`; AWS's and Google's fixed `AKIA`, `ASIA`, `AIza`). It says which provider issued the value, not the value,
 * so it may stay visible. */
const PROVIDER_PREFIX = /^(?:(?:[A-Za-z]{2,6}[_-]){1,2}|A[KS]IA|AIza)/;

/** `sk-proj-abc…9xQa`-style preview. Long values: at most 4 characters each side, never more than a quarter
 * of the value. Values under 24 characters show at most 4 characters beyond a provider prefix: after a prefix,
 * the last quarter of the rest up to 4; otherwise up to 2 each side, none for a value under 8 characters. */
export function maskSecret(value: string): string {
  const flat = value.replace(/\s+/g, ' ');
  if (flat.length >= SHORT_VALUE) {
    const keep = Math.min(4, Math.floor(flat.length / 4));
    return `${flat.slice(0, keep)}…${flat.slice(flat.length - keep)}`;
  }
  const prefix = PROVIDER_PREFIX.exec(flat)?.[0] ?? '';
  const rest = flat.slice(prefix.length);
  if (prefix) {
    // The prefix already says where the value starts: show its end only.
    const tail = Math.min(4, Math.floor(rest.length / 4));
    return `${prefix}…${rest.slice(rest.length - tail)}`;
  }
  const keep = Math.min(2, Math.floor(rest.length / 8));
  if (keep === 0) return '…';
  return `${rest.slice(0, keep)}…${rest.slice(rest.length - keep)}`;
}
