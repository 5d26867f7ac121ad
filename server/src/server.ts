// The language server's wiring: connection, capabilities, documents, settings and routing to features.
// The transport comes from argv (--stdio, --node-ipc, --socket=N), so any LSP client can start it.
import {
  CodeActionKind,
  createConnection,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  MessageType,
  ShowMessageNotification,
  ShowMessageRequest,
  ProposedFeatures,
  TextDocumentSyncKind,
  type InitializeResult,
} from 'vscode-languageserver/node';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { compileGlobs } from './engine/glob';
import { buildRuleSet, type Finding, type RuleSet } from './engine';
import { ClientBundleAnalysis } from './features/clientBundle';
import { CHOOSE_VAULT_COMMAND, CodeActionProvider, FIX_MESSAGES_COMMAND, OPEN_DOCS_COMMAND, REPLACE_WITH_VAULT_COMMAND, type VaultCommandArgs } from './features/codeActions';
import { VAULT_LABELS, VAULT_PROVIDERS, type VaultProvider } from './fixes/vault';
import { inferVaultProviders } from './project/vaultInference';
import { envRootFor, repoRootOf } from './project/envFacts';
import { SettingsCache } from './features/configuration';
import { cpuMs, DiagnosticsScheduler, dotenvFileName, noteDiagnostic, toDiagnostics } from './features/diagnostics';
import { envTextTooLarge, MAX_ENV_BYTES } from './project/envFiles';
import { ExposureTracker } from './features/exposure';
import { DocumentStore } from './features/documents';
import { FindingsIndex } from './features/findingsIndex';
import { runHistoryScan, SCAN_HISTORY_COMMAND } from './features/historyScan';
import { findingAt, hoverForFinding } from './features/hover';
import { CREATE_RULE_KIND, selectionActions } from './features/selectionActions';
import { WorkspacePolicies } from './features/workspacePolicies';
import type { EditCapabilities } from './features/workspaceEdit';
import { WorkspaceScanner } from './features/workspaceScan';
import { EditorActivity } from './features/editorActivity';
import { describeUpdates, UPDATE_BASELINE_COMMAND, updateBaselines } from './features/baselineUpdate';
import { dropIgnored } from './project/workspacePolicy';
import { loadBuiltinRules } from './project/ruleFiles';
import { GitHistory } from './project/gitHistory';
import { TextFileCache } from './project/textFiles';
import { TrackedFilesCache } from './project/trackedFiles';
import { WorkspacePaths, toFsPath } from './project/workspacePaths';
import { BaselineCache } from './project/baseline';
import { EnvKeyIndex } from './project/envKeys';
import { applyHygienePolicy, isEnvFileName } from './engine';
import { FirstFinding, StartupTimeline } from './features/startupTimeline';
import { watchEventLoop } from './features/eventLoopBlocks';
import { warmUpSteps } from './engine/warmUp';
import { releaseMemory } from './features/releaseMemory';

/** Typing pauses shorter than this are one burst: scan once at its end (for documents whose scans are
 * not cheap; features/diagnostics.ts). The benchmark sets 0 to time the server without it. */
const TYPING_DEBOUNCE_MS = /^\d+$/.test(process.env.SECRET_HYGIENE_TYPING_DEBOUNCE_MS ?? '') ? Number(process.env.SECRET_HYGIENE_TYPING_DEBOUNCE_MS) : 120;
/** A scan slower than this is reported in the log (name and timing only). */
const SCAN_BUDGET_MS = 50;
export const SCAN_WORKSPACE_COMMAND = 'secretHygiene.scanWorkspace';

/** Start-up moments up to the first opened document's diagnostics, logged once (issue 14). */
const startup = new StartupTimeline();
startup.mark('bundle loaded');
/** The first document the client opened: its first publish ends the start-up timeline. */
let firstOpenedUri: string | undefined;
/** Its first finding: when the change that brought it arrived, when it was published. */
const firstFinding = new FirstFinding({ change: 'last didChange received', scan: 'scan started', finding: 'published' });
const connection = createConnection(ProposedFeatures.all);
/** The longest event-loop blocks until the first finding is published (a minute at most), logged once: what
 * held back a message the editor sent at start-up (issue 14). */
const loopBlocks = watchEventLoop('Secret Hygiene: server event-loop blocks', 60_000, (line) => connection.console.info(line));
// Every published diagnostic also feeds the findings list (secretHygiene/findings).
new FindingsIndex(connection).observe();
const paths = new WorkspacePaths();
let loadedRules: RuleSet | undefined;
/** The built-in rules, loaded at first use. Start-up loads them right after answering initialize
 * (prepareFirstScan), so their loading overlaps the client's side of the handshake (issue 14). */
function builtinRules(): RuleSet {
  if (loadedRules) return loadedRules;
  try {
    loadedRules = loadBuiltinRules();
  } catch (error) {
    // Keep serving: a broken install should say so, not crash the editor's language client in a loop.
    loadedRules = buildRuleSet([]);
    connection.console.error((error as Error).message);
  }
  startup.mark('rules loaded');
  return loadedRules;
}
/** The team policy of the folder holding `uri` (built-in rules until trusted and loaded). */
const policyFor = (uri: string) => {
  const file = toFsPath(uri);
  return policies.forFolder(file ? paths.folderOf(file) : undefined);
};
const documents = new DocumentStore((uri) => policyFor(uri).ruleSet, (uri) => paths.scanPathFor(uri));
const findingsByUri = new Map<string, Finding[]>();
const clientBundle = new ClientBundleAnalysis(paths, builtinRules, documents, (uri) => scheduler.schedule(uri));
const baselines = new BaselineCache((message) => connection.console.error(`Secret Hygiene: ${message}`));
/** Refused `secretHygiene.exclude` globs already logged (team config globs are reported on the file). */
const refusedGlobs = new Set<string>();
function noteRefusedGlob(index: number, fromSettings: number, reason: string): void {
  if (index >= fromSettings || refusedGlobs.has(`${index}:${reason}`)) return;
  refusedGlobs.add(`${index}:${reason}`);
  connection.console.warn(`Secret Hygiene: secretHygiene.exclude entry #${index + 1} is ignored: ${reason}`);
}
/** Folders whose baseline was said to be ignored (once each, while untrusted). */
const untrustedBaselines = new Set<string>();
/** The baseline of the workspace folder holding `uri`, if it has one. An untrusted workspace's baseline is
 * ignored: a cloned repository must not hide its own findings (issue 11 item 6). */
const baselineFor = (uri: string) => {
  const file = toFsPath(uri);
  const folder = file && paths.folderOf(file);
  if (!folder) return undefined;
  if (!policies.isTrusted()) {
    if (!untrustedBaselines.has(folder) && baselines.exists(folder)) {
      untrustedBaselines.add(folder);
      connection.console.info(`Secret Hygiene: ${baselines.pathFor(folder)} is ignored until you trust this workspace; every finding is shown.`);
    }
    return undefined;
  }
  return baselines.forFolder(folder);
};
let settings: SettingsCache;
let scheduler: DiagnosticsScheduler;
/** Whether the editor waits for us (a message lately, a scan pending): background work yields to it. */
const activity = new EditorActivity(() => (scheduler as DiagnosticsScheduler | undefined)?.busy() ?? false);
activity.watch(process.argv);
let workspaceScanner: WorkspaceScanner;
let codeActions: CodeActionProvider;
let policies: WorkspacePolicies;
/** The background scan waits this long after start-up, so opening the editor stays snappy. */
const BACKGROUND_SCAN_DELAY_MS = 1500;
/** Custom notification from the VS Code client when the user trusts the workspace. */
const WORKSPACE_TRUSTED_NOTIFICATION = 'secretHygiene/workspaceTrusted';
let canWatchFiles = false;
/** The client accepted our file watcher; until then (or without one) saves of policy files reload the policy. */
let watchingFiles = false;
let editCaps: EditCapabilities = { documentChanges: false, createFiles: false };
const gitHistory = new GitHistory();
const envKeys = new EnvKeyIndex(builtinRules);
/** Open documents' text wins over the disk for the env-key comparison. */
const openEnvOverlay = {
  text: (file: string) => documents.all().find((d) => toFsPath(d.document.uri) === file)?.document.getText(),
  files: () => documents.all().map((d) => toFsPath(d.document.uri)).filter((f): f is string => f !== undefined),
};
const trackedFiles = new TrackedFilesCache();
const fixFiles = new TextFileCache();
let exposure: ExposureTracker;

connection.onInitialize((params): InitializeResult => {
  startup.mark('initialize received');
  const folders = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
  paths.setFolders(folders);
  const canPull = params.capabilities.workspace?.configuration === true;
  settings = new SettingsCache(connection, canPull, (params.initializationOptions as { settings?: unknown } | undefined)?.settings, () => policies.isTrusted());
  scheduler = new DiagnosticsScheduler(connection, validate, TYPING_DEBOUNCE_MS);
  // Workspace trust: VS Code's client says so; other editors have no such notion and are trusted.
  const trusted = (params.initializationOptions as { trusted?: unknown } | undefined)?.trusted !== false;
  policies = new WorkspacePolicies(connection, builtinRules, trusted, () => {
    documents.refreshRules();
    for (const entry of documents.all()) scheduler.schedule(entry.document.uri, true);
    void backgroundScan();
  });
  // No policy is read here: initialize is answered at once, prepareFirstScan loads them next.
  policies.setFolders(paths.folderPaths, false);
  canWatchFiles = params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
  workspaceScanner = new WorkspaceScanner({
    connection,
    folders: () => paths.folderPaths,
    settingsFor: (uri) => settings.get(uri),
    isOpen: (uri) => documents.get(uri) !== undefined,
    policyFor: (folder) => policies.forFolder(folder),
    baselineFor,
    extraDiagnostics: (uri) => policies.problemsFor(uri),
    yieldToEditor: () => activity.whenIdle(BACKGROUND_QUIET_MS),
  });
  const caps = params.capabilities;
  editCaps = { documentChanges: caps.workspace?.workspaceEdit?.documentChanges === true, createFiles: caps.workspace?.workspaceEdit?.resourceOperations?.includes('create') === true, changeAnnotations: caps.workspace?.workspaceEdit?.changeAnnotationSupport !== undefined };
  exposure = new ExposureTracker(gitHistory, (uri) => scheduler.schedule(uri, true), () => policies.isTrusted());
  codeActions = new CodeActionProvider({
    documents,
    findingsFor: (uri) => findingsByUri.get(uri),
    settingsFor: (uri) => settings.get(uri),
    history: gitHistory,
    workspaceFolderOf: (file) => paths.folderOf(file),
    files: fixFiles,
    tracked: (repo, files) => trackedFiles.tracked(repo, files, policies.isTrusted()),
    inferVaultProviders: (file) => inferVaultProviders(envRootFor(file, paths.folderOf(file)), (f) => fixFiles.read(f)),
    caps: {
      documentChanges: caps.workspace?.workspaceEdit?.documentChanges === true,
      createFiles: caps.workspace?.workspaceEdit?.resourceOperations?.includes('create') === true,
      changeAnnotations: caps.workspace?.workspaceEdit?.changeAnnotationSupport !== undefined,
      resolve: caps.textDocument?.codeAction?.resolveSupport?.properties.includes('edit') === true,
      disabled: caps.textDocument?.codeAction?.disabledSupport === true,
    },
  });
  startup.mark('initialize answered');
  // Two turns of the event loop: the response is written first (the stream writer sends on the next turn).
  setImmediate(() => setImmediate(prepareFirstScan));
  return {
    capabilities: {
      // save: clients that cannot watch files still reload the team policy when one of its files is saved.
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
      hoverProvider: true,
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, CodeActionKind.Source, CREATE_RULE_KIND], resolveProvider: true },
      executeCommandProvider: { commands: serverCommands(params.initializationOptions) },
      workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
    },
    serverInfo: { name: 'secret-hygiene', version: '0.1.0' },
  };
});

/** What the first scan needs, done while the client finishes its handshake: the built-in rules and every
 * folder's team policy (issue 14). Whatever comes first (a didOpen, a hover) would load them anyway. */
function prepareFirstScan(): void {
  builtinRules();
  for (const folder of paths.folderPaths) policies.forFolder(folder);
  startup.mark('policies loaded');
}

/** The pause between two warm-up scans: a few turns of the event loop for whatever message arrived. */
const WARM_UP_PAUSE_MS = 5;
/** A warm-up scan waits until no message has arrived for this long (one may still be queued behind the
 * last) and no scan is waiting or running: the user's documents always go first. */
const WARM_UP_QUIET_MS = 100;
/** After initialized, how long the warm-up waits for the didOpen of documents already open. */
const WARM_UP_AFTER_INITIALIZED_MS = 50;
/** A background scan (the workspace, its build output) reads its next file once the editor has been quiet
 * this long: keystrokes go first. */
const BACKGROUND_QUIET_MS = 50;

/** The regexes nearly every first scan runs are compiled (engine/warmUp.ts) in the server's idle moments:
 * one small scan at a time, only once the transport has been quiet for WARM_UP_QUIET_MS and no document's
 * scan is pending. A first document opened before it is done does not end it: a file opened empty and
 * typed into would pay those compilations between keystrokes (about 120 ms on "key", quiet machine). */
function warmUpWhileIdle(): void {
  const first = paths.folderPaths[0];
  const steps = warmUpSteps(policyFor(first ? pathToFileURL(first).toString() : '').ruleSet);
  const next = (): void => {
    if (!activity.isIdle(WARM_UP_QUIET_MS)) {
      setTimeout(next, Math.max(WARM_UP_PAUSE_MS, activity.quietIn(WARM_UP_QUIET_MS)));
      return;
    }
    const step = steps.shift();
    if (!step) return startup.mark('warm-up done');
    step();
    setTimeout(next, WARM_UP_PAUSE_MS);
  };
  next();
}

/** The commands this server executes, less those the client says it registers itself (VS Code's client
 * runs its own vault quick pick; two registrations of one command stop vscode-languageclient from starting). */
function serverCommands(initializationOptions: unknown): string[] {
  const claimed = (initializationOptions as { clientCommands?: unknown } | undefined)?.clientCommands;
  const clientCommands = new Set(Array.isArray(claimed) ? claimed.filter((c): c is string => typeof c === 'string') : []);
  return [SCAN_WORKSPACE_COMMAND, SCAN_HISTORY_COMMAND, UPDATE_BASELINE_COMMAND, FIX_MESSAGES_COMMAND, OPEN_DOCS_COMMAND, REPLACE_WITH_VAULT_COMMAND, CHOOSE_VAULT_COMMAND].filter((command) => !clientCommands.has(command));
}

connection.onInitialized(() => {
  startup.mark('initialized');
  connection.client.register(DidChangeConfigurationNotification.type, { section: 'secretHygiene' }).catch(() => undefined);
  // Every file: team policy files reload the rules, .gitignore changes rescan, others update the workspace scan.
  if (canWatchFiles) {
    connection.client
      .register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/*' }] })
      .then(() => (watchingFiles = true))
      .catch(() => undefined);
  }
  policies.publish();
  setTimeout(warmUpWhileIdle, WARM_UP_AFTER_INITIALIZED_MS);
  // The open documents' diagnostics come first: the background scan waits for the first one (issue 14).
  setTimeout(() => void firstDocumentPublished().then(backgroundScan), BACKGROUND_SCAN_DELAY_MS);
  connection.workspace.onDidChangeWorkspaceFolders((event) => {
    paths.changeFolders(
      event.added.map((f) => f.uri),
      event.removed.map((f) => f.uri),
    );
    policies.setFolders(paths.folderPaths);
    void backgroundScan();
  });
});

/** The background workspace scan, unless `secretHygiene.workspaceScan.enable` is off for the first folder. */
async function backgroundScan(): Promise<void> {
  const first = paths.folderPaths[0];
  if (!first) return;
  const current = await settings.get(pathToFileURL(first).toString());
  if (!current.enable || !current.workspaceScan.enable) return;
  startup.mark('background scan started');
  const result = await workspaceScanner.scan();
  releaseMemory();
  connection.console.info(`Secret Hygiene: background scan: ${result.findings} findings in ${result.filesWithFindings} closed files (${result.filesScanned} scanned).`);
}

connection.onDidChangeWatchedFiles((params) => {
  if (policies.handle(params.changes)) return; // the reload rescans everything
  if (params.changes.some((change) => change.uri.endsWith('/.gitignore'))) {
    void backgroundScan();
    return;
  }
  workspaceScanner.filesChanged(params.changes);
});

connection.onNotification(WORKSPACE_TRUSTED_NOTIFICATION, () => policies.setTrusted(true));

connection.onDidSaveTextDocument((params) => {
  if (!watchingFiles) policies.handle([{ uri: params.textDocument.uri, type: FileChangeType.Changed }]);
});

/** Scans an open document and publishes its diagnostics; returns what the scan cost (CPU ms, for the
 * scheduler's choice between scanning at once and waiting for a pause in typing). */
async function validate(uri: string): Promise<number | undefined> {
  const entry = documents.get(uri);
  if (!entry) return undefined;
  const current = await settings.forScan(uri, () => scheduler.schedule(uri, true));
  if (documents.get(uri) !== entry) return undefined;
  const policy = policyFor(uri);
  const globs = [...current.exclude, ...policy.exclude];
  const excluded = globs.length > 0 && compileGlobs(globs, {}, (index, reason) => noteRefusedGlob(index, current.exclude.length, reason))(entry.scanPath);
  const text = entry.document.getText();
  if (!current.enable || excluded || text.length > current.maxFileSize) {
    // Never silently: an open document too large to scan says so on itself, not only in the log.
    const tooLarge = current.enable && !excluded && text.length > current.maxFileSize;
    const note = `Secret Hygiene: not scanned: ${megabytes(text.length)} is over secretHygiene.maxFileSize (${megabytes(current.maxFileSize)}).`;
    if (tooLarge) connection.console.info(`Secret Hygiene: ${entry.scanPath} is over the size limit (${current.maxFileSize} bytes); not scanned.`);
    findingsByUri.delete(uri);
    await connection.sendDiagnostics({ uri, version: entry.document.version, diagnostics: [...(tooLarge ? [noteDiagnostic(note)] : []), ...policies.problemsFor(uri)] });
    publishedOpen(uri);
    return undefined;
  }
  const started = performance.now();
  const startedCpu = cpuMs();
  let scanned = clientBundle.augment(uri, entry.scanPath, text, dropIgnored(policy, entry.scanPath, text, entry.scanner.update(text)));
  const envFile = isEnvFileName(entry.scanPath) ? toFsPath(uri) : undefined;
  // One key per environment and app: .env files only (small), compared by salted hash with the repository's others.
  if (envFile && !envTextTooLarge(text)) scanned = [...scanned, ...applyHygienePolicy(envKeys.findingsFor(envFile, text, openEnvOverlay), policy.ruleSet.hygiene)];
  const findings = baselineFor(uri)?.filter(text, scanned) ?? scanned;
  // A .env too large for the whole-file checks (public variables, one key per environment) says so.
  const notes = envFile && envTextTooLarge(text) ? [noteDiagnostic(`Secret Hygiene: this .env is ${megabytes(text.length)}: its values are checked by the rules as you type, but the public-variable and shared-key checks skip .env files over ${megabytes(MAX_ENV_BYTES)}.`)] : [];
  const elapsed = performance.now() - started;
  if (elapsed > SCAN_BUDGET_MS) {
    connection.console.warn(`Secret Hygiene: scanning ${entry.scanPath} took ${elapsed.toFixed(0)} ms (budget ${SCAN_BUDGET_MS} ms).`);
  }
  findingsByUri.set(uri, findings);
  const inGitHistory = exposure.lookup(uri, text, findings);
  const envTracked = findings.length > 0 && isTrackedDotenv(uri);
  const diagnostics = [...notes, ...toDiagnostics(findings, entry.document, current, (f) => clientBundle.relatedInformation(uri, f), inGitHistory, exposure.ageOf(uri, text), envTracked), ...policies.problemsFor(uri)];
  const cost = cpuMs() - startedCpu;
  await connection.sendDiagnostics({ uri, version: entry.document.version, diagnostics });
  publishedOpen(uri);
  const found = firstFinding.found(uri, findings.length, 'Secret Hygiene: server first finding', started);
  if (found) {
    connection.console.info(found);
    const blocks = loopBlocks.report();
    if (blocks) connection.console.info(blocks);
  }
  return cost;
}

/** A .env file (not a template) that git tracks: a key there is not safely kept. Cached per index state;
 * never runs git in an untrusted workspace (then: not known to be tracked). */
function isTrackedDotenv(uri: string): boolean {
  const file = dotenvFileName(uri) ? toFsPath(uri) : undefined;
  const repo = file ? repoRootOf(path.dirname(file)) : undefined;
  return repo !== undefined && trackedFiles.tracked(repo, [file!], policies.isTrusted())?.has(file!) === true;
}

/** The most the background scan waits for the first open document's diagnostics. */
const FIRST_PUBLISH_WAIT_MS = 10_000;
let firstDocumentDone = false;
const firstDocumentWaiters: Array<() => void> = [];
/** Resolves once the first opened document has been published: at once if none was opened (or it was),
 * after FIRST_PUBLISH_WAIT_MS at the latest (it may have been closed before its scan). */
function firstDocumentPublished(): Promise<void> {
  if (firstOpenedUri === undefined || firstDocumentDone) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, FIRST_PUBLISH_WAIT_MS);
    firstDocumentWaiters.push(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/** The first opened document's first diagnostics end the start-up timeline: log it (timings only). */
function publishedOpen(uri: string): void {
  if (uri !== firstOpenedUri || firstDocumentDone) return;
  firstDocumentDone = true;
  for (const resolve of firstDocumentWaiters.splice(0)) resolve();
  startup.mark('first didOpen published');
  const line = startup.report('Secret Hygiene: server start-up');
  if (line) connection.console.info(line);
}

function megabytes(length: number): string {
  return `${(length / (1024 * 1024)).toFixed(1)} MB`;
}

connection.onDidOpenTextDocument((params) => {
  if (firstOpenedUri === undefined) {
    firstOpenedUri = params.textDocument.uri;
    firstFinding.follow(firstOpenedUri);
    startup.mark('first didOpen');
  }
  documents.open(params);
  workspaceScanner.forget(params.textDocument.uri);
  scheduler.schedule(params.textDocument.uri, true);
});

connection.onDidChangeTextDocument((params) => {
  firstFinding.changed(params.textDocument.uri);
  const changed = documents.change(params);
  if (changed) {
    scheduler.schedule(params.textDocument.uri);
    clientBundle.documentChanged(params.textDocument.uri, changed.scanPath);
  }
});

connection.onDidCloseTextDocument((params) => {
  const { uri } = params.textDocument;
  scheduler.forget(uri);
  documents.close(uri);
  findingsByUri.delete(uri);
  settings.forget(uri);
  void connection.sendDiagnostics({ uri, diagnostics: policies.problemsFor(uri) });
  // A closed file's findings come from the workspace scan again.
  workspaceScanner.filesChanged([{ uri, type: FileChangeType.Changed }]);
});

connection.onDidChangeConfiguration((change) => {
  settings.changed((change.settings as { secretHygiene?: unknown } | undefined)?.secretHygiene);
  for (const entry of documents.all()) scheduler.schedule(entry.document.uri, true);
});

connection.onHover((params) => {
  const entry = documents.get(params.textDocument.uri);
  const findings = findingsByUri.get(params.textDocument.uri);
  if (!entry || !findings) return null;
  const finding = findingAt(findings, entry, params);
  return finding ? hoverForFinding(finding, entry) : null;
});

connection.onCodeAction(async (params) => [
  ...(await codeActions.provide(params)),
  ...selectionActions(params, { documents, workspaceFolderOf: (file) => paths.folderOf(file), caps: editCaps }),
]);

connection.onCodeActionResolve(async (action) => {
  const { action: resolved, problem } = await codeActions.resolve(action);
  if (problem) void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message: problem });
  return resolved;
});

/** Plans the vault fix for `provider` and applies it through the client; notes go out as plain messages. */
async function replaceWithVault(args: VaultCommandArgs, provider: string): Promise<boolean> {
  if (!(VAULT_PROVIDERS as readonly string[]).includes(provider) || provider === 'none') {
    void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message: `Secret Hygiene: unknown vault provider ${JSON.stringify(provider).slice(0, 40)}.` });
    return false;
  }
  const planned = await codeActions.planVault(args, provider as VaultProvider);
  if (typeof planned === 'string') {
    void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message: planned });
    return false;
  }
  const result = await connection.workspace.applyEdit({ label: 'Replace with a vault reference', edit: planned.edit });
  if (!result.applied) return false;
  showNotes(planned.messages);
  return true;
}

/** Fix notes are information, not questions: window/showMessage, never a blocking showMessageRequest. */
function showNotes(messages: string[]): void {
  for (const message of messages) void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Info, message });
  baselines.invalidate();
  for (const entry of documents.all()) scheduler.schedule(entry.document.uri, true);
}

connection.onExecuteCommand(async (params) => {
  if (params.command === REPLACE_WITH_VAULT_COMMAND) {
    const args = params.arguments?.[0] as VaultCommandArgs | undefined;
    return args ? replaceWithVault(args, String(args.provider)) : false;
  }
  if (params.command === CHOOSE_VAULT_COMMAND) {
    // Clients without a pick list of their own (Neovim…): ask, inferred providers first.
    const args = params.arguments?.[0] as VaultCommandArgs | undefined;
    if (!args) return false;
    const ids = VAULT_PROVIDERS.filter((p) => p !== 'none');
    const ordered = [...(args.inferred ?? []).filter((p): p is (typeof ids)[number] => (ids as readonly string[]).includes(p)), ...ids];
    const choices = [...new Set(ordered)].map((id) => ({ title: VAULT_LABELS[id], id }));
    const picked = await connection.sendRequest(ShowMessageRequest.type, { type: MessageType.Info, message: 'Replace with a reference into which secret manager?', actions: choices.map(({ title }) => ({ title })) });
    const choice = choices.find((c) => c.title === picked?.title);
    return choice ? replaceWithVault(args, choice.id) : false;
  }
  if (params.command === FIX_MESSAGES_COMMAND) {
    // A fix may have changed the baseline or .env: rescan open documents against the files as they are now.
    showNotes((params.arguments?.[0] as string[] | undefined) ?? []);
    return undefined;
  }
  if (params.command === OPEN_DOCS_COMMAND) {
    // Only provider pages from our own rule data (https), opened by the editor; the server fetches nothing.
    const url = params.arguments?.[0];
    if (typeof url === 'string' && /^https:\/\//.test(url)) await connection.window.showDocument({ uri: url, external: true }).catch(() => undefined);
    return undefined;
  }
  if (params.command === SCAN_HISTORY_COMMAND) {
    return runHistoryScan({ connection, folders: () => paths.folderPaths, policyFor: (folder) => policies.forFolder(folder), isTrusted: () => policies.isTrusted() });
  }
  if (params.command === UPDATE_BASELINE_COMMAND) {
    const updates = await updateBaselines({
      folders: paths.folderPaths,
      settingsFor: (uri) => settings.get(uri),
      scanner: workspaceScanner,
      openText: (uri) => documents.get(uri)?.document.getText(),
      target: (file) => codeActions.target(file),
      caps: editCaps,
      applyEdit: async (label, edit) => (await connection.workspace.applyEdit({ label, edit })).applied,
    });
    if (typeof updates === 'string') {
      void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message: `Secret Hygiene changed nothing: ${updates}.` });
      return false;
    }
    // Also rescans open documents against the baseline as it is on disk now (saved, or once saved).
    showNotes([describeUpdates(updates)]);
    return updates.map(({ folder, ...counts }) => ({ folder: pathToFileURL(folder).toString(), ...counts }));
  }
  if (params.command !== SCAN_WORKSPACE_COMMAND) return undefined;
  const result = await workspaceScanner.scan();
  const summary = `Secret Hygiene: ${result.findings} secret${result.findings === 1 ? '' : 's'} in ${result.filesWithFindings} closed file${result.filesWithFindings === 1 ? '' : 's'} (${result.filesScanned} scanned, ${result.filesSkipped} skipped).`;
  connection.console.info(summary);
  void connection.window.showInformationMessage(summary);
  return result;
});

connection.listen();
