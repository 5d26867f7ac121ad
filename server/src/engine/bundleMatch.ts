// Finds the values of .env secrets inside built client output without keeping the values: each secret
// is reduced to a fingerprint (length, a rolling hash, a SHA-256), and a Rabin–Karp pass over the bundle
// confirms candidates by SHA-256. Works on minified one-line files as on any text. Pure.
import { sha256 } from '@noble/hashes/sha2';
import { maskSecret } from './mask';
import type { Finding } from './types';

/** A secret .env value, reduced to what is needed to recognise it; never the value itself. */
export interface SecretFingerprint {
  /** The .env variable, e.g. STRIPE_SECRET_KEY. */
  name: string;
  /** `.env.local:3`. */
  source: string;
  length: number;
  rolling: number;
  sha256: string;
  masked: string;
}

export const BUNDLE_ENV_RULE_ID = 'bundle-env-secret';
/** Shorter values would match by chance in large bundles. */
export const MIN_FINGERPRINT_LENGTH = 8;
const BASE = 257;

export function fingerprintSecret(name: string, source: string, value: string): SecretFingerprint | undefined {
  if (value.length < MIN_FINGERPRINT_LENGTH) return undefined;
  return { name, source, length: value.length, rolling: rollingHash(value, 0, value.length), sha256: sha256Hex(value), masked: maskSecret(value) };
}

function sha256Hex(text: string): string {
  const bytes = sha256(new TextEncoder().encode(text));
  let out = '';
  for (const byte of bytes) out += byte.toString(16).padStart(2, '0');
  return out;
}

function rollingHash(text: string, start: number, end: number): number {
  let hash = 0;
  for (let i = start; i < end; i++) hash = (Math.imul(hash, BASE) + text.charCodeAt(i)) | 0;
  return hash;
}

/** BASE^(length-1) mod 2^32, to remove the leading character when the window slides. */
function leadingPower(length: number): number {
  let power = 1;
  for (let i = 1; i < length; i++) power = Math.imul(power, BASE);
  return power;
}

/** Every occurrence of a fingerprinted value in `text`: [start, end, fingerprint]. */
export function findFingerprints(text: string, fingerprints: SecretFingerprint[]): Array<{ start: number; end: number; fingerprint: SecretFingerprint }> {
  const out: Array<{ start: number; end: number; fingerprint: SecretFingerprint }> = [];
  const byLength = new Map<number, Map<number, SecretFingerprint[]>>();
  for (const fp of fingerprints) {
    const table = byLength.get(fp.length) ?? new Map<number, SecretFingerprint[]>();
    table.set(fp.rolling, [...(table.get(fp.rolling) ?? []), fp]);
    byLength.set(fp.length, table);
  }
  for (const [length, table] of byLength) {
    if (text.length < length) continue;
    // A tight loop over a typed array of the few hashes of this length: a Map lookup per position is 10× slower.
    const hashes = Int32Array.from(table.keys());
    const count = hashes.length;
    const power = leadingPower(length);
    let hash = rollingHash(text, 0, length);
    const last = text.length - length;
    for (let start = 0; ; start++) {
      for (let k = 0; k < count; k++) {
        if (hash !== hashes[k]) continue;
        const digest = sha256Hex(text.slice(start, start + length));
        for (const fp of table.get(hash)!) if (fp.sha256 === digest) out.push({ start, end: start + length, fingerprint: fp });
      }
      if (start >= last) break;
      hash = (Math.imul(hash - Math.imul(text.charCodeAt(start), power), BASE) + text.charCodeAt(start + length)) | 0;
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

/** Findings for .env secret values found in a built client file. */
export function scanBundleForEnvSecrets(text: string, path: string, fingerprints: SecretFingerprint[]): Finding[] {
  if (fingerprints.length === 0) return [];
  return findFingerprints(text, fingerprints).map(({ start, end, fingerprint }) => ({
    ruleId: BUNDLE_ENV_RULE_ID,
    title: 'Secret from .env in built client output',
    provider: 'build output',
    category: 'client-bundle',
    severity: 'error',
    confidence: 'high',
    evidence: 'known-value',
    start,
    end,
    matchStart: start,
    matchEnd: end,
    masked: fingerprint.masked,
    envName: fingerprint.name,
    message: `The value of ${fingerprint.name} (${fingerprint.source}, ${fingerprint.masked}) is in ${path}, which is served to browsers: every visitor can read it. Find the client code or build setting (public prefix, define) that inlined it, keep the secret on the server, and rotate it.`,
    context: { inClientBundle: true, publicEnvVar: fingerprint.name },
  }));
}

/** Rule findings in built client output: same value, sharper message and always an error. Hygiene
 * findings are about source code and are left to the source files. */
export function asBundleFindings(findings: Finding[], path: string): Finding[] {
  return findings.filter((f) => f.category !== 'hygiene').map((f) =>
    f.publicByDesign
      ? f
      : {
          ...f,
          severity: 'error',
          message: `${f.title} (${f.masked}) is in ${path}, which is served to browsers: every visitor can read it. Rotate it, and remove it from the code or environment variable that put it there.`,
          context: { ...f.context, inClientBundle: true },
        },
  );
}
