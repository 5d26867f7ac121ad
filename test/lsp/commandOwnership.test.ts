// Every command has one owner. vscode-languageclient registers each command of the server's
// executeCommandProvider in VS Code and refuses to start ("command … already exists") when the extension
// registered it first: the extension then shows no diagnostic at all. The VS Code client names the
// commands it registers itself (initializationOptions.clientCommands) and the server leaves them out.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { initializationOptionsFor } from '../../client/src/trust';
import { LspTestClient } from '../support/lspClient';

const ROOT = path.join(__dirname, '..', '..', '..');

/** Command ids the VS Code client registers with vscode.commands.registerCommand, read from its source. */
function commandsTheClientRegisters(): Set<string> {
  const ids = new Set<string>();
  const dir = path.join(ROOT, 'client', 'src');
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
    const source = fs.readFileSync(path.join(dir, file), 'utf8');
    const constants = new Map([...source.matchAll(/const (\w+) = '([\w.]+)'/g)].map((m) => [m[1], m[2]]));
    for (const m of source.matchAll(/registerCommand\(\s*(?:'([\w.]+)'|(\w+))/g)) {
      const id = m[1] ?? constants.get(m[2]);
      assert.ok(id, `${file}: registerCommand(${m[2]}) names a constant this test cannot resolve`);
      ids.add(id);
    }
  }
  return ids;
}

async function advertisedCommands(initializationOptions?: unknown): Promise<string[]> {
  const client = new LspTestClient();
  try {
    const result = await client.initialize(null, undefined, initializationOptions);
    return result.capabilities.executeCommandProvider.commands;
  } finally {
    await client.shutdown();
  }
}

test('the server advertises no command the VS Code client registers itself', async () => {
  const registered = commandsTheClientRegisters();
  assert.ok(registered.has('secretHygiene.chooseVaultProvider'), 'the client runs its own vault quick pick');
  // What the real client sends (client/src/languageClient.ts passes its own commands the same way).
  const clientSource = fs.readFileSync(path.join(ROOT, 'client', 'src', 'languageClient.ts'), 'utf8');
  assert.match(clientSource, /initializationOptionsFor\(vscode\.workspace, \[CHOOSE_VAULT_COMMAND\][,)]/);
  const options = initializationOptionsFor({ isTrusted: true }, ['secretHygiene.chooseVaultProvider'])();
  const advertised = await advertisedCommands(options);
  assert.deepEqual(advertised.filter((command) => registered.has(command)), []);
  assert.ok(advertised.includes('secretHygiene.replaceWithVault'), 'the server still applies the chosen provider');
});

test('a client without its own pick list (Neovim, other editors) gets the server-side chooser', async () => {
  assert.ok((await advertisedCommands()).includes('secretHygiene.chooseVaultProvider'));
  assert.ok((await advertisedCommands({ clientCommands: 'not a list' })).includes('secretHygiene.chooseVaultProvider'));
});
