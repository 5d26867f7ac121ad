// Issue 12 (cold start): the server bundle runs with V8's code cache. The cache is used on the second start,
// a rebuilt bundle gets a fresh one, and a broken, foreign or unwritable cache only means compiling as usual.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { codeCacheDir } from '../../server/src/project/codeCache';

const codeCacheModule = path.resolve(__dirname, '..', '..', 'server', 'src', 'project', 'codeCache.js');

/** Loads `bundle` in a fresh Node process, as the server's entry does; returns what the bundle and loader saw. */
function start(bundle: string, cacheDir: string | undefined): { answer: unknown; cacheUsed: boolean; saved: boolean } {
  const script = `const { loadWithCodeCache } = require(${JSON.stringify(codeCacheModule)});
const loaded = loadWithCodeCache(${JSON.stringify(bundle)}, ${JSON.stringify(cacheDir)}, module);
const saved = loaded.save();
process.stdout.write(JSON.stringify({ answer: loaded.exports.answer(), cacheUsed: loaded.cacheUsed, saved }));`;
  const run = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  return JSON.parse(run.stdout);
}

function bundle(dir: string, body: string): string {
  const file = path.join(dir, 'bundle.js');
  fs.writeFileSync(file, `"use strict";\nconst path = require("node:path");\n${body}\nexports.answer = () => [answer(), path.basename(__filename), path.basename(__dirname) === path.basename(${JSON.stringify(dir)})];\n`);
  return file;
}

const temporary = () => fs.mkdtempSync(path.join(os.tmpdir(), 'sh-code-cache-'));
const cacheFiles = (dir: string) => (fs.existsSync(dir) ? fs.readdirSync(dir).filter((name) => name.endsWith('.v8cache')) : []);

test('the second start uses the cache the first one wrote; the bundle sees its own require, __filename and __dirname', () => {
  const dir = temporary();
  const cache = path.join(dir, 'cache');
  const file = bundle(dir, 'function answer() { return 6 * 7; }');
  assert.deepEqual(start(file, cache), { answer: [42, 'bundle.js', true], cacheUsed: false, saved: true });
  assert.equal(cacheFiles(cache).length, 1);
  if (process.platform !== 'win32') assert.equal(fs.statSync(cache).mode & 0o077, 0);
  assert.deepEqual(start(file, cache), { answer: [42, 'bundle.js', true], cacheUsed: true, saved: false });
});

test('a rebuilt bundle of the same length runs its own code and replaces the old cache file', () => {
  const dir = temporary();
  const cache = path.join(dir, 'cache');
  const file = bundle(dir, 'function answer() { return 1 + 1; }');
  start(file, cache);
  const before = cacheFiles(cache);
  // Same length (V8's own check), different content and modification time.
  fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('1 + 1', '3 + 3'));
  fs.utimesSync(file, new Date(), new Date(Date.now() + 5000));
  assert.deepEqual(start(file, cache).answer, [6, 'bundle.js', true]);
  const after = cacheFiles(cache);
  assert.equal(after.length, 1);
  assert.notDeepEqual(after, before);
});

test('a corrupt cache file is rejected by V8 and the bundle runs anyway', () => {
  const dir = temporary();
  const cache = path.join(dir, 'cache');
  const file = bundle(dir, 'function answer() { return "ok"; }');
  start(file, cache);
  const [name] = cacheFiles(cache);
  fs.writeFileSync(path.join(cache, name), Buffer.from('not a code cache at all'));
  assert.deepEqual(start(file, cache), { answer: ['ok', 'bundle.js', true], cacheUsed: false, saved: true });
});

test('no cache folder, or one that cannot be created, only means compiling as usual', () => {
  const dir = temporary();
  const file = bundle(dir, 'function answer() { return "plain"; }');
  assert.deepEqual(start(file, undefined), { answer: ['plain', 'bundle.js', true], cacheUsed: false, saved: false });
  const blocked = path.join(dir, 'a-file');
  fs.writeFileSync(blocked, '');
  assert.deepEqual(start(file, path.join(blocked, 'cache')), { answer: ['plain', 'bundle.js', true], cacheUsed: false, saved: false });
});

test('a cache folder other users can write to is never read or written', { skip: process.platform === 'win32' }, () => {
  const dir = temporary();
  const cache = path.join(dir, 'cache');
  const file = bundle(dir, 'function answer() { return "shared"; }');
  start(file, cache);
  fs.chmodSync(cache, 0o777);
  assert.deepEqual(start(file, cache), { answer: ['shared', 'bundle.js', true], cacheUsed: false, saved: false });
});

test('the cache folder: SECRET_HYGIENE_CACHE_DIR ("off" disables it), else the per-user cache folder, never the temporary one', () => {
  assert.equal(codeCacheDir({ SECRET_HYGIENE_CACHE_DIR: '/somewhere' }, 'linux', '/home/u'), '/somewhere');
  assert.equal(codeCacheDir({ SECRET_HYGIENE_CACHE_DIR: 'off' }, 'linux', '/home/u'), undefined);
  assert.equal(codeCacheDir({}, 'linux', '/home/u'), path.join('/home/u', '.cache', 'secret-hygiene'));
  assert.equal(codeCacheDir({ XDG_CACHE_HOME: '/xdg' }, 'linux', '/home/u'), path.join('/xdg', 'secret-hygiene'));
  assert.equal(codeCacheDir({}, 'darwin', '/Users/u'), path.join('/Users/u', 'Library', 'Caches', 'secret-hygiene'));
  assert.equal(codeCacheDir({ LOCALAPPDATA: 'C:\\Users\\u\\AppData\\Local' }, 'win32', 'C:\\Users\\u'), path.join('C:\\Users\\u\\AppData\\Local', 'secret-hygiene', 'Cache'));
  assert.equal(codeCacheDir({}, 'linux', ''), undefined);
});
