// The only form in which a secret may leave the engine: a few characters at each end, the rest elided.

/** `sk-proj-abc…9xQa`-style preview: at most 4 characters each side, never more than a quarter of the value. */
export function maskSecret(value: string): string {
  const flat = value.replace(/\s+/g, ' ');
  const keep = Math.min(4, Math.floor(flat.length / 4));
  if (keep === 0) return '…';
  return `${flat.slice(0, keep)}…${flat.slice(flat.length - keep)}`;
}
