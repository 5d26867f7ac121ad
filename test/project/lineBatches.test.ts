// Imported patterns that name no line break run line by line; short candidate lines are searched by RE2 in
// batches (issue 15: one call per batch instead of one per line). A batch must find exactly what searching
// each line alone finds: anchors and \z at line ends, \s that could run across the joining line breaks,
// keywords on some lines only, lines with several matches, long lines in between.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compileSafeRegex, lineModePattern } from '../../server/src/project/safeRegex';
import { secret } from '../support/rules';

/** Matches of `pattern` in `body` searched one line at a time, each line its own input. */
function perLine(pattern: string, body: string): string[] {
  const out: string[] = [];
  let offset = 0;
  const re = compileSafeRegex(pattern, { secretGroup: 1 });
  for (const line of body.split('\n')) {
    re.lastIndex = 0;
    for (let m = re.exec(line); m; m = re.exec(line)) {
      if (m[0].length === 0) re.lastIndex++;
      else out.push(`${offset + m.index}:${m[0]}`);
    }
    offset += line.length + 1;
  }
  return out;
}

function batched(pattern: string, body: string, keywords: string[]): string[] {
  const re = compileSafeRegex(pattern, { secretGroup: 1, lineBounded: true, lineKeywords: keywords });
  const out: string[] = [];
  for (let m = re.exec(body); m; m = re.exec(body)) {
    if (m[0].length === 0) re.lastIndex++;
    else out.push(`${m.index}:${m[0]}`);
  }
  return out;
}

test('lineModePattern: \\z and \\A become line anchors; inline m flags and \\Q keep whole-text matching', () => {
  assert.equal(lineModePattern(String.raw`\Atok_\w+\z`), String.raw`^tok_\w+$`);
  assert.equal(lineModePattern(String.raw`a\\z`), String.raw`a\\z`, 'an escaped backslash before z stays');
  assert.equal(lineModePattern('(?m)^a$'), undefined);
  assert.equal(lineModePattern('(?i-m:a)$'), undefined);
  assert.equal(lineModePattern(String.raw`\Q$\E`), undefined);
});

test('batches of lines find what each line alone finds', () => {
  const token = (seed: string) => secret('{alnum:20}', seed);
  const lines: string[] = [];
  for (let i = 0; i < 400; i++) {
    if (i % 11 === 0) lines.push(`tok_${token(`a${i}`)}`); // whole line: ^…$ and \z match here
    else if (i % 13 === 0) lines.push(`  key tok_${token(`b${i}`)} tok_${token(`c${i}`)}  `);
    else if (i % 17 === 0) lines.push(`tok_`); // keyword, then \s* would run into the next line in a batch
    else if (i % 29 === 0) lines.push(`x = "${'y'.repeat(3000)} tok_${token(`d${i}`)}"`); // a long line between batches
    else if (i % 7 === 0) lines.push(`tok_ünïcödé 😀 ${token(`e${i}`)}`);
    else lines.push(`const v${i} = compute(${i}); // nothing here`);
  }
  const body = lines.join('\n');
  for (const pattern of [
    String.raw`^tok_([A-Za-z0-9]{20})$`,
    String.raw`\btok_([A-Za-z0-9]{20})\z`,
    String.raw`tok_\s*([A-Za-z0-9]{20})`,
    String.raw`tok_[^"]{0,40}`,
    String.raw`\btok_([A-Za-z0-9]{20})(?:\s|$)`,
  ]) {
    const expected = perLine(pattern, body);
    assert.ok(expected.length > 20, `${pattern}: ${expected.length}`);
    assert.deepEqual(batched(pattern, body, ['tok_']), expected, pattern);
  }
  // Without keywords every line is a candidate: consecutive lines form the batches.
  assert.deepEqual(batched(String.raw`^tok_([A-Za-z0-9]{20})$`, body, []), perLine(String.raw`^tok_([A-Za-z0-9]{20})$`, body));
});
