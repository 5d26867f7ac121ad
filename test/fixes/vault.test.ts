// Vault references: .env holds the reference (read back exactly by dotenv), the code reads the variable,
// and the instructions carry the masked value only.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parse } from 'dotenv';
import { planMoveToEnv } from '../../server/src/fixes/moveToEnv';
import { VAULT_PROVIDERS, vaultReference } from '../../server/src/fixes/vault';
import { applyPlan } from '../support/applyEdit';
import { ENV, findingFor, memoryFacts } from '../support/envFacts';
import { secret } from '../support/rules';

const key = secret('sk-proj-{alnum:74}T3BlbkFJ{alnum:74}', 'vault');
const EXPECTED: Record<string, RegExp> = {
  '1password': /^op:\/\/Private\/openai-api-key\/credential$/,
  'hashicorp-vault': /^ref\+vault:\/\/secret\/app\/openai-api-key#value$/,
  'aws-secrets-manager': /^ref\+awssecrets:\/\/app\/openai-api-key$/,
  'azure-key-vault': /^@Microsoft\.KeyVault\(SecretUri=https:\/\/my-key-vault\.vault\.azure\.net\/secrets\/openai-api-key\/\)$/,
  'gcp-secret-manager': /^ref\+gcpsecrets:\/\/my-project\/openai-api-key$/,
  doppler: /^$/,
  infisical: /^$/,
};

for (const provider of VAULT_PROVIDERS.filter((p) => p !== 'none')) {
  test(`${provider}: .env gets the reference, the code reads the variable, the value stays masked`, () => {
    const text = `const client = new OpenAI({ apiKey: "${key}" });\n`;
    const finding = findingFor(text, key, { envName: 'OPENAI_API_KEY' });
    const facts = memoryFacts('a.ts', text);
    const plan = planMoveToEnv(finding, facts, (name) => vaultReference(provider, name, finding.masked)!);
    assert.equal(plan.refusal, undefined);
    const result = applyPlan(plan, { [facts.sourcePath]: text });
    assert.equal(result[facts.sourcePath], 'const client = new OpenAI({ apiKey: process.env.OPENAI_API_KEY });\n');
    assert.match(parse(result[ENV]!).OPENAI_API_KEY, EXPECTED[provider]);
    const everything = JSON.stringify([plan, result[ENV]]);
    assert.ok(!everything.includes(key), 'the value is written nowhere');
    assert.ok(plan.messages.some((m) => m.includes(finding.masked)), 'the store command shows the masked value');
  });
}

test('the vault name setting is used, and none gives no reference', () => {
  assert.equal(vaultReference('1password', 'DB_PASSWORD', 'x…y', 'Team')!.value, 'op://Team/db-password/credential');
  assert.equal(vaultReference('none', 'X', 'x…y'), undefined);
});
