// BIP-39 and Base58Check checks against published vectors; values are built at run time so no
// real-looking key is committed (a vector string is split in two).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runValidator } from '../../server/src/engine/validators';
import { wordlist } from '@scure/bip39/wordlists/english';
import { checkMnemonic, decodeBase58check, encodeBase58check, entropyToMnemonic, isBase58checkPrivateKey, mnemonicIndexes } from '../../server/src/engine/walletChecks';

const hex = (text: string) => Uint8Array.from(text.match(/../g)!.map((b) => parseInt(b, 16)));

test('entropyToMnemonic matches the BIP-39 reference vector (checksum word included)', () => {
  const phrase = entropyToMnemonic(new Uint8Array(16).fill(0x7f));
  assert.equal(phrase.split(' ').length, 12);
  assert.ok(phrase.startsWith('legal winner thank year wave'));
  assert.ok(phrase.endsWith('thank yellow'), phrase);
  assert.equal(entropyToMnemonic(new Uint8Array(32).fill(0xff)).split(' ').at(-1), 'vote');
});

test('a generated phrase passes with high confidence; a wrong checksum only lowers confidence', () => {
  const phrase = entropyToMnemonic(hex('9e885d952ad362caeb4efe34a8e91bd2'));
  assert.deepEqual(checkMnemonic(phrase), { keep: true, confidence: 'high' });
  // The last word's low 4 bits are the checksum: flipping one keeps the entropy and breaks the checksum.
  const indexes = mnemonicIndexes(phrase)!;
  const broken = [...indexes.slice(0, 11), indexes[11] ^ 1].map((i) => wordlist[i]).join(' ');
  assert.deepEqual(checkMnemonic(broken), { keep: true, confidence: 'low' });
});

test('mnemonic check rejects unknown words, wrong lengths and all-alike test phrases', () => {
  const words = entropyToMnemonic(hex('00112233445566778899aabbccddeeff')).split(' ');
  assert.equal(checkMnemonic([...words.slice(0, 11), 'bitcoinx'].join(' ')).keep, false);
  assert.equal(checkMnemonic(words.slice(0, 11).join(' ')).keep, false);
  assert.equal(checkMnemonic(`${words.join(' ')} ${words[0]}`).keep, false);
  assert.equal(checkMnemonic(`${'test '.repeat(11)}junk`).keep, false);
  assert.equal(runValidator('bip39-mnemonic', `${'abandon '.repeat(11)}about`).keep, false);
  assert.equal(runValidator('bip39-mnemonic', words.join('  ').toUpperCase()).keep, true);
});

test('Base58Check encodes the Bitcoin wiki WIF vector and rejects a corrupted copy', () => {
  const wif = encodeBase58check(hex('800c28fca386c7a227600b2fe50b7cae11ec86d3bf1fbe471be89827e19d72aa1d'));
  assert.equal(wif, '5HueCGU8rMjxEXxiPuD5BDku4MkFqeZyd4' + 'dZ1jvhTVqvbTLvyTJ');
  assert.ok(isBase58checkPrivateKey(wif));
  const corrupted = wif.slice(0, 10) + (wif[10] === 'a' ? 'b' : 'a') + wif.slice(11);
  assert.equal(decodeBase58check(corrupted), undefined);
  assert.equal(runValidator('base58check', corrupted).keep, false);
});

test('base58check keeps WIF and extended private keys but not addresses or public keys', () => {
  const key = hex('11'.repeat(32));
  assert.ok(isBase58checkPrivateKey(encodeBase58check(Uint8Array.from([0x80, ...key, 0x01]))));
  assert.ok(isBase58checkPrivateKey(encodeBase58check(Uint8Array.from([0xef, ...key]))));
  const xprv = Uint8Array.from([0x04, 0x88, 0xad, 0xe4, ...new Uint8Array(41).fill(7), 0x00, ...key]);
  assert.ok(isBase58checkPrivateKey(encodeBase58check(xprv)));
  const xpub = Uint8Array.from([0x04, 0x88, 0xb2, 0x1e, ...new Uint8Array(41).fill(7), 0x02, ...key]);
  assert.equal(isBase58checkPrivateKey(encodeBase58check(xpub)), false);
  assert.equal(isBase58checkPrivateKey(encodeBase58check(Uint8Array.from([0x00, ...key.slice(0, 20)]))), false);
});
