// Runs what the server-proxy fix wrote, the way the browser and the server would: the client module and the
// route are transpiled with TypeScript (syntax errors fail), the client's fetch to /api/… reaches the route's
// handler, and the route's fetch to the upstream is recorded instead of going to the network.
import assert from 'node:assert/strict';
import ts from 'typescript';

export interface UpstreamCall {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: string;
}

/** Transpiles `source` (TS/JS, ESM) to CommonJS and evaluates it with `globals` in scope; returns its exports. */
export function loadModule(source: string, fileName: string, globals: Record<string, unknown>, modules: Record<string, unknown> = {}): Record<string, any> {
  const out = ts.transpileModule(source, { fileName, reportDiagnostics: true, compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, jsx: ts.JsxEmit.React } });
  assert.deepEqual(out.diagnostics?.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n')), [], `${fileName} has syntax errors`);
  const exports: Record<string, any> = {};
  const require = (name: string) => {
    if (name in modules) return modules[name];
    throw new Error(`${fileName} imports ${name}`);
  };
  const names = Object.keys(globals);
  new Function('exports', 'require', 'module', ...names, out.outputText)(exports, require, { exports }, ...names.map((n) => globals[n]));
  return exports;
}

/** Calls `entry` of the client module; its fetch of `proxyPath` goes to the route's exported handler (which reads
 * `env`), whose own fetch is recorded and answered with `{"ok":true}`. */
export async function runThroughProxy(opts: {
  client: string;
  clientFile: string;
  route: string;
  routeFile: string;
  proxyPath: string;
  env: Record<string, string>;
  entry: string;
  args?: unknown[];
  sveltekit?: boolean;
}): Promise<{ upstream: UpstreamCall[]; result: unknown; clientCalls: string[] }> {
  const upstream: UpstreamCall[] = [];
  const clientCalls: string[] = [];
  const serverFetch = async (url: string | URL, init: RequestInit = {}) => {
    const headers: Record<string, string> = {};
    new Headers(init.headers).forEach((value, name) => (headers[name] = value));
    const body = init.body === undefined ? '' : Buffer.from(init.body as ArrayBuffer).toString('utf8');
    upstream.push({ url: String(url), method: init.method ?? 'GET', headers, body });
    return new Response('{"ok":true}', { status: 200, headers: { 'content-type': 'application/json' } });
  };
  const route = loadModule(opts.route, opts.routeFile, { fetch: serverFetch, process: { env: opts.env } }, { '$env/dynamic/private': { env: opts.env } });
  const clientFetch = async (url: string, init: RequestInit = {}) => {
    clientCalls.push(url);
    if (url !== opts.proxyPath) throw new Error(`the client called ${url}, not the proxy`);
    const method = init.method ?? 'GET';
    const handler = route[method];
    assert.equal(typeof handler, 'function', `the route exports ${method}`);
    const request = new Request(`http://localhost${url}`, init);
    return opts.sveltekit ? handler({ request }) : handler(request);
  };
  const client = loadModule(opts.client, opts.clientFile, { fetch: clientFetch, process: { env: {} } });
  const result = await client[opts.entry](...(opts.args ?? []));
  return { upstream, result, clientCalls };
}
