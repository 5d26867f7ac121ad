// The walkthrough's sample project: a small Next.js-shaped app written into the extension's global storage
// with keys generated on the spot (engine/exampleTokens.ts), so nothing real-looking ships in the
// extension, then opened in a new window.
import * as vscode from 'vscode';
import { expandExample } from '../../server/src/engine/exampleTokens';

/** The sample's files; `{alnum:24}`-style tokens are replaced by random characters when written. */
const SAMPLE_FILES: Record<string, string> = {
  'package.json': `${JSON.stringify({ name: 'secret-hygiene-sample', private: true, scripts: { dev: 'next dev' }, dependencies: { next: '15.3.0', stripe: '18.0.0' } }, null, 2)}\n`,
  '.gitignore': 'node_modules/\n.next/\n',
  'README.md': '# Secret Hygiene sample\n\nEvery key here was generated when the sample was created: none of them works.\nOpen the files in `src/` and `.env.local`, then try Ctrl+. on a squiggle.\n',
  'src/payments.js': "import Stripe from 'stripe';\n\n// A hardcoded secret key: Move to .env, or replace it with a vault reference.\nexport const stripe = new Stripe('sk_live_{alnum:24}');\n",
  'src/upload.py': "import boto3\n\n# An AWS key pair in code.\ns3 = boto3.client('s3', aws_access_key_id='AKIA{alnumupper:16}', aws_secret_access_key='{base64:40}')\n",
  'src/config.ts': "// A password assigned to a secret-like name.\nexport const db = { host: 'db.internal', password: 'Tr0ub4dor&{alnum:10}' };\n",
  '.env.local': '# A secret under NEXT_PUBLIC_ ships to every browser.\nNEXT_PUBLIC_STRIPE_SECRET=sk_live_{alnum:24}\nPORT=3000\n',
};

export async function openSampleProject(context: vscode.ExtensionContext): Promise<void> {
  const root = vscode.Uri.joinPath(context.globalStorageUri, 'sample-project');
  const seed = String(Date.now());
  for (const [name, template] of Object.entries(SAMPLE_FILES)) {
    await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(root, name), new TextEncoder().encode(expandExample(template, `${seed}:${name}`)));
  }
  await vscode.commands.executeCommand('vscode.openFolder', root, { forceNewWindow: true });
}
