// Issue 11: re2-wasm never frees a compiled pattern and its heap is a fixed 16 MB, so reloading a team policy
// (each save of a rule file) compiled every pattern again until RE2 was out of memory and every workspace rule
// was disabled. Patterns are shared while in use and freed when the policy that used them is replaced.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { scanText } from '../../server/src/engine';
import { compileSafeRegex, liveRe2Patterns, releaseSafeRegexes } from '../../server/src/project/safeRegex';
import { loadWorkspacePolicy, releaseWorkspacePolicy, type WorkspacePolicy } from '../../server/src/project/workspacePolicy';
import { builtinRuleSet, secret } from '../support/rules';

/** 30 rules with an allow entry each: 60 patterns per load. Before the fix RE2's heap held about 900 such
 * patterns, so 20 loads (1,200 compiles) disabled the rules with "RE2 is out of memory". */
const RULES = 30;
const LOADS = 20;

function teamRoot(): { root: string; write: (generation: number) => void } {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'sh-re2-release-'));
  const dir = path.join(root, '.secret-hygiene', 'rules');
  fs.mkdirSync(dir, { recursive: true });
  const write = (generation: number) => {
    const rules = Array.from({ length: RULES }, (_, i) => ({
      id: `acme-token-${i}`,
      title: `Acme token ${i}`,
      category: 'cloud',
      keywords: [`acme${i}_`],
      // The generation changes the pattern, as editing a rule file does.
      pattern: `acme${i}_(?<secret>[a-z0-9]{${20 + (generation % 7)},40})`,
      allow: [`^acme${i}example${generation}$`],
    }));
    fs.writeFileSync(path.join(dir, 'team.json'), JSON.stringify({ provider: 'Acme', rules }));
  };
  write(0);
  return { root, write };
}

const builtin = builtinRuleSet();
const key = (i: number) => `acme${i}_${secret('{alnum:32}', 're2-release').toLowerCase()}`;
const text = Array.from({ length: RULES }, (_, i) => `token${i} = "${key(i)}"`).join('\n');

function assertWorks(policy: WorkspacePolicy): void {
  assert.deepEqual([...policy.problems.values()].flat().filter((p) => p.severity === 'error'), [], 'no rule disabled');
  const found = scanText(text, 'src/config.txt', policy.ruleSet).filter((f) => f.ruleId.startsWith('acme-token-'));
  assert.equal(found.length, RULES, 'every team rule still finds its key');
}

test('issue 11: the same team policy loaded 20 times compiles its patterns once; the last load still finds every key', () => {
  const { root } = teamRoot();
  const before = liveRe2Patterns();
  let policy: WorkspacePolicy | undefined;
  const kept: WorkspacePolicy[] = [];
  for (let i = 0; i < LOADS; i++) {
    policy = loadWorkspacePolicy(root, builtin.rules, { builtinRuleSet: builtin });
    kept.push(policy); // still referenced: nothing may be freed, yet nothing is compiled twice
    scanText(text, 'src/config.txt', policy.ruleSet);
  }
  assert.equal(liveRe2Patterns() - before, RULES * 2);
  assertWorks(policy!);
});

test('issue 11: a team editing its rules 20 times (each save a reload): replaced policies free their patterns', () => {
  const { root, write } = teamRoot();
  const before = liveRe2Patterns();
  let policy: WorkspacePolicy | undefined;
  for (let i = 0; i < LOADS; i++) {
    write(i);
    const next = loadWorkspacePolicy(root, builtin.rules, { builtinRuleSet: builtin });
    if (policy) releaseWorkspacePolicy(policy);
    policy = next;
    scanText(text, 'src/config.txt', policy.ruleSet);
    assert.ok(liveRe2Patterns() - before <= RULES * 2, `load ${i}: ${liveRe2Patterns() - before} patterns live`);
  }
  assertWorks(policy!);
});

test('a released pattern still matches (compiled again), and one dropped without release is freed by the garbage collector', async () => {
  const regex = compileSafeRegex('zeta_(?P<secret>[0-9]{6})');
  const before = liveRe2Patterns();
  releaseSafeRegexes([regex]);
  assert.equal(liveRe2Patterns(), before - 1);
  assert.equal(regex.exec('x zeta_123456')?.index, 2, 'a scan still running on the old rules keeps working');
  assert.equal(liveRe2Patterns(), before);

  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  const collect = async () => {
    for (let round = 0; round < 5; round++) {
      gc();
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  };
  await collect(); // what earlier tests dropped
  const start = liveRe2Patterns();
  (() => {
    for (let i = 0; i < 50; i++) compileSafeRegex(`dropped${i}_[a-z]{8}`).test(`dropped${i}_abcdefgh`);
  })();
  assert.equal(liveRe2Patterns(), start + 50);
  await collect();
  assert.equal(liveRe2Patterns(), start);
});
