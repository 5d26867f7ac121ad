// Issue 11 item 8: workspace globs are matched in linear time (picomatch's regexes backtracked for over a
// minute on `*a*a…*b`), with picomatch's answers on ordinary globs.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import picomatch from 'picomatch';
import { compileGlob, compileGlobs, GlobError } from '../../server/src/engine/glob';

const PATHS = ['a.js', 'src/a.js', 'src/lib/a.min.js', '.env', 'config/.env.local', 'fixtures', 'test/fixtures/x.json', 'a/b/c/d.ts', 'docs/[x].md', 'node_modules/p/index.js', 'x{y}.txt'];
const GLOBS = ['*.js', '**/*.js', 'src/**', 'src/**/*.js', '**/fixtures/**', '**/.env*', '.env', '*', '**', '?.js', 'src/?.js', '**/*.{ts,json}', 'a/**/d.ts', 'a/*/c/*.ts', '[a-c]/**', 'docs/\\[x\\].md', '**/node_modules/**', 'test/**/x.json', '!**/*.js', 'fixtures/**'];

test('ordinary globs answer as picomatch does', () => {
  for (const glob of GLOBS) {
    const ours = compileGlob(glob);
    const theirs = picomatch(glob, { dot: true });
    for (const path of PATHS) assert.equal(ours.matches(path), theirs(path), `${glob} on ${path}`);
  }
});

test('[!a] negates a class as in POSIX globs and .gitignore (picomatch reads it as "! or a")', () => {
  assert.equal(compileGlob('[!a]*').matches('a.js'), false);
  assert.equal(compileGlob('[!a]*').matches('b.js'), true);
  assert.equal(compileGlob('[^a]*').matches('a.js'), false);
});

test('basename: a glob without a slash matches the last segment', () => {
  const matches = compileGlobs(['*.pem', 'id_rsa'], { basename: true });
  assert.ok(matches('keys/server.pem'));
  assert.ok(matches('home/.ssh/id_rsa'));
  assert.ok(!matches('home/.ssh/id_rsa.pub'));
});

test('issue 11 item 8: a hostile glob on a long name answers at once', () => {
  const hostile = `${'*a'.repeat(15)}*b`;
  const name = 'a'.repeat(255);
  assert.equal(compileGlob(hostile).matches(name), false);
  assert.equal(compileGlob(hostile).matches(`${name}b`), true);
  const deep = `${'**/a/'.repeat(10)}b`;
  assert.equal(compileGlob(deep).matches(Array(200).fill('a').join('/')), false);
});

test('extglobs, huge globs and brace bombs are refused with a reason, never quoting the glob', () => {
  assert.throws(() => compileGlob('+(a|aa)+(a|aa)b'), GlobError);
  assert.throws(() => compileGlob('x'.repeat(501)), /at most 500 characters/);
  assert.throws(() => compileGlob('{a,b}{c,d}{e,f}{g,h}{i,j}{k,l}{m,n}'), /at most 64/);
  const refused: string[] = [];
  const matches = compileGlobs(['**/*.js', '!(secret)'], {}, (index, reason) => refused.push(`${index}: ${reason}`));
  assert.ok(matches('a/b.js'));
  assert.deepEqual(refused.length, 1);
  assert.ok(!refused[0].includes('secret'));
});
