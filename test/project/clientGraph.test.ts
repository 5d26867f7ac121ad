// Browser module graphs per framework: entry points, the modules they import (with the chain), and the
// boundaries that stop the walk (server files, server-only imports, packages).
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { runInSlices } from '../../server/src/features/timeSlices';
import { buildClientGraph, clientGraphSteps, importChainOf, readFromDisk } from '../../server/src/project/clientGraph';
import { detectProject } from '../../server/src/project/frameworks';
import { hasUseClient, importSpecifiers } from '../../server/src/project/importScanner';
import { packageJson, removeProject, writeProject } from '../support/projects';

const roots: string[] = [];
function graphOf(files: Record<string, string>) {
  const root = writeProject(files);
  roots.push(root);
  const graph = buildClientGraph(detectProject(root), readFromDisk);
  const client = [...graph.modules.keys()].map((f) => path.relative(root, f).split(path.sep).join('/')).sort();
  return { root, graph, client, chain: (file: string) => importChainOf(graph, path.join(root, file)) };
}
after(() => roots.forEach(removeProject));

test('import scanner: static, re-export, side-effect, dynamic and require', () => {
  const text = "import a from './a';\nimport { b } from \"../b\";\nexport * from './c';\nimport './d.css';\nconst e = await import('./e');\nconst f = require('./f');\nimport type { G } from './g';\n// not: x.import('./h')\n";
  assert.deepEqual(importSpecifiers(text), ['./a', '../b', './c', './d.css', './e', './f', './g']);
});

test('Next.js: "use client" boundaries and pages/ reach their imports; server code and server-only do not', () => {
  const { client, chain } = graphOf({
    'package.json': packageJson({ next: '15.0.0' }),
    'app/page.tsx': "import Checkout from './checkout';\nimport { db } from '@/lib/db';\nexport default function Page() { return <Checkout />; }\n",
    'app/checkout.tsx': "'use client';\nimport { pay } from '@/lib/pay';\nexport default function Checkout() { return null; }\n",
    'src/lib/pay.ts': "import { fmt } from './format';\nexport const pay = () => fmt(1);\n",
    'src/lib/format.ts': 'export const fmt = (n: number) => String(n);\n',
    'src/lib/db.ts': "import 'server-only';\nexport const db = {};\n",
    'pages/legacy.tsx': "import { fmt } from '../src/lib/format';\nexport default function Legacy() { return null; }\n",
    'pages/api/hook.ts': 'export default function handler() {}\n',
    'app/api/route.ts': 'export async function GET() {}\n',
  });
  assert.deepEqual(client, ['app/checkout.tsx', 'pages/legacy.tsx', 'src/lib/format.ts', 'src/lib/pay.ts']);
  assert.deepEqual(chain('src/lib/pay.ts'), ['app/checkout.tsx', 'src/lib/pay.ts']);
  assert.deepEqual(chain('src/lib/format.ts'), ['pages/legacy.tsx', 'src/lib/format.ts'], 'the shortest chain (breadth first)');
  assert.equal(chain('app/page.tsx'), undefined, 'a server component is not client code');
});

test('Vite: index.html script entry; SvelteKit: +page and $lib, not +page.server', () => {
  const vite = graphOf({
    'package.json': packageJson({}, { vite: '5.0.0' }),
    'index.html': '<div id="app"></div><script type="module" src="/src/main.ts"></script>',
    'src/main.ts': "import { api } from './api';\n",
    'src/api.ts': 'export const api = 1;\n',
    'scripts/seed.ts': 'export {};\n',
  });
  assert.deepEqual(vite.client, ['src/api.ts', 'src/main.ts']);
  const kit = graphOf({
    'package.json': packageJson({}, { '@sveltejs/kit': '2.0.0' }),
    'src/routes/+page.svelte': "<script>\n  import { stripe } from '$lib/stripe';\n</script>\n",
    'src/routes/+page.server.ts': "import { db } from '$lib/server/db';\n",
    'src/lib/stripe.ts': 'export const stripe = 1;\n',
    'src/lib/server/db.ts': 'export const db = 1;\n',
  });
  assert.deepEqual(kit.client, ['src/lib/stripe.ts', 'src/routes/+page.svelte']);
});

test('directive detection is linear: many leading comment blocks and no directive answer at once', () => {
  const header = '/** a\n * b */\n'.repeat(40) + '// note\n';
  assert.equal(hasUseClient(`${header}'use client';\nexport {}`), true);
  assert.equal(hasUseClient(`${header}import x from "y";\n'use client';`), false);
  const started = performance.now();
  assert.equal(hasUseClient(`${header}module.exports = 1;\n`.repeat(50)), false);
  assert.ok(performance.now() - started < 1000, 'the old regex took minutes on such files');
});

test('the server builds the graph in slices: the event loop is served between them and the graph is the same', async () => {
  const files: Record<string, string> = { 'package.json': packageJson({ next: '15.0.0' }), 'app/entry.tsx': "'use client';\nimport './m0';\n" };
  for (let i = 0; i < 60; i++) files[`app/m${i}.ts`] = `import './m${i + 1}';\nexport const v${i} = ${i};\n`;
  for (let i = 0; i < 6; i++) files[`lib/group${i}/util.ts`] = 'export const unused = 1;\n';
  const { root, client } = graphOf(files);
  assert.equal(client.length, 61, 'the entry and the 60 modules it reaches');
  let served = 0;
  const ticker = setInterval(() => served++, 0);
  // A zero-length slice runs one step at a time: every folder listed and every file read yields.
  const { value: graph, slices } = await runInSlices(clientGraphSteps(detectProject(root), readFromDisk), 0);
  clearInterval(ticker);
  const sliced = [...graph.modules.keys()].map((f) => path.relative(root, f).split(path.sep).join('/')).sort();
  assert.deepEqual(sliced, client);
  assert.ok(slices > 60, `${slices} slices: one per folder and file`);
  assert.ok(served > 0, 'timers ran while the graph was being built');
});
