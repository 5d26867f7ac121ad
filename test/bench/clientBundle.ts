// Bench for issue 4: the browser module graph of a generated Next.js project (500 modules vs 50: the
// cost grows linearly, ratio ≈ 10), and .env fingerprint matching throughput on a minified bundle.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fingerprintSecret, findFingerprints } from '../../server/src/engine';
import { buildClientGraph, readFromDisk } from '../../server/src/project/clientGraph';
import { detectProject } from '../../server/src/project/frameworks';
import { secret } from '../support/rules';

/** A Next.js project: `modules` files under components/ in a import tree, half behind "use client" entries. */
function generateProject(modules: number): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'sh-bench-graph-'));
  fs.writeFileSync(path.join(root, 'package.json'), JSON.stringify({ dependencies: { next: '15.0.0', react: '19.0.0' } }));
  fs.mkdirSync(path.join(root, 'components'), { recursive: true });
  fs.mkdirSync(path.join(root, 'app'), { recursive: true });
  for (let i = 0; i < modules; i++) {
    const children = [2 * i + 1, 2 * i + 2].filter((c) => c < modules);
    const imports = children.map((c) => `import { C${c} } from './c${c}';`).join('\n');
    const directive = i < 8 ? "'use client';\n" : '';
    fs.writeFileSync(path.join(root, 'components', `c${i}.tsx`), `${directive}${imports}\nexport function C${i}() { return <div>${children.map((c) => `<C${c} />`).join('')}</div>; }\n`);
  }
  fs.writeFileSync(path.join(root, 'app', 'page.tsx'), "import { C0 } from '../components/c0';\nexport default function Page() { return <C0 />; }\n");
  return root;
}

function graphMs(modules: number, runs = 5): { ms: number; client: number } {
  const root = generateProject(modules);
  try {
    const facts = detectProject(root);
    let best = Infinity;
    let client = 0;
    for (let r = 0; r < runs; r++) {
      const started = performance.now();
      client = buildClientGraph(facts, readFromDisk).modules.size;
      best = Math.min(best, performance.now() - started);
    }
    return { ms: best, client };
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

export function benchClientBundle(): void {
  graphMs(50, 2); // warm up
  const small = graphMs(50);
  const large = graphMs(500);
  console.log(`client graph: ${large.client} client modules of 500 in ${large.ms.toFixed(1)} ms, 50 in ${small.ms.toFixed(1)} ms; ratio ${(large.ms / small.ms).toFixed(1)} (target ≈ 10, linear)`);

  const values = Array.from({ length: 10 }, (_, i) => secret(`{alnum:${24 + i * 4}}`, `bench${i}`));
  const fps = values.map((v, i) => fingerprintSecret(`SECRET_${i}`, `.env:${i + 1}`, v)!);
  // Flattened, as text read from a file is (a concatenated rope would be timed as ours).
  const bundle = Buffer.from('var a=function(e,t){return e+t},b={x:1,y:"hello world"};'.repeat(80000) + `x="${values[3]}"`, 'utf16le').toString('utf16le');
  let best = Infinity;
  for (let r = 0; r < 3; r++) {
    const started = performance.now();
    findFingerprints(bundle, fps);
    best = Math.min(best, performance.now() - started);
  }
  console.log(`bundle fingerprints: ${(bundle.length / 1e6).toFixed(1)} MB minified, 10 secrets of 10 lengths, ${best.toFixed(0)} ms = ${(bundle.length / 1e6 / (best / 1000)).toFixed(0)} MB/s`);
}
