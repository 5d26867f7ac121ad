// Vault references: what .env holds instead of the value for each secret manager, the command that
// stores the value there and the way to run the app so the variable resolves, each working as written.
// The real value waits in a git-ignored pending file (never only in the editor's undo stack) that the
// store command reads, so it never appears on a command line. Pure; nothing is ever sent anywhere.
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

/** "a 1Password reference", "an AWS Secrets Manager reference". */
export function withArticle(label: string): string {
  return `${/^[AEIOU]/.test(label) ? 'an' : 'a'} ${label}`;
}

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

/** Why `name` (secretHygiene.vault.name) cannot be used, if it cannot: control characters could forge
 * lines in .env or in the commands shown; quotes could not be written to .env safely for a shell. */
export function vaultNameProblem(name: string): string | undefined {
  if (/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/.test(name)) return 'secretHygiene.vault.name holds control characters; fix the setting';
  if (/['"`\\]/.test(name)) return 'secretHygiene.vault.name holds quotes or backslashes, which cannot be written to .env safely; fix the setting';
  return undefined;
}

/** A shell word: as is when plain, else single-quoted (`'` written as '\''). */
export function shellQuote(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/** The .env content and the instructions for `provider`. `container` is the vault, project or path
 * (secretHygiene.vault.name, checked with vaultNameProblem first); `pendingFile` (relative to the
 * project root, where the commands run) holds the real value until it is stored. */
export function vaultReference(provider: VaultProvider, envName: string, pendingFile: string, container?: string): EnvValueOverride | undefined {
  const box = container || DEFAULT_CONTAINER[provider];
  const item = vaultItemName(envName);
  const file = shellQuote(pendingFile);
  const q = shellQuote;
  const pending = `Until then the value waits in ${pendingFile} (git-ignored); delete that file once it is stored. Secret Hygiene never sends it anywhere.`;
  const run = (read: string) => `Run your app with ${envName}="$(${read})" <command> so ${envName} holds the value.`;
  switch (provider) {
    case '1password':
      return {
        value: `op://${box}/${item}/credential`,
        messages: [`Store it in 1Password: op item create --category 'API Credential' --vault ${q(box)} --title ${q(item)} "credential=$(cat ${file})"`, `Run your app with op run --env-file=.env -- <command> so ${envName} resolves. ${pending}`],
      };
    case 'hashicorp-vault':
      return {
        value: `ref+vault://${box}/${item}#value`,
        messages: [`Store it in Vault: vault kv put ${q(`${box}/${item}`)} value=@${file}`, `${run(`vault kv get -field=value ${q(`${box}/${item}`)}`)} (.env holds the vals reference). ${pending}`],
      };
    case 'aws-secrets-manager':
      return {
        value: `ref+awssecrets://${box}/${item}`,
        messages: [`Store it in AWS Secrets Manager: aws secretsmanager create-secret --name ${q(`${box}/${item}`)} --secret-string file://${file}`, `${run(`aws secretsmanager get-secret-value --secret-id ${q(`${box}/${item}`)} --query SecretString --output text`)} (.env holds the vals reference). ${pending}`],
      };
    case 'azure-key-vault':
      // @Microsoft.KeyVault(...) resolves only in App Service / Functions app settings, never from a local .env.
      return {
        value: '',
        messages: [
          `Store it in Azure Key Vault: az keyvault secret set --vault-name ${q(box)} --name ${q(item)} --file ${file}`,
          `${run(`az keyvault secret show --vault-name ${q(box)} --name ${q(item)} --query value -o tsv`)} In App Service or Functions, set the app setting ${envName} to @Microsoft.KeyVault(SecretUri=https://${box}.vault.azure.net/secrets/${item}/). ${pending}`,
        ],
      };
    case 'gcp-secret-manager':
      return {
        value: `ref+gcpsecrets://${box}/${item}`,
        messages: [`Store it in GCP Secret Manager: gcloud secrets create ${q(item)} --project ${q(box)} --data-file=${file}`, `${run(`gcloud secrets versions access latest --secret=${q(item)} --project ${q(box)}`)} (.env holds the vals reference). ${pending}`],
      };
    case 'doppler':
      return {
        value: '',
        messages: [`Store it in Doppler: doppler secrets set ${envName} < ${file}`, `Run your app with doppler run -- <command>; it injects ${envName}, and the empty ${envName}= in .env documents it. ${pending}`],
      };
    case 'infisical':
      return {
        value: '',
        messages: [`Store it in Infisical: infisical secrets set ${envName}="$(cat ${file})"`, `Run your app with infisical run -- <command>; it injects ${envName}, and the empty ${envName}= in .env documents it. ${pending}`],
      };
    default:
      return undefined;
  }
}
