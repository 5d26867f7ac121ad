// Check 4, secrets in logs: a log, print, telemetry or error-message call that passes a credential-holding
// variable or env variable as it is (`console.log(apiKey)`, `print(os.environ["X"])`, `logger.info(f"{api_key}")`).
// Windowed like scanText: calls starting in [from, to) are read, their arguments at most 2 lines further.
import { argumentsEnd, codeLanguageOf, credentialUses, isCommentedOut, type CodeLanguage } from './codeText';
import { newlineIn } from '../keywordWindows';
import { holdsCredential, NEEDS_QUALIFIER, providerFamily } from './names';
import { HYGIENE_CHECKS, hygieneFinding, hygieneSeverity } from './policy';
import type { Finding } from '../types';

/** Calls whose arguments end up in a log, on a console, in telemetry or in an error message. Every repeat is
 * bounded (32 blanks, 64-character class names), so a head is at most HEAD_MAX long. */
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
    String.raw`\bnew\s{1,32}(?:[A-Z]\w{0,63})?(?:Error|Exception)`,
    String.raw`\braise\s{1,32}[A-Z]\w{0,63}`,
    String.raw`\berrors\.New`,
    String.raw`(?<![\w.])panic`,
  ].join('|') + String.raw`)\s{0,32}\(|(?<![\w.$])(?:puts|echo)[ \t]{1,32}(?=\S)`,
  'g',
);
/** How far past a window's end a call head starting inside it may run (`console.log   (`). */
const HEAD_REACH = 1024;
/** The longest head CALL_HEAD matches: `new` + 32 blanks + a 64-character class name ending in `Exception`
 * + 32 blanks + `(` is 141 characters. */
export const HEAD_MAX = 160;
/** Arguments are read this far past the call (at most 2 more lines, like the incremental scanner's context). */
const MAX_ARGUMENT_CHARS = 600;
const MAX_EXTRA_LINES = 2;
/** More findings than this in one file is code written to print credentials (a CLI that shows config). */
const MAX_PER_FILE = 50;

/** Where the credential words (CREDENTIAL_WORDS, as the keyword pass found them) stand: their [start, end)
 * spans sorted by start, found in text[from, searchedTo). */
export interface CredentialWords {
  spans: ReadonlyArray<readonly [number, number]>;
  searchedTo: number;
}

/** Secret-in-log findings for calls starting in [from, to) of `text`, the content of `path`. With
 * `credentialWords`, call heads are looked for only shortly before credential-holding names: a call passes a
 * credential only when one starts in its first MAX_ARGUMENT_CHARS, and such names are rare in real code. */
export function findSecretsInLogs(text: string, path: string, from = 0, to = text.length, credentialWords?: CredentialWords): Finding[] {
  const language = codeLanguageOf(path);
  if (!language) return [];
  const out: Finding[] = [];
  // Searched in a prefix ending a little past `to`: a regex that finds nothing in a window must stop near
  // its end, not run on through the rest of the document on every keystroke.
  const searched = to + HEAD_REACH >= text.length ? text : text.slice(0, to + HEAD_REACH);
  const complete = credentialWords !== undefined && credentialWords.searchedTo >= Math.min(text.length, to + HEAD_REACH + MAX_ARGUMENT_CHARS);
  const ranges = complete ? callRanges(text, credentialWords.spans, from, to) : [[from, to] as const];
  let resume = from;
  for (const [start, end] of ranges) {
    // Each range is searched in a prefix ending where its last head may end, so a range without a call
    // does not send the search on to the next call however far away.
    const prefix = complete && end + HEAD_MAX < searched.length ? searched.slice(0, end + HEAD_MAX) : searched;
    // A call read in the previous range may reach into this one: the search goes on after it, as one pass would.
    CALL_HEAD.lastIndex = Math.max(start, resume);
    let match: RegExpExecArray | null;
    while ((match = CALL_HEAD.exec(prefix)) !== null && match.index < end) {
      resume = CALL_HEAD.lastIndex;
      if (isCommentedOut(text, match.index) || isInString(text, match.index)) continue;
      const open = match.index + match[0].length;
      const statement = !match[0].endsWith('(');
      const limit = argumentsLimit(text, open, statement);
      const callEnd = statement ? statementEnd(text, open, limit) : argumentsEnd(text, open, limit);
      for (const use of credentialUses(text, open, callEnd, language)) {
        out.push(logFinding(text, match[0], match.index, callEnd, use, language));
        if (out.length >= MAX_PER_FILE) return out;
      }
      CALL_HEAD.lastIndex = open;
      resume = open;
    }
  }
  return out;
}

/** The merged ranges of [from, to) where a call head can start whose arguments hold one of the credential
 * names around `spans`. A name starting at `p` lies in the arguments of calls opening in (p - MAX_ARGUMENT_CHARS,
 * p], whose heads start at most HEAD_MAX earlier; a range starts another HEAD_MAX before that, so a head
 * matched from its start is never the tail of a longer head that started before it (`log.info(` inside
 * `this.log.info(`). */
function callRanges(text: string, spans: ReadonlyArray<readonly [number, number]>, from: number, to: number): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  const names = new NameStarts(text);
  for (const [start, end] of spans) {
    const nameStart = names.credentialNameStart(start, end);
    if (nameStart === undefined) continue;
    const rangeStart = Math.max(from, nameStart - MAX_ARGUMENT_CHARS - 2 * HEAD_MAX);
    const rangeEnd = Math.min(to, nameStart);
    if (rangeStart >= rangeEnd) continue;
    const last = ranges[ranges.length - 1];
    if (last && rangeStart <= last[1]) last[1] = Math.max(last[1], rangeEnd);
    else ranges.push([rangeStart, rangeEnd]);
  }
  return ranges;
}

/** Names are read as credentialUses reads them: identifiers (`[A-Za-z0-9_$]`), quoted env names or
 * subscripts (`[A-Za-z0-9_-]`; this one also starts a name interpolated right after a `$`). */
const IDENTIFIER = /[A-Za-z0-9_$]/;
const SUBSCRIPT = /[A-Za-z0-9_-]/;
/** A name longer than this is taken to hold a credential without reading it (bounded work per word). */
const MAX_NAME_READ = 256;

/** The word text[start, end) is one that names a credential only after a qualifier (`key`, not `apiKey`). */
function needsQualifier(text: string, start: number, end: number): boolean {
  return NEEDS_QUALIFIER.has(text.slice(start, end).toLowerCase());
}

/** Finds where the name around a credential word starts, and whether it may hold a credential. */
class NameStarts {
  /** The last run walked back over, per character class: words inside one run share its start. */
  private readonly runs = new Map<RegExp, [number, number]>();

  constructor(private readonly text: string) {}

  /** For the credential word at text[start, end): the start of the name it ends, when that name holds a credential. */
  credentialNameStart(start: number, end: number): number | undefined {
    let found: number | undefined;
    let judged = -1;
    for (const members of [IDENTIFIER, SUBSCRIPT]) {
      const runStart = this.runStart(members, start);
      // Most words open their name (`key`, `keys`, `token`): no qualifier before them, and the two classes
      // mostly agree on where a name starts.
      if (runStart === judged || (runStart === start && needsQualifier(this.text, start, end))) continue;
      judged = runStart;
      // The name cut right after the word, as a call's argument limit may cut it; whole, a name the word ends
      // holds a credential exactly when the cut one does (what follows the last word is no word).
      if (end - runStart > MAX_NAME_READ || holdsCredential(this.text.slice(runStart, end))) found = Math.min(found ?? runStart, runStart);
    }
    return found;
  }

  private runStart(members: RegExp, at: number): number {
    const last = this.runs.get(members);
    if (last && at >= last[1]) {
      // Words come in order: the run still holds this one when everything since the last word is a member.
      let i = last[1];
      while (i < at && members.test(this.text[i])) i++;
      if (i === at) {
        last[1] = at;
        return last[0];
      }
    }
    let start = at;
    while (start > 0 && members.test(this.text[start - 1])) start--;
    this.runs.set(members, [start, at]);
    return start;
  }
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

