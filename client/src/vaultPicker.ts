// "Replace with a vault reference…": the server's code action runs `secretHygiene.chooseVaultProvider`
// (a client command) with the finding and the providers it infers from the project. This asks which
// secret manager to use (inferred ones first, the one chosen last time in this workspace preselected),
// remembers it, and asks the server to write the reference (`secretHygiene.replaceWithVault`).
import * as vscode from 'vscode';
import { ExecuteCommandRequest, type LanguageClient } from 'vscode-languageclient/node';
import type { VaultCommandArgs } from '../../server/src/features/codeActions';
import { VAULT_LABELS, VAULT_PROVIDERS, type VaultProvider } from '../../server/src/fixes/vault';

export const CHOOSE_VAULT_COMMAND = 'secretHygiene.chooseVaultProvider';
export const REPLACE_WITH_VAULT_COMMAND = 'secretHygiene.replaceWithVault';
const REMEMBERED_KEY = 'secretHygiene.vault.lastProvider';

/** What the server's code action passes (its own type: the client and server cannot disagree on it). */
export type VaultChoiceArgs = Omit<VaultCommandArgs, 'provider'>;

type ProviderItem = vscode.QuickPickItem & { provider: VaultProvider };

/** The providers in pick order: inferred first (in the server's order), then the rest as declared. */
export function orderProviders(inferred: readonly string[] = []): VaultProvider[] {
  const all: VaultProvider[] = VAULT_PROVIDERS.filter((p) => p !== 'none');
  const first = inferred.filter((p): p is VaultProvider => all.includes(p as VaultProvider));
  return [...new Set([...first, ...all])];
}

export function registerVaultPicker(client: () => LanguageClient | undefined, state: vscode.Memento): vscode.Disposable {
  return vscode.commands.registerCommand(CHOOSE_VAULT_COMMAND, async (args?: VaultChoiceArgs) => {
    if (!args?.uri) return;
    const remembered = state.get<VaultProvider>(REMEMBERED_KEY);
    const inferred = new Set(args.inferred ?? []);
    const items: ProviderItem[] = orderProviders(args.inferred).map((provider) => ({
      provider,
      label: VAULT_LABELS[provider],
      description: [inferred.has(provider) ? 'used by this project' : '', provider === remembered ? 'last used here' : ''].filter(Boolean).join(' · ') || undefined,
    }));
    const picked = await pick(items, remembered);
    if (!picked) return;
    await state.update(REMEMBERED_KEY, picked.provider);
    const running = client();
    if (!running) return;
    const { uri, version, ruleId, start, end } = args;
    await running.sendRequest(ExecuteCommandRequest.type, { command: REPLACE_WITH_VAULT_COMMAND, arguments: [{ uri, version, ruleId, start, end, provider: picked.provider }] });
  });
}

function pick(items: ProviderItem[], remembered: VaultProvider | undefined): Promise<ProviderItem | undefined> {
  return new Promise((resolve) => {
    const quickPick = vscode.window.createQuickPick<ProviderItem>();
    quickPick.title = 'Replace with a vault reference';
    quickPick.placeholder = 'Which secret manager holds this value? (.env gets a reference; nothing is sent anywhere)';
    quickPick.items = items;
    const preselected = items.find((item) => item.provider === remembered);
    if (preselected) quickPick.activeItems = [preselected];
    let chosen: ProviderItem | undefined;
    quickPick.onDidAccept(() => {
      chosen = quickPick.selectedItems[0] ?? quickPick.activeItems[0];
      quickPick.hide();
    });
    quickPick.onDidHide(() => {
      quickPick.dispose();
      resolve(chosen);
    });
    quickPick.show();
  });
}
