// Vault references: what .env holds instead of the value for each secret manager, and the command that
// stores the value there (shown with the value masked). Pure; nothing is ever sent anywhere.
import type { EnvValueOverride } from './moveToEnv';

export const VAULT_PROVIDERS = ['none', '1password', 'hashicorp-vault', 'aws-secrets-manager', 'azure-key-vault', 'gcp-secret-manager', 'doppler', 'infisical'] as const;
export type VaultProvider = (typeof VAULT_PROVIDERS)[number];

export const VAULT_LABELS: Record<VaultProvider, string> = {
  none: 'none',
  '1password': '1Password',
  'hashicorp-vault': 'HashiCorp Vault',
  'aws-secrets-manager': 'AWS Secrets Manager',
  'azure-key-vault': 'Azure Key Vault',
  'gcp-secret-manager': 'GCP Secret Manager',
  doppler: 'Doppler',
  infisical: 'Infisical',
};

/** Where the secret goes when the setting names no vault, project or path. */
const DEFAULT_CONTAINER: Record<VaultProvider, string> = {
  none: '',
  '1password': 'Private',
  'hashicorp-vault': 'secret/app',
  'aws-secrets-manager': 'app',
  'azure-key-vault': 'my-key-vault',
  'gcp-secret-manager': 'my-project',
  doppler: '',
  infisical: '',
};

/** OPENAI_API_KEY → openai-api-key: the item/secret name inside the vault. */
export function vaultItemName(envName: string): string {
  return envName.toLowerCase().replace(/_/g, '-');
}

/** The .env content and the instructions for storing the value in `provider`.
 * `container` is the vault, project or path (secretHygiene.vault.name); `masked` stands in for the value. */
export function vaultReference(provider: VaultProvider, envName: string, masked: string, container?: string): EnvValueOverride | undefined {
  const box = container || DEFAULT_CONTAINER[provider];
  const item = vaultItemName(envName);
  const value = `'${masked}'`;
  const note = 'The command shows the value masked: paste the real value yourself. Secret Hygiene never sends it anywhere.';
  switch (provider) {
    case '1password':
      return {
        value: `op://${box}/${item}/credential`,
        messages: [`Store it in 1Password: op item create --category "API Credential" --vault "${box}" --title ${item} credential=${value}`, `Run your app with op run --env-file=.env -- <command> so ${envName} resolves. ${note}`],
      };
    case 'hashicorp-vault':
      return {
        value: `ref+vault://${box}/${item}#value`,
        messages: [`Store it in Vault: vault kv put ${box}/${item} value=${value}`, `Resolve the reference with vals (vals exec -f .env -- <command>) or envconsul. ${note}`],
      };
    case 'aws-secrets-manager':
      return {
        value: `ref+awssecrets://${box}/${item}`,
        messages: [`Store it in AWS Secrets Manager: aws secretsmanager create-secret --name ${box}/${item} --secret-string ${value}`, `Resolve the reference with vals (vals exec -f .env -- <command>) or read it with the AWS SDK. ${note}`],
      };
    case 'azure-key-vault':
      return {
        value: `@Microsoft.KeyVault(SecretUri=https://${box}.vault.azure.net/secrets/${item}/)`,
        messages: [`Store it in Azure Key Vault: az keyvault secret set --vault-name ${box} --name ${item} --value ${value}`, `App Service and Functions resolve this reference in app settings. ${note}`],
      };
    case 'gcp-secret-manager':
      return {
        value: `ref+gcpsecrets://${box}/${item}`,
        messages: [`Store it in GCP Secret Manager: printf '%s' ${value} | gcloud secrets create ${item} --project ${box} --data-file=-`, `Resolve the reference with vals (vals exec -f .env -- <command>) or read it with the client library. ${note}`],
      };
    case 'doppler':
      return {
        value: '',
        messages: [`Store it in Doppler: doppler secrets set ${envName}=${value}`, `Run your app with doppler run -- <command>; it injects ${envName}, and the empty ${envName}= in .env documents it. ${note}`],
      };
    case 'infisical':
      return {
        value: '',
        messages: [`Store it in Infisical: infisical secrets set ${envName}=${value}`, `Run your app with infisical run -- <command>; it injects ${envName}, and the empty ${envName}= in .env documents it. ${note}`],
      };
    default:
      return undefined;
  }
}
