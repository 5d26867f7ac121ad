// A Dockerfile secret in `ENV NAME=…` or `ARG NAME=…` stays in the image (ENV in its config, ARG in its history),
// so "Move to .env" does not turn it into a build argument: the line goes, and every later RUN that reads the
// variable gets it from a BuildKit secret mount (`RUN --mount=type=secret,id=…,env=NAME`), which never lands in a
// layer. A value nothing RUNs is a run-time setting: it comes from `docker run --env-file` instead. Pure.
import type { LiteralSite } from './literal';
import { lineEnding, type TextReplace } from './types';

export interface DockerSecretPlan {
  edits: TextReplace[];
  messages: string[];
}

/** The plan for a key that is the whole value of a one-variable ENV/ARG line, or undefined (then the usual rewrite). */
export function planDockerSecret(text: string, site: LiteralSite, envName: string, envFile: string): DockerSecretPlan | undefined {
  const lineStart = text.lastIndexOf('\n', site.start - 1) + 1;
  const newline = text.indexOf('\n', site.end);
  const lineEnd = newline < 0 ? text.length : newline + 1;
  const line = text.slice(lineStart, lineEnd).replace(/\r?\n$/, '');
  const instruction = /^\s*(ENV|ARG)\s+([A-Za-z_]\w*)(\s*=\s*|\s+)$/i.exec(text.slice(lineStart, site.start));
  if (!instruction || site.kind === 'embedded' || text.slice(site.end, lineStart + line.length).trim() !== '') return undefined;
  if (instruction[1].toUpperCase() === 'ENV' && !instruction[3].includes('=') && /\s/.test(text.slice(site.start, site.end))) return undefined;
  const variable = instruction[2];
  const id = envName.toLowerCase().replace(/_/g, '-');
  const eol = lineEnding(text);
  const edits: TextReplace[] = [{ start: lineStart, end: lineEnd, newText: '' }];
  const uses = new RegExp(`\\$\\{?${variable}\\b`);
  let mounted = 0;
  // Every later RUN instruction (with its continuation lines) that reads the variable.
  const lines = text.slice(lineEnd).split('\n');
  let offset = lineEnd;
  for (let i = 0; i < lines.length; i++) {
    const start = offset;
    let body = lines[i];
    let j = i;
    while (/\\\r?$/.test(lines[j]) && j + 1 < lines.length) body += `\n${lines[++j]}`;
    for (let k = i; k <= j; k++) offset += lines[k].length + 1;
    const run = /^(\s*RUN\s+)/i.exec(body);
    if (run && uses.test(body) && !body.includes(`id=${id}`)) {
      edits.push({ start: start + run[1].length, end: start + run[1].length, newText: `--mount=type=secret,id=${id},env=${variable} ` });
      mounted++;
    }
    i = j;
  }
  const messages: string[] = [];
  if (mounted > 0) {
    const first = text.split(/\r?\n/).find((l) => l.trim() !== '') ?? '';
    if (!/^#\s*syntax\s*=/i.test(first)) edits.unshift({ start: 0, end: 0, newText: `# syntax=docker/dockerfile:1${eol}` });
    else {
      const bump = bumpOldSyntax(text, first);
      if (bump) {
        edits.unshift(bump.edit);
        messages.push(bump.message);
      }
    }
    messages.push(
      `The ${instruction[1].toUpperCase()} line kept the key in the image; ${mounted === 1 ? 'the RUN that reads it now gets' : `the ${mounted} RUNs that read it now get`} ${variable} from a BuildKit secret mount, which no layer keeps. Build with \`docker build --secret id=${id},env=${envName} .\` after loading ${envFile} into your shell (\`set -a; . ./${envFile}; set +a\`), or in compose: \`build: { secrets: [${id}] }\` and top-level \`secrets: { ${id}: { environment: ${envName} } }\`.`,
    );
  } else {
    messages.push(`No RUN reads ${variable}, so it is a run-time setting: the ${instruction[1].toUpperCase()} line is gone (it kept the key in the image); pass it when the container starts: \`docker run --env-file ${envFile} …\` or compose \`env_file: ${envFile}\`.`);
  }
  return { edits, messages };
}

/** The `env=` option of a secret mount needs Dockerfile syntax 1.10 or later: an older pin (`# syntax=
 * docker/dockerfile:1.7`) would fail the build on it, so it is raised to 1.10 (a digest pinned with it is
 * dropped: it names the old version). Other frontends and newer pins are left alone. */
function bumpOldSyntax(text: string, firstLine: string): { edit: TextReplace; message: string } | undefined {
  const pin = /^(#\s*syntax\s*=\s*(?:docker\.io\/)?docker\/dockerfile:)(1\.(\d+)(?:\.\d+)?(?:-[\w.]+)?(?:@sha256:[0-9a-f]+)?)\s*$/i.exec(firstLine);
  if (!pin || Number(pin[3]) >= 10) return undefined;
  const start = text.indexOf(firstLine) + pin[1].length;
  return {
    edit: { start, end: start + pin[2].length, newText: '1.10' },
    message: `The syntax line pinned Dockerfile ${pin[2]}; a secret mount read as an environment variable (env=) needs 1.10 or later, so it now says 1.10.`,
  };
}
