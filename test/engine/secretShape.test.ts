// The generic rules' shape checks: random values pass, words, references, hashes and identifiers do not.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isBasicAuth, isNonSecretShape, isPasswordLike, isRandomToken } from '../../server/src/engine/secretShape';
import { expandExample } from '../../server/src/engine';

test('random generated tokens look random, in every alphabet and at many seeds', () => {
  for (const template of ['{alnum:32}', '{base64:40}', '{base64url:24}', '{hex:40}', '{alnumlower:40}', '{alnumupper:24}']) {
    let kept = 0;
    for (let seed = 0; seed < 200; seed++) if (isRandomToken(expandExample(template, `s${seed}`))) kept++;
    // A random value without a digit, or whose lower-case runs happen to read like words, is rejected now and
    // then: about 1 in 500 for 32 alnum, 1 in 10 for 40 lower-case alnum (a price paid for precision).
    const minimum = template.startsWith('{alnumlower') ? 170 : 190;
    assert.ok(kept >= minimum, `${template}: only ${kept}/200 kept`);
  }
});

test('identifiers, words and references are not random tokens', () => {
  for (const value of [
    'keyword.operator.assignment',
    'authenticationTokenStorage2',
    'bert-base-uncased-v2-vocab1',
    'config.secrets.apiToken',
    'getAccessToken()',
    '${API_TOKEN}',
    '{{ .Values.token }}',
    'sha512-AbCdEf0123456789AbCdEf0123456789',
    '123e4567-e89b-12d3-a456-426614174000',
    'https://api.example.com/v1/keys',
    '/run/secrets/api_token',
    '[A-Za-z0-9]{32}',
    'sk-ant-api03-R2D...igAA',
    '2024-01-01T00:00:00Z',
  ]) {
    assert.equal(isRandomToken(value), false, value);
  }
});

test('passwords need letters with digits or symbols, and are not words or hashes', () => {
  assert.equal(isPasswordLike(expandExample('{alnum:10}7#')), true);
  assert.equal(isPasswordLike('Xk9#mP2q'), true);
  for (const value of ['Password', 'password_input', 'Enter', '********', '$2b$12$abcdefghijklmnopqrstuuJ8Ck5JbQ6bGzYo1VvF6I9R1xUqJm', 'reset-password-form2', '12345678', 'true', 'data:image/png;base64,iVBORw0KGgo']) {
    assert.equal(isPasswordLike(value), false, value);
  }
});

test('non-secret shapes: hashes, UUIDs, paths, versions, data URIs', () => {
  for (const value of ['{SSHA}abcdefgh', '$argon2id$v=19$m=65536', 'sha256:abcdef', '1.2.3-beta.1', './certs/server.pem', 'data:text/plain,hi']) {
    assert.equal(isNonSecretShape(value), true, value);
  }
  assert.equal(isNonSecretShape(expandExample('{alnum:24}')), false);
});

test('basic auth values decode to user:password with a real password', () => {
  assert.equal(isBasicAuth(expandExample('{basic}')), true);
  assert.equal(isBasicAuth(btoa('user:password')), false);
  assert.equal(isBasicAuth(btoa('no-colon-here')), false);
  assert.equal(isBasicAuth(btoa('user:${PASSWORD}')), false);
  assert.equal(isBasicAuth('!!!not base64'), false);
});

test('random lower-case values are not mistaken for words; identifiers still are', () => {
  for (const template of ['{alnumlower:32}', '{alnumlower:10}-{alnumlower:6}-{alnumlower:16}']) {
    assert.ok(isRandomToken(expandExample(template, 'bigram')), template);
  }
  assert.ok(!isRandomToken('getAccessTokenSilently2'), 'camelCase words');
  assert.ok(!isRandomToken('webhook_callback_handler_v2'), 'snake_case words');
});

test('hex values have their own entropy floor', () => {
  assert.ok(isRandomToken(expandExample('{hex:16}', 'hexfloor')), 'a 16-digit hex token');
  assert.ok(!isRandomToken('1111aaaa2222bbbb'), 'low-entropy hex');
});

test('issue 10: long mixed-case values without digits count when they are as random as a key', () => {
  let kept = 0;
  for (let seed = 0; seed < 200; seed++) {
    // Upper- and lower-case letters in random order, no digits.
    const upper = expandExample('{upper:12}', `u${seed}`);
    const lower = expandExample('{lower:12}', `l${seed}`);
    const order = expandExample('{digits:24}', `o${seed}`);
    let value = '';
    for (let i = 0, u = 0, l = 0; i < 24; i++) value += (Number(order[i]) % 2 && u < 12) || l >= 12 ? upper[u++] : lower[l++];
    if (isRandomToken(value)) kept++;
  }
  assert.ok(kept >= 150, `only ${kept}/200 digit-less random values kept`);
  for (const value of ['getElementsByClassNameAndTag', 'ReactServerComponentsRenderer', 'abcdefghijklmnopqrstuvwx', 'AAAAAAAAAAbbbbbbbbbbCCCC', 'aBcDeFgHiJkLmNoPqRsTuVwXyZ']) {
    assert.equal(isRandomToken(value), false, value);
  }
});

test('issue 10: lower-case letters and digits, digits in three places or more, are random even when syllables read as words', () => {
  let kept = 0;
  for (let seed = 0; seed < 200; seed++) if (isRandomToken(expandExample('{alnumlower:32}', `scatter${seed}`))) kept++;
  assert.ok(kept >= 195, `only ${kept}/200 kept`);
  for (const value of ['user1profile2cache3settings', 'webhook_callback_handler_v2', 'getAccessTokenSilently2', 'version1release2build3']) {
    assert.equal(isRandomToken(value), false, value);
  }
});
