// Parsing `git diff -U0` into added line ranges: new files, deletions only, several hunks, quoted names.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseAddedLines, touchesAddedLine } from '../../server/src/project/git';

const diff = [
  'diff --git a/src/app.ts b/src/app.ts',
  'index 1111111..2222222 100644',
  '--- a/src/app.ts',
  '+++ b/src/app.ts',
  '@@ -3 +3 @@ export const a = 1;',
  '-old',
  '+new',
  '@@ -10,2 +9,0 @@',
  '-gone',
  '-gone too',
  '@@ -20,0 +20,3 @@',
  '+one',
  '+two',
  '+three',
  'diff --git a/new.env b/new.env',
  'new file mode 100644',
  '--- /dev/null',
  '+++ b/new.env',
  '@@ -0,0 +1,2 @@',
  '+A=1',
  '+B=2',
  'diff --git "a/we\\"ird \\303\\251.txt" "b/we\\"ird \\303\\251.txt"',
  '--- "a/we\\"ird \\303\\251.txt"',
  '+++ "b/we\\"ird \\303\\251.txt"',
  '@@ -1 +1 @@',
  '-x',
  '+y',
].join('\n');

test('added line ranges per file, pure deletions ignored', () => {
  const added = parseAddedLines(diff);
  assert.deepEqual([...added.keys()], ['src/app.ts', 'new.env', 'we"ird é.txt']);
  assert.deepEqual(added.get('src/app.ts'), [[3, 3], [20, 22]]);
  assert.deepEqual(added.get('new.env'), [[1, 2]]);
});

test('a finding spanning lines counts when any of its lines was added', () => {
  const ranges = parseAddedLines(diff).get('src/app.ts');
  assert.equal(touchesAddedLine(ranges, 3, 3), true);
  assert.equal(touchesAddedLine(ranges, 4, 19), false);
  assert.equal(touchesAddedLine(ranges, 18, 20), true);
  assert.equal(touchesAddedLine(undefined, 1, 1), false);
});
