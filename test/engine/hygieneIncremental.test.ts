// Issue 16: the code-level hygiene checks run on the keystroke path, so the incremental scanner must agree
// with a full scan after random edits over logs, plain-HTTP calls and keys with least-privilege notes.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { IncrementalScanner, scanText } from '../../server/src/engine';
import { seededRandom } from '../../server/src/engine/exampleTokens';
import { builtinRuleSet, secret } from '../support/rules';

const ruleSet = builtinRuleSet();
const http = ['http', '://'].join('');
const POOL = [
  'console.log(process.env.OPENAI_API_KEY);',
  'console.log("key",',
  '  apiKey,',
  ');',
  'logger.info(`using ${config.apiKey}`)',
  'throw new Error("bad key " + this.apiKey);',
  `fetch("${http}api.acme.io/v1?api_key=" + key)`,
  `const client = new OpenAI({ baseURL: "${http}llm.acme.io/v1",`,
  '  apiKey: process.env.OPENAI_API_KEY });',
  '  headers: { Authorization: `Bearer ${token}` },',
  `const stripe = new Stripe("${secret('sk_live_{alnum:99}', 'inc-h')}");`,
  `const aws = "${secret('AKIA{base32:16}', 'inc-h')}";`,
  '  enable_withdrawals: true',
  '// console.log(apiKey)',
  "const s = 'console.log(apiKey)';",
  '"',
  '`',
  '',
  'const x = 1;',
];

const strip = (findings: ReturnType<typeof scanText>) => findings.map((f) => `${f.ruleId}@${f.start}-${f.end}:${f.severity}`);

test('incremental hygiene findings equal full-scan findings after random edits', () => {
  for (let round = 0; round < 30; round++) {
    const random = seededRandom(`hygiene-${round}`);
    const pick = () => POOL[Math.floor(random() * POOL.length)];
    let text = Array.from({ length: 24 }, pick).join(round % 2 ? '\r\n' : '\n');
    const scanner = new IncrementalScanner(ruleSet, 'src/app.ts');
    scanner.update(text);
    let sawHygiene = false;
    for (let step = 0; step < 25; step++) {
      for (let e = 0; e < 1 + Math.floor(random() * 3); e++) {
        const start = Math.floor(random() * (text.length + 1));
        const end = Math.min(text.length, start + Math.floor(random() * (random() < 0.3 ? 120 : 6)));
        const choice = random();
        const inserted = choice < 0.4 ? pick().slice(0, 1 + Math.floor(random() * 40)) : choice < 0.7 ? '' : choice < 0.85 ? '\n' : pick();
        scanner.applyEdit({ start, end, insertedLength: inserted.length });
        text = text.slice(0, start) + inserted + text.slice(end);
      }
      const full = scanText(text, 'src/app.ts', ruleSet);
      sawHygiene ||= full.some((f) => f.category === 'hygiene');
      assert.deepEqual(strip(scanner.update(text)), strip(full), `round ${round} step ${step}`);
    }
    assert.ok(sawHygiene, `round ${round} exercised the hygiene checks`);
  }
});
