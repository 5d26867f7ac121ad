// End to end in a real VS Code (code-server 4.100.3 = VS Code 1.100.3) with the packaged .vsix, driven
// through the UI by headless chromium. Run by `npm run test:e2e` (which packages first), not by `npm test`.
// Screenshots: test-results/e2e/ (success.png at the end, <step>.failed.png for each failing step).
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, test, type TestContext } from 'node:test';
import type { BrowserContext } from 'playwright-core';
import { createFixture, firstKey, leaks, masked, moveToEnvProblems, moveToEnvTitle, plantedEnvName, plantedKey, plantedMoveProblems, publicEnvKey, sourceKey, streamedKey, vaultKey, vaultProblems } from './cases';
import { activationToDiagnostics, extensionLog, formatStartupTimes, startupTimes } from './startupTimes';
import { waitUntil } from './wait';
import { ensureCodeServer, installVsix, REPO_ROOT, startCodeServer, type RunningCodeServer } from './codeServer';
import { launchBrowser, selectors, Workbench } from './workbench';

const RESULTS = path.join(REPO_ROOT, 'test-results', 'e2e');
const manifest = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8'));
const VSIX = path.join(REPO_ROOT, `${manifest.name}-${manifest.version}.vsix`);
const EXTENSION_FOLDER = `${manifest.publisher}.${manifest.name}-${manifest.version}`;
/** "Within seconds": the longest a squiggle may take to appear after the last keystroke. */
const SQUIGGLE_BUDGET_MS = 10_000;
/** Issue 14: the first squiggle in a freshly opened window, after the last keystroke. */
const FIRST_SQUIGGLE_BUDGET_MS = 1_500;
/** Issue 14: extension activation → first diagnostics, as the extension logs it. */
const ACTIVATION_TO_DIAGNOSTICS_BUDGET_MS = 1_000;

const runDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sh-e2e-'));
const workspace = path.join(runDir, 'workspace');
const extensionsDir = path.join(runDir, 'extensions');
let codeServer: RunningCodeServer | undefined;
let browser: BrowserContext | undefined;
let wb: Workbench;
let failedStep: string | undefined;
let failures = 0;
/** When the workbench showed the Explorer (epoch ms): the first squiggle's timeline starts there. */
let workbenchOpen = 0;
const started = Date.now();
const log = (message: string) => console.log(`[e2e +${((Date.now() - started) / 1000).toFixed(1)}s] ${message}`);

before(async () => {
  fs.rmSync(RESULTS, { recursive: true, force: true });
  fs.mkdirSync(RESULTS, { recursive: true });
  assert.ok(fs.existsSync(VSIX), `${path.basename(VSIX)} is missing: run \`npm run package\` first (npm run test:e2e does)`);
  const install = ensureCodeServer();
  log(`code-server ready in ${install.seconds.toFixed(1)} s (${install.dir})`);
  createFixture(workspace);
  installVsix(install.dir, VSIX, extensionsDir, runDir);
  codeServer = await startCodeServer({ csDir: install.dir, extensionsDir, runDir, workspace });
  log(`code-server listening on ${codeServer.url} (pid ${codeServer.pid})`);
  const launched = await launchBrowser(path.join(runDir, 'chromium'));
  browser = launched.context;
  wb = new Workbench(launched.page);
  await wb.open(codeServer.url, workspace);
  workbenchOpen = Date.now();
  log('workbench open');
}, { timeout: 20 * 60_000 });

after(async () => {
  if (browser && failures === 0) await wb.page.screenshot({ path: path.join(RESULTS, 'success.png') }).catch(() => undefined);
  await browser?.close().catch(() => undefined);
  await codeServer?.stop();
  // Keep what explains a failure or a slow start next to the screenshots: code-server's log and the
  // extension host's (its timestamps show where start-up time goes).
  fs.cpSync(path.join(runDir, 'code-server.log'), path.join(RESULTS, 'code-server.log'));
  if (fs.existsSync(path.join(runDir, 'user-data', 'logs'))) fs.cpSync(path.join(runDir, 'user-data', 'logs'), path.join(RESULTS, 'logs'), { recursive: true });
  fs.rmSync(runDir, { recursive: true, force: true });
  log(`done; screenshots in ${path.relative(REPO_ROOT, RESULTS)}/`);
});

/** One step of the scenario: skipped once an earlier step failed (they build on each other, unless
 * `standalone`), and a failure leaves a screenshot named after the step. */
function step(name: string, body: () => Promise<void>, standalone = false): void {
  test(name, { timeout: 120_000 }, async (t: TestContext) => {
    if (failedStep && !standalone) return t.skip(`an earlier step failed: ${failedStep}`);
    try {
      await body();
    } catch (error) {
      if (!standalone) failedStep = name;
      failures++;
      const file = path.join(RESULTS, `${name.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}.failed.png`);
      await wb?.page.screenshot({ path: file }).catch(() => undefined);
      throw error;
    }
  });
}

step('the .vsix installs and holds only what the extension needs at run time', async () => {
  const root = path.join(extensionsDir, EXTENSION_FOLDER);
  const files = (fs.readdirSync(root, { recursive: true }) as string[])
    .filter((file) => fs.statSync(path.join(root, file)).isFile())
    .map((file) => file.split(path.sep).join('/'));
  const allowed = [/^dist\/(extension|server|serverMain|cli|scanWorker)\.js$/, /^dist\/automata\.bin$/, /^dist\/[a-z0-9-]+\.wasm$/, /^rules\/((migration|services)\/)?[a-z0-9-]+\.json$/, /^images\/(icon\.png|activity-bar\.svg)$/, /^walkthrough\/[a-z0-9-]+\.md$/, /^package\.json$/,
    /^readme\.md$/i, /^license(\.txt)?$/i, /^changelog\.md$/i, /^\.vsixmanifest$/];
  assert.deepEqual(files.filter((file) => !allowed.some((pattern) => pattern.test(file))), [], 'unexpected files in the .vsix');
  for (const needed of ['dist/extension.js', 'dist/server.js', 'dist/serverMain.js', 'dist/cli.js', 'dist/scanWorker.js', 'rules/stripe.json', 'images/icon.png']) {
    assert.ok(files.includes(needed), `${needed} missing from the .vsix`);
  }
}, true);

/** A screenshot of the current screen in test-results/e2e/ (the README shows some of them). */
async function screenshot(name: string): Promise<void> {
  await wb.page.screenshot({ path: path.join(RESULTS, `${name}.png`) });
}

step('first squiggle: typing a key in a freshly opened window shows its squiggle within 1.5 s of the last keystroke', async () => {
  // Straight after the workbench appears: no waiting for the extension to activate first.
  const marks: Record<string, number> = { 'workbench open': workbenchOpen };
  await wb.openFile(firstKey.file);
  marks['file open'] = Date.now();
  await wb.typeAtEnd(firstKey.line(firstKey.value));
  const typed = Date.now();
  marks['last keystroke'] = typed;
  try {
    await wb.page.waitForSelector(selectors.squiggle, { timeout: SQUIGGLE_BUDGET_MS });
    const elapsed = Date.now() - typed;
    marks['squiggle on screen'] = typed + elapsed;
    await screenshot('first-squiggle');
    const userData = path.join(runDir, 'user-data');
    const activation = await waitUntil(() => activationToDiagnostics(extensionLog(userData)), 15_000, 'the extension to log its first diagnostics');
    // The squiggle is on screen, so both processes have logged the first finding (once the log is flushed).
    await waitUntil(() => /server first finding[^\n]*\n[^]*client first finding|client first finding[^\n]*\n[^]*server first finding/.test(extensionLog(userData) ?? ''), 5_000, 'the first finding in the log').catch(() => undefined);
    const times = await waitUntil(() => startupTimes(extensionLog(userData), marks, typed), 15_000, 'the start-up timelines in the extension log');
    log(`first squiggle ${elapsed} ms after the last keystroke (budget ${FIRST_SQUIGGLE_BUDGET_MS} ms); activation → first diagnostics ${activation} ms (budget ${ACTIVATION_TO_DIAGNOSTICS_BUDGET_MS} ms)`);
    console.log(`[e2e] start-up, ms from the last keystroke:\n${formatStartupTimes(times)}`);
    fs.writeFileSync(path.join(RESULTS, 'timings.json'), `${JSON.stringify({ firstSquiggleAfterLastKeystrokeMs: elapsed, activationToFirstDiagnosticsMs: activation, loadAverage: os.loadavg(), fromLastKeystrokeMs: Object.fromEntries(times.moments.map((m) => [m.name, m.ms])) }, null, 2)}\n`);
    // The first squiggle is what the user sees, so its budget holds everywhere (it has kept well inside it even
    // on a loaded machine). Activation → first diagnostics swings with the machine's load (cold disk, code cache
    // not yet written): a CI machine to itself enforces it with SECRET_HYGIENE_E2E_STRICT_TIMING, others report it.
    const load = os.loadavg()[0].toFixed(1);
    assert.ok(elapsed <= FIRST_SQUIGGLE_BUDGET_MS, `the first squiggle took ${elapsed} ms after the last keystroke (load average ${load})`);
    if (process.env.SECRET_HYGIENE_E2E_STRICT_TIMING) {
      assert.ok(activation <= ACTIVATION_TO_DIAGNOSTICS_BUDGET_MS, `activation → first diagnostics took ${activation} ms`);
    } else if (activation > ACTIVATION_TO_DIAGNOSTICS_BUDGET_MS) {
      log(`activation → first diagnostics over budget (load average ${load}): enforced only with SECRET_HYGIENE_E2E_STRICT_TIMING set`);
    }
  } finally {
    // Leave the file as it is on disk (empty), whatever happened.
    await wb.page.keyboard.press('Control+A');
    await wb.page.keyboard.press('Delete');
    await wb.page.keyboard.press('Control+S');
    await wb.page.waitForSelector(selectors.squiggle, { state: 'detached', timeout: 10_000 });
  }
}, true);

step('the extension activates: the status bar counts 0 secrets', async () => {
  await wb.waitForStatusCount(0, 60_000);
});

step('typing a key brings a squiggle, a Problems entry and a status bar count within seconds', async () => {
  await wb.openFile(sourceKey.file);
  const typing = Date.now();
  await wb.typeAtEnd(sourceKey.line(sourceKey.value));
  const typed = Date.now();
  log(`typed ${sourceKey.line(sourceKey.value).length} characters in ${typed - typing} ms`);
  await wb.page.waitForSelector(selectors.squiggle, { timeout: SQUIGGLE_BUDGET_MS });
  log(`squiggle ${Date.now() - typed} ms after the last keystroke`);
  assert.ok((await wb.editorText()).includes(sourceKey.value), 'the key was not typed into the editor');
  await wb.showProblems();
  // Keys are scanned as they are typed: the entry of a prefix the rule already matched may show first.
  const row = await wb.problemRow(sourceKey.ruleId, masked(sourceKey.value));
  const text = await row.innerText();
  assert.ok(!leaks(text, sourceKey.value), 'the Problems entry shows the value');
  await wb.waitForStatusCount(1);
});

step('the hover shows the rule and the masked value, never the value', async () => {
  await wb.page.keyboard.press('Home'); // scrolls the long line back to its start
  const text = await wb.hoverSquiggle(sourceKey.ruleId);
  assert.ok(text.includes(masked(sourceKey.value)), `hover without the masked value: ${text}`);
  assert.ok(!leaks(text, sourceKey.value), 'the hover shows the value');
  await wb.page.keyboard.press('Escape');
});

step('the status bar count follows the findings: removing the key clears squiggle, Problems and count', async () => {
  await wb.clickSquiggle();
  await wb.page.keyboard.press('Control+Shift+K'); // delete the line
  await wb.page.waitForSelector(selectors.squiggle, { state: 'detached', timeout: 10_000 });
  await wb.problemRows(sourceKey.ruleId).first().waitFor({ state: 'detached', timeout: 10_000 });
  await wb.waitForStatusCount(0);
  await wb.page.keyboard.press('Control+Z'); // and undo brings it back
  await wb.page.waitForSelector(selectors.squiggle, { timeout: SQUIGGLE_BUDGET_MS });
  await wb.waitForStatusCount(1);
});

step('"Move to .env" applies: the source reads the env var, .env holds the value, .gitignore ignores .env', async () => {
  const offered = await wb.applyQuickFix(moveToEnvTitle);
  assert.ok(!leaks(offered.join('\n'), sourceKey.value), `a quick fix title shows the value: ${offered.join(' | ')}`);
  await wb.page.waitForSelector(selectors.squiggle, { state: 'detached', timeout: 10_000 });
  assert.ok((await wb.editorText()).includes(`process.env.${sourceKey.envName}`), 'the editor does not show process.env');
  await wb.command('File: Save All');
  await waitUntil(() => moveToEnvProblems(workspace).length === 0, 15_000, 'the move to be saved to disk')
    .catch((error: Error) => assert.fail(`${error.message}: ${moveToEnvProblems(workspace).join('; ')}`));
  await wb.waitForStatusCount(0);
});

step('a secret under NEXT_PUBLIC_ in .env of a Next.js project is flagged as shipped to the browser', async () => {
  await wb.openFromExplorer(publicEnvKey.file);
  await wb.typeAtEnd(`\n${publicEnvKey.line(publicEnvKey.value)}`);
  await wb.page.waitForSelector(selectors.squiggle, { timeout: SQUIGGLE_BUDGET_MS });
  await wb.showProblems();
  const row = await wb.problemRow(publicEnvKey.ruleId, masked(publicEnvKey.value));
  const text = await row.innerText();
  assert.ok(text.includes(publicEnvKey.name) && text.includes('Next.js'), `the Problems entry does not explain the public prefix: ${text}`);
  assert.ok(!leaks(text, publicEnvKey.value), 'the Problems entry shows the value');
  // The count follows the findings: it equals our entries in Problems (.env's other lines may have their
  // own), and drops by one when the line goes.
  const count = await wb.statusMatchesProblems();
  assert.ok(count >= 1);
  await wb.caretToEnd();
  await wb.page.keyboard.press('Control+Shift+K'); // delete the line
  await wb.problemRows(publicEnvKey.ruleId).first().waitFor({ state: 'detached', timeout: 10_000 });
  assert.equal(await wb.statusMatchesProblems(), count - 1);
});

step('the Findings view lists a key planted in a closed file, with a badge, and its inline "Move to .env" moves it', async () => {
  fs.writeFileSync(path.join(workspace, plantedKey.file), plantedKey.text(plantedKey.value));
  await wb.command('Secret Hygiene: Show Findings');
  const row = wb.findingsRow(masked(plantedKey.value), plantedKey.file);
  await row.waitFor({ timeout: 20_000 });
  const text = await row.innerText();
  assert.ok(text.includes('AWS access key ID') && text.includes(plantedKey.file), `the row does not name the rule and file: ${text}`);
  assert.ok(!leaks(text, plantedKey.value), 'the Findings view shows the value');
  const badge = wb.page.locator('.activitybar .action-item', { has: wb.page.locator('[aria-label^="Secret Hygiene"]') }).locator('.badge-content');
  await badge.first().waitFor({ state: 'visible', timeout: 10_000 });
  assert.match(await badge.first().innerText(), /^\d+$/);
  await screenshot('findings-view');
  await wb.clickInlineAction(row, 'Move to .env');
  await wb.page.locator('.tabs-container .tab.active', { hasText: 'legacy.js' }).waitFor({ timeout: 15_000 });
  await waitUntil(async () => (await wb.editorText()).includes('process.env.'), 15_000, 'the editor to read process.env');
  await wb.command('File: Save All');
  await waitUntil(() => plantedMoveProblems(workspace).length === 0, 15_000, 'the move to be saved to disk')
    .catch((error: Error) => assert.fail(`${error.message}: ${plantedMoveProblems(workspace).join('; ')}`));
  await row.waitFor({ state: 'detached', timeout: 15_000 });
});

step('.env masking hides the values on screen while the file keeps them (read back from disk)', async () => {
  await wb.openFromExplorer('.env');
  await wb.caretToEnd();
  await wb.page.keyboard.press('Control+Home'); // the caret's line shows its value; line 1 is a comment
  const onDisk = fs.readFileSync(path.join(workspace, '.env'), 'utf8');
  const plantedName = plantedEnvName(workspace);
  assert.ok(onDisk.includes(`${sourceKey.envName}=${sourceKey.value}`) && onDisk.includes(`${plantedName}=${plantedKey.value}`), '.env on disk lost a value');
  const hidden = async () => {
    const text = await wb.editorText();
    return text.includes(`${sourceKey.envName}=`) && text.includes(`${plantedName}=`) && !leaks(text, sourceKey.value) && !leaks(text, plantedKey.value);
  };
  await waitUntil(hidden, 10_000, 'the .env values to be hidden on screen');
  await screenshot('env-masking');
  // The toggle shows them, and hides them again; the file never changes.
  await wb.command('Secret Hygiene: Toggle .env Masking');
  await waitUntil(async () => leaks(await wb.editorText(), sourceKey.value), 10_000, 'the values to show once masking is off');
  await wb.command('Secret Hygiene: Toggle .env Masking');
  await waitUntil(hidden, 10_000, 'the values to be hidden again');
  assert.equal(fs.readFileSync(path.join(workspace, '.env'), 'utf8'), onDisk, 'masking changed the file');
  assert.ok(!(await wb.page.locator('.tabs-container .tab.active.dirty').isVisible()), 'masking made the editor dirty');
});

step('streaming mode hides a flagged key in a source file', async () => {
  fs.writeFileSync(path.join(workspace, streamedKey.file), streamedKey.text(streamedKey.value));
  await wb.openFile(streamedKey.file);
  await wb.page.waitForSelector(selectors.squiggle, { timeout: SQUIGGLE_BUDGET_MS });
  assert.ok(leaks(await wb.editorText(), streamedKey.value), 'the key should be on screen before streaming mode');
  await wb.command('Secret Hygiene: Toggle Streaming Mode');
  await waitUntil(async () => {
    const text = await wb.editorText();
    return text.includes('export const key') && !leaks(text, streamedKey.value);
  }, 10_000, 'streaming mode to hide the key');
  await screenshot('streaming-mode');
  await wb.command('Secret Hygiene: Toggle Streaming Mode');
  await waitUntil(async () => leaks(await wb.editorText(), streamedKey.value), 10_000, 'the key to show again after streaming mode');
  assert.equal(fs.readFileSync(path.join(workspace, streamedKey.file), 'utf8'), streamedKey.text(streamedKey.value));
});

step('"Replace with a vault reference…" opens a provider quick pick; picking 1Password writes an op:// reference', async () => {
  fs.writeFileSync(path.join(workspace, vaultKey.file), vaultKey.text(vaultKey.value));
  await wb.openFile(vaultKey.file);
  await wb.page.waitForSelector(selectors.squiggle, { timeout: SQUIGGLE_BUDGET_MS });
  await wb.applyQuickFix('Replace with a vault reference…');
  const row = wb.page.locator(selectors.quickInputRow, { hasText: '1Password' }).first();
  await row.waitFor({ state: 'visible', timeout: 10_000 });
  const rows = await wb.page.locator(selectors.quickInputRow).allInnerTexts();
  for (const provider of ['HashiCorp Vault', 'AWS Secrets Manager', 'Doppler']) assert.ok(rows.some((r) => r.includes(provider)), `the quick pick has no ${provider}: ${rows.join(' | ')}`);
  await screenshot('vault-picker');
  await row.click();
  await waitUntil(async () => (await wb.editorText()).includes('process.env.'), 15_000, 'the editor to read process.env');
  await wb.command('File: Save All');
  await waitUntil(() => vaultProblems(workspace).length === 0, 15_000, 'the vault reference to be saved to disk')
    .catch((error: Error) => assert.fail(`${error.message}: ${vaultProblems(workspace).join('; ')}`));
});

step('the walkthrough opens from "Welcome: Open Walkthrough…" and shows its steps', async () => {
  await wb.page.keyboard.press('F1');
  await wb.page.waitForSelector(selectors.quickInput, { state: 'visible', timeout: 10_000 });
  await wb.page.keyboard.type('Welcome: Open Walkthrough');
  await wb.page.locator(selectors.quickInputRow, { hasText: 'Open Walkthrough' }).first().waitFor({ timeout: 10_000 });
  await wb.page.keyboard.press('Enter');
  await wb.page.locator(selectors.quickInputRow, { hasText: 'Keep secrets out of your code' }).first().click({ timeout: 10_000 });
  const page = wb.page.locator('.gettingStartedContainer', { hasText: 'What is flagged, and why' });
  await page.first().waitFor({ state: 'visible', timeout: 20_000 });
  for (const title of ['Fix a finding', 'The Findings view', 'Share rules with your team', 'Run it in CI and pre-commit']) {
    assert.ok((await page.first().innerText()).includes(title), `the walkthrough has no "${title}" step`);
  }
  await screenshot('walkthrough');
});
