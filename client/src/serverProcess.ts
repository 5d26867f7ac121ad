// Starts the language server's process (Node, IPC) for vscode-languageclient, the first one as early as the
// extension host lets us: when extension.js is loaded, before activate() (issue 14, first squiggle). No vscode
// import (nor vscode-languageclient, which needs it): extension.ts decides when and connects the transports,
// so a plain test can drive it.
import * as cp from 'node:child_process';

/** The arguments vscode-languageclient gives a module it forks with TransportKind.ipc. */
function serverArgs(): string[] {
  return ['--node-ipc', `--clientProcessId=${process.pid}`];
}

/** As vscode-languageclient: an extension host started under a debugger debugs its server too. */
function debugging(execArgv: readonly string[] = process.execArgv): boolean {
  return execArgv.some((arg) => /^--(debug|inspect)(-brk)?(=|$)/.test(arg));
}

/** Forks `module` the way vscode-languageclient forks a TransportKind.ipc server (Electron's ext host
 * runs it as Node; stdout and stderr piped, so they can go to the output channel). */
export function forkServer(module: string): cp.ChildProcess {
  const env = { ...process.env, ELECTRON_RUN_AS_NODE: '1', ELECTRON_NO_ASAR: '1' };
  const execArgv = debugging() ? ['--nolazy', '--inspect=6010'] : [];
  return cp.fork(module, serverArgs(), { env, execArgv, silent: true });
}

/** The server processes of one language client: the one forked early (if any) is used by the first start,
 * every later start (a restart, a crash) forks a fresh one. */
export class ServerProcesses<Transports> {
  private current: cp.ChildProcess | undefined;

  constructor(
    private readonly module: string,
    private early: cp.ChildProcess | undefined,
    /** Where the server's stdout and stderr go (the output channel). */
    private readonly output: (text: string) => void,
    /** The client's transports over the child's IPC channel. */
    private readonly connect: (child: cp.ChildProcess) => Transports,
    private readonly fork: (module: string) => cp.ChildProcess = forkServer,
  ) {}

  /** vscode-languageclient's ServerOptions: called on every start. */
  readonly start = async (): Promise<Transports> => {
    const early = this.early;
    this.early = undefined;
    this.endCurrent(); // a previous server that outlived its client's stop
    const alive = early !== undefined && early.exitCode === null && early.signalCode === null && early.connected;
    if (early && !alive) early.kill();
    const child = alive ? early : this.fork(this.module);
    this.current = child;
    for (const stream of [child.stdout, child.stderr]) stream?.on('data', (data: Buffer | string) => this.output(data.toString()));
    return this.connect(child);
  };

  /** After the client stopped (it asked the server to exit): ends a process that did not, and the early
   * one if no start used it. */
  stop(graceMs = 2000): void {
    this.early?.kill();
    this.early = undefined;
    this.endCurrent(graceMs);
  }

  private endCurrent(graceMs = 2000): void {
    const child = this.current;
    this.current = undefined;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const timer = setTimeout(() => child.kill(), graceMs);
    timer.unref();
    child.once('exit', () => clearTimeout(timer));
  }
}
