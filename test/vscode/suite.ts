// Runs inside VS Code's extension host (loaded by @vscode/test-electron from test/vscode/run.ts): the same
// cases as the code-server e2e suite, through the VS Code API instead of the UI. Typing goes through the
// `type` command, as keystrokes do. The status bar cannot be read through the API: the e2e suite checks it.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { leaks, masked, moveToEnvProblems, moveToEnvTitle, publicEnvKey, sourceKey } from '../e2e/cases';
import { waitUntil } from '../e2e/wait';

const workspace = process.env.SECRET_HYGIENE_TEST_WORKSPACE ?? '';

function ours(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'secret-hygiene');
}

function codeOf(diagnostic: vscode.Diagnostic): string {
  const code = diagnostic.code;
  return String(typeof code === 'object' ? code.value : code);
}

async function typeAtEnd(editor: vscode.TextEditor, text: string): Promise<void> {
  const end = editor.document.lineAt(editor.document.lineCount - 1).range.end;
  editor.selection = new vscode.Selection(end, end);
  for (const character of text) await vscode.commands.executeCommand('type', { text: character });
}

const cases: Array<[string, (state: { editor?: vscode.TextEditor }) => Promise<void>]> = [
  ['typing a key brings a diagnostic on exactly the key, masked', async (state) => {
    const document = await vscode.workspace.openTextDocument(path.join(workspace, sourceKey.file));
    state.editor = await vscode.window.showTextDocument(document);
    await typeAtEnd(state.editor, sourceKey.line(sourceKey.value));
    const [diagnostic] = await waitUntil(() => ours(document.uri).length > 0 && ours(document.uri), 10_000, 'a diagnostic');
    assert.equal(codeOf(diagnostic), sourceKey.ruleId);
    assert.equal(document.getText(diagnostic.range), sourceKey.value);
    assert.ok(diagnostic.message.includes(masked(sourceKey.value)), diagnostic.message);
    assert.ok(!leaks(diagnostic.message, sourceKey.value), 'the diagnostic shows the value');
  }],
  ['the hover shows the rule and the masked value, never the value', async (state) => {
    const document = state.editor!.document;
    const [diagnostic] = ours(document.uri);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, diagnostic.range.start.translate(0, 2));
    const text = hovers.flatMap((hover) => hover.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.ok(text.includes(sourceKey.ruleId), text);
    assert.ok(text.includes(masked(sourceKey.value)), text);
    assert.ok(!leaks(text, sourceKey.value), 'the hover shows the value');
  }],
  ['removing the key clears the diagnostic; undo brings it back', async (state) => {
    const uri = state.editor!.document.uri;
    await vscode.commands.executeCommand('editor.action.deleteLines');
    await waitUntil(() => ours(uri).length === 0, 10_000, 'the diagnostic to go');
    await vscode.commands.executeCommand('undo');
    await waitUntil(() => ours(uri).length === 1, 10_000, 'the diagnostic to come back');
  }],
  ['"Move to .env" applies: the source reads the env var, .env holds the value, .gitignore ignores .env', async (state) => {
    const document = state.editor!.document;
    const [diagnostic] = ours(document.uri);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value, 1);
    const titles = actions.map((action) => action.title);
    assert.ok(!leaks(titles.join('\n'), sourceKey.value), 'a quick fix title shows the value');
    const action = actions.find((a) => a.title.startsWith(moveToEnvTitle));
    assert.ok(action?.edit, `no resolved "${moveToEnvTitle}" among ${JSON.stringify(titles)}`);
    assert.ok(await vscode.workspace.applyEdit(action.edit));
    if (action.command) await vscode.commands.executeCommand(action.command.command, ...(action.command.arguments ?? []));
    assert.ok(await vscode.workspace.saveAll(false));
    await waitUntil(() => moveToEnvProblems(workspace).length === 0, 10_000, `the move on disk (${moveToEnvProblems(workspace).join('; ')})`);
    await waitUntil(() => ours(document.uri).length === 0, 10_000, 'the source diagnostic to go');
  }],
  ['a secret under NEXT_PUBLIC_ in .env of a Next.js project is flagged as shipped to the browser', async (state) => {
    const document = await vscode.workspace.openTextDocument(path.join(workspace, publicEnvKey.file));
    state.editor = await vscode.window.showTextDocument(document);
    await typeAtEnd(state.editor, `\n${publicEnvKey.line(publicEnvKey.value)}`);
    const diagnostic = await waitUntil(() => ours(document.uri).find((d) => codeOf(d) === publicEnvKey.ruleId), 10_000, 'the public-env diagnostic');
    assert.equal(document.getText(diagnostic.range), publicEnvKey.value);
    assert.ok(diagnostic.message.includes(publicEnvKey.name) && diagnostic.message.includes('Next.js'), diagnostic.message);
    assert.ok(!leaks(diagnostic.message, publicEnvKey.value), 'the diagnostic shows the value');
  }],
];

/** Entry point called by VS Code's test runner; rejects when any case fails. */
export async function run(): Promise<void> {
  assert.ok(workspace, 'SECRET_HYGIENE_TEST_WORKSPACE is not set (start through test/vscode/run.ts)');
  const extension = vscode.extensions.getExtension('secret-hygiene.secret-hygiene');
  assert.ok(extension, 'the extension under development is not loaded');
  await extension.activate();
  const state: { editor?: vscode.TextEditor } = {};
  const failures: string[] = [];
  for (const [name, body] of cases) {
    try {
      await body(state);
      console.log(`ok - ${name}`);
    } catch (error) {
      failures.push(name);
      console.log(`not ok - ${name}\n${error instanceof Error ? error.stack : String(error)}`);
    }
  }
  console.log(`${cases.length - failures.length} passed, ${failures.length} failed`);
  if (failures.length > 0) throw new Error(`${failures.length} case(s) failed: ${failures.join('; ')}`);
}
