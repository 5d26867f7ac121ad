// The evaluation set, generated at run time (no real-looking key is committed): every rule's positives in
// several syntaxes and file types, and negatives that trip naive scanners (placeholders, digests, UUIDs,
// SRI, lockfile lines, i18n strings, env var names, minified code, data URIs).
import { expandExample, scanText, type Rule, type RuleSet } from '../../server/src/engine';
import { secret } from '../support/rules';

export interface EvalCase {
  /** Rule category for positives; the kind of look-alike for negatives. */
  category: string;
  positive: boolean;
  path: string;
  text: string;
  /** For positives: where the secret is ([start, end) of `text`). */
  secret?: [number, number];
  label: string;
}

const SEEDS = ['eval-1', 'eval-2'];

/** The same value in other syntaxes: a detector must not depend on the one example's layout. */
function variations(name: string, value: string): Array<{ path: string; text: string }> {
  const camel = name.toLowerCase().replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
  return [
    { path: 'config/settings.json', text: `{\n  "${camel}": "${value}"\n}\n` },
    { path: 'deploy/values.yaml', text: `env:\n  ${name}: "${value}"\n` },
    { path: 'scripts/deploy.sh', text: `#!/bin/sh\nexport ${name}="${value}"\n` },
    { path: 'src/config.ts', text: `export const ${camel} = '${value}';\n` },
    { path: 'app/settings.py', text: `${name} = "${value}"\n` },
    { path: 'k8s/secret.yaml', text: `apiVersion: v1\nkind: Secret\ndata:\n  config: ${btoa(`${name}=${value}\n`)}\n` },
  ];
}

function positivesFor(rule: Rule, ruleSet: RuleSet, samplePath: string): EvalCase[] {
  const cases: EvalCase[] = [];
  for (const seed of SEEDS) {
    rule.examples.positive.forEach((example, index) => {
      const text = expandExample(example, seed);
      const own = scanText(text, samplePath, ruleSet).find((f) => f.ruleId === rule.id);
      // The example itself (its range from the rule's own finding, else the whole text).
      cases.push({ category: rule.category, positive: true, path: samplePath, text, secret: own ? [own.start, own.end] : [0, text.length], label: `${rule.id} #${index + 1}` });
      if (!own || rule.pathMatcher || rule.multiline || seed !== SEEDS[0]) return;
      // URL-shaped credentials (database URLs, webhooks) keep their URL; others move the bare value.
      const match = text.slice(own.matchStart, own.matchEnd);
      const value = match.includes('://') ? match : text.slice(own.start, own.end);
      if (/["'\\\n]/.test(value)) return;
      for (const variant of variations(rule.envName ?? 'API_KEY', value)) {
        const at = variant.text.indexOf(value);
        const secretRange: [number, number] = at >= 0 ? [at, at + value.length] : [variant.text.indexOf('config: ') + 8, variant.text.lastIndexOf('\n')];
        cases.push({ category: rule.category, positive: true, path: variant.path, text: variant.text, secret: secretRange, label: `${rule.id} #${index + 1} in ${variant.path}` });
      }
    });
  }
  return cases;
}

const hex = (n: number, seed: string) => secret(`{hex:${n}}`, seed);
const b64 = (n: number, seed: string) => secret(`{base64:${n}}`, seed);
const uuid = (seed: string) => {
  const h = hex(32, seed);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20)}`;
};

/** Look-alikes by kind; each is one case, several seeds each. */
function lookAlikes(seed: string): Array<{ category: string; path: string; text: string }> {
  return [
    { category: 'placeholder', path: '.env.example', text: 'OPENAI_API_KEY=your-api-key-here\nSTRIPE_SECRET_KEY=sk_live_...\nDATABASE_URL=postgres://user:password@localhost:5432/app\n' },
    { category: 'placeholder', path: 'src/config.ts', text: 'export const config = { apiKey: process.env.API_KEY, token: "<YOUR_TOKEN>", secret: "${SECRET}" };\n' },
    { category: 'placeholder', path: 'config.yaml', text: 'password: changeme\napi_token: "xxxxxxxxxxxxxxxxxxxxxxxx"\nclient_secret: "********"\n' },
    { category: 'hash', path: 'release.txt', text: `sha256: ${hex(64, seed)}\nsha1 ${hex(40, seed + 'a')}  dist/app.tgz\n` },
    { category: 'hash', path: 'src/cache.ts', text: `const checksum = "${hex(40, seed)}";\nconst etag = "${hex(32, seed + 'e')}";\n` },
    { category: 'hash', path: 'CHANGELOG.md', text: `- fix token refresh (commit ${hex(40, seed)})\n` },
    { category: 'uuid', path: 'src/ids.ts', text: `const requestId = "${uuid(seed)}";\nconst tenant_id = "${uuid(seed + 't')}";\n` },
    { category: 'uuid', path: 'appsettings.json', text: `{ "ClientId": "${uuid(seed)}", "TokenId": "${uuid(seed + 'k')}" }\n` },
    { category: 'sri', path: 'public/index.html', text: `<script src="https://cdn.example.com/lib.min.js" integrity="sha384-${b64(64, seed)}" crossorigin="anonymous"></script>\n` },
    { category: 'lockfile', path: 'package-lock.json', text: `    "node_modules/left-pad": {\n      "version": "1.3.0",\n      "resolved": "https://registry.npmjs.org/left-pad/-/left-pad-1.3.0.tgz",\n      "integrity": "sha512-${b64(86, seed)}=="\n    }\n` },
    { category: 'lockfile', path: 'yarn.lock', text: `left-pad@^1.3.0:\n  version "1.3.0"\n  resolved "https://registry.yarnpkg.com/left-pad/-/left-pad-1.3.0.tgz#${hex(40, seed)}"\n  integrity sha512-${b64(86, seed)}==\n` },
    { category: 'lockfile', path: 'pnpm-lock.yaml', text: `  /left-pad@1.3.0:\n    resolution: {integrity: sha512-${b64(86, seed)}==}\n` },
    { category: 'lockfile', path: 'Cargo.lock', text: `[[package]]\nname = "serde"\nversion = "1.0.0"\nchecksum = "${hex(64, seed)}"\n` },
    { category: 'lockfile', path: 'go.sum', text: `github.com/pkg/errors v0.9.1 h1:${b64(43, seed)}=\ngithub.com/pkg/errors v0.9.1/go.mod h1:${b64(43, seed + 'm')}=\n` },
    { category: 'lockfile', path: 'poetry.lock', text: `files = [\n    {file = "requests-2.31.0.tar.gz", hash = "sha256:${hex(64, seed)}"},\n]\n` },
    { category: 'i18n', path: 'locales/en.json', text: '{\n  "auth.password.reset": "Reset your password",\n  "token_expired": "Your session token has expired, please sign in again",\n  "secret_hint": "Never share your secret key with anyone"\n}\n' },
    { category: 'i18n', path: 'src/i18n/de.ts', text: 'export default { passwordLabel: "Passwort", apiKeyHelp: "Ihren API-Schlüssel finden Sie in den Einstellungen" };\n' },
    { category: 'env-name', path: 'src/env.ts', text: 'const tokenName = "GITHUB_TOKEN";\nconst secretKey = "AWS_SECRET_ACCESS_KEY";\nconst password_env = "DATABASE_PASSWORD_FILE";\n' },
    { category: 'env-name', path: '.github/workflows/ci.yml', text: 'env:\n  NPM_TOKEN: ${{ secrets.NPM_TOKEN }}\n  api_key: OPENAI_API_KEY\n' },
    { category: 'minified', path: 'dist/app.min.js', text: 'var a=function(e,t){return e.token=t.accessToken,e.secret=t.clientSecret,e.password=t.userPassword,e};var b={apiKey:n.apiKey,authToken:r.authToken};' },
    { category: 'minified', path: 'dist/vendor.js', text: 'const tokenizer=new Tokenizer({secretKeyRef:this.secretKeyRef,passwordField:"passwordConfirmation"});function getAccessTokenSilently(){}' },
    { category: 'data-uri', path: 'src/styles.css', text: `.logo{background:url(data:image/png;base64,${b64(400, seed)})}\n` },
    { category: 'random-id', path: 'src/fixtures.ts', text: `const id = "${secret('{alnum:24}', seed)}";\nconst nonce = "${secret('{base64url:32}', seed)}";\n` },
  ];
}

export function buildCases(ruleSet: RuleSet, samplePathFor: (rule: Rule) => string): EvalCase[] {
  const cases: EvalCase[] = [];
  for (const rule of ruleSet.rules) {
    cases.push(...positivesFor(rule, ruleSet, samplePathFor(rule)));
    rule.examples.negative.forEach((example, index) => {
      for (const seed of SEEDS) cases.push({ category: 'rule-negative', positive: false, path: samplePathFor(rule), text: expandExample(example, seed), label: `${rule.id} negative #${index + 1}` });
    });
  }
  for (const seed of ['n1', 'n2', 'n3']) {
    for (const alike of lookAlikes(seed)) cases.push({ ...alike, positive: false, label: `${alike.category} in ${alike.path}` });
  }
  return cases;
}
