// The `git log -p -U0` reader: hunk counts decide what is content, so an added "++ x" or removed "-- x" line
// (shown as "+++ x" / "--- x") is never read as a file header.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { HistoryParser, type AddedBlock } from '../../server/src/project/historyLog';

function parse(lines: string[], maxBytes = 1024): AddedBlock[] {
  const parser = new HistoryParser(maxBytes);
  const blocks: AddedBlock[] = [];
  for (const line of lines) {
    const block = parser.push(line);
    if (block) blocks.push(block);
  }
  const last = parser.end();
  if (last) blocks.push(last);
  return blocks;
}

const SHA = 'a'.repeat(40);

test('added lines per file per commit, with their line numbers; content that looks like headers stays content', () => {
  const blocks = parse([
    `\0${SHA} 2026-01-02T03:04:05+00:00`,
    '',
    'diff --git a/x.sql b/x.sql',
    'index 1..2 100644',
    '--- a/x.sql',
    '+++ b/x.sql',
    '@@ -2 +2,2 @@',
    '--- old comment',
    '+++ b/not-a-file',
    '+second\r',
    '\\ No newline at end of file',
    'diff --git a/"q\\"name" b/"q\\"name"',
    '--- /dev/null',
    '+++ "b/q\\"name"',
    '@@ -0,0 +7 @@',
    '+seven',
    `\0${'b'.repeat(40)} 2026-02-02T03:04:05+00:00`,
    'diff --git a/gone b/gone',
    '--- a/gone',
    '+++ /dev/null',
    '@@ -1 +0,0 @@',
    '-was here',
  ]);
  assert.deepEqual(
    blocks.map((b) => [b.commit.slice(0, 1), b.date.slice(0, 10), b.file, b.text, b.lines]),
    [
      ['a', '2026-01-02', 'x.sql', '++ b/not-a-file\nsecond', [2, 3]],
      ['a', '2026-01-02', 'q"name', 'seven', [7]],
    ],
  );
});

test('a block stops keeping lines at the size limit and says so', () => {
  const [block] = parse([`\0${SHA} 2026-01-02T03:04:05+00:00`, 'diff --git a/f b/f', '+++ b/f', '@@ -0,0 +1,3 @@', '+aaaa', '+bbbb', '+cccc'], 10);
  assert.equal(block.text, 'aaaa\nbbbb');
  assert.equal(block.truncated, true);
});
