// The browser module graph of each project, for the language server: built off the keystroke path (a
// timer after the first request or after edits/saves), cached per project root, and announced when the
// set of client modules changes so that open documents are rescanned.
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { DiagnosticRelatedInformation } from 'vscode-languageserver';
import type { ClientModuleFacts, Finding, PublicEnvPolicy } from '../engine';
import { clientGraphSteps, importChainOf, readFromDisk, type ClientGraph } from '../project/clientGraph';
import type { ProjectFacts } from '../project/frameworks';
import { runInSlices } from './timeSlices';

/** Edits settle for this long before the graph is rebuilt: imports change far less often than text. */
const REBUILD_DELAY_MS = 1000;
/** The build runs in slices this long, so keystrokes are served between them. */
const BUILD_SLICE_MS = 8;

interface Entry {
  graph?: ClientGraph;
  secretNames: Set<string>;
  timer?: NodeJS.Timeout;
  /** A build is running (in slices); a rebuild asked for meanwhile waits for it (`stale`). */
  building: boolean;
  stale: boolean;
  policy: PublicEnvPolicy;
}

export class ClientGraphs {
  private readonly entries = new Map<string, Entry>();
  /** Last build time per root, in ms, for the log and the bench. */
  readonly buildMs = new Map<string, number>();

  constructor(
    /** Open documents' unsaved text, else undefined (then the disk is read). */
    private readonly overlay: (file: string) => string | undefined,
    private readonly secretNamesOf: (facts: ProjectFacts) => Set<string>,
    /** Called after a build that changed which modules are client code. */
    private readonly changed: (root: string) => void,
  ) {}

  /** Where `file` sits in its project's browser graph; undefined when not client code or not built yet (a build is then queued). */
  moduleFacts(facts: ProjectFacts, file: string): ClientModuleFacts | undefined {
    const entry = this.entries.get(facts.root);
    if (!entry?.graph) {
      if (!entry?.building) this.queue(facts, 0);
      return undefined;
    }
    const chain = importChainOf(entry.graph, file);
    if (!chain) return undefined;
    const top = entry.graph.modules.get(path.join(facts.root, chain[0]));
    return { chain, reason: top?.reason ?? 'client code', policy: entry.policy, secretNames: entry.secretNames };
  }

  /** A source or .env file of the project changed: rebuild after the edits settle. */
  touched(facts: ProjectFacts): void {
    if (this.entries.has(facts.root)) this.queue(facts, REBUILD_DELAY_MS);
  }

  /** LSP related information for a finding's import chain: each step is a link to the file. */
  relatedInformation(root: string, finding: Finding): DiagnosticRelatedInformation[] | undefined {
    const chain = finding.context?.importChain;
    if (!chain || chain.length === 0) return undefined;
    const reason = this.entries.get(root)?.graph?.modules.get(path.join(root, chain[0]))?.reason ?? 'client code';
    return chain.map((relative, i) => ({
      location: { uri: pathToFileURL(path.join(root, relative)).toString(), range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } },
      message: i === 0 ? `browser entry point: ${reason}` : `imported by ${chain[i - 1]}`,
    }));
  }

  private queue(facts: ProjectFacts, delayMs: number): void {
    const entry = this.entries.get(facts.root) ?? { secretNames: new Set<string>(), building: false, stale: false, policy: facts.policy };
    this.entries.set(facts.root, entry);
    if (entry.timer) clearTimeout(entry.timer);
    entry.timer = setTimeout(() => void this.build(facts), delayMs);
  }

  private async build(facts: ProjectFacts): Promise<void> {
    const entry = this.entries.get(facts.root)!;
    entry.timer = undefined;
    if (entry.building) {
      entry.stale = true;
      return;
    }
    entry.building = true;
    entry.stale = false;
    const started = performance.now();
    const steps = clientGraphSteps(facts, (file) => this.overlay(file) ?? readFromDisk(file));
    const graph = (await runInSlices(steps, BUILD_SLICE_MS)).value;
    entry.building = false;
    if (entry.stale) this.queue(facts, 0);
    const before = entry.graph ? [...entry.graph.modules.keys()].sort().join('\n') : undefined;
    const namesBefore = [...entry.secretNames].sort().join(',');
    entry.graph = graph;
    entry.secretNames = this.secretNamesOf(facts);
    entry.policy = facts.policy;
    this.buildMs.set(facts.root, performance.now() - started);
    const after = [...entry.graph.modules.keys()].sort().join('\n');
    if (before !== after || namesBefore !== [...entry.secretNames].sort().join(',')) this.changed(facts.root);
  }
}
