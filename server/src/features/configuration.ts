// Settings per resource: pulled with workspace/configuration when the client supports it (cached per
// URI, dropped on change), else taken from initializationOptions or didChangeConfiguration pushes.
// A document's scan need not wait for its pull (forScan): it uses the settings the client sent, and is
// rescanned if the pull says otherwise. In an untrusted workspace the settings that weaken detection stay
// at their defaults (settings.ts).
import type { Connection } from 'vscode-languageserver';
import { DEFAULT_SETTINGS, normalizeSettings, restrictForUntrusted, type Settings } from '../settings';

export class SettingsCache {
  private readonly perUri = new Map<string, Promise<Settings>>();
  /** The pulls that have been answered, by URI. */
  private readonly settled = new Map<string, Settings>();
  private pushed: Settings;
  /** Whether the client sent settings (initializationOptions or a push): forScan may use them. */
  private hasPushed: boolean;

  constructor(
    private readonly connection: Connection,
    private readonly canPull: boolean,
    initial: unknown,
    private readonly isTrusted: () => boolean = () => true,
  ) {
    this.hasPushed = initial !== undefined && initial !== null;
    this.pushed = this.hasPushed ? normalizeSettings(initial) : DEFAULT_SETTINGS;
  }

  get(uri: string): Promise<Settings> {
    return this.read(uri).then((settings) => (this.isTrusted() ? settings : restrictForUntrusted(settings)));
  }

  /** The settings to scan `uri` with now. Until its pull is answered: the settings the client sent (the
   * window's, which a folder or language may override), and `differs` is called if the answer differs, so
   * the caller scans again (issue 14: the first scan does not wait for a round trip to a busy editor). */
  forScan(uri: string, differs: () => void): Promise<Settings> {
    if (!this.canPull || !this.hasPushed || this.settled.has(uri)) return this.get(uri);
    const provisional = this.pushed;
    void this.read(uri).then((pulled) => {
      if (JSON.stringify(pulled) !== JSON.stringify(provisional)) differs();
    });
    return Promise.resolve(this.isTrusted() ? provisional : restrictForUntrusted(provisional));
  }

  private read(uri: string): Promise<Settings> {
    if (!this.canPull) return Promise.resolve(this.pushed);
    const cached = this.perUri.get(uri);
    if (cached) return cached;
    const settings: Promise<Settings> = this.connection.workspace
      .getConfiguration({ scopeUri: uri, section: 'secretHygiene' })
      .then(normalizeSettings, () => this.pushed)
      .then((pulled) => {
        if (this.perUri.get(uri) === settings) this.settled.set(uri, pulled);
        return pulled;
      });
    this.perUri.set(uri, settings);
    return settings;
  }

  /** Called on workspace/didChangeConfiguration; `pushedSettings` is the `secretHygiene` section if sent. */
  changed(pushedSettings: unknown): void {
    this.perUri.clear();
    this.settled.clear();
    if (pushedSettings !== undefined && pushedSettings !== null) {
      this.pushed = normalizeSettings(pushedSettings);
      this.hasPushed = true;
    }
  }

  forget(uri: string): void {
    this.perUri.delete(uri);
    this.settled.delete(uri);
  }
}
