// The built-in service dictionary (rules/services/*.json): valid against its schema, over 1,000 services,
// every name unique, and every service found and named after itself in the common spellings.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import Ajv from 'ajv';
import { scanText } from '../../server/src/engine';
import { normalizeName } from '../../server/src/engine/serviceNames';
import type { ServiceFileSpec } from '../../server/src/engine/serviceRules';
import { builtinRulesDir, SERVICES_DIR } from '../../server/src/project/ruleFiles';
import { builtinRuleSet, secret } from '../support/rules';

const dir = path.join(builtinRulesDir(__dirname), SERVICES_DIR);
const files = fs.readdirSync(dir).filter((name) => name.endsWith('.json') && name !== 'schema.json');
const specs = files.map((name) => ({ name, spec: JSON.parse(fs.readFileSync(path.join(dir, name), 'utf8')) as ServiceFileSpec }));
const ruleSet = builtinRuleSet();

test('every dictionary file matches rules/services/schema.json', () => {
  const validate = new Ajv({ allErrors: true, strict: false }).compile(JSON.parse(fs.readFileSync(path.join(dir, 'schema.json'), 'utf8')));
  for (const { name, spec } of specs) assert.ok(validate(spec), `${name}: ${JSON.stringify(validate.errors)}`);
});

test('over 1,000 services, each a rule, with unique ids and names', () => {
  const services = specs.flatMap(({ spec }) => spec.services);
  assert.ok(services.length >= 1000, `${services.length} services`);
  assert.equal(ruleSet.rules.filter((r) => r.service).length, services.length, 'every entry compiled');
  const owner = new Map<string, string>();
  for (const service of services) {
    for (const name of [...(service.matchAliasesOnly ? [] : [service.name]), ...(service.aliases ?? [])].map(normalizeName)) {
      assert.ok(!owner.has(name) || owner.get(name) === service.id, `"${name}" names both ${owner.get(name)} and ${service.id}`);
      owner.set(name, service.id);
    }
  }
});

test('every service is found and named after itself, as an env variable, a camelCase key and in prose', () => {
  const value = secret('{alnum:30}', 'dictionary');
  const missed: string[] = [];
  for (const rule of ruleSet.rules.filter((r) => r.service)) {
    const name = rule.service!.names[0];
    for (const text of [`${name.toUpperCase()}_API_KEY=${value}`, `const ${name}Token = "${value}";`, `${name} secret: ${value}`]) {
      const findings = scanText(text, 'src/settings.txt', ruleSet);
      const own = findings.find((f) => text.slice(f.start, f.end) === value);
      // A provider's own rule may claim the value first; it must still be named, never lost.
      if (!own || (own.ruleId !== rule.id && own.evidence !== 'provider-format')) missed.push(`${rule.id}: ${text.replace(value, '…')} → ${own?.ruleId ?? 'nothing'}`);
    }
  }
  assert.deepEqual(missed.slice(0, 20), []);
});
