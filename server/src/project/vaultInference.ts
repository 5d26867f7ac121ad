// Which secret manager a project already uses, best first, from what it holds: `op://` references in its
// .env files, .sops.yaml key types, provider SDKs among its dependencies, provider config files. Reads a
// few fixed files in the project root only; the pick list puts these first.
import * as path from 'node:path';
import type { VaultProvider } from '../fixes/vault';

type Read = (file: string) => string | undefined;

const DEPENDENCY_HINTS: Array<[RegExp, VaultProvider]> = [
  [/^@1password\/|^onepassword/, '1password'],
  [/^node-vault$|^hvac$|^@hashicorp\//, 'hashicorp-vault'],
  [/^@aws-sdk\/client-secrets-manager$|^aws-sdk$|^boto3$/, 'aws-secrets-manager'],
  [/^@azure\/keyvault-secrets$|^azure-keyvault-secrets$/, 'azure-key-vault'],
  [/^@google-cloud\/secret-manager$|^google-cloud-secret-manager$/, 'gcp-secret-manager'],
  [/^@dopplerhq\//, 'doppler'],
  [/^@infisical\/|^infisical/, 'infisical'],
];

const SOPS_HINTS: Array<[RegExp, VaultProvider]> = [
  [/^\s*-?\s*kms\s*:/m, 'aws-secrets-manager'],
  [/^\s*-?\s*gcp_kms\s*:/m, 'gcp-secret-manager'],
  [/^\s*-?\s*azure_keyvault\s*:/m, 'azure-key-vault'],
  [/^\s*-?\s*hc_vault_transit_uri\s*:/m, 'hashicorp-vault'],
];

/** Provider ids inferred for the project rooted at `root`, most telling first, without duplicates. */
export function inferVaultProviders(root: string, read: Read): VaultProvider[] {
  const found: VaultProvider[] = [];
  const add = (provider: VaultProvider) => !found.includes(provider) && found.push(provider);
  for (const name of ['.env', '.env.example', '.env.local']) if (/^[^#\n]*=\s*['"]?op:\/\//m.test(read(path.join(root, name)) ?? '')) add('1password');
  const sops = read(path.join(root, '.sops.yaml'));
  if (sops) for (const [pattern, provider] of SOPS_HINTS) if (pattern.test(sops)) add(provider);
  if (read(path.join(root, 'doppler.yaml')) !== undefined) add('doppler');
  if (read(path.join(root, '.infisical.json')) !== undefined) add('infisical');
  const names = [...dependencyNames(read(path.join(root, 'package.json'))), ...pythonRequirements(read(path.join(root, 'requirements.txt')) ?? ''), ...pythonRequirements(read(path.join(root, 'pyproject.toml')) ?? '')];
  for (const name of names) for (const [pattern, provider] of DEPENDENCY_HINTS) if (pattern.test(name)) add(provider);
  return found;
}

function dependencyNames(text: string | undefined): string[] {
  if (!text) return [];
  try {
    const json = JSON.parse(text) as { dependencies?: object; devDependencies?: object };
    return [...Object.keys(json.dependencies ?? {}), ...Object.keys(json.devDependencies ?? {})];
  } catch {
    return [];
  }
}

function pythonRequirements(text: string): string[] {
  return [...text.matchAll(/(?:^|["'\s])([A-Za-z][\w.-]*)\s*(?:[<>=~!;\[]|["',]|$)/gm)].map((m) => m[1].toLowerCase());
}
