// Vault references: .env holds the reference (read back exactly by dotenv), the code reads the variable,
// and the instructions carry the masked value only.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parse } from 'dotenv';
import { planMoveToEnv } from '../../server/src/fixes/moveToEnv';
import { VAULT_PROVIDERS, shellQuote, vaultNameProblem, vaultReference } from '../../server/src/fixes/vault';
import { applyPlan } from '../support/applyEdit';
import * as path from 'node:path';
import { ENV, GITIGNORE, ROOT, findingFor, memoryFacts } from '../support/envFacts';
import { secret } from '../support/rules';

const key = secret('sk-proj-{alnum:74}T3BlbkFJ{alnum:74}', 'vault');
const EXPECTED: Record<string, RegExp> = {
  '1password': /^op:\/\/Private\/openai-api-key\/credential$/,
  'hashicorp-vault': /^ref\+vault:\/\/secret\/app\/openai-api-key#value$/,
  'aws-secrets-manager': /^ref\+awssecrets:\/\/app\/openai-api-key$/,
  'azure-key-vault': /^$/, // @Microsoft.KeyVault(...) resolves only in App Service settings, never from .env
  'gcp-secret-manager': /^ref\+gcpsecrets:\/\/my-project\/openai-api-key$/,
  doppler: /^$/,
  infisical: /^$/,
};

for (const provider of VAULT_PROVIDERS.filter((p) => p !== 'none')) {
  test(`${provider}: .env gets the reference, the code reads the variable, the value stays masked`, () => {
    const text = `const client = new OpenAI({ apiKey: "${key}" });\n`;
    const finding = findingFor(text, key, { envName: 'OPENAI_API_KEY' });
    const facts = memoryFacts('a.ts', text);
    const pendingPath = path.join(ROOT, '.secret-hygiene', 'pending', 'OPENAI_API_KEY');
    const plan = planMoveToEnv(finding, facts, (name) => ({ ...vaultReference(provider, name, `.secret-hygiene/pending/${name}`)!, pendingPath }));
    assert.equal(plan.refusal, undefined);
    const result = applyPlan(plan, { [facts.sourcePath]: text });
    assert.equal(result[facts.sourcePath], 'const client = new OpenAI({ apiKey: process.env.OPENAI_API_KEY });\n');
    assert.match(parse(result[ENV]!).OPENAI_API_KEY, EXPECTED[provider]);
    assert.equal(result[pendingPath], key, 'the real value waits in the pending file, exactly');
    assert.equal(result[GITIGNORE], '.env\n/.secret-hygiene/pending/\n', 'one .gitignore edit ignores both');
    assert.ok(!JSON.stringify([plan.messages, result[ENV]]).includes(key), 'never in .env or the notes');
    assert.ok(plan.messages.some((m) => m.includes('.secret-hygiene/pending/OPENAI_API_KEY')), 'the store command reads the pending file');
  });
}

test('the vault name setting is used, and none gives no reference', () => {
  assert.equal(vaultReference('1password', 'DB_PASSWORD', 'p', 'Team')!.value, 'op://Team/db-password/credential');
  assert.equal(vaultReference('none', 'X', 'p'), undefined);
  assert.match(vaultReference('azure-key-vault', 'X', 'p', 'kv')!.messages.join(' '), /app setting X to @Microsoft\.KeyVault\(SecretUri=https:\/\/kv\.vault\.azure\.net\/secrets\/x\/\)/);
});

test('vault names: control characters and quotes are refused; anything else is quoted for the shell and for .env', () => {
  assert.match(vaultNameProblem('Dev\nX=1') ?? '', /control characters/);
  assert.match(vaultNameProblem("a'b") ?? '', /quotes/);
  assert.equal(vaultNameProblem('Team Vault $(touch x)'), undefined);
  const hostile = 'Team $(touch pwned)';
  const reference = vaultReference('1password', 'API_TOKEN', '.secret-hygiene/pending/API_TOKEN', hostile)!;
  assert.match(reference.messages[0], /--vault 'Team \$\(touch pwned\)'/);
  const text = `const apiToken = "${key}";\n`;
  const plan = planMoveToEnv(findingFor(text, key), memoryFacts('a.ts', text), () => reference);
  const env = applyPlan(plan, { [path.join(ROOT, 'a.ts')]: text })[ENV]!;
  assert.equal(env, `API_TOKEN='op://${hostile}/api-token/credential'\n`, 'single quotes: bash never expands it');
  assert.equal(parse(env).API_TOKEN, `op://${hostile}/api-token/credential`);
  assert.equal(shellQuote("it's"), `'it'\\''s'`);
});
