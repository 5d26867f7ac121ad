// Open documents with incremental sync: applies each content change to the text and reports its range
// to the document's IncrementalScanner before the text moves on, so rescans stay local to the edit.
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { DidChangeTextDocumentParams, DidOpenTextDocumentParams } from 'vscode-languageserver';
import { IncrementalScanner, type RuleSet } from '../engine';

export interface OpenDocument {
  document: TextDocument;
  scanner: IncrementalScanner;
  /** Path used for rule path globs: workspace-relative when possible. */
  scanPath: string;
}

export class DocumentStore {
  private readonly documents = new Map<string, OpenDocument>();

  constructor(
    /** The rules for a document: the team policy of its workspace folder. */
    private readonly ruleSetFor: (uri: string) => RuleSet,
    private readonly toScanPath: (uri: string) => string,
  ) {}

  open(params: DidOpenTextDocumentParams): OpenDocument {
    const { uri, languageId, version, text } = params.textDocument;
    const scanPath = this.toScanPath(uri);
    const entry = { document: TextDocument.create(uri, languageId, version, text), scanner: new IncrementalScanner(this.ruleSetFor(uri), scanPath), scanPath };
    this.documents.set(uri, entry);
    return entry;
  }

  change(params: DidChangeTextDocumentParams): OpenDocument | undefined {
    const entry = this.documents.get(params.textDocument.uri);
    if (!entry) return undefined;
    for (const change of params.contentChanges) {
      if ('range' in change) {
        const start = entry.document.offsetAt(change.range.start);
        const end = entry.document.offsetAt(change.range.end);
        entry.scanner.applyEdit({ start, end, insertedLength: change.text.length });
      } else {
        entry.scanner.reset();
      }
      entry.document = TextDocument.update(entry.document, [change], params.textDocument.version);
    }
    return entry;
  }

  close(uri: string): void {
    this.documents.delete(uri);
  }

  get(uri: string): OpenDocument | undefined {
    return this.documents.get(uri);
  }

  all(): OpenDocument[] {
    return [...this.documents.values()];
  }

  /** New rules (a policy reload): every document is rescanned in full on its next update. */
  refreshRules(): void {
    for (const [uri, entry] of this.documents) entry.scanner = new IncrementalScanner(this.ruleSetFor(uri), entry.scanPath);
  }
}
