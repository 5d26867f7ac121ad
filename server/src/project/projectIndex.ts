// Per-file lookups of project facts for batch scans (the CLI): the project a file belongs to and the
// public .env variables of that project holding secrets, and its browser module graph. Everything is read once per project root.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ClientModuleFacts, PublicSecret, RuleSet } from '../engine';
import { buildClientGraph, importChainOf, readFromDisk, type ClientGraph } from './clientGraph';
import { publicSecretsOfProject, secretEnvNames } from './envFiles';
import { ProjectFactsCache, type ProjectFacts } from './frameworks';

export class ProjectIndex {
  private readonly facts = new ProjectFactsCache(Infinity);
  private readonly roots = new Map<string, string>();
  private readonly secrets = new Map<string, Map<string, PublicSecret>>();
  private readonly clients = new Map<string, { graph: ClientGraph; secretNames: Set<string> }>();

  constructor(private readonly ruleSet: RuleSet) {}

  /** Facts of the project holding `file` (an absolute path). */
  factsFor(file: string): ProjectFacts {
    const dir = path.dirname(file);
    return this.facts.get(this.rootOf(dir) ?? path.resolve(dir));
  }

  /** The nearest folder at or above `dir` holding a package.json (projectRootOf's answer), or undefined;
   * remembered for every folder on the way, so a tree's files cost one check per folder, not per level. */
  private rootOf(dir: string): string | undefined {
    const known = this.roots.get(dir);
    if (known !== undefined) return known || undefined;
    const parent = path.dirname(dir);
    const root = fs.existsSync(path.join(dir, 'package.json')) ? dir : parent === dir ? undefined : this.rootOf(parent);
    this.roots.set(dir, root ?? '');
    return root;
  }

  publicSecretsFor(file: string): Map<string, PublicSecret> {
    const facts = this.factsFor(file);
    let secrets = this.secrets.get(facts.root);
    if (!secrets) {
      secrets = publicSecretsOfProject(facts, this.ruleSet);
      this.secrets.set(facts.root, secrets);
    }
    return secrets;
  }

  /** Where `file` sits in the browser's module graph, or undefined when it is not client code. */
  clientModuleFor(file: string): ClientModuleFacts | undefined {
    const facts = this.factsFor(file);
    // Only a project with a browser framework or bundler ships code to browsers; most package folders
    // of a tree (node_modules, tools) have none, and building their graph read every source file again.
    if (facts.frameworks.length === 0) return undefined;
    let entry = this.clients.get(facts.root);
    if (!entry) {
      entry = { graph: buildClientGraph(facts, readFromDisk), secretNames: secretEnvNames(facts, this.ruleSet) };
      this.clients.set(facts.root, entry);
    }
    const chain = importChainOf(entry.graph, file);
    if (!chain) return undefined;
    const top = entry.graph.modules.get(path.join(facts.root, chain[0]));
    return { chain, reason: top?.reason ?? 'client code', policy: facts.policy, secretNames: entry.secretNames };
  }
}
