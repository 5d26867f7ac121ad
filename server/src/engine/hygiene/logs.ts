// Check 4, secrets in logs: a log, print, telemetry or error-message call that passes a credential-holding
// variable or env variable as it is (`console.log(apiKey)`, `print(os.environ["X"])`, `logger.info(f"{api_key}")`).
// Windowed like scanText: calls starting in [from, to) are read, their arguments at most 2 lines further.
import { argumentsEnd, codeLanguageOf, credentialUses, isCommentedOut, type CodeLanguage } from './codeText';
import { newlineIn } from '../keywordWindows';
import { providerFamily } from './names';
import { HYGIENE_CHECKS, hygieneFinding, hygieneSeverity } from './policy';
import type { Finding } from '../types';

/** Calls whose arguments end up in a log, on a console, in telemetry or in an error message. */
const CALL_HEAD = new RegExp(
  '(?:' +
  [
    String.raw`\bconsole\.(?:log|info|warn|error|debug|trace|dir)`,
    String.raw`\b(?:this\.|self\.|_)?(?:logger|log|logging|LOG|LOGGER|Log|Logger|Rails\.logger|structlog)\.(?:log|info|debug|warn|warning|error|critical|fatal|trace|exception|verbose|Info|Debug|Warn|Warning|Error|Fatal|Trace|Log(?:Information|Debug|Warning|Error|Critical|Trace)|Infof|Debugf|Warnf|Errorf|Fatalf|Printf|Println|Print|Fatalln|Panicf|Panic)`,
    String.raw`(?<![\w.])(?:print|println|printf|error_log|var_dump|print_r|NSLog|debugPrint|dump)`,
    String.raw`\b(?:println|eprintln|print|eprint|dbg|info|debug|warn|error|trace|panic|format)!`,
    String.raw`\bfmt\.(?:Print|Println|Printf|Fprintf|Fprintln|Fprint|Errorf)`,
    String.raw`\bSystem\.(?:out|err)\.print(?:ln|f)?`,
    String.raw`\b(?:Console|Debug|Trace)\.Write(?:Line)?`,
    String.raw`\bDebug\.Log(?:Warning|Error)?`,
    String.raw`\b(?:Sentry\.)?capture(?:Message|Exception)`,
    String.raw`\b(?:analytics|posthog|mixpanel|amplitude|segment)\.(?:track|capture|identify)`,
    String.raw`\b(?:span|currentSpan)\.(?:setAttribute|set_attribute|addEvent|add_event)`,
    String.raw`\bnew\s+(?:[A-Z]\w*)?(?:Error|Exception)`,
    String.raw`\braise\s+[A-Z]\w*`,
    String.raw`\berrors\.New`,
    String.raw`(?<![\w.])panic`,
  ].join('|') + String.raw`)\s*\(|(?<![\w.$])(?:puts|echo)[ \t]+(?=\S)`,
  'g',
);
/** How far past a window's end a call head starting inside it may run (`console.log   (`). */
const HEAD_REACH = 1024;
/** Arguments are read this far past the call (at most 2 more lines, like the incremental scanner's context). */
const MAX_ARGUMENT_CHARS = 600;
const MAX_EXTRA_LINES = 2;
/** More findings than this in one file is code written to print credentials (a CLI that shows config). */
const MAX_PER_FILE = 50;

/** Secret-in-log findings for calls starting in [from, to) of `text`, the content of `path`. */
export function findSecretsInLogs(text: string, path: string, from = 0, to = text.length): Finding[] {
  const language = codeLanguageOf(path);
  if (!language) return [];
  const out: Finding[] = [];
  // Searched in a prefix ending a little past `to`: a regex that finds nothing in a window must stop near
  // its end, not run on through the rest of the document on every keystroke.
  const searched = to + HEAD_REACH >= text.length ? text : text.slice(0, to + HEAD_REACH);
  CALL_HEAD.lastIndex = from;
  let match: RegExpExecArray | null;
  while ((match = CALL_HEAD.exec(searched)) !== null && match.index < to) {
    if (isCommentedOut(text, match.index) || isInString(text, match.index)) continue;
    const open = match.index + match[0].length;
    const statement = !match[0].endsWith('(');
    const limit = argumentsLimit(text, open, statement);
    const end = statement ? statementEnd(text, open, limit) : argumentsEnd(text, open, limit);
    for (const use of credentialUses(text, open, end, language)) {
      out.push(logFinding(text, match[0], match.index, end, use, language));
      if (out.length >= MAX_PER_FILE) return out;
    }
    CALL_HEAD.lastIndex = open;
  }
  return out;
}

function logFinding(text: string, head: string, callStart: number, callEnd: number, use: { start: number; end: number; name: string; env: boolean }, language: CodeLanguage): Finding {
  const error = /Error|Exception|raise|panic|errors\.New|Errorf/.test(head) && !/console|log/i.test(head);
  const telemetry = /capture|track|identify|span|Span/.test(head);
  const what = use.env ? `the env variable ${use.name}` : `${text.slice(use.start, use.end)}, which holds a credential,`;
  const where = error ? 'into an error message, which ends up in logs, crash reports and API responses' : telemetry ? 'to telemetry, where everyone with dashboard access can read it' : 'to a log, where anyone who reads the logs (and every log pipeline) gets it';
  return hygieneFinding({
    ruleId: HYGIENE_CHECKS.secretInLog,
    title: 'Secret written to a log',
    provider: 'key hygiene',
    severity: hygieneSeverity(providerFamily(use.name)),
    start: use.start,
    end: use.end,
    matchStart: callStart,
    matchEnd: Math.max(callEnd, use.end),
    envName: use.env ? use.name : undefined,
    evidence: 'generic-name',
    message: `This passes ${what} ${where}. Log a masked form (the first 4 characters) or nothing${language === 'js' || language === 'python' ? ' (quick fix)' : ''}, and rotate the key if these logs were ever shipped.`,
  });
}

/** How far a call's arguments may reach: MAX_EXTRA_LINES more lines and MAX_ARGUMENT_CHARS at most. */
function argumentsLimit(text: string, open: number, statement: boolean): number {
  // Line breaks are looked for only up to the cap, not to the end of a long minified line, for every call on it.
  const cap = Math.min(open + MAX_ARGUMENT_CHARS, text.length);
  let limit = open;
  for (let line = 0; line <= (statement ? 0 : MAX_EXTRA_LINES); line++) {
    const newline = newlineIn(text, limit, cap);
    if (newline < 0) return cap;
    limit = newline + 1;
  }
  return Math.min(limit, cap);
}

/** `puts x` / `echo "$X"`: the statement ends at `;`, a closing `?>` or the end of the line. */
function statementEnd(text: string, open: number, limit: number): number {
  for (let i = open; i < limit; i++) if (text[i] === ';' || text[i] === '\n' || (text[i] === '?' && text[i + 1] === '>')) return i;
  return limit;
}

/** True when the call is text inside a string literal on its line (generated code, docs, test data). */
function isInString(text: string, offset: number): boolean {
  let lineStart = offset;
  const floor = Math.max(0, offset - 400);
  while (lineStart > floor && text[lineStart - 1] !== '\n') lineStart--;
  let open: string | undefined;
  for (let i = lineStart; i < offset; i++) {
    const c = text[i];
    if (c === '\\') i++;
    else if (open ? c === open : c === '"' || c === "'" || c === '`') open = open ? undefined : c;
  }
  return open !== undefined;
}

