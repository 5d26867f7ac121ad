// Rule examples are written with generator tokens such as `{alnum:20}` so that no real-looking key is
// ever committed; the tests (and the evaluation set) expand them into random values at run time.
import { base62, crc32 } from './validators';
import { encodeBase58check, entropyToMnemonic } from './walletChecks';

const ALPHABETS: Record<string, string> = {
  alnum: 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789',
  alnumlower: 'abcdefghijklmnopqrstuvwxyz0123456789',
  alnumupper: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789',
  upper: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ',
  lower: 'abcdefghijklmnopqrstuvwxyz',
  digits: '0123456789',
  hex: '0123456789abcdef',
  HEX: '0123456789ABCDEF',
  base64: 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/',
  base64url: 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_',
  base32: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567',
  base58: '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz',
};

/** Tokens: `{alphabet:length}` (see ALPHABETS), `{github:PREFIX}` (a token with a valid checksum),
 * `{jwt}` (a structurally valid JWT), `{pem-body}` (lines of random base64 key material), `{basic}` (base64 of
 * `user:password`, as in Basic auth headers and Docker config files). */
const TOKEN = /\{(?:([A-Za-z0-9]+):(\d+)|github:(gh[pousr])|(jwt)|(pem-body)|(basic))\}/g;

/** A small deterministic PRNG (mulberry32) so every run generates the same examples. */
export function seededRandom(seedText: string): () => number {
  let seed = crc32(seedText) || 1;
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function randomString(alphabet: string, length: number, random: () => number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[Math.floor(random() * alphabet.length)];
  return out;
}

function base64url(text: string): string {
  return btoa(text).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
}

/** Wallet and Supabase tokens: `{mnemonic:12}` (a BIP-39 phrase with a valid checksum), `{wif}` and
 * `{xprv}` (Base58Check private keys), `{bytes:64}` (comma-separated byte values, a Solana keypair),
 * `{supabase-jwt:service_role}` (a JWT whose payload names a Supabase role). */
const WALLET_TOKEN = /\{(?:mnemonic:(\d+)|(wif)|(xprv)|bytes:(\d+)|supabase-jwt:([a-z_]+))\}/g;

function randomBytes(length: number, random: () => number): Uint8Array {
  return Uint8Array.from({ length }, () => Math.floor(random() * 256));
}

function expandWalletToken(random: () => number, words?: string, wif?: string, xprv?: string, bytes?: string, role?: string): string {
  if (words) return entropyToMnemonic(randomBytes((Number(words) * 4) / 3, random));
  if (wif) return encodeBase58check(Uint8Array.from([0x80, ...randomBytes(32, random), 0x01]));
  if (xprv) return encodeBase58check(Uint8Array.from([0x04, 0x88, 0xad, 0xe4, ...randomBytes(41, random), 0x00, ...randomBytes(32, random)]));
  if (bytes) return [...randomBytes(Number(bytes), random)].join(',');
  const payload = { iss: 'supabase', ref: randomString(ALPHABETS.lower, 20, random), role, iat: 1700000000, exp: 2000000000 };
  return `${base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }))}.${base64url(JSON.stringify(payload))}.${randomString(ALPHABETS.base64url, 43, random)}`;
}

/** Expands the generator tokens in an example. The same example and seed always give the same text. */
export function expandExample(example: string, seed = ''): string {
  const random = seededRandom(seed + example);
  return example.replace(WALLET_TOKEN, (_whole, words?: string, wif?: string, xprv?: string, bytes?: string, role?: string) => expandWalletToken(random, words, wif, xprv, bytes, role)).replace(TOKEN, (whole, alphabet?: string, length?: string, githubPrefix?: string, jwt?: string, pem?: string, basic?: string) => {
    if (alphabet !== undefined && length !== undefined) {
      const chars = ALPHABETS[alphabet];
      if (!chars) throw new Error(`unknown generator alphabet "${alphabet}" in ${whole}`);
      return randomString(chars, Number(length), random);
    }
    if (githubPrefix) {
      const body = randomString(ALPHABETS.alnum, 30, random);
      return `${githubPrefix}_${body}${base62(crc32(body), 6)}`;
    }
    if (jwt) {
      const header = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
      const payload = base64url(JSON.stringify({ sub: randomString(ALPHABETS.digits, 10, random), iat: 1700000000 + Math.floor(random() * 1e7) }));
      return `${header}.${payload}.${randomString(ALPHABETS.base64url, 43, random)}`;
    }
    if (basic) return btoa(`deploy:${randomString(ALPHABETS.alnum, 20, random)}`);
    if (pem) {
      const lines: string[] = [];
      for (let i = 0; i < 8; i++) lines.push(randomString(ALPHABETS.base64, 64, random));
      return lines.join('\n');
    }
    return whole;
  });
}
