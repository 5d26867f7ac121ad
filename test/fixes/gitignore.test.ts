// .gitignore planning with git semantics: already ignored, nested files, negations, parent folders,
// CRLF and no final newline; "Add this file to .gitignore" for files that should never be committed.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { test } from 'node:test';
import { exactPattern, isIgnoredBy, planGitignore, type GitignoreLayer } from '../../server/src/fixes/gitignore';
import { planAddFileToGitignore, shouldNeverBeCommitted } from '../../server/src/fixes/ignoreFile';
import { applyReplaces } from '../support/applyEdit';

const root = path.resolve('/repo');
const pkg = path.join(root, 'packages', 'api');
const env = path.join(pkg, '.env');
const layer = (dir: string, text?: string): GitignoreLayer => ({ dir, path: path.join(dir, '.gitignore'), text, editable: true });
const envPattern = () => '.env';

test('already ignored by a root pattern or an ignored parent folder: nothing to do', () => {
  assert.equal(planGitignore([layer(root, '.env*\n'), layer(pkg)], env, envPattern), undefined);
  assert.equal(planGitignore([layer(root, 'packages/\n'), layer(pkg)], env, envPattern), undefined);
  assert.equal(planGitignore([{ dir: root, path: path.join(root, '.git/info/exclude'), text: '.env\n', editable: false }, layer(pkg)], env, envPattern), undefined);
});

test('appends to the nearest existing .gitignore, keeping CRLF and adding the missing newline', () => {
  const plan = planGitignore([layer(root, 'node_modules\r\ndist'), layer(pkg)], env, envPattern)!;
  assert.equal(plan.path, path.join(root, '.gitignore'));
  assert.equal(plan.create, false);
  assert.equal(applyReplaces('node_modules\r\ndist', [plan.edit]), 'node_modules\r\ndist\r\n.env\r\n');
});

test('a negation (!.env) is respected elsewhere: the .env gets its own folder\'s .gitignore', () => {
  const layers = [layer(root, '.env\n'), layer(path.join(root, 'packages'), '!.env\n'), layer(pkg)];
  assert.equal(isIgnoredBy(layers, env), false);
  const plan = planGitignore(layers, env, envPattern)!;
  assert.equal(plan.path, path.join(pkg, '.gitignore'));
  assert.equal(plan.create, true);
  const after = layers.map((l) => (l.path === plan.path ? { ...l, text: plan.edit.newText } : l));
  assert.equal(isIgnoredBy(after, env), true);
  assert.equal(isIgnoredBy(after, path.join(root, 'packages', 'web', '.env')), false, 'the negation still works for others');
});

test('no .gitignore anywhere: one is created next to the file', () => {
  const plan = planGitignore([layer(root), layer(pkg)], env, envPattern)!;
  assert.deepEqual([plan.path, plan.create, plan.edit.newText], [path.join(pkg, '.gitignore'), true, '.env\n']);
});

test('exact patterns are anchored and escape gitignore syntax', () => {
  assert.equal(exactPattern('config/#secrets[1].json'), '/config/\\#secrets\\[1\\].json');
  const file = path.join(root, 'keys', 'svc account!.json');
  const plan = planGitignore([layer(root, '')], file)!;
  assert.equal(isIgnoredBy([layer(root, plan.edit.newText)], file), true);
  assert.equal(isIgnoredBy([layer(root, plan.edit.newText)], path.join(root, 'keys', 'other.json')), false);
});

test('files that should never be committed, and templates that should', () => {
  for (const name of ['.env', '.env.production', '.env.local', '.npmrc', 'credentials.json', 'my-service-account.json', 'proj-name-0123456789ab.json', 'server.pem', 'id_ed25519', 'prod.tfvars'])
    assert.ok(shouldNeverBeCommitted(`/x/${name}`), name);
  for (const name of ['.env.example', '.env.sample', '.env.template', 'package.json', 'config.ts', 'id_ed25519.pub'])
    assert.ok(!shouldNeverBeCommitted(`/x/${name}`), name);
});

test('"Add this file to .gitignore" adds the exact path, or refuses when already ignored', () => {
  const file = path.join(root, 'config', '.env.production');
  const plan = planAddFileToGitignore(file, [layer(root, 'node_modules\n'), layer(path.join(root, 'config'))]);
  assert.equal(plan.changes[0].path, path.join(root, '.gitignore'));
  assert.equal(applyReplaces('node_modules\n', plan.changes[0].edits), 'node_modules\n/config/.env.production\n');
  assert.match(planAddFileToGitignore(file, [layer(root, '.env*\n')]).refusal ?? '', /already ignored/);
  assert.match(planAddFileToGitignore(file, [layer(root, '')], true).messages.join(' '), /git rm --cached/);
});
