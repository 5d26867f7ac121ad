// The Findings view: the workspace's findings from the server (secretHygiene/findings, refreshed on
// secretHygiene/findingsChanged) as a tree grouped by severity, provider or file, with a text filter and
// a count badge. Rows show the masked preview only. Actions on rows live in findingActions.ts.
import * as vscode from 'vscode';
import type { FindingSummary, FindingsResult } from '../../server/src/features/findingsIndex';

export const FINDINGS_VIEW_ID = 'secretHygiene.findings';
export type GroupBy = 'severity' | 'provider' | 'file';
const GROUP_KEY = 'secretHygiene.findings.groupBy';
const SEVERITY_ORDER = ['error', 'warning', 'information', 'hint'] as const;
const SEVERITY_LABELS: Record<string, string> = { error: 'Errors', warning: 'Warnings', information: 'Notes', hint: 'Hints' };
const SEVERITY_ICONS: Record<string, vscode.ThemeIcon> = {
  error: new vscode.ThemeIcon('error', new vscode.ThemeColor('problemsErrorIcon.foreground')),
  warning: new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground')),
  information: new vscode.ThemeIcon('info', new vscode.ThemeColor('problemsInfoIcon.foreground')),
  hint: new vscode.ThemeIcon('lightbulb'),
};

export type FindingsNode = { kind: 'group'; key: string; label: string; findings: FindingSummary[] } | { kind: 'finding'; finding: FindingSummary };

/** What the view needs from the language client. */
export interface FindingsSource {
  fetch(): Promise<FindingsResult | undefined>;
  onDidChange(listener: () => void): vscode.Disposable;
}

export class FindingsView implements vscode.TreeDataProvider<FindingsNode>, vscode.Disposable {
  private findings: FindingSummary[] = [];
  private filter = '';
  private groupBy: GroupBy;
  private readonly changed = new vscode.EventEmitter<FindingsNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  readonly view: vscode.TreeView<FindingsNode>;
  private readonly disposables: vscode.Disposable[] = [];
  private refreshing: Promise<void> | undefined;
  private again = false;

  constructor(
    private readonly source: FindingsSource,
    private readonly state: vscode.Memento,
  ) {
    this.groupBy = state.get<GroupBy>(GROUP_KEY, 'severity');
    this.view = vscode.window.createTreeView(FINDINGS_VIEW_ID, { treeDataProvider: this, showCollapseAll: true });
    this.disposables.push(this.view, this.changed, source.onDidChange(() => void this.refresh()));
    void vscode.commands.executeCommand('setContext', 'secretHygiene.findingsFiltered', false);
    this.updateChrome();
  }

  /** Asks the server again; overlapping calls collapse into one more fetch. */
  refresh(): Promise<void> {
    if (this.refreshing) {
      this.again = true;
      return this.refreshing;
    }
    this.refreshing = (async () => {
      do {
        this.again = false;
        const result = await this.source.fetch().catch(() => undefined);
        if (result) this.findings = result.findings;
        this.updateChrome();
        this.changed.fire(undefined);
      } while (this.again);
    })().finally(() => (this.refreshing = undefined));
    return this.refreshing;
  }

  async setGroupBy(groupBy: GroupBy): Promise<void> {
    this.groupBy = groupBy;
    await this.state.update(GROUP_KEY, groupBy);
    this.changed.fire(undefined);
  }

  get currentGroupBy(): GroupBy {
    return this.groupBy;
  }

  get currentFilter(): string {
    return this.filter;
  }

  setFilter(filter: string): void {
    this.filter = filter.trim();
    void vscode.commands.executeCommand('setContext', 'secretHygiene.findingsFiltered', this.filter !== '');
    this.updateChrome();
    this.changed.fire(undefined);
  }

  /** The findings shown (after the filter), for other commands. */
  visible(): FindingSummary[] {
    const needle = this.filter.toLowerCase();
    if (!needle) return this.findings;
    return this.findings.filter((f) => [f.title, f.ruleId, f.provider, f.category, f.severity, relativePath(f.uri), f.buildOutput ? 'build output' : ''].some((text) => text.toLowerCase().includes(needle)));
  }

  getTreeItem(node: FindingsNode): vscode.TreeItem {
    if (node.kind === 'group') {
      const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.Expanded);
      item.id = `group:${this.groupBy}:${node.key}`;
      item.description = `${node.findings.length}`;
      item.contextValue = 'secretHygiene.group';
      if (this.groupBy === 'severity') item.iconPath = SEVERITY_ICONS[node.key];
      else if (this.groupBy === 'file') {
        item.resourceUri = vscode.Uri.parse(node.key);
        item.iconPath = vscode.ThemeIcon.File;
        item.description = `${relativeFolder(node.key)}${node.findings.some((f) => f.buildOutput) ? ' · build output' : ''}`;
      } else item.iconPath = new vscode.ThemeIcon('key');
      return item;
    }
    const { finding } = node;
    const item = new vscode.TreeItem(finding.title, vscode.TreeItemCollapsibleState.None);
    item.id = `finding:${finding.uri}#${finding.start}-${finding.end}:${finding.ruleId}`;
    const line = finding.range.start.line + 1;
    const where = this.groupBy === 'file' ? `line ${line}` : `${relativePath(finding.uri)}:${line}`;
    item.description = `${finding.masked} · ${where}${finding.buildOutput && this.groupBy !== 'file' ? ' · build output' : ''}`;
    item.tooltip = new vscode.MarkdownString().appendText(finding.message);
    item.iconPath = SEVERITY_ICONS[finding.severity];
    item.contextValue = contextValueOf(finding);
    item.command = { command: 'secretHygiene.findings.open', title: 'Open', arguments: [node] };
    return item;
  }

  getChildren(node?: FindingsNode): FindingsNode[] {
    if (node?.kind === 'finding') return [];
    if (node?.kind === 'group') return node.findings.map((finding) => ({ kind: 'finding', finding }));
    return groupFindings(this.visible(), this.groupBy);
  }

  getParent(): undefined {
    return undefined;
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }

  private updateChrome(): void {
    const shown = this.visible();
    const secrets = shown.filter((f) => f.severity === 'error' || f.severity === 'warning').length;
    this.view.badge = secrets > 0 ? { value: secrets, tooltip: `${secrets} secret${secrets === 1 ? '' : 's'} to fix` } : undefined;
    this.view.description = this.filter ? `filter: ${this.filter}` : undefined;
    this.view.message = this.findings.length > 0 && shown.length === 0 ? `No findings match "${this.filter}".` : undefined;
  }
}

/** movable: "Move to .env" applies (not in a .env file, not build output). */
function contextValueOf(finding: FindingSummary): string {
  const name = finding.uri.slice(finding.uri.lastIndexOf('/') + 1);
  const movable = !finding.buildOutput && !/^\.env/.test(decodeURIComponent(name));
  return `secretHygiene.finding${movable ? '.movable' : ''}`;
}

export function groupFindings(findings: FindingSummary[], groupBy: GroupBy): FindingsNode[] {
  const groups = new Map<string, FindingSummary[]>();
  const keyOf = (f: FindingSummary) => (groupBy === 'severity' ? f.severity : groupBy === 'provider' ? f.provider : f.uri);
  for (const finding of findings) {
    const key = keyOf(finding);
    groups.set(key, [...(groups.get(key) ?? []), finding]);
  }
  const keys = [...groups.keys()];
  if (groupBy === 'severity') keys.sort((a, b) => SEVERITY_ORDER.indexOf(a as never) - SEVERITY_ORDER.indexOf(b as never));
  else keys.sort((a, b) => labelOf(a, groupBy).localeCompare(labelOf(b, groupBy)));
  return keys.map((key) => ({
    kind: 'group' as const,
    key,
    label: labelOf(key, groupBy),
    findings: groups.get(key)!.sort((a, b) => a.uri.localeCompare(b.uri) || a.start - b.start),
  }));
}

function labelOf(key: string, groupBy: GroupBy): string {
  if (groupBy === 'severity') return SEVERITY_LABELS[key] ?? key;
  if (groupBy === 'file') return key.slice(key.lastIndexOf('/') + 1) ? decodeURIComponent(key.slice(key.lastIndexOf('/') + 1)) : key;
  return key;
}

function relativePath(uri: string): string {
  return vscode.workspace.asRelativePath(vscode.Uri.parse(uri), false);
}

function relativeFolder(uri: string): string {
  const relative = relativePath(uri);
  const slash = relative.lastIndexOf('/');
  return slash < 0 ? '' : relative.slice(0, slash);
}
