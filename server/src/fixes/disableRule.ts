// "Disable this rule for the workspace": adds the rule id to `disable` in .secret-hygiene/config.json
// (project/teamConfig.ts reads it), editing the JSONC with jsonc-parser so comments, formatting and line
// endings stay as they are. Pure: text in, plan out.
import { findNodeAtLocation, modify, parseTree, type FormattingOptions, type ParseError } from 'jsonc-parser';
import { lineEnding, refuse, type FixPlan } from './types';

export const TEAM_CONFIG_FILE = '.secret-hygiene/config.json';

/** Plans disabling `ruleId` in the config at `file`, whose current text is `text` (undefined: no file yet). */
export function planDisableRule(file: string, text: string | undefined, ruleId: string): FixPlan {
  const note = `${ruleId} is now off for everyone using this repository's ${TEAM_CONFIG_FILE}: commit it to share the decision, or remove the id from "disable" to turn the rule back on.`;
  if (text === undefined || text.trim() === '') {
    const newText = `{\n  // Rules switched off for this repository (see the README's "Team configuration").\n  "disable": [${JSON.stringify(ruleId)}]\n}\n`;
    return { changes: [{ path: file, create: text === undefined, edits: [{ start: 0, end: text?.length ?? 0, newText }] }], messages: [note] };
  }
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  if (!root || errors.length > 0 || root.type !== 'object') return refuse(`${TEAM_CONFIG_FILE} is not a valid JSON object; fix it first`);
  const disable = findNodeAtLocation(root, ['disable']);
  if (disable && disable.type !== 'array') return refuse(`"disable" in ${TEAM_CONFIG_FILE} is not a list`);
  if (disable?.children?.some((item) => item.value === ruleId)) return refuse(`${ruleId} is already disabled in ${TEAM_CONFIG_FILE}`);
  const path = disable ? ['disable', disable.children?.length ?? 0] : ['disable'];
  const value = disable ? ruleId : [ruleId];
  const edits = modify(text, path, value, { formattingOptions: formattingOf(text), ...(disable ? { isArrayInsertion: true } : {}) });
  return {
    changes: [{ path: file, create: false, edits: edits.map((edit) => ({ start: edit.offset, end: edit.offset + edit.length, newText: edit.content })) }],
    messages: [note],
  };
}

/** The file's own indentation and line ending, so the inserted lines look like their neighbours. */
function formattingOf(text: string): FormattingOptions {
  const indent = /^([ \t]+)\S/m.exec(text)?.[1] ?? '  ';
  return { insertSpaces: !indent.includes('\t'), tabSize: indent.includes('\t') ? 4 : indent.length, eol: lineEnding(text) };
}
