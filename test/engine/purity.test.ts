// engine/ and fixes/ are pure: no file system, process, network, VS Code or LSP imports, and
// nothing of ours from outside their own folder (the engine depends on nothing of ours).
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';

const serverSrc = path.resolve(__dirname, '..', '..', '..', 'server', 'src');
const FORBIDDEN = /from ['"](node:)?(fs|fs\/promises|child_process|net|http|https|process|os|vscode|vscode-languageserver[^'"]*|vscode-languageclient[^'"]*)['"]|require\(/;

for (const folder of ['engine', 'fixes']) {
  const dir = path.join(serverSrc, folder);
  if (!fs.existsSync(dir)) continue;
  test(`${folder}/ imports nothing impure`, () => {
    for (const name of fs.readdirSync(dir, { recursive: true }) as string[]) {
      if (!name.endsWith('.ts')) continue;
      const source = fs.readFileSync(path.join(dir, name), 'utf8');
      assert.ok(!FORBIDDEN.test(source), `${folder}/${name} imports something impure`);
      assert.ok(!/\bprocess\.(env|cwd|argv|exit)/.test(source), `${folder}/${name} reads process state`);
      for (const match of source.matchAll(/from ['"](\.\.\/[^'"]+)['"]/g)) {
        const target = path.resolve(path.dirname(path.join(dir, name)), match[1]);
        const allowed = folder === 'fixes' ? [path.join(serverSrc, 'engine'), dir] : [dir];
        assert.ok(allowed.some((a) => target.startsWith(a)), `${folder}/${name} imports ${match[1]}`);
      }
    }
  });
}
