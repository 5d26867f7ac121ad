// Issue 16, check 1: one key per environment and per app. The pure comparison (salted hashes only) and
// the repository gathering, seen through the CLI's JSON report (category hygiene, masked values only).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { compareEnvKeys, environmentOf, HYGIENE_CHECKS, type HashedEnvFile } from '../../server/src/engine';
import { secret } from '../support/rules';

const entry = (name: string, hash: string, live = false) => ({ name, start: 0, end: 1, masked: 'ab…', hash, live });
const file = (name: string, app: string, ...entries: ReturnType<typeof entry>[]): HashedEnvFile => ({ file: `${app === '.' ? '' : `${app}/`}${name}`, app, entries });

test('environments are told from file names; .env and .env.local are for every environment', () => {
  assert.deepEqual(['.env.development', '.env.dev.local', '.env.test', '.env.staging', '.env.production', '.env', '.env.local'].map(environmentOf), ['development', 'development', 'test', 'staging', 'production', undefined, undefined]);
});

test('the same value in two environments or two apps is flagged; .env vs .env.local of one app is not', () => {
  const dev = file('.env.development', '.', entry('OPENAI_API_KEY', 'h1'), entry('SMTP_PASSWORD', 'h2'));
  const prod = file('.env.production', '.', entry('OPENAI_API_KEY', 'h1'), entry('SMTP_PASSWORD', 'h3'));
  const [shared] = compareEnvKeys(dev, [prod]);
  assert.equal(shared.ruleId, HYGIENE_CHECKS.sharedEnvKey);
  assert.equal(shared.severity, 'error', 'an AI key');
  assert.match(shared.message ?? '', /same value as \.env\.production/);
  assert.deepEqual(compareEnvKeys(file('.env', '.', entry('API_SECRET', 'h4')), [file('.env.local', '.', entry('API_SECRET', 'h4'))]), []);
  const other = compareEnvKeys(file('.env', 'apps/web', entry('API_SECRET', 'h4')), [file('.env', 'apps/api', entry('SECRET_KEY', 'h4'))]);
  assert.equal(other[0].severity, 'warning');
  assert.match(other[0].message ?? '', /apps\/api\/\.env \(as SECRET_KEY\).*one key per app/);
});

test('a production-looking key in a development or test file: live prefix or production name', () => {
  const found = compareEnvKeys(file('.env.test', '.', entry('STRIPE_SECRET_KEY', 'h5', true), entry('PROD_DB_PASSWORD', 'h6'), entry('DEV_DB_PASSWORD', 'h7')), []);
  assert.deepEqual(found.map((f) => [f.ruleId, f.envName]), [[HYGIENE_CHECKS.productionKeyInDevelopment, 'STRIPE_SECRET_KEY'], [HYGIENE_CHECKS.productionKeyInDevelopment, 'PROD_DB_PASSWORD']]);
  assert.deepEqual(compareEnvKeys(file('.env.production', '.', entry('STRIPE_SECRET_KEY', 'h5', true)), []), []);
});

test('CLI: a monorepo with a key shared by two apps and by two environments reports category hygiene, never the value', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'sh-envkeys-'));
  fs.mkdirSync(path.join(root, '.git'));
  const shared = secret('{alnum:32}', 'envkeys-shared');
  const live = secret('sk_live_{alnum:24}', 'envkeys-live');
  const write = (relative: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(root, relative)), { recursive: true });
    fs.writeFileSync(path.join(root, relative), text);
  };
  write('apps/web/.env.production', `WEB_API_SECRET=${shared}\n`);
  write('apps/api/.env.production', `API_SECRET=${shared}\n`);
  write('apps/api/.env.development', `API_SECRET=${shared}\nSTRIPE_SECRET_KEY=${live}\n`);
  const cli = path.resolve(__dirname, '..', '..', '..', 'dist', 'cli.js');
  const result = spawnSync(process.execPath, [cli, 'scan', '.', '--format', 'json', '--no-gitignore'], { cwd: root, encoding: 'utf8' });
  const findings = JSON.parse(result.stdout).filter((f: any) => f.category === 'hygiene');
  assert.deepEqual(findings.map((f: any) => [f.file, f.ruleId]).sort(), [
    ['apps/api/.env.development', HYGIENE_CHECKS.productionKeyInDevelopment],
    ['apps/api/.env.development', HYGIENE_CHECKS.sharedEnvKey],
    ['apps/api/.env.production', HYGIENE_CHECKS.sharedEnvKey],
    ['apps/web/.env.production', HYGIENE_CHECKS.sharedEnvKey],
  ]);
  assert.ok(!result.stdout.includes(shared) && !result.stdout.includes(live), 'no value in the report');
  fs.rmSync(root, { recursive: true, force: true });
});
