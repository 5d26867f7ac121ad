// What the CLI and its scan workers say to each other, and the policy both load the same way.
import * as path from 'node:path';
import { loadBuiltinRules } from '../project/ruleFiles';
import { loadWorkspacePolicy, policyRoot, type WorkspacePolicy } from '../project/workspacePolicy';
import type { FileOutcome } from './fileScan';

export interface WorkerSetup {
  cwd: string;
  /** Absolute path of --config, if given. */
  configFile?: string;
  maxFileSize: number;
  /** The baseline whose entries are left out, if one is used. */
  baselineFile?: string;
}

export interface WorkerRequest {
  batch: number;
  files: string[];
}

export interface WorkerReply {
  batch: number;
  outcomes: FileOutcome[];
}

/** The repository's policy (root: the enclosing git work tree, else the working folder). */
export function loadScanPolicy(cwd: string, configFile: string | undefined): WorkspacePolicy {
  const builtin = loadBuiltinRules();
  return loadWorkspacePolicy(policyRoot(cwd), builtin.rules, { builtinRuleSet: builtin, configFile: configFile === undefined ? undefined : path.resolve(cwd, configFile) });
}
