// Settings per resource: pulled with workspace/configuration when the client supports it (cached per
// URI, dropped on change), else taken from initializationOptions or didChangeConfiguration pushes.
// In an untrusted workspace the settings that weaken detection stay at their defaults (settings.ts).
import type { Connection } from 'vscode-languageserver';
import { DEFAULT_SETTINGS, normalizeSettings, restrictForUntrusted, type Settings } from '../settings';

export class SettingsCache {
  private readonly perUri = new Map<string, Promise<Settings>>();
  private pushed: Settings;

  constructor(
    private readonly connection: Connection,
    private readonly canPull: boolean,
    initial: unknown,
    private readonly isTrusted: () => boolean = () => true,
  ) {
    this.pushed = initial === undefined ? DEFAULT_SETTINGS : normalizeSettings(initial);
  }

  get(uri: string): Promise<Settings> {
    return this.read(uri).then((settings) => (this.isTrusted() ? settings : restrictForUntrusted(settings)));
  }

  private read(uri: string): Promise<Settings> {
    if (!this.canPull) return Promise.resolve(this.pushed);
    const cached = this.perUri.get(uri);
    if (cached) return cached;
    const settings: Promise<Settings> = this.connection.workspace
      .getConfiguration({ scopeUri: uri, section: 'secretHygiene' })
      .then(normalizeSettings, () => this.pushed);
    this.perUri.set(uri, settings);
    return settings;
  }

  /** Called on workspace/didChangeConfiguration; `pushedSettings` is the `secretHygiene` section if sent. */
  changed(pushedSettings: unknown): void {
    this.perUri.clear();
    if (pushedSettings !== undefined && pushedSettings !== null) this.pushed = normalizeSettings(pushedSettings);
  }

  forget(uri: string): void {
    this.perUri.delete(uri);
  }
}
