// The fix for a credential sent over plain HTTP (engine/hygiene/plainHttp.ts): switch the URL to https://.
// Pure; edits the scheme only, and only for hosts that serve https by convention (public names, default port).
import { httpsByConvention } from '../engine';
import { refuse, type FixPlan } from './types';

export function planUseHttps(sourcePath: string, text: string, start: number, end: number): FixPlan {
  const authority = text.slice(start, end);
  const match = /^http:\/\/(?:[^@/]*@)?(\[[^\]]+\]|[^:/]+)(?::(\d+))?$/.exec(authority);
  if (!match) return refuse('the URL is no longer there');
  if (!httpsByConvention(match[1], match[2])) return refuse(`${match[1]}${match[2] ? `:${match[2]}` : ''} does not serve https by convention (an IP address, an internal name or a custom port): set up TLS there first`);
  return { changes: [{ path: sourcePath, create: false, edits: [{ start: start + 'http'.length, end: start + 'http'.length, newText: 's' }] }], messages: [] };
}
