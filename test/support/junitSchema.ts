// A strict parser for the XML subset reports write (declaration, elements, attributes, text, character and the five
// predefined entity references; anything else is an error), and a check of the JUnit XML structure as the Jenkins
// junit-10.xsd describes it (testsuites > testsuite > testcase, the attributes each may carry, counts that add up),
// plus the testcase `file` and `line` attributes pytest and jest-junit write and GitLab reads. Written from those
// descriptions for the tests; no network.

export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  text: string;
}

const NAME = /[A-Za-z_][\w.-]*/y;
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
// XML 1.0 Char production, as code points (surrogates arrive paired in a JS string with the u flag).
const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;

export function parseXml(xml: string): XmlElement {
  if (NOT_XML_CHAR.test(xml)) throw new Error(`character not allowed in XML at ${xml.search(NOT_XML_CHAR)}`);
  let at = 0;
  const fail = (what: string): never => {
    throw new Error(`${what} at offset ${at}: ${JSON.stringify(xml.slice(at, at + 30))}`);
  };
  const skipSpace = () => {
    while (/\s/.test(xml[at] ?? '')) at++;
  };
  const name = (): string => {
    NAME.lastIndex = at;
    const m = NAME.exec(xml);
    if (!m) fail('name expected');
    at += m![0].length;
    return m![0];
  };
  const decode = (raw: string): string => {
    if (/[<]/.test(raw)) fail('"<" in text or attribute');
    return raw.replace(/&([^;]*);|&/g, (whole, ref: string | undefined) => {
      if (ref === undefined) return fail('bare "&"');
      if (ref in ENTITIES) return ENTITIES[ref];
      const code = /^#x([0-9a-fA-F]+)$/.exec(ref)?.[1] ?? /^#([0-9]+)$/.exec(ref)?.[1];
      if (code === undefined) return fail(`unknown entity ${whole}`);
      const point = ref.startsWith('#x') ? parseInt(code, 16) : parseInt(code, 10);
      const char = String.fromCodePoint(point);
      if (NOT_XML_CHAR.test(char)) fail(`character reference to a character XML forbids: ${whole}`);
      return char;
    });
  };
  const element = (): XmlElement => {
    if (xml[at] !== '<') fail('"<" expected');
    at++;
    const result: XmlElement = { name: name(), attributes: {}, children: [], text: '' };
    for (;;) {
      const before = at;
      skipSpace();
      if (xml.startsWith('/>', at)) {
        at += 2;
        return result;
      }
      if (xml[at] === '>') {
        at++;
        break;
      }
      if (at === before) fail('space expected before an attribute');
      const key = name();
      if (key in result.attributes) fail(`attribute ${key} twice`);
      if (xml[at] !== '=') fail('"=" expected');
      const quote = xml[++at];
      if (quote !== '"' && quote !== "'") fail('quoted value expected');
      const end = xml.indexOf(quote, at + 1);
      if (end < 0) fail('unterminated attribute');
      result.attributes[key] = decode(xml.slice(at + 1, end));
      at = end + 1;
    }
    for (;;) {
      const next = xml.indexOf('<', at);
      if (next < 0) fail(`unclosed <${result.name}>`);
      result.text += decode(xml.slice(at, next));
      at = next;
      if (xml.startsWith('</', at)) {
        at += 2;
        if (name() !== result.name) fail(`</${result.name}> expected`);
        skipSpace();
        if (xml[at++] !== '>') fail('">" expected');
        return result;
      }
      result.children.push(element());
    }
  };
  const declaration = /^<\?xml version="1\.0" encoding="UTF-8"\?>\n/.exec(xml);
  if (!declaration) fail('XML declaration with UTF-8 expected');
  at = declaration![0].length;
  const root = element();
  skipSpace();
  if (at !== xml.length) fail('content after the root element');
  return root;
}

// Attributes each element may carry (junit-10.xsd), required ones first.
const ATTRIBUTES: Record<string, { required: string[]; optional: string[]; children: string[] }> = {
  testsuites: { required: [], optional: ['name', 'time', 'tests', 'failures', 'disabled', 'errors'], children: ['testsuite'] },
  testsuite: { required: ['name', 'tests'], optional: ['disabled', 'errors', 'failures', 'hostname', 'id', 'package', 'skipped', 'time', 'timestamp'], children: ['properties', 'testcase', 'system-out', 'system-err'] },
  properties: { required: [], optional: [], children: ['property'] },
  property: { required: ['name', 'value'], optional: [], children: [] },
  testcase: { required: ['name'], optional: ['assertions', 'time', 'classname', 'status', 'file', 'line'], children: ['skipped', 'error', 'failure', 'system-out', 'system-err'] },
  skipped: { required: [], optional: ['message'], children: [] },
  error: { required: [], optional: ['message', 'type'], children: [] },
  failure: { required: [], optional: ['message', 'type'], children: [] },
  'system-out': { required: [], optional: [], children: [] },
  'system-err': { required: [], optional: [], children: [] },
};
const INTEGER = /^(0|[1-9][0-9]*)$/;
const DECIMAL = /^[0-9]+(\.[0-9]+)?$/;
const TIMESTAMP = /^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}$/;

/** Problems of a JUnit XML report (empty: valid). */
export function junitProblems(xml: string): string[] {
  let root: XmlElement;
  try {
    root = parseXml(xml);
  } catch (error) {
    return [`not well-formed: ${(error as Error).message}`];
  }
  const problems: string[] = [];
  if (root.name !== 'testsuites' && root.name !== 'testsuite') problems.push(`root is <${root.name}>, not <testsuites> or <testsuite>`);
  const visit = (element: XmlElement, where: string) => {
    const shape = ATTRIBUTES[element.name];
    if (!shape) return void problems.push(`${where}: unknown element <${element.name}>`);
    for (const key of shape.required) if (!(key in element.attributes)) problems.push(`${where}: missing attribute ${key}`);
    for (const key of Object.keys(element.attributes)) if (!shape.required.includes(key) && !shape.optional.includes(key)) problems.push(`${where}: attribute ${key} not allowed`);
    for (const key of ['tests', 'failures', 'errors', 'skipped', 'disabled', 'line', 'assertions']) {
      if (key in element.attributes && !INTEGER.test(element.attributes[key])) problems.push(`${where}: ${key} is not a whole number`);
    }
    if ('time' in element.attributes && !DECIMAL.test(element.attributes.time)) problems.push(`${where}: time is not a decimal number of seconds`);
    if ('timestamp' in element.attributes && !TIMESTAMP.test(element.attributes.timestamp)) problems.push(`${where}: timestamp is not an ISO 8601 date-time without time zone`);
    if (shape.children.length === 0 && element.children.length > 0) problems.push(`${where}: <${element.name}> holds elements`);
    if (element.name !== 'failure' && element.name !== 'error' && element.name !== 'skipped' && !element.name.startsWith('system-') && element.text.trim() !== '') problems.push(`${where}: text inside <${element.name}>`);
    let order = 0;
    element.children.forEach((child, i) => {
      const rank = shape.children.indexOf(child.name);
      if (rank < 0) return void problems.push(`${where}: <${child.name}> not allowed in <${element.name}>`);
      // The suite's children come in the schema's order; a test case has at most one outcome.
      if (element.name === 'testsuite' && rank < order) problems.push(`${where}: <${child.name}> out of order`);
      order = Math.max(order, rank);
      visit(child, `${where}/${child.name}[${i}]`);
    });
    if (element.name === 'testcase' && element.children.filter((c) => c.name === 'skipped' || c.name === 'error' || c.name === 'failure').length > 1) problems.push(`${where}: more than one outcome`);
    if (element.name === 'testsuite') {
      const cases = element.children.filter((c) => c.name === 'testcase');
      const count = (outcome: string) => cases.filter((c) => c.children.some((o) => o.name === outcome)).length;
      if (Number(element.attributes.tests) !== cases.length) problems.push(`${where}: tests="${element.attributes.tests}" but ${cases.length} test cases`);
      for (const [key, outcome] of [['failures', 'failure'], ['errors', 'error'], ['skipped', 'skipped']]) {
        if (key in element.attributes && Number(element.attributes[key]) !== count(outcome)) problems.push(`${where}: ${key}="${element.attributes[key]}" but ${count(outcome)} test cases with <${outcome}>`);
      }
    }
  };
  visit(root, root.name);
  if (root.name === 'testsuites') {
    for (const key of ['tests', 'failures', 'errors']) {
      const sum = root.children.reduce((total, suite) => total + Number(suite.attributes[key] ?? 0), 0);
      if (key in root.attributes && Number(root.attributes[key]) !== sum) problems.push(`testsuites: ${key}="${root.attributes[key]}" but the suites add up to ${sum}`);
    }
  }
  return problems;
}
