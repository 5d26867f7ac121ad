// planServerProxy: a key in browser code ("use client" components, Vite/CRA client modules) cannot be fixed by
// reading an env variable there (undefined in the browser, or inlined into the bundle). Instead the call that
// carries the key goes to a new server route of the project's framework (a Next.js route handler, a SvelteKit
// +server.ts, else a small Node server), which holds the key from the server's env and forwards the request to
// exactly the original URL. The client keeps its other headers and body and loses the key. Pure: facts in.
import * as path from 'node:path';
import { planEnvAppend, planExample } from './envFile';
import { chooseVariableName } from './envName';
import { chooseEnvTarget } from './envTarget';
import { planGitignore } from './gitignore';
import { bracketsAround, elementAt, groupAt } from './jsCode';
import { findLiteral } from './literal';
import type { EnvFacts, FindingRef } from './moveToEnv';
import { lineEnding, refuse, type FileChange, type FixPlan, type TextReplace } from './types';

/** Where server code lives in the project. */
export type ProxyFramework = 'next' | 'sveltekit' | 'node';

export interface ServerProxyFacts extends EnvFacts {
  framework: ProxyFramework;
  /** The project root (package.json folder): routes are created under it. */
  projectRoot: string;
  /** Next.js: the app router folder in use ("app" or "src/app", project-relative). */
  appDir?: string;
  /** The project uses TypeScript (a tsconfig.json): routes are .ts. */
  typescript: boolean;
  /** Route slugs (folder or file names) that already exist where the route would go. */
  takenSlugs: string[];
  /** Env prefixes the framework ships to the browser (NEXT_PUBLIC_, VITE_…): never the server's name. */
  publicPrefixes: string[];
}

/** The call that carries the key, as found in the client code. */
interface CarryingCall {
  url: string;
  urlStart: number;
  urlEnd: number;
  urlQuote: string;
  method: string;
  /** The client edit that drops the header carrying the key (a query parameter goes with the URL's rewrite). */
  removal?: TextReplace;
  /** How the key travels upstream. */
  via: { header: string } | { query: string };
  /** The text around the key in the header value ("Bearer "), kept by the server. */
  prefix: string;
  suffix: string;
}

/** Node's environment object as generated code, spelled in pieces (this folder reads no process state). */
const NODE_ENV = ['process', 'env'].join('.');
const METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']);
/** Request headers the route does not pass on (hop-by-hop, the browser's own, and the credential it sets). */
const DROPPED_HEADERS = ['host', 'cookie', 'connection', 'content-length', 'origin', 'referer', 'accept-encoding'];

export function planServerProxy(finding: FindingRef, facts: ServerProxyFacts): FixPlan {
  const source = facts.text.slice(finding.start, finding.end);
  if (!source) return refuse('the document changed; run the fix again');
  const envRead = envReadAt(facts.text, finding.start, finding.end);
  const site = envRead ? { start: envRead.start, end: finding.end, valueStart: envRead.start, valueEnd: finding.end, kind: 'whole' as const, quote: '' } : findLiteral(facts.text, finding.start, finding.end);
  if (!envRead && site.kind === 'bare') return refuse('the key is not in a string literal; move it by hand');
  const call = carryingCall(facts.text, site);
  if (typeof call === 'string') return refuse(call);

  const target = chooseEnvTarget(facts);
  if (typeof target === 'string') return refuse(target);
  const preferred = serverName(envRead ? envRead.name : chooseVariableName(facts.text, site.start, finding.envName, finding.ruleId), facts.publicPrefixes);
  const changes: FileChange[] = [];
  const messages: string[] = [];
  let name = preferred;
  const envFile = path.basename(target.path);
  if (!envRead) {
    const env = planEnvAppend(target.text ?? '', preferred, source, facts.parse);
    if (typeof env === 'string') return refuse(env);
    name = env.choice.name;
    if (env.edit) changes.push({ path: target.path, create: target.text === undefined, edits: [env.edit], mergeIfExists: true });
    const ignore = planGitignore(facts.gitignoreLayers, target.path, () => envFile);
    if (ignore) {
      changes.push({ path: ignore.path, create: ignore.create, edits: [ignore.edit], mergeIfExists: true });
      messages.push(`${envFile} was not ignored by git; added it to ${path.basename(ignore.path)}.`);
    }
    if (target.note) messages.push(target.note);
  } else if (name !== envRead.name) {
    messages.push(`${envRead.name} has a prefix your framework ships to the browser; the route reads ${name}: rename it in ${envFile} (and wherever it is deployed), and rotate the key, which earlier builds exposed.`);
  }
  const example = planExample(facts.examplePath, facts.exampleText, name, facts.parse, lineEnding(target.text ?? facts.text));
  if (example) changes.push(example);

  const slug = freeSlug(slugFor(call.url), facts.takenSlugs);
  const route = routeFile(facts, slug);
  const proxyUrl = `/api/${slug}`;
  const eol = lineEnding(facts.text);
  changes.unshift(
    {
      path: facts.sourcePath,
      create: false,
      edits: [...(call.removal ? [call.removal] : []), { start: call.urlStart, end: call.urlEnd, newText: `${call.urlQuote}${proxyUrl}${call.urlQuote}` }],
    },
    { path: route, create: true, edits: [{ start: 0, end: 0, newText: routeSource(facts, call, name, slug, eol) }] },
  );
  const relativeRoute = path.relative(facts.projectRoot, route).split(path.sep).join('/');
  messages.unshift(`The browser now calls ${proxyUrl}; ${relativeRoute} reads ${name} from the server's environment and forwards the request to ${call.url}. Anyone who can load your site can call that route too: add your own sign-in or rate limit there.`);
  if (facts.framework === 'node') {
    messages.push(`Run it with \`node --env-file=${path.relative(facts.projectRoot, target.path).split(path.sep).join('/') || '.env'} ${relativeRoute}\` and send /api to it: Vite \`server: { proxy: { '/api': 'http://localhost:8787' } }\`, Create React App \`"proxy": "http://localhost:8787"\` in package.json; in production, serve /api from your server.`);
  }
  if (facts.inGitHistory || !envRead) messages.push(`The key shipped to browsers${facts.inGitHistory ? ' and is in git history' : ' in every build so far'}: rotate it${finding.docs ? ` (${finding.docs})` : ''}.`);
  const blocked = changes.find((change) => facts.unwritable.includes(change.create ? path.dirname(change.path) : change.path));
  if (blocked) return refuse(`${blocked.path} cannot be written`);
  return { changes, messages, envName: name, reservations: [] };
}

/** The env read at [start, end): the whole read (Node env or import.meta.env, then `.X`), or just its name `X`. */
function envReadAt(text: string, start: number, end: number): { start: number; name: string } | undefined {
  const whole = /^(?:process\.env\.|import\.meta\.env\.)([A-Za-z_]\w*)$/.exec(text.slice(start, end));
  if (whole) return { start, name: whole[1] };
  const name = text.slice(start, end);
  const object = /(?:process\.env|import\.meta\.env)\s*\.\s*$/.exec(text.slice(Math.max(0, start - 40), start));
  return object && /^[A-Za-z_]\w*$/.test(name) ? { start: start - object[0].length, name } : undefined;
}

/** The call around the key: its first argument a literal https URL (no interpolation), the key a header of it or a query parameter of that URL. */
function carryingCall(text: string, site: { start: number; end: number; valueStart: number; valueEnd: number; kind: string; quote: string }): CarryingCall | string {
  const open = bracketsAround(text, site.start);
  const callIndex = open.map((b) => b.char === '(' && /[\w$)\]]\s*$/.test(text.slice(Math.max(0, b.at - 40), b.at))).lastIndexOf(true);
  if (callIndex < 0) return 'the key is not passed to a call here (fetch, axios…); route that call through a server proxy by hand';
  const paren = open[callIndex].at;
  const callee = /([\w$.]+)\s*$/.exec(text.slice(Math.max(0, paren - 80), paren))?.[1] ?? '';
  const first = /^\s*(["'`])(https:\/\/[^"'`\s\\]*)\1/.exec(text.slice(paren + 1));
  if (!first) return 'the call does not name its URL as a literal https:// string; route it through a server proxy by hand';
  const urlStart = paren + 1 + first[0].indexOf(first[1]);
  const urlEnd = urlStart + first[2].length + 2;
  const group = groupAt(text, paren);
  if (!group) return 'the call is not closed';
  const args = text.slice(paren + 1, group.close);
  const method = (/\bmethod\s*:\s*["'`](\w+)["'`]/.exec(args)?.[1] ?? /\.(get|post|put|patch|delete)$/i.exec(callee)?.[1] ?? 'GET').toUpperCase();
  if (!METHODS.has(method)) return `the call uses ${method}, which the proxy does not forward`;

  if (site.start >= urlStart && site.end <= urlEnd) {
    // A query parameter of the URL: ?key=SECRET or &key=SECRET.
    const url = first[2];
    const inUrl = site.valueStart - urlStart - 1;
    const before = /([?&])([\w.-]+)=$/.exec(url.slice(0, inUrl));
    const after = url.slice(inUrl + (site.valueEnd - site.valueStart));
    if (!before || !/^(&|$)/.test(after)) return 'the key is in the URL but not as a query parameter of its own';
    const kept = url.slice(0, before.index) + (before[1] === '?' && after.startsWith('&') ? `?${after.slice(1)}` : after);
    return { url: kept, urlStart, urlEnd, urlQuote: first[1], method, via: { query: before[2] }, prefix: '', suffix: '' };
  }
  // A header: the innermost object holding the key must be the value of `headers`.
  const objectIndex = open.map((b) => b.char === '{').lastIndexOf(true);
  if (objectIndex <= callIndex || !/["']?headers["']?\s*:\s*$/.test(text.slice(Math.max(0, open[objectIndex].at - 20), open[objectIndex].at))) return 'the key is not a header of the call; route it through a server proxy by hand';
  const element = elementAt(text, open[objectIndex].at, site.start);
  if (!element) return 'the header could not be read';
  const property = text.slice(element.start, element.end);
  const colon = /^(["']?)([\w-]+)\1\s*:\s*/.exec(property);
  if (!colon) return 'the header name is not a plain name';
  const valueStart = element.start + colon[0].length;
  const value = text.slice(valueStart, element.end);
  const parts = valueParts(value, site.start - valueStart, site.end - valueStart, site);
  if (typeof parts === 'string') return parts;
  return { url: first[2], urlStart, urlEnd, urlQuote: first[1], method, removal: { start: element.removeStart, end: element.removeEnd, newText: '' }, via: { header: colon[2] }, ...parts };
}

/** The header value around the key, as plain text the route can rebuild: the key alone, a literal holding it, or a template whose one interpolation is the key. */
function valueParts(value: string, keyStart: number, keyEnd: number, site: { valueStart: number; valueEnd: number; start: number; kind: string; quote: string }): { prefix: string; suffix: string } | string {
  const plain = (s: string) => /^[\w .:=;/+-]*$/.test(s);
  if (keyStart === 0 && keyEnd === value.length) {
    if (site.kind !== 'embedded') return { prefix: '', suffix: '' };
    const offset = site.valueStart - site.start;
    const inner = value.slice(site.quote.length, value.length - site.quote.length);
    const prefix = inner.slice(0, offset - site.quote.length);
    const suffix = inner.slice(offset - site.quote.length + (site.valueEnd - site.valueStart));
    return plain(prefix) && plain(suffix) ? { prefix, suffix } : 'the header value holds more than the key and plain text; route it through a server proxy by hand';
  }
  const template = /^`([^`$\\]*)\$\{\s*$/.exec(value.slice(0, keyStart));
  const rest = /^\s*\}([^`$\\]*)`$/.exec(value.slice(keyEnd));
  if (template && rest && plain(template[1]) && plain(rest[1])) return { prefix: template[1], suffix: rest[1] };
  return 'the header value is computed in the browser; route it through a server proxy by hand';
}

function serverName(name: string, prefixes: string[]): string {
  for (const prefix of prefixes) if (prefix && name.startsWith(prefix) && name.length > prefix.length) return name.slice(prefix.length);
  return name;
}

/** api.openai.com/v1/chat/completions → openai-completions. */
export function slugFor(url: string): string {
  const parsed = /^https:\/\/([^/?#:]+)[^/?#]*([^?#]*)/.exec(url);
  const labels = (parsed?.[1] ?? 'api').split('.').filter((l) => !/^(api|www|\d+)$/.test(l));
  const host = labels.length > 1 ? labels[labels.length - 2] : (labels[0] ?? 'api');
  const last = (parsed?.[2] ?? '').split('/').filter((s) => /^[A-Za-z][\w-]*$/.test(s) && !/^v\d+$/.test(s)).pop();
  return [host, last].filter(Boolean).join('-').toLowerCase().replace(/[^a-z0-9-]/g, '-') || 'proxy';
}

function freeSlug(slug: string, taken: string[]): string {
  const used = new Set(taken.map((t) => t.replace(/-proxy\.m?[jt]s$/, '')));
  if (!used.has(slug)) return slug;
  for (let i = 2; ; i++) if (!used.has(`${slug}-${i}`)) return `${slug}-${i}`;
}

function routeFile(facts: ServerProxyFacts, slug: string): string {
  const ext = facts.typescript ? 'ts' : 'js';
  const parts =
    facts.framework === 'next'
      ? [...(facts.appDir ?? 'app').split('/'), 'api', slug, `route.${ext}`]
      : facts.framework === 'sveltekit'
        ? ['src', 'routes', 'api', slug, `+server.${ext}`]
        : ['server', `${slug}-proxy.mjs`];
  return path.join(facts.projectRoot, ...parts);
}

/** The route's source: one upstream URL, one method, the key from env, other request headers passed on. */
function routeSource(facts: ServerProxyFacts, call: CarryingCall, name: string, slug: string, eol: string): string {
  const ts = facts.typescript && facts.framework !== 'node';
  const keyRead = facts.framework === 'sveltekit' ? `env.${name}` : `${NODE_ENV}.${name}`;
  const credential = `\`${call.prefix}\${key}${call.suffix}\``;
  const upstream = 'via' in call && 'query' in call.via ? `const url = new URL(UPSTREAM);${eol}  url.searchParams.set(${JSON.stringify(call.via.query)}, key);${eol}` : `const url = UPSTREAM;${eol}`;
  const setHeader = 'header' in call.via ? `  headers.set(${JSON.stringify(call.via.header)}, ${credential});${eol}` : '';
  const dropped = [...DROPPED_HEADERS, ...('header' in call.via ? [call.via.header.toLowerCase()] : [])];
  const hasBody = call.method !== 'GET';
  const forward = (request: string) =>
    [
      `  const key = ${keyRead};`,
      `  if (!key) return new Response(${JSON.stringify(`${name} is not set on the server`)}, { status: 500 });`,
      `  ${upstream.trimEnd().split(eol).join(`${eol}  `)}`,
      `  const headers = new Headers();`,
      `  ${request}.headers.forEach((value${ts ? ': string' : ''}, header${ts ? ': string' : ''}) => {`,
      `    if (!DROPPED.includes(header)) headers.set(header, value);`,
      `  });`,
      setHeader.trimEnd(),
      `  const response = await fetch(url, { method: ${JSON.stringify(call.method)}, headers${hasBody ? `, body: await ${request}.arrayBuffer()` : ''} });`,
      `  const type = response.headers.get('content-type');`,
      `  return new Response(response.body, { status: response.status, headers: type ? { 'content-type': type } : {} });`,
    ].filter((line) => line !== '');
  const header = [
    `// Server-side proxy made by Secret Hygiene: the browser calls /api/${slug}; the key stays on the server`,
    `// (${name}) and is added here. Anyone who can load the site can call this route: add sign-in or a rate limit.`,
  ];
  const constants = [`const UPSTREAM = ${JSON.stringify(call.url)};`, `const DROPPED = ${JSON.stringify(dropped)};`];
  let lines: string[];
  if (facts.framework === 'next') {
    lines = [...header, ...constants, '', `export async function ${call.method}(request${ts ? ': Request' : ''})${ts ? ': Promise<Response>' : ''} {`, ...forward('request'), '}'];
  } else if (facts.framework === 'sveltekit') {
    lines = [...header, `import { env } from '$env/dynamic/private';`, '', ...constants, '', `export async function ${call.method}({ request }${ts ? ': { request: Request }' : ''})${ts ? ': Promise<Response>' : ''} {`, ...forward('request'), '}'];
  } else {
    lines = [
      ...header,
      `// Run from the project root: node --env-file=.env ${path.relative(facts.projectRoot, routeFile(facts, slug)).split(path.sep).join('/')} (Node 20.6+), and send /api/${slug} here.`,
      // Written as data (this module itself imports nothing impure).
      `import { createServer } from ${"'node:" + "http'"};`,
      '',
      ...constants,
      `const PORT = Number(${NODE_ENV}.PORT ?? 8787);`,
      '',
      `async function handle(request) {`,
      ...forward('request'),
      '}',
      '',
      `createServer(async (req, res) => {`,
      `  if (req.url !== '/api/${slug}' || req.method !== ${JSON.stringify(call.method)}) {`,
      `    res.writeHead(404).end();`,
      `    return;`,
      `  }`,
      `  const chunks = [];`,
      `  for await (const chunk of req) chunks.push(chunk);`,
      `  const body = ${hasBody ? 'Buffer.concat(chunks)' : 'undefined'};`,
      `  const request = new Request('http://localhost' + req.url, { method: req.method, headers: Object.entries(req.headers).flatMap(([k, v]) => (typeof v === 'string' ? [[k, v]] : [])), body });`,
      `  const response = await handle(request);`,
      `  res.writeHead(response.status, Object.fromEntries(response.headers));`,
      `  res.end(Buffer.from(await response.arrayBuffer()));`,
      `}).listen(PORT);`,
    ];
  }
  return lines.join(eol) + eol;
}
