// The type and defaults of every `secretHygiene.*` setting; the manifest (package.json) holds their
// schema and descriptions. Shared by the server (per-resource settings) and the CLI (defaults).
import type { Category, Severity } from './engine';

export type SeveritySetting = Severity | 'off';

export interface Settings {
  enable: boolean;
  /** Globs relative to the workspace folder; matching files are never scanned. */
  exclude: string[];
  /** Per-category severity overrides. */
  severity: Partial<Record<Category, SeveritySetting>>;
  /** Files larger than this (bytes) are not scanned. */
  maxFileSize: number;
}

export const DEFAULT_SETTINGS: Settings = {
  enable: true,
  exclude: [],
  severity: {},
  maxFileSize: 10 * 1024 * 1024,
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
  };
}

/** The severity a finding is shown with, after the category override; undefined means hidden. */
export function effectiveSeverity(settings: Settings, category: Category, ruleSeverity: Severity): Severity | undefined {
  const override = settings.severity[category];
  if (override === 'off') return undefined;
  return override ?? ruleSeverity;
}
