// The CLI on temporary folders: exit codes, the JSON shape, .gitignore, binary and oversized files, stdin.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { secret } from '../support/rules';

const CLI = path.resolve(__dirname, '..', '..', '..', 'dist', 'cli.js');
const awsKey = secret('AKIA{alnumupper:16}', 'cli');
const openaiKey = secret('sk-proj-{alnum:74}T3BlbkFJ{alnum:74}', 'cli');

function run(args: string[], cwd: string, input?: string) {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd, input, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function tempProject(files: Record<string, string | Buffer>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sh-cli-'));
  for (const [name, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), content);
  }
  return dir;
}

test('finds a planted AWS access key and an OpenAI project key, exits 1, prints the JSON shape', () => {
  const dir = tempProject({
    'src/aws.ts': `export const config = {\n  accessKeyId: "${awsKey}",\n};\n`,
    'app/.env': `# keys\nOPENAI_API_KEY=${openaiKey}\n`,
    'src/clean.ts': 'export const answer = 42;\n',
  });
  const { code, stdout } = run(['scan', '.', '--format', 'json'], dir);
  assert.equal(code, 1);
  const findings = JSON.parse(stdout);
  const byRule = Object.fromEntries(findings.map((f: any) => [f.ruleId, f]));
  assert.deepEqual(Object.keys(byRule).sort(), ['aws-access-key-id', 'openai-project-key']);
  const aws = byRule['aws-access-key-id'];
  assert.equal(aws.file, 'src/aws.ts');
  assert.deepEqual([aws.line, aws.column, aws.endLine, aws.endColumn], [2, 17, 2, 37]);
  const text = fs.readFileSync(path.join(dir, 'src/aws.ts'), 'utf8');
  assert.equal(text.slice(aws.start, aws.end), awsKey);
  assert.equal(aws.evidence, 'provider-format');
  for (const finding of findings) {
    for (const field of ['file', 'ruleId', 'title', 'severity', 'line', 'column', 'endLine', 'endColumn', 'start', 'end', 'masked']) {
      assert.ok(field in finding, `missing ${field}`);
    }
  }
  assert.ok(!stdout.includes(awsKey) && !stdout.includes(openaiKey.slice(10, 40)), 'raw secrets never printed');
});

test('text output names file:line:col, the rule and the masked value, with a summary', () => {
  const dir = tempProject({ 'config.py': `AWS_ACCESS_KEY_ID = "${awsKey}"\n` });
  const { code, stdout } = run(['scan'], dir);
  assert.equal(code, 1);
  assert.match(stdout, /^config\.py:1:22 +error +aws-access-key-id +AWS access key ID: AKIA…/m);
  assert.match(stdout, /1 secret found in 1 file \(1 file scanned/);
  assert.ok(!stdout.includes(awsKey));
});

test('a clean folder exits 0', () => {
  const dir = tempProject({ 'a.ts': 'const key = process.env.OPENAI_API_KEY;\n', 'b.md': 'Set OPENAI_API_KEY=sk-proj-your-key-here\n' });
  const { code, stdout } = run(['scan', dir], os.tmpdir());
  assert.equal(code, 0, stdout);
  assert.match(stdout, /No secrets found/);
});

test('.gitignore is respected, nested files and negations included', () => {
  const dir = tempProject({
    '.git/HEAD': 'ref: refs/heads/main\n',
    '.gitignore': '*.secret\nbuild/\n',
    'sub/.gitignore': '!keep.secret\n',
    'top.secret': `k=${awsKey}`,
    'build/out.js': `k="${awsKey}"`,
    'sub/keep.secret': `k=${awsKey}`,
  });
  const { code, stdout } = run(['scan', '--format', 'json'], dir);
  assert.equal(code, 1);
  assert.deepEqual(JSON.parse(stdout).map((f: any) => f.file), ['sub/keep.secret']);
  const all = run(['scan', '--format', 'json', '--no-gitignore'], dir);
  assert.equal(JSON.parse(all.stdout).length, 3);
});

test('binary files are skipped and oversized files are skipped with a note', () => {
  const dir = tempProject({
    'image.bin': Buffer.concat([Buffer.from([0, 1, 2, 0]), Buffer.from(`k=${awsKey}`)]),
    'big.txt': `${'x'.repeat(5000)}\nk=${awsKey}\n`,
  });
  const { code, stdout, stderr } = run(['scan', '--max-file-size', '1000'], dir);
  assert.equal(code, 0);
  assert.match(stderr, /skipped big\.txt: .* over the .* limit/);
  assert.match(stdout, /0 files scanned, 2 skipped/);
});

test('--stdin --filename scans standard input', () => {
  const { code, stdout } = run(['scan', '--stdin', '--filename', 'deploy.sh', '--format', 'json'], os.tmpdir(), `export AWS_ACCESS_KEY_ID=${awsKey}\n`);
  assert.equal(code, 1);
  const [finding] = JSON.parse(stdout);
  assert.equal(finding.file, 'deploy.sh');
  assert.equal(finding.column, 26);
});

test('usage and I/O errors exit 2', () => {
  assert.equal(run(['frobnicate'], os.tmpdir()).code, 2);
  assert.equal(run(['scan', '--format', 'xml'], os.tmpdir()).code, 2);
  assert.equal(run(['scan', '--bogus-flag'], os.tmpdir()).code, 2);
  const missing = run(['scan', path.join(os.tmpdir(), 'does-not-exist-sh')], os.tmpdir());
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /cannot read .*no such file/);
  assert.equal(run(['--help'], os.tmpdir()).code, 0);
});
