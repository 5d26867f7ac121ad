// Structural checks that a regular expression cannot express. Each returns whether the value is
// plausible (`false` drops the candidate) and, optionally, raises or lowers the finding's confidence.
import { genericConfidence } from './genericConfidence';
import { isBasicAuth, isPasswordLike, isRandomToken } from './secretShape';
import type { Confidence, ValidatorName } from './types';
import { checkMnemonic, isBase58checkPrivateKey } from './walletChecks';

export interface Verdict {
  keep: boolean;
  confidence?: Confidence;
}

const VALIDATORS: Record<ValidatorName, (value: string) => Verdict> = {
  'github-checksum': (value) => ({ keep: true, confidence: hasGithubChecksum(value) ? 'high' : 'medium' }),
  jwt: (value) => ({ keep: isJwt(value) }),
  'pem-body': (value) => ({ keep: hasPemBody(value) }),
  'url-password': (value) => ({ keep: !/^(password|pass|pwd|secret|user|username|\*+|x+)$/i.test(value) }),
  'bip39-mnemonic': (value) => checkMnemonic(value),
  base58check: (value) => ({ keep: isBase58checkPrivateKey(value) }),
  'jwt-service-role': (value) => ({ keep: jwtRole(value) === 'service_role' }),
  'jwt-anon-role': (value) => ({ keep: jwtRole(value) === 'anon' }),
  'password-like': (value) => ({ keep: isPasswordLike(value), confidence: genericConfidence(value) }),
  'random-token': (value) => ({ keep: isRandomToken(value), confidence: genericConfidence(value) }),
  'basic-auth': (value) => ({ keep: isBasicAuth(value) }),
  'discord-user-id': (value) => ({ keep: namesDiscordUser(value) }),
};

/** A Discord bot token's first part is the bot's user id (a decimal snowflake) in base64: it decodes to
 * a decimal number of 17–19 digits (today's snowflakes). */
function namesDiscordUser(token: string): boolean {
  const part = token.slice(0, token.indexOf('.'));
  // A dangling sixth bit-group carries no whole byte.
  const id = part.length % 4 === 1 ? part.slice(0, -1) : part;
  let decoded: string;
  try {
    decoded = atob(id.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (id.length % 4)) % 4));
  } catch {
    return false;
  }
  return /^[1-9][0-9]{16,18}$/.test(decoded);
}

export const VALIDATOR_NAMES = Object.keys(VALIDATORS) as ValidatorName[];

export function runValidator(name: ValidatorName, value: string): Verdict {
  return VALIDATORS[name](value);
}

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
let crcTable: Uint32Array | undefined;

export function crc32(text: string): number {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let crc = 0xffffffff;
  for (let i = 0; i < text.length; i++) crc = crcTable[(crc ^ text.charCodeAt(i)) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

export function base62(value: number, width: number): string {
  let out = '';
  do {
    out = BASE62[value % 62] + out;
    value = Math.floor(value / 62);
  } while (value > 0);
  return out.padStart(width, '0');
}

/** GitHub's current token formats end in a 6-character base62 CRC32 of the random part. */
export function hasGithubChecksum(token: string): boolean {
  const body = token.replace(/^gh[pousr]_/, '');
  if (body.length !== 36) return false;
  return base62(crc32(body.slice(0, 30)), 6) === body.slice(30);
}

function decodeBase64Url(part: string): string | undefined {
  try {
    return atob(part.replace(/-/g, '+').replace(/_/g, '/'));
  } catch {
    return undefined;
  }
}

/** A JWT's header must decode to a JSON object naming an algorithm. */
export function isJwt(token: string): boolean {
  const [header, payload] = token.split('.');
  if (!header || !payload) return false;
  try {
    const decoded = JSON.parse(decodeBase64Url(header) ?? '');
    return typeof decoded === 'object' && decoded !== null && typeof decoded.alg === 'string';
  } catch {
    return false;
  }
}

/** A private key block must carry a body of real key material, not `...` or a short stub. */
export function hasPemBody(block: string): boolean {
  const body = block
    .split(/\r?\n|\\n/)
    .filter((line) => !/-----(BEGIN|END)|^\s*[A-Za-z-]+:\s/.test(line))
    .join('')
    .replace(/[\s"',+\\]/g, '');
  return body.length >= 64 && /^[A-Za-z0-9+/=]+$/.test(body) && new Set(body).size > 20;
}

/** The `role` claim of a JWT's payload (Supabase keys are JWTs whose role says what they may do). */
export function jwtRole(token: string): string | undefined {
  if (!isJwt(token)) return undefined;
  try {
    const payload = JSON.parse(decodeBase64Url(token.split('.')[1]) ?? '');
    return typeof payload?.role === 'string' ? payload.role : undefined;
  } catch {
    return undefined;
  }
}
