// Workspace trust as the server learns it. The language client calls initializationOptions on every
// (re)start, so the flag is read then, not captured once at activation: trust granted mid-session
// survives a server crash or "Restart Language Server".
export interface TrustSource {
  readonly isTrusted: boolean;
}

export function initializationOptionsFor(workspace: TrustSource): () => { trusted: boolean } {
  return () => ({ trusted: workspace.isTrusted });
}
