// Turns the scan's SARIF report into workflow commands on stdout (::error file=…,line=…::message), one per
// finding, which GitHub shows on the pull request's changed lines. Messages come from the SARIF, which holds
// masked values only. Appends `findings=<count>` to GITHUB_OUTPUT and a table to GITHUB_STEP_SUMMARY when set.
// Usage: node annotate.mjs <report.sarif> [true|false]   (false: outputs and summary only, no annotations)
import { appendFileSync, readFileSync } from 'node:fs';

const [file, annotate = 'true'] = process.argv.slice(2);
const COMMAND = { error: 'error', warning: 'warning', note: 'notice', none: 'notice' };

/** Workflow command escaping (as @actions/core does): the message, then property values. */
const escapeData = (text) => String(text).replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProperty = (text) => escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');

let log;
try {
  log = JSON.parse(readFileSync(file, 'utf8'));
} catch (error) {
  process.stderr.write(`annotate: cannot read the SARIF report ${file}: ${error.message}\n`);
  log = { runs: [] };
}
const results = (log.runs ?? []).flatMap((run) => (run.results ?? []).map((result) => ({ run, result })));
const lines = [];
for (const { run, result } of results) {
  const location = result.locations?.[0]?.physicalLocation;
  const region = location?.region ?? {};
  const uri = location?.artifactLocation?.uri ?? '';
  const path = uri.split('/').map((part) => decodeURIComponent(part)).join('/');
  const rule = run.tool?.driver?.rules?.[result.ruleIndex]?.shortDescription?.text ?? result.ruleId;
  const properties = [
    `file=${escapeProperty(path)}`,
    region.startLine && `line=${region.startLine}`,
    region.endLine && `endLine=${region.endLine}`,
    region.startColumn && region.startLine === region.endLine && `col=${region.startColumn}`,
    region.endColumn && region.startLine === region.endLine && `endColumn=${region.endColumn}`,
    `title=${escapeProperty(`Secret Hygiene: ${rule} (${result.ruleId})`)}`,
  ].filter(Boolean);
  lines.push(`::${COMMAND[result.level] ?? 'error'} ${properties.join(',')}::${escapeData(result.message?.text ?? result.ruleId)}`);
}
if (annotate !== 'false' && lines.length > 0) process.stdout.write(`${lines.join('\n')}\n`);
if (process.env.GITHUB_STEP_SUMMARY) {
  const rows = results.map(({ result }) => {
    const location = result.locations?.[0]?.physicalLocation;
    return `| \`${location?.artifactLocation?.uri ?? ''}:${location?.region?.startLine ?? ''}\` | ${result.ruleId} | ${(result.message?.text ?? '').replace(/\|/g, '\\|')} |`;
  });
  const summary = results.length === 0 ? '### Secret Hygiene: no secrets found\n' : `### Secret Hygiene: ${results.length} secret(s) found\n\n| Location | Rule | Finding |\n| --- | --- | --- |\n${rows.join('\n')}\n`;
  appendFileSync(process.env.GITHUB_STEP_SUMMARY, summary);
}
if (process.env.GITHUB_OUTPUT) appendFileSync(process.env.GITHUB_OUTPUT, `findings=${results.length}\n`);
