// Restarts the server whenever it crashes, backing off if it crashes repeatedly, and says so in the
// output channel (which never receives document text or secret values).
import type * as vscode from 'vscode';
import { CloseAction, ErrorAction, type ErrorHandler } from 'vscode-languageclient/node';

const WINDOW_MS = 3 * 60 * 1000;
const MAX_RESTARTS_IN_WINDOW = 5;

export function createRestartingErrorHandler(output: vscode.OutputChannel): ErrorHandler {
  const restarts: number[] = [];
  return {
    error: () => ({ action: ErrorAction.Continue }),
    closed: () => {
      const now = Date.now();
      while (restarts.length > 0 && now - restarts[0] > WINDOW_MS) restarts.shift();
      if (restarts.length >= MAX_RESTARTS_IN_WINDOW) {
        output.appendLine(`The Secret Hygiene server crashed ${restarts.length} times in 3 minutes; not restarting. Run "Secret Hygiene: Restart Language Server" to try again.`);
        return { action: CloseAction.DoNotRestart, message: 'The Secret Hygiene server keeps crashing; see the "Secret Hygiene" output.' };
      }
      restarts.push(now);
      output.appendLine('The Secret Hygiene server stopped unexpectedly; restarting it.');
      return { action: CloseAction.Restart, handled: true };
    },
  };
}
