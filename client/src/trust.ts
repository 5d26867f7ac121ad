// What the server learns at initialize: workspace trust and the settings. The language client calls
// initializationOptions on every (re)start, so both are read then, not captured once at activation: trust
// granted mid-session survives a server crash or "Restart Language Server".
export interface TrustSource {
  readonly isTrusted: boolean;
}

/** `clientCommands`: commands this client registers itself. The server leaves them out of its
 * executeCommandProvider, since vscode-languageclient refuses to start when a server command is already
 * registered ("command … already exists"). */
/** `settings`: the `secretHygiene` section, so the server scans the first documents with them instead of
 * waiting for its workspace/configuration round trip (issue 14). */
export function initializationOptionsFor(workspace: TrustSource, clientCommands: readonly string[] = [], settings?: () => unknown): () => { trusted: boolean; clientCommands: string[]; settings?: unknown } {
  return () => ({ trusted: workspace.isTrusted, clientCommands: [...clientCommands], ...(settings ? { settings: settings() } : {}) });
}
