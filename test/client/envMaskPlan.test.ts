// Issue 11 item 13: the client's .env masking parsed the whole document on every keystroke and selection
// change (a 20 MB .env: 22 s and 622 MB each time; a 50 MB line: 2.6 s). Large documents are masked in
// windows around the visible lines, long lines are not parsed, and the plan says so (the client tells the user).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FULL_PARSE_CHARS, LONG_LINE_CHARS, planEnvMask, WINDOW_MARGIN_LINES, type LineSpan, type MaskSource } from '../../client/src/envMaskPlan';

/** A document over `text` that counts how many characters masking read. */
function sourceOf(text: string): MaskSource & { read: number } {
  const lines = text.split('\n');
  const starts: number[] = [];
  for (let i = 0, at = 0; i < lines.length; at += lines[i].length + 1, i++) starts.push(at);
  const source = {
    read: 0,
    lineCount: lines.length,
    length: text.length,
    lineText(line: number) {
      source.read += lines[line].length;
      return lines[line];
    },
    text() {
      source.read += text.length;
      return text;
    },
    positionAt(offset: number) {
      let line = 0;
      for (let lo = 0, hi = starts.length - 1; lo <= hi; ) {
        const mid = (lo + hi) >> 1;
        if (starts[mid] <= offset) (line = mid), (lo = mid + 1);
        else hi = mid - 1;
      }
      return { line, character: offset - starts[line] };
    },
  };
  return source;
}

const key = (i: number) => `KEY_${i}=value${i}abcdefghij`;
const spanText = (lines: string[], s: LineSpan) => lines[s.line].slice(s.start, s.end);

test('issue 11 item 13: a 20 MB .env is masked around the visible lines only, exactly as a full parse masks them there', () => {
  const lines: string[] = [];
  for (let size = 0; size < 20e6; size += lines[lines.length - 1].length + 1) lines.push(lines.length % 50 === 7 ? `# comment ${lines.length}` : key(lines.length));
  lines[300_001] = 'PEM="-----BEGIN KEY-----';
  lines[300_002] = 'MIIEvQIBADANBgkqhkiG9w0BAQEFAASC';
  lines[300_003] = '-----END KEY-----"';
  const source = sourceOf(lines.join('\n'));
  assert.ok(source.length > FULL_PARSE_CHARS);
  const plan = planEnvMask(source, [{ start: 300_000, end: 300_040 }], new Set([300_010]));
  assert.equal(plan.windowed, true, 'the client is told');
  assert.ok(source.read < 100_000, `read ${source.read} characters, not the document`);
  const first = 300_000 - WINDOW_MARGIN_LINES;
  const last = 300_040 + WINDOW_MARGIN_LINES;
  assert.ok(plan.spans.every((s) => s.line >= first && s.line <= last));
  // Every value in the window is hidden (the caret's line excepted), and nothing else.
  const expected: string[] = [];
  for (let line = first; line <= last; line++) {
    if (line === 300_010 || lines[line].startsWith('#')) continue;
    if (line >= 300_001 && line <= 300_003) continue;
    expected.push(`${line}:${lines[line].slice(lines[line].indexOf('=') + 1)}`);
  }
  expected.push('300001:-----BEGIN KEY-----', '300002:MIIEvQIBADANBgkqhkiG9w0BAQEFAASC', '300003:-----END KEY-----');
  assert.deepEqual(plan.spans.map((s) => `${s.line}:${spanText(lines, s)}`).sort(), expected.sort());
});

test('a window opening inside a quoted multi-line value hides its lines whole (never shows part of a value)', () => {
  const lines = Array.from({ length: 60_000 }, (_, i) => key(i));
  lines[30_000] = 'PEM="-----BEGIN KEY-----';
  for (let i = 30_001; i < 30_200; i++) lines[i] = `MIIEvQIBADANBgkq${i}hkiG9w0BAQEF`;
  lines[30_200] = '-----END KEY-----"';
  const source = sourceOf(lines.join('\n'));
  const plan = planEnvMask(source, [{ start: 30_150, end: 30_160 }], new Set());
  for (let line = 30_150; line <= 30_200; line++) {
    const hidden = plan.spans.filter((s) => s.line === line).map((s) => spanText(lines, s)).join('');
    assert.equal(hidden, lines[line], `line ${line} is hidden whole`);
  }
});

test('a 50 MB single-line .env: the value after "=" is hidden without parsing the line', () => {
  const text = `A=1\nBIG=${'x'.repeat(50e6)}\nB=2`;
  const source = sourceOf(text);
  const plan = planEnvMask(source, [{ start: 0, end: 2 }], new Set());
  assert.ok(plan.windowed);
  assert.deepEqual(plan.spans.filter((s) => s.line === 1), [{ line: 1, start: 4, end: 4 + 50e6 }]);
  assert.deepEqual(plan.spans.filter((s) => s.line !== 1).map((s) => `${s.line}:${s.start}-${s.end}`).sort(), ['0:2-3', '2:2-3']);
  assert.ok(LONG_LINE_CHARS < 50e6);
});

test('a small .env is parsed whole, as before: multi-line values hidden line by line, the caret line shown', () => {
  const text = 'A=one\nPEM="l1\nl2"\n# c\nB=two';
  const lines = text.split('\n');
  const plan = planEnvMask(sourceOf(text), [], new Set([4]));
  assert.equal(plan.windowed, false);
  assert.deepEqual(plan.spans.map((s) => `${s.line}:${spanText(lines, s)}`), ['0:one', '1:l1', '2:l2']);
});
