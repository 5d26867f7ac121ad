// The type and defaults of every `secretHygiene.*` setting; the manifest (package.json) holds their
// schema and descriptions. Shared by the server (per-resource settings) and the CLI (defaults).
import type { Category, Finding, Severity } from './engine';
import { VAULT_PROVIDERS, type VaultProvider } from './fixes/vault';

export type SeveritySetting = Severity | 'off';

export interface Settings {
  enable: boolean;
  /** Globs relative to the workspace folder; matching files are never scanned. */
  exclude: string[];
  /** Per-category severity overrides; `hygiene` covers the key-hygiene checks (engine/hygiene/), `off` hides a category. */
  severity: Partial<Record<Category, SeveritySetting>>;
  /** Files larger than this (bytes) are not scanned. */
  maxFileSize: number;
  /** Values that are public by design (Stripe pk_, Firebase web config…): shown as information, or not at all. */
  publicByDesign: 'information' | 'off';
  /** The background workspace scan (on startup and on file changes); "Scan Workspace" works either way. */
  workspaceScan: { enable: boolean };
  /** The secret manager "Replace with a vault reference" targets, and its vault/project/path name ('' = default). */
  vault: { provider: VaultProvider; name: string };
  /** Ask the editor to show a fix's edits for confirmation before applying them (VS Code: Refactor Preview). */
  fixes: { preview: boolean };
}

export const DEFAULT_SETTINGS: Settings = {
  enable: true,
  exclude: [],
  severity: {},
  maxFileSize: 10 * 1024 * 1024,
  publicByDesign: 'information',
  workspaceScan: { enable: true },
  vault: { provider: 'none', name: '' },
  fixes: { preview: false },
};

/** Fills in defaults and drops values of the wrong type, so a bad settings.json never breaks scanning. */
export function normalizeSettings(raw: unknown): Settings {
  const value = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const severity: Settings['severity'] = {};
  if (typeof value.severity === 'object' && value.severity !== null) {
    for (const [category, level] of Object.entries(value.severity)) {
      if (['error', 'warning', 'information', 'hint', 'off'].includes(level as string)) severity[category as Category] = level as SeveritySetting;
    }
  }
  return {
    enable: typeof value.enable === 'boolean' ? value.enable : DEFAULT_SETTINGS.enable,
    exclude: Array.isArray(value.exclude) ? value.exclude.filter((g): g is string => typeof g === 'string') : DEFAULT_SETTINGS.exclude,
    severity,
    maxFileSize: typeof value.maxFileSize === 'number' && value.maxFileSize > 0 ? value.maxFileSize : DEFAULT_SETTINGS.maxFileSize,
    publicByDesign: value.publicByDesign === 'off' || value.publicByDesign === 'information' ? value.publicByDesign : DEFAULT_SETTINGS.publicByDesign,
    workspaceScan: { enable: (value.workspaceScan as { enable?: unknown } | undefined)?.enable !== false },
    vault: normalizeVault(value.vault),
    fixes: { preview: (value.fixes as { preview?: unknown } | undefined)?.preview === true },
  };
}

function normalizeVault(raw: unknown): Settings['vault'] {
  const value = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const provider = VAULT_PROVIDERS.includes(value.provider as VaultProvider) ? (value.provider as VaultProvider) : 'none';
  return { provider, name: typeof value.name === 'string' ? value.name.trim() : '' };
}

/** The severity a finding is shown with, after the category override; undefined means hidden. */
export function effectiveSeverity(settings: Settings, category: Category, ruleSeverity: Severity): Severity | undefined {
  const override = settings.severity[category];
  if (override === 'off') return undefined;
  return override ?? ruleSeverity;
}

/** The severity one finding is shown with: public-by-design values are information at most (or hidden),
 * whatever their category's override says, unless the category is off. */
export function findingSeverity(settings: Settings, finding: Pick<Finding, 'category' | 'severity' | 'publicByDesign'>): Severity | undefined {
  const severity = effectiveSeverity(settings, finding.category, finding.severity);
  if (!finding.publicByDesign || !severity) return severity;
  if (settings.publicByDesign === 'off') return undefined;
  return severity === 'hint' ? 'hint' : 'information';
}

/** The settings an untrusted workspace gets: everything that weakens detection (enable, exclude, severity,
 * maxFileSize, publicByDesign, workspaceScan) or changes what a fix writes (vault) back at its default.
 * VS Code already ignores workspace values of these (package.json `restrictedConfigurations`); this holds
 * for any client that passes them anyway. The server cannot tell a user value from a workspace value, so
 * a user's own loosening does not apply in untrusted workspaces either: the safe side. */
export function restrictForUntrusted(settings: Settings): Settings {
  return {
    ...settings,
    enable: true,
    exclude: [],
    severity: Object.fromEntries(Object.entries(settings.severity).filter(([, level]) => level === 'error')),
    maxFileSize: Math.max(settings.maxFileSize, DEFAULT_SETTINGS.maxFileSize),
    publicByDesign: DEFAULT_SETTINGS.publicByDesign,
    workspaceScan: { enable: true },
    vault: { ...DEFAULT_SETTINGS.vault },
  };
}
