// Issue 11 item 9: only regular files are read, with the size checked on the open file; FIFOs, devices and
// links leading out of the workspace are skipped, and a .gitignore link to /dev/zero reads nothing.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { readScannableFile, readScannableFileSync } from '../../server/src/project/fileWalker';
import { GitignoreStack } from '../../server/src/project/gitignore';
import { FileReadError, readRegularFileSync } from '../../server/src/project/regularFile';

const unix = process.platform !== 'win32' && fs.existsSync('/dev/zero');

function folder(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'sh-regular-'));
}

test('a link to /dev/zero is skipped, not read (4.4 GB in 15 s before)', { skip: !unix }, async () => {
  const dir = folder();
  fs.symlinkSync('/dev/zero', path.join(dir, 'data.txt'));
  const sync = readScannableFileSync(path.join(dir, 'data.txt'), 10 * 1024 * 1024);
  assert.equal(sync.kind, 'skipped');
  assert.match((sync as { reason: string }).reason, /not a regular file \(a device\)/);
  assert.equal((await readScannableFile(path.join(dir, 'data.txt'), 1024)).kind, 'skipped');
});

test('a FIFO is skipped at once, never waited on', { skip: !unix || spawnSync('mkfifo', ['--version']).error !== undefined }, async () => {
  const dir = folder();
  const fifo = path.join(dir, 'pipe');
  assert.equal(spawnSync('mkfifo', [fifo]).status, 0);
  assert.equal(readScannableFileSync(fifo, 1024).kind, 'skipped');
  assert.equal((await readScannableFile(fifo, 1024)).kind, 'skipped');
});

test('a link leading out of `within` is refused; one staying inside is read', { skip: !unix }, () => {
  const dir = folder();
  const outside = folder();
  fs.writeFileSync(path.join(outside, 'secret.txt'), 'outside\n');
  fs.writeFileSync(path.join(dir, 'inside.txt'), 'inside\n');
  fs.symlinkSync(path.join(outside, 'secret.txt'), path.join(dir, 'out.txt'));
  fs.symlinkSync(path.join(dir, 'inside.txt'), path.join(dir, 'in.txt'));
  assert.deepEqual(readScannableFileSync(path.join(dir, 'out.txt'), 1024, { within: dir }), { kind: 'skipped', reason: 'a symbolic link leading out of the workspace' });
  assert.equal(readScannableFileSync(path.join(dir, 'in.txt'), 1024, { within: dir }).kind, 'text');
});

test('the size limit holds on the opened file', () => {
  const dir = folder();
  fs.writeFileSync(path.join(dir, 'big.txt'), 'x'.repeat(2048));
  assert.deepEqual(readScannableFileSync(path.join(dir, 'big.txt'), 1024), { kind: 'too-large', size: 2048 });
  assert.throws(() => readRegularFileSync(path.join(dir, 'big.txt'), 100), (error: unknown) => error instanceof FileReadError && error.code === 'EFBIG');
  assert.equal(readRegularFileSync(path.join(dir, 'big.txt'), 2048).length, 2048);
  fs.writeFileSync(path.join(dir, 'empty.txt'), '');
  assert.equal(readRegularFileSync(path.join(dir, 'empty.txt'), 10).length, 0);
});

test('issue 11 item 13: a file deleted after it was listed is skipped, not an I/O error', () => {
  const dir = folder();
  assert.deepEqual(readScannableFileSync(path.join(dir, 'gone.txt'), 1024), { kind: 'skipped', reason: 'deleted while the scan ran' });
});

test('a committed .gitignore linked to /dev/zero adds no rules and returns at once', { skip: !unix }, () => {
  const dir = folder();
  fs.symlinkSync('/dev/zero', path.join(dir, '.gitignore'));
  const stack = GitignoreStack.empty().withFile(dir, path.join(dir, '.gitignore'));
  assert.equal(stack.isIgnored(path.join(dir, 'a.txt'), false), false);
});
