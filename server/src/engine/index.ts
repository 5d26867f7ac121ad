// The engine's public surface: text + path + rule set in, findings out. Imports nothing of ours
// from outside engine/, and nothing that touches the file system, the network or an editor.
export * from './types';
export { compileRuleFile, buildRuleSet, type RuleSet, type CompileResult, type CompileOptions } from './compileRules';
export { scanText, type ScanOptions } from './scanText';
export { deserializeAutomata, recordAutomata, serializeAutomata, usePrebuiltAutomaton, type Automaton } from './ahoCorasick';
export { IncrementalScanner, type TextEdit } from './incremental';
export { maskSecret } from './mask';
export { shannonEntropy } from './entropy';
export { isPlaceholder } from './placeholder';
export { applySuppressions, isSuppressed } from './suppressions';
export { BaselineMatcher, parseBaseline, serializeBaseline, mergeBaseline, type Baseline, type BaselineEntry } from './baseline';
export { LineIndex, type Position } from './lineIndex';
export { expandExample } from './exampleTokens';
export { parseEnvFile, isEnvFileName, type EnvEntry } from './envFile';
export { scanPublicEnv, exposureOf, judgePublicValue, mergeClientBundleFindings, PUBLIC_ENV_RULE_ID, type PublicEnvPolicy, type Exposure } from './publicEnv';
export { publishableKind, hasSecretName, hasPublishableName, jwtRole } from './publishable';
export { findEnvReferences, publicSecretsOf, scanPublicEnvUses, PUBLIC_ENV_USE_RULE_ID, type EnvReference, type PublicSecret } from './envUses';
export { bundleSecretEnvEntries, secretEnvEntries } from './publicEnv';
export { fingerprintSecret, findFingerprints, scanBundleForEnvSecrets, asBundleFindings, BUNDLE_ENV_RULE_ID, type SecretFingerprint } from './bundleMatch';
export { scanClientModule, CLIENT_SERVER_ENV_RULE_ID, type ClientModuleFacts } from './clientModule';
export * from './hygiene';
