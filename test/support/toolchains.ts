// Real toolchains for checking fixed files the way their language does (compile, run). A test skips
// with the reason only when the tool is absent; .ci/system-deps.sh installs them in CI.
import { spawnSync } from 'node:child_process';

const found = new Map<string, boolean>();

/** True when `tool` runs (`tool <versionFlag>` exits 0). */
export function have(tool: string, versionFlag = '--version'): boolean {
  if (!found.has(tool)) found.set(tool, spawnSync(tool, [versionFlag], { stdio: 'ignore', timeout: 20_000 }).status === 0);
  return found.get(tool)!;
}

/** The reason to skip, or undefined when every tool is there. */
export function missing(...tools: Array<string | [string, string]>): string | undefined {
  const absent = tools.filter((t) => !(Array.isArray(t) ? have(t[0], t[1]) : have(t))).map((t) => (Array.isArray(t) ? t[0] : t));
  return absent.length > 0 ? `not installed here: ${absent.join(', ')} (CI installs it: .ci/system-deps.sh)` : undefined;
}

/** Runs `command` and returns stdout; throws with stderr (never the environment) when it fails. */
export function run(command: string, args: string[], options: { cwd: string; env?: Record<string, string> }): string {
  const result = spawnSync(command, args, { cwd: options.cwd, env: { ...process.env, ...options.env }, encoding: 'utf8', timeout: 120_000 });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (${result.status ?? result.signal}): ${result.stderr || result.stdout}`);
  return result.stdout;
}
