// What the server-proxy fix (fixes/serverProxy.ts) needs to know beyond the .env facts: the framework that will
// hold the route, where its routes live, TypeScript or not, and which route names are taken.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { EnvFacts } from '../fixes/moveToEnv';
import type { ServerProxyFacts } from '../fixes/serverProxy';
import { detectProject, projectRootOf } from './frameworks';

export function gatherProxyFacts(envFacts: EnvFacts, workspaceFolder: string | undefined): ServerProxyFacts {
  const projectRoot = projectRootOf(path.dirname(envFacts.sourcePath), workspaceFolder);
  const project = detectProject(projectRoot);
  const ids = new Set(project.frameworks.map((f) => f.id));
  const framework = ids.has('next') ? 'next' : ids.has('sveltekit') ? 'sveltekit' : 'node';
  const appDir = fs.existsSync(path.join(projectRoot, 'src', 'app')) && !fs.existsSync(path.join(projectRoot, 'app')) ? 'src/app' : 'app';
  const apiDir = framework === 'next' ? path.join(projectRoot, ...appDir.split('/'), 'api') : framework === 'sveltekit' ? path.join(projectRoot, 'src', 'routes', 'api') : path.join(projectRoot, 'server');
  return {
    ...envFacts,
    framework,
    projectRoot,
    appDir,
    typescript: fs.existsSync(path.join(projectRoot, 'tsconfig.json')),
    takenSlugs: listing(apiDir),
    publicPrefixes: project.policy.prefixes.map((p) => p.prefix).filter((p) => p !== ''),
  };
}

function listing(dir: string): string[] {
  try {
    return fs.readdirSync(dir);
  } catch {
    return [];
  }
}
