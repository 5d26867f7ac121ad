// Workspace trust as the server learns it. The language client calls initializationOptions on every
// (re)start, so the flag is read then, not captured once at activation: trust granted mid-session
// survives a server crash or "Restart Language Server".
export interface TrustSource {
  readonly isTrusted: boolean;
}

/** `clientCommands`: commands this client registers itself. The server leaves them out of its
 * executeCommandProvider, since vscode-languageclient refuses to start when a server command is already
 * registered ("command … already exists"). */
export function initializationOptionsFor(workspace: TrustSource, clientCommands: readonly string[] = []): () => { trusted: boolean; clientCommands: string[] } {
  return () => ({ trusted: workspace.isTrusted, clientCommands: [...clientCommands] });
}
