// The scenarios both real-editor suites run: code-server driven through its UI (test/e2e) and VS Code
// driven through its API (test/vscode). One Next.js-shaped fixture workspace, keys generated at run time,
// and what each step must show and leave on disk. No vscode and no browser imports here.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { maskSecret } from '../../server/src/engine/mask';
import { secret } from '../support/rules';

/** The key typed into a source file and moved to .env (a short one: it is typed key by key). */
export const sourceKey = {
  value: secret('sk_live_{alnum:24}', 'e2e-source'),
  file: 'src/payments.js',
  ruleId: 'stripe-live-secret-key',
  envName: 'STRIPE_SECRET_KEY',
  /** What the user types, on the file's last (empty) line. */
  line(value: string): string {
    return `const stripe = new Stripe("${value}");`;
  },
};

/** A secret under a browser-public prefix in .env, in a project that depends on `next`. */
export const publicEnvKey = {
  value: secret('sk_live_{alnum:24}', 'e2e-public'),
  file: '.env',
  name: 'NEXT_PUBLIC_STRIPE_KEY',
  ruleId: 'public-env-secret',
  line(value: string): string {
    return `${this.name}=${value}`;
  },
};

export const moveToEnvTitle = 'Move to .env';

/** Typed into a fresh window before anything else: the first squiggle (issue 14 item 6). */
export const firstKey = {
  value: secret('sk_live_{alnum:24}', 'e2e-first'),
  file: 'src/first.js',
  line(value: string): string {
    return `const key = "${value}";`;
  },
};

/** Written to disk while the window is open (a closed file): the Findings view lists it from the
 * background scan, and its inline "Move to .env" moves it. */
export const plantedKey = {
  value: secret('AKIA{alnumupper:16}', 'e2e-planted'),
  file: 'src/legacy.js',
  ruleId: 'aws-access-key-id',
  text(value: string): string {
    return `// old upload code\nexport const accessKeyId = "${value}";\n`;
  },
};

/** A source file whose key streaming mode hides on screen. */
export const streamedKey = {
  value: secret('sk_live_{alnum:24}', 'e2e-streamed'),
  file: 'src/stream.js',
  text(value: string): string {
    return `export const key = "${value}";\n`;
  },
};

/** A key replaced with a vault reference through the provider quick pick ("Replace with a vault reference…"). */
export const vaultKey = {
  value: secret('ghp_{alnum:36}', 'e2e-vault'),
  file: 'src/deploy.js',
  ruleId: 'github-personal-access-token',
  text(value: string): string {
    return `export const deployToken = "${value}";\n`;
  },
};

/** What is still wrong on disk after picking 1Password: the source reads an env var whose .env line is an
 * op:// reference, and the value itself is nowhere but a git-ignored pending file. */
export function vaultProblems(root: string): string[] {
  const problems: string[] = [];
  const source = read(root, vaultKey.file);
  const env = read(root, '.env');
  if (source.includes(vaultKey.value)) problems.push(`${vaultKey.file} still holds the key`);
  const name = /process\.env\.([A-Z][A-Z0-9_]*)/.exec(source)?.[1];
  if (!name) problems.push(`${vaultKey.file} does not read process.env`);
  else if (!new RegExp(`^${name}=op://[^/\\s]+/[a-z0-9-]+/credential$`, 'm').test(env)) problems.push(`.env has no ${name}=op://… line`);
  if (env.includes(vaultKey.value)) problems.push('.env holds the value itself');
  return problems;
}

/** The fixture's starting files: existing content that every edit must keep. */
export const fixtureFiles: Record<string, string> = {
  'package.json': `${JSON.stringify({ name: 'shop', private: true, scripts: { dev: 'next dev' }, dependencies: { next: '15.3.0', react: '19.0.0', stripe: '18.0.0' } }, null, 2)}\n`,
  '.gitignore': '# dependencies\nnode_modules/\n',
  '.env': '# local settings\nPORT=3000\n',
  'src/payments.js': "import Stripe from 'stripe';\n\n",
  'src/first.js': '',
};

export function createFixture(root: string): void {
  for (const [name, text] of Object.entries(fixtureFiles)) {
    fs.mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    fs.writeFileSync(path.join(root, name), text);
  }
}

export function masked(value: string): string {
  return maskSecret(value);
}

/** True when `text` shows any stretch of the value longer than its masked ends (8 characters). */
export function leaks(text: string, value: string): boolean {
  for (let i = 0; i + 9 <= value.length; i++) if (text.includes(value.slice(i, i + 9))) return true;
  return false;
}

function read(root: string, name: string): string {
  const file = path.join(root, name);
  return fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
}

/** What is still wrong on disk after "Move to .env"; empty once the move is complete and saved. */
export function moveToEnvProblems(root: string): string[] {
  const problems: string[] = [];
  const source = read(root, sourceKey.file);
  const env = read(root, '.env');
  const gitignore = read(root, '.gitignore');
  if (source.includes(sourceKey.value)) problems.push(`${sourceKey.file} still holds the key`);
  if (!source.includes(`process.env.${sourceKey.envName}`)) problems.push(`${sourceKey.file} does not read process.env.${sourceKey.envName}`);
  if (!source.startsWith(fixtureFiles[sourceKey.file])) problems.push(`${sourceKey.file} lost its existing lines`);
  if (!env.split(/\r?\n/).includes(`${sourceKey.envName}=${sourceKey.value}`)) problems.push(`.env has no ${sourceKey.envName}=<key> line`);
  if (!env.startsWith(fixtureFiles['.env'])) problems.push('.env lost its existing lines');
  if (!gitignore.split(/\r?\n/).some((line) => /^\/?\.env\*?$/.test(line.trim()))) problems.push('.gitignore does not ignore .env');
  if (!gitignore.startsWith(fixtureFiles['.gitignore'])) problems.push('.gitignore lost its existing lines');
  return problems;
}

/** What is still wrong on disk after the Findings view's "Move to .env" on the planted key. */
export function plantedMoveProblems(root: string): string[] {
  const problems: string[] = [];
  const source = read(root, plantedKey.file);
  const env = read(root, '.env');
  if (source.includes(plantedKey.value)) problems.push(`${plantedKey.file} still holds the key`);
  // The fix names the variable after the code (accessKeyId → ACCESS_KEY_ID) or the rule.
  const name = /process\.env\.([A-Z][A-Z0-9_]*)/.exec(source)?.[1];
  if (!name) problems.push(`${plantedKey.file} does not read process.env`);
  else if (!env.split(/\r?\n/).includes(`${name}=${plantedKey.value}`)) problems.push(`.env has no ${name}=<key> line`);
  return problems;
}

/** The variable the planted key was moved to (after the move). */
export function plantedEnvName(root: string): string | undefined {
  return /process\.env\.([A-Z][A-Z0-9_]*)/.exec(read(root, plantedKey.file))?.[1];
}
