// `npm run test:vscode`: the shared real-editor cases (test/e2e/cases.ts) inside a desktop VS Code that
// @vscode/test-electron downloads, for machines with internet (GitHub Actions, a laptop). Our CI has no
// internet, so it runs the same cases in code-server instead (npm run test:e2e).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';
import { createFixture } from '../e2e/cases';

async function main(): Promise<void> {
  const repoRoot = path.resolve(__dirname, '..', '..', '..');
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'sh-vscode-'));
  createFixture(workspace);
  try {
    await runTests({
      version: process.env.VSCODE_VERSION ?? 'stable',
      extensionDevelopmentPath: repoRoot,
      extensionTestsPath: path.join(__dirname, 'suite.js'),
      extensionTestsEnv: { SECRET_HYGIENE_TEST_WORKSPACE: workspace },
      launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes'],
    });
  } finally {
    fs.rmSync(workspace, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(`test:vscode failed: ${error instanceof Error ? error.message : String(error)}`);
  console.error('It downloads VS Code, so it needs internet; offline, run `npm run test:e2e` (code-server) instead.');
  process.exit(1);
});
