// Runs a CommonJS bundle in this process with V8's code cache (issue 12, cold start): the first start
// compiles the bundle and saves the bytecode V8 built for it; later starts hand that back to V8 instead of
// parsing and compiling 1.5 MB again. Any failure (no cache folder, a stale or broken file, an unwritable
// disk) only means compiling as Node would; V8 itself rejects data from another V8 version or flag set.
import * as buffer from 'node:buffer';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vm from 'node:vm';
import Module from 'node:module';

export interface LoadedBundle {
  /** The bundle's `module.exports`. */
  exports: unknown;
  /** Whether V8 used the saved code cache. */
  cacheUsed: boolean;
  /** Writes the code cache (with every function compiled so far) when none was used; true if written. */
  save(): boolean;
}

/** The per-user cache folder: `SECRET_HYGIENE_CACHE_DIR` ("off" disables the cache), else the platform's
 * cache folder (never the shared temporary folder: another user could plant bytecode there). */
export function codeCacheDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform, home = os.homedir()): string | undefined {
  const configured = env.SECRET_HYGIENE_CACHE_DIR;
  if (configured !== undefined) return configured === '' || configured === 'off' ? undefined : configured;
  if (!home) return undefined;
  if (platform === 'win32') return path.join(env.LOCALAPPDATA || path.join(home, 'AppData', 'Local'), 'secret-hygiene', 'Cache');
  if (platform === 'darwin') return path.join(home, 'Library', 'Caches', 'secret-hygiene');
  return path.join(env.XDG_CACHE_HOME || path.join(home, '.cache'), 'secret-hygiene');
}

/** Loads `file` (a CommonJS bundle) as `require` would, compiled with the code cache kept in `cacheDir`. */
export function loadWithCodeCache(file: string, cacheDir: string | undefined, parent?: NodeJS.Module): LoadedBundle {
  const bytes = fs.readFileSync(file);
  const stat = fs.statSync(file, { bigint: true });
  // An ASCII bundle (the usual case) decodes as latin1, several times faster than UTF-8 and kept one byte
  // per character by V8.
  const source = isAscii(bytes) ? bytes.toString('latin1') : bytes.toString('utf8');
  const name = path.basename(file, '.js');
  // Keyed by the bundle's path, size and modification time (V8 checks only the source's length): a rebuilt
  // or reinstalled bundle gets a new file. The Node version and architecture keep two runtimes apart.
  const folderKey = hash(path.resolve(file));
  const cacheFile = cacheDir && path.join(cacheDir, `${name}-${folderKey}-${hash(`${stat.size} ${stat.mtimeNs} ${stat.ino} ${process.version} ${process.arch}`)}.v8cache`);
  const cachedData = cacheFile ? readCache(cacheFile, cacheDir) : undefined;
  const script = new vm.Script(Module.wrap(source), { filename: file, cachedData });
  const cacheUsed = cachedData !== undefined && !script.cachedDataRejected;
  const wrapper = script.runInThisContext() as (exports: unknown, require: NodeJS.Require, module: NodeJS.Module, filename: string, dirname: string) => void;
  const module = new Module(file, parent);
  module.filename = file;
  module.paths = (Module as unknown as { _nodeModulePaths(dir: string): string[] })._nodeModulePaths(path.dirname(file));
  wrapper.call(module.exports, module.exports, Module.createRequire(file), module, file, path.dirname(file));
  module.loaded = true;
  let saved = cacheUsed;
  return {
    exports: module.exports,
    cacheUsed,
    save: () => {
      if (saved || !cacheFile || !cacheDir) return false;
      saved = true;
      return writeCache(cacheDir, cacheFile, `${name}-${folderKey}-`, script.createCachedData());
    },
  };
}

function readCache(file: string, dir: string | undefined): Buffer | undefined {
  try {
    if (!dir || !ownFolder(dir)) return undefined;
    return fs.readFileSync(file);
  } catch {
    return undefined;
  }
}

/** Writes atomically (a temporary file renamed into place) and removes this bundle's older cache files. */
function writeCache(dir: string, file: string, prefix: string, data: Buffer): boolean {
  try {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    if (!ownFolder(dir)) return false;
    const temporary = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(temporary, data, { mode: 0o600 });
    fs.renameSync(temporary, file);
    for (const entry of fs.readdirSync(dir)) {
      if (entry.startsWith(prefix) && entry.endsWith('.v8cache') && path.join(dir, entry) !== file) fs.rmSync(path.join(dir, entry), { force: true });
    }
    return true;
  } catch {
    return false;
  }
}

/** Bytecode is code: use a folder only if it is ours and nobody else can write to it (POSIX). */
function ownFolder(dir: string): boolean {
  const stat = fs.lstatSync(dir);
  if (!stat.isDirectory()) return false;
  if (process.platform === 'win32' || typeof process.getuid !== 'function') return true;
  return stat.uid === process.getuid() && (stat.mode & 0o022) === 0;
}

function isAscii(bytes: Buffer): boolean {
  // buffer.isAscii: Node 18.15 / 19.6 and later, native.
  const native = (buffer as { isAscii?: (input: Buffer) => boolean }).isAscii;
  if (native) return native(bytes);
  for (let i = 0; i < bytes.length; i++) if (bytes[i] > 0x7f) return false;
  return true;
}

/** FNV-1a, 32 bits, as 8 hex digits: a file-name key, not a checksum. */
function hash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(16).padStart(8, '0');
}
