// Where the first squiggle's seconds go (issue 14): the extension's and the server's start-up timelines
// (their log lines, epoch-stamped) merged with the test's own moments, relative to the last keystroke.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseTimeline } from '../../server/src/features/startupTimeline';

const CLIENT_LABEL = 'Secret Hygiene: client start-up';
const SERVER_LABEL = 'Secret Hygiene: server start-up';

/** The extension's log (its LogOutputChannel file under the user data dir), if written yet. */
export function extensionLog(userDataDir: string): string | undefined {
  const logs = path.join(userDataDir, 'logs');
  if (!fs.existsSync(logs)) return undefined;
  for (const file of fs.readdirSync(logs, { recursive: true }) as string[]) {
    if (file.endsWith('Secret Hygiene.log')) return fs.readFileSync(path.join(logs, file), 'utf8');
  }
  return undefined;
}

/** "first diagnostics N ms after activation" as the extension logs it. */
export function activationToDiagnostics(log: string | undefined): number | undefined {
  const match = log && /first diagnostics (\d+) ms after activation/.exec(log);
  return match ? Number(match[1]) : undefined;
}

export interface StartupTimes {
  /** Every moment, ms relative to the last keystroke (negative: before it), in time order. */
  moments: Array<{ name: string; ms: number }>;
}

/** Merges the logged timelines with the test's `marks` (epoch ms); undefined until both lines are logged. */
export function startupTimes(log: string | undefined, marks: Record<string, number>, lastKeystroke: number): StartupTimes | undefined {
  if (!log) return undefined;
  const line = (label: string) => log.split('\n').find((l) => l.includes(`${label} (ms since `));
  const clientLine = line(CLIENT_LABEL);
  const serverLine = line(SERVER_LABEL);
  const client = clientLine && parseTimeline(clientLine, CLIENT_LABEL);
  const server = serverLine && parseTimeline(serverLine, SERVER_LABEL);
  if (!client || !server) return undefined;
  const origin = (l: string) => Number(/epoch (\d+)\)/.exec(l)?.[1]);
  const finding = (label: string) => {
    const found = line(label);
    return [...((found && parseTimeline(found, label)) || [])].map(([name, at]): [string, number] => [`${label.replace('Secret Hygiene: ', '')}: ${name}`, at]);
  };
  const all: Array<[string, number]> = [
    ...finding('Secret Hygiene: client first finding'),
    ...finding('Secret Hygiene: server first finding'),
    ...finding('Secret Hygiene: server event-loop blocks'),
    ['extension host process started', origin(clientLine)],
    ...[...client].map(([name, at]): [string, number] => [`client: ${name}`, at]),
    ['server process started', origin(serverLine)],
    ...[...server].map(([name, at]): [string, number] => [`server: ${name}`, at]),
    ...Object.entries(marks).map(([name, at]): [string, number] => [`test: ${name}`, at]),
  ];
  return { moments: all.map(([name, at]) => ({ name, ms: at - lastKeystroke })).sort((a, b) => a.ms - b.ms) };
}

export function formatStartupTimes(times: StartupTimes): string {
  return times.moments.map(({ name, ms }) => `${(ms >= 0 ? '+' : '') + ms.toFixed(0).padStart(6)} ms  ${name}`).join('\n');
}
