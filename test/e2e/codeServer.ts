// Runs a real VS Code for the e2e suite: code-server 4.100.3 (VS Code 1.100.3) installed once into a cache
// outside the repo, the packaged .vsix installed into a throwaway extensions folder, the server on 127.0.0.1
// with auth off and every config/data dir in scratch space. Stopped by PID, never by name.
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { waitUntil } from './wait';

export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');
const INSTALL_SCRIPT = path.join(REPO_ROOT, 'test', 'e2e', 'install-code-server.sh');

/** Installs code-server into the cache unless it is there already; returns its folder. */
export function ensureCodeServer(): { dir: string; seconds: number } {
  const started = Date.now();
  const result = spawnSync('bash', [INSTALL_SCRIPT], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], timeout: 15 * 60_000 });
  if (result.status !== 0) throw new Error(`installing code-server failed (exit ${result.status}${result.signal ? `, ${result.signal}` : ''}); see the log above`);
  const dir = result.stdout.trim().split('\n').pop() ?? '';
  return { dir, seconds: (Date.now() - started) / 1000 };
}

function codeServerBin(dir: string): string {
  return path.join(dir, 'node_modules', '.bin', 'code-server');
}

/** XDG dirs in scratch space: otherwise code-server writes its config and data into the home folder. */
function scratchEnv(runDir: string): NodeJS.ProcessEnv {
  return {
    ...process.env,
    XDG_CONFIG_HOME: path.join(runDir, 'xdg', 'config'),
    XDG_DATA_HOME: path.join(runDir, 'xdg', 'data'),
    XDG_CACHE_HOME: path.join(runDir, 'xdg', 'cache'),
  };
}

/** `code-server --install-extension x.vsix` into `extensionsDir`: proves the packaged artifact installs. */
export function installVsix(csDir: string, vsix: string, extensionsDir: string, runDir: string): void {
  const result = spawnSync(codeServerBin(csDir), ['--extensions-dir', extensionsDir, '--install-extension', vsix], {
    encoding: 'utf8',
    env: scratchEnv(runDir),
    timeout: 120_000,
  });
  if (result.status !== 0) throw new Error(`installing ${path.basename(vsix)} failed: ${result.stdout}\n${result.stderr}`);
}

/** User settings for a quiet, deterministic workbench that types exactly what the keyboard sends. */
const USER_SETTINGS = {
  'workbench.startupEditor': 'none', // the Welcome page would steal keyboard focus
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'telemetry.telemetryLevel': 'off',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'update.mode': 'none',
  'security.workspace.trust.enabled': false,
  'git.enabled': false,
  'editor.autoClosingQuotes': 'never',
  'editor.autoClosingBrackets': 'never',
  'editor.autoIndent': 'none',
  'editor.quickSuggestions': { other: 'off', comments: 'off', strings: 'off' },
  'editor.suggestOnTriggerCharacters': false,
  'editor.wordBasedSuggestions': 'off',
  'editor.parameterHints.enabled': false,
  'editor.acceptSuggestionOnEnter': 'off',
  'editor.hover.delay': 200,
  'files.autoSave': 'off',
  // Keep the Problems panel to our findings (the built-in JavaScript checks would add their own).
  'javascript.validate.enable': false,
  'typescript.validate.enable': false,
};

export interface RunningCodeServer {
  url: string;
  pid: number;
  logFile: string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export async function startCodeServer(options: { csDir: string; extensionsDir: string; runDir: string; workspace: string }): Promise<RunningCodeServer> {
  const { csDir, extensionsDir, runDir, workspace } = options;
  const userData = path.join(runDir, 'user-data');
  fs.mkdirSync(path.join(userData, 'User'), { recursive: true });
  fs.writeFileSync(path.join(userData, 'User', 'settings.json'), JSON.stringify(USER_SETTINGS, null, 2));
  const port = await freePort();
  const logFile = path.join(runDir, 'code-server.log');
  const log = fs.openSync(logFile, 'w');
  const child = spawn(codeServerBin(csDir), [
    '--bind-addr', `127.0.0.1:${port}`, '--auth', 'none', '--disable-telemetry', '--disable-update-check',
    '--disable-workspace-trust', '--disable-getting-started-override', '--ignore-last-opened',
    '--user-data-dir', userData, '--extensions-dir', extensionsDir,
    workspace,
  ], { env: scratchEnv(runDir), stdio: ['ignore', log, log], detached: true }); // own process group: see stop()
  fs.closeSync(log);
  const pid = child.pid;
  if (pid === undefined) throw new Error('code-server did not start');
  let exited = false;
  child.once('exit', () => (exited = true));

  // code-server's extension host and pty host outlive it for a moment and keep writing to the scratch
  // dirs: signal its process group (by the PID we started, never by name) and wait until it is empty.
  const groupAlive = () => {
    try {
      process.kill(-pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  const stop = async () => {
    if (!groupAlive()) return;
    process.kill(-pid, 'SIGTERM');
    await waitUntil(() => !groupAlive(), 10_000, `code-server (process group ${pid}) to exit`).catch(() => {
      if (groupAlive()) process.kill(-pid, 'SIGKILL');
    });
  };
  // Detached from our group, so make sure it never outlives this process (a crash, Ctrl+C).
  process.once('exit', () => {
    if (groupAlive()) process.kill(-pid, 'SIGKILL');
  });
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitUntil(async () => {
      if (exited) throw new Error(`code-server exited early:\n${fs.readFileSync(logFile, 'utf8')}`);
      return fetch(`${url}/healthz`).then((r) => r.ok, () => false);
    }, 30_000, 'code-server to answer /healthz');
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, pid, logFile, stop };
}
