// "Ignore this finding": the comment goes on a new line above, in the file's syntax and indentation, and
// the engine's suppression logic then really drops the finding.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isSuppressed } from '../../server/src/engine/suppressions';
import { planIgnoreComment } from '../../server/src/fixes/ignoreComment';
import { applyReplaces } from '../support/applyEdit';

const value = 'VALUE_STANDS_IN_HERE';

function ignored(file: string, text: string): string {
  const start = text.indexOf(value);
  const plan = planIgnoreComment(`/p/${file}`, text, start, 'github-pat');
  assert.equal(plan.refusal, undefined, plan.refusal);
  const after = applyReplaces(text, plan.changes[0].edits);
  const moved = after.indexOf(value);
  assert.ok(isSuppressed(after, { ruleId: 'github-pat', start: moved, end: moved + value.length }), 'the engine honours it');
  return after;
}

test('comment syntax per language, with the line\'s indentation and line ending', () => {
  assert.equal(ignored('a.ts', `function f() {\n  const t = "${value}";\n}\n`), `function f() {\n  // secret-hygiene-ignore-next-line github-pat\n  const t = "${value}";\n}\n`);
  assert.equal(ignored('a.py', `\tT = "${value}"\r\n`), `\t# secret-hygiene-ignore-next-line github-pat\r\n\tT = "${value}"\r\n`);
  assert.equal(ignored('q.sql', `SELECT '${value}';\n`), `-- secret-hygiene-ignore-next-line github-pat\nSELECT '${value}';\n`);
  assert.equal(ignored('i.html', `<meta content="${value}">\n`), `<!-- secret-hygiene-ignore-next-line github-pat -->\n<meta content="${value}">\n`);
  assert.equal(ignored('Dockerfile', `ENV T=${value}\n`), `# secret-hygiene-ignore-next-line github-pat\nENV T=${value}\n`);
  assert.equal(ignored('.env.local', `T=${value}`), `# secret-hygiene-ignore-next-line github-pat\nT=${value}`);
});

test('no comment syntax (JSON) or inside a multi-line string: refused', () => {
  assert.match(planIgnoreComment('/p/a.json', `{"t": "${value}"}`, 7, 'x').refusal ?? '', /no comments/);
  const text = `const s = \`\nline ${value}\n\`;\n`;
  assert.match(planIgnoreComment('/p/a.ts', text, text.indexOf(value), 'x').refusal ?? '', /multi-line string/);
});
