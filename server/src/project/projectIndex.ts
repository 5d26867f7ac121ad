// Per-file lookups of project facts for batch scans (the CLI): the project a file belongs to and the
// public .env variables of that project holding secrets. Everything is read once per project root.
import * as path from 'node:path';
import type { PublicSecret, RuleSet } from '../engine';
import { publicSecretsOfProject } from './envFiles';
import { ProjectFactsCache, projectRootOf, type ProjectFacts } from './frameworks';

export class ProjectIndex {
  private readonly facts = new ProjectFactsCache();
  private readonly roots = new Map<string, string>();
  private readonly secrets = new Map<string, Map<string, PublicSecret>>();

  constructor(private readonly ruleSet: RuleSet) {}

  /** Facts of the project holding `file` (an absolute path). */
  factsFor(file: string): ProjectFacts {
    const dir = path.dirname(file);
    let root = this.roots.get(dir);
    if (root === undefined) {
      root = projectRootOf(dir);
      this.roots.set(dir, root);
    }
    return this.facts.get(root);
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
}
