// planMoveAllToEnv: the source action "Move all secrets in this file to .env". Plans each finding in turn
// against the original source (edits stay in its offsets) and the .env/.gitignore texts as the previous
// moves left them, so names stay unique and .gitignore is touched once. Pure.
import { planMoveToEnv, type EnvFacts, type FindingRef } from './moveToEnv';
import { applyReplaces, type EnvReservation, type FileChange, type FixPlan, type TextReplace } from './types';

export function planMoveAllToEnv(findings: FindingRef[], facts: EnvFacts): FixPlan {
  const originals = new Map<string, string | undefined>();
  const current = new Map<string, string | undefined>();
  const sourceEdits = new Map<string, TextReplace>();
  const messages: string[] = [];
  const skipped: string[] = [];
  const reservations: EnvReservation[] = [];
  let state = facts;
  for (const finding of [...findings].sort((a, b) => a.start - b.start)) {
    const plan = planMoveToEnv(finding, state);
    const replacement = plan.changes[0]?.edits.at(-1);
    const overlaps = replacement && [...sourceEdits.values()].some((e) => e.start < replacement.end && replacement.start < e.end && e.start !== e.end);
    if (plan.refusal || overlaps) {
      skipped.push(`${finding.masked} (${plan.refusal ?? 'it shares a string with another key'})`);
      continue;
    }
    for (const change of plan.changes) {
      if (change.path === facts.sourcePath) {
        for (const edit of change.edits) sourceEdits.set(`${edit.start}:${edit.end}:${edit.newText}`, edit);
        continue;
      }
      if (!originals.has(change.path)) originals.set(change.path, change.create ? undefined : textOf(state, change.path));
      current.set(change.path, applyReplaces(current.get(change.path) ?? textOf(state, change.path) ?? '', change.edits));
    }
    messages.push(...plan.messages.filter((m) => !messages.includes(m)));
    reservations.push(...(plan.reservations ?? []));
    state = withTexts(state, current);
  }
  if (sourceEdits.size === 0) return { changes: [], messages: [], refusal: skipped.length > 0 ? `no secret here can be moved: ${skipped.join('; ')}` : 'no secrets in this file' };
  const changes: FileChange[] = [{ path: facts.sourcePath, create: false, edits: mergeCreatedConstructors(facts.text, [...sourceEdits.values()]) }];
  for (const [file, text] of current) {
    const original = originals.get(file);
    const base = original ?? '';
    const edit = text!.startsWith(base) ? { start: base.length, end: base.length, newText: text!.slice(base.length) } : { start: 0, end: base.length, newText: text! };
    changes.push({ path: file, create: original === undefined, edits: [edit], mergeIfExists: true });
  }
  if (skipped.length > 0) messages.push(`Left in place: ${skipped.join('; ')}.`);
  return { changes, messages, reservations };
}

function textOf(facts: EnvFacts, file: string): string | undefined {
  if (file === facts.envPath) return facts.envText;
  if (file === facts.localEnvPath) return facts.localEnvText;
  if (file === facts.examplePath) return facts.exampleText;
  return facts.gitignoreLayers.find((layer) => layer.path === file)?.text;
}

/** The facts with the texts of the files earlier moves changed (a created .gitignore becomes a layer). */
function withTexts(facts: EnvFacts, texts: Map<string, string | undefined>): EnvFacts {
  const layers = facts.gitignoreLayers.map((layer) => (texts.has(layer.path) ? { ...layer, text: texts.get(layer.path) } : layer));
  return {
    ...facts,
    envText: texts.has(facts.envPath) ? texts.get(facts.envPath) : facts.envText,
    localEnvText: facts.localEnvPath && texts.has(facts.localEnvPath) ? texts.get(facts.localEnvPath) : facts.localEnvText,
    exampleText: facts.examplePath && texts.has(facts.examplePath) ? texts.get(facts.examplePath) : facts.exampleText,
    gitignoreLayers: layers,
  };
}

/** A PHP constructor a move creates (fixes/declarations.ts): its indentation, line break and assignment. */
const CREATED_CONSTRUCTOR = /^(\r?\n)?(\r?\n)([ \t]*)public function __construct\(\)\r?\n[ \t]*\{\r?\n[ \t]*(\$this->\w+ = [^\r\n]*;)\r?\n[ \t]*\}\r?\n$/;

/** Each property moved in a class without a constructor planned its own `__construct`; one class gets one,
 * after its last moved property, holding every assignment in order. */
function mergeCreatedConstructors(text: string, edits: TextReplace[]): TextReplace[] {
  const byClass = new Map<number, Array<{ edit: TextReplace; match: RegExpExecArray }>>();
  for (const edit of edits) {
    const match = edit.start === edit.end ? CREATED_CONSTRUCTOR.exec(edit.newText) : null;
    if (!match) continue;
    const classAt = Math.max(text.lastIndexOf('class ', edit.start), text.lastIndexOf('trait ', edit.start));
    byClass.set(classAt, [...(byClass.get(classAt) ?? []), { edit, match }]);
  }
  const dropped = new Set<TextReplace>();
  const merged = new Map<TextReplace, TextReplace>();
  for (const group of byClass.values()) {
    if (group.length < 2) continue;
    group.sort((a, b) => a.edit.start - b.edit.start);
    const last = group[group.length - 1];
    const [, lead = '', eol, indent] = last.match;
    const assignments = group.map((g) => `${indent}${indent}${g.match[4]}`).join(eol);
    for (const g of group.slice(0, -1)) dropped.add(g.edit);
    merged.set(last.edit, { ...last.edit, newText: `${lead}${eol}${indent}public function __construct()${eol}${indent}{${eol}${assignments}${eol}${indent}}${eol}` });
  }
  return edits.filter((e) => !dropped.has(e)).map((e) => merged.get(e) ?? e);
}
