// Issue 16, check 4: secrets in logs. Positive and negative cases in several languages; the finding covers
// the credential expression, its message never holds a value, and AI / exchange keys are errors.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { scanText, HYGIENE_CHECKS } from '../../server/src/engine';
import { builtinRuleSet } from '../support/rules';

const logged = (path: string, text: string) =>
  scanText(text, path, builtinRuleSet())
    .filter((f) => f.ruleId === HYGIENE_CHECKS.secretInLog)
    .map((f) => text.slice(f.start, f.end));

const POSITIVE: Array<[string, string, string]> = [
  ['app.ts', 'console.log(process.env.OPENAI_API_KEY);', 'process.env.OPENAI_API_KEY'],
  ['app.ts', 'console.log("key", apiKey);', 'apiKey'],
  ['app.js', 'console.info(`using ${config.apiKey}`);', 'config.apiKey'],
  ['app.ts', 'logger.debug({ clientSecret });', 'clientSecret'],
  ['app.ts', 'throw new Error("bad key " + this.apiKey);', 'this.apiKey'],
  ['app.mjs', 'console.error(String(process.env["STRIPE_SECRET_KEY"]))', 'process.env["STRIPE_SECRET_KEY"]'],
  ['main.py', 'print(os.environ["OPENAI_API_KEY"])', 'os.environ["OPENAI_API_KEY"]'],
  ['main.py', 'logger.info(f"calling with {api_key}")', 'api_key'],
  ['main.py', 'logging.debug("token=%s", os.getenv("GITHUB_TOKEN"))', 'os.getenv("GITHUB_TOKEN")'],
  ['main.py', 'raise ValueError(f"rejected key {self.secret_key!r}")', 'self.secret_key'],
  ['main.py', 'log.info("login", password=password)', 'password'],
  ['main.go', 'log.Printf("key=%s", os.Getenv("STRIPE_SECRET_KEY"))', 'os.Getenv("STRIPE_SECRET_KEY")'],
  ['main.go', 'fmt.Println("token:", accessToken)', 'accessToken'],
  ['app.rb', 'puts ENV["GITHUB_TOKEN"]', 'ENV["GITHUB_TOKEN"]'],
  ['app.rb', 'Rails.logger.info("key #{api_key}")', 'api_key'],
  ['index.php', 'echo "key: $apiKey";', '$apiKey'],
  ['index.php', "error_log('secret ' . getenv('APP_SECRET'));", "getenv('APP_SECRET')"],
  ['Main.java', 'System.out.println("key " + apiKey);', 'apiKey'],
  ['Program.cs', 'Console.WriteLine($"Key: {apiKey}");', 'apiKey'],
  ['main.rs', 'println!("{}", api_key);', 'api_key'],
  ['main.rs', 'eprintln!("{api_key}");', 'api_key'],
  ['deploy.sh', 'echo "$OPENAI_API_KEY"', '$OPENAI_API_KEY'],
  ['app.ts', 'Sentry.captureMessage(`auth failed for ${authToken}`);', 'authToken'],
];

for (const [path, text, expected] of POSITIVE) {
  test(`secret in log: ${path}: ${text}`, () => assert.deepEqual(logged(path, text), [expected]));
}

const NEGATIVE: Array<[string, string]> = [
  ['app.ts', 'console.log(apiKey.slice(0, 4));'],
  ['app.ts', 'console.log(apiKey ? "set" : "missing");'],
  ['app.ts', 'console.log("has key:", !!apiKey, typeof apiKey);'],
  ['app.ts', 'logger.debug({ apiKey: "***" });'],
  ['app.ts', 'console.log(mask(apiKey));'],
  ['app.ts', 'throw new Error("OPENAI_API_KEY is not set");'],
  ['app.ts', 'console.log(token);'],
  ['app.ts', 'console.log(key, tokens.length, nextPageToken);'],
  ['app.ts', '// console.log(apiKey)'],
  ['app.ts', 'console.log(getApiKey);'.replace('getApiKey', 'getApiKey()')],
  ['app.ts', 'console.log(apiKeyName, passwordField);'],
  ['main.py', 'logger.info(f"using {api_key[:4]}…")'],
  ['main.py', 'print("key set" if api_key else "no key")'],
  ['main.py', '# print(api_key)'],
  ['main.go', 'log.Printf("key length %d", len(apiKey))'],
  ['README.md', 'console.log(process.env.OPENAI_API_KEY)'],
  ['app.rb', "puts 'api_key missing'"],
  ['Main.java', 'System.out.println("apiKey is required");'],
];

for (const [path, text] of NEGATIVE) {
  test(`no secret in log: ${path}: ${text}`, () => assert.deepEqual(logged(path, text), []));
}

test('AI and exchange keys in logs are errors, others warnings; the message names the variable, not a value', () => {
  const text = 'console.log(process.env.ANTHROPIC_API_KEY);\nconsole.log(process.env.BINANCE_SECRET_KEY);\nconsole.log(process.env.SMTP_PASSWORD);\n';
  const found = scanText(text, 'a.ts', builtinRuleSet()).filter((f) => f.ruleId === HYGIENE_CHECKS.secretInLog);
  assert.deepEqual(found.map((f) => [f.envName, f.severity, f.category]), [
    ['ANTHROPIC_API_KEY', 'error', 'hygiene'],
    ['BINANCE_SECRET_KEY', 'error', 'hygiene'],
    ['SMTP_PASSWORD', 'warning', 'hygiene'],
  ]);
  assert.match(found[0].message ?? '', /env variable ANTHROPIC_API_KEY .* log/);
});

test('a call spanning three lines is read; arguments further away are not', () => {
  assert.deepEqual(logged('a.ts', 'console.log(\n  "key",\n  apiKey,\n);'), ['apiKey']);
  assert.deepEqual(logged('a.ts', 'console.log(\n\n\n\n  apiKey);'), []);
});

test('a suppression comment silences a hygiene finding by its id', () => {
  assert.deepEqual(logged('a.ts', `// secret-hygiene-ignore-next-line ${HYGIENE_CHECKS.secretInLog}\nconsole.log(apiKey);`), []);
  assert.deepEqual(logged('a.ts', `// secret-hygiene-ignore-next-line stripe-live-secret-key\nconsole.log(apiKey);`), ['apiKey']);
});
