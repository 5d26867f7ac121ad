// Structural checks for wallet material: BIP-39 mnemonics (every word in the English list, checksum)
// and Base58Check keys (WIF, BIP-32 extended private keys). Pure: the word list and SHA-256 are data
// and code from pure-JS packages; nothing here reads files or the network.
import { sha256 } from '@noble/hashes/sha2';
import { createBase58check } from '@scure/base';
import { wordlist } from '@scure/bip39/wordlists/english';

const base58check = createBase58check(sha256);
let wordIndex: Map<string, number> | undefined;

function indexOfWord(word: string): number | undefined {
  if (!wordIndex) wordIndex = new Map(wordlist.map((w, i) => [w, i]));
  return wordIndex.get(word);
}

const MNEMONIC_LENGTHS = new Set([12, 15, 18, 21, 24]);

/** Word indexes of a BIP-39 phrase when every word is in the English list and the count is valid. */
export function mnemonicIndexes(phrase: string): number[] | undefined {
  const words = phrase.trim().toLowerCase().split(/\s+/);
  if (!MNEMONIC_LENGTHS.has(words.length)) return undefined;
  const indexes: number[] = [];
  for (const word of words) {
    const index = indexOfWord(word);
    if (index === undefined) return undefined;
    indexes.push(index);
  }
  return indexes;
}

/** True when the last N/3 bits of the phrase are the SHA-256 checksum of its entropy (BIP-39). */
export function hasMnemonicChecksum(indexes: number[]): boolean {
  const bits = indexes.map((i) => i.toString(2).padStart(11, '0')).join('');
  const checksumBits = indexes.length / 3;
  const entropyBits = bits.length - checksumBits;
  const entropy = new Uint8Array(entropyBits / 8);
  for (let i = 0; i < entropy.length; i++) entropy[i] = parseInt(bits.slice(i * 8, i * 8 + 8), 2);
  const hash = sha256(entropy)[0].toString(2).padStart(8, '0');
  return hash.slice(0, checksumBits) === bits.slice(entropyBits);
}

/** Words of a valid phrase (with checksum) for the given entropy: used to generate test examples. */
export function entropyToMnemonic(entropy: Uint8Array): string {
  const checksumBits = entropy.length / 4;
  const bits = [...entropy].map((b) => b.toString(2).padStart(8, '0')).join('') + sha256(entropy)[0].toString(2).padStart(8, '0').slice(0, checksumBits);
  const words: string[] = [];
  for (let i = 0; i < bits.length; i += 11) words.push(wordlist[parseInt(bits.slice(i, i + 11), 2)]);
  return words.join(' ');
}

/** A BIP-39 phrase: every word in the list, a valid length, and not a famous all-alike test phrase
 * ("test test … junk", "abandon … about"). A good checksum gives high confidence, a bad one low. */
export function checkMnemonic(phrase: string): { keep: boolean; confidence?: 'high' | 'low' } {
  const indexes = mnemonicIndexes(phrase);
  if (!indexes) return { keep: false };
  if (new Set(indexes).size < indexes.length - 3) return { keep: false };
  return { keep: true, confidence: hasMnemonicChecksum(indexes) ? 'high' : 'low' };
}

/** Payload of a Base58Check string, or undefined when the checksum does not hold. */
export function decodeBase58check(value: string): Uint8Array | undefined {
  try {
    return base58check.decode(value);
  } catch {
    return undefined;
  }
}

export function encodeBase58check(payload: Uint8Array): string {
  return base58check.encode(payload);
}

/** A Base58Check private key: WIF (0x80/0xef + 32 bytes, optionally + 0x01) or a BIP-32 extended
 * private key (78 bytes whose key data starts with 0x00). */
export function isBase58checkPrivateKey(value: string): boolean {
  const payload = decodeBase58check(value);
  if (!payload) return false;
  if ((payload.length === 33 || (payload.length === 34 && payload[33] === 1)) && (payload[0] === 0x80 || payload[0] === 0xef)) return true;
  return payload.length === 78 && payload[45] === 0;
}
