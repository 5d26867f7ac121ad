// Issue 11 item 12: the trust flag the server gets is read on every (re)start, not captured once.
// vscode-languageclient calls a function-valued initializationOptions before each initialize request
// (client.js: `Is.func(initOption) ? initOption() : initOption`).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { initializationOptionsFor } from '../../client/src/trust';

test('trust granted after activation reaches the server on the next restart', () => {
  const workspace = { isTrusted: false };
  const options = initializationOptionsFor(workspace);
  assert.deepEqual(options(), { trusted: false, clientCommands: [] });
  workspace.isTrusted = true; // onDidGrantWorkspaceTrust, then the server crashes and is restarted
  assert.deepEqual(options(), { trusted: true, clientCommands: [] });
});
