import { DocxError } from './docx.errors';

/** An element of a parsed XML part; names keep their prefix (`w:p`). */
export type XmlElement = { name: string; attrs: Record<string, string>; children: XmlNode[] };
export type XmlNode = XmlElement | string;

// Deeper nesting than this is no real document; it would only exhaust the stack of the walkers.
const MAX_DEPTH = 256;
const NAMED_ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/**
 * A small, strict XML parser for OOXML parts. A DOCTYPE is refused outright (no external entities,
 * no entity expansion: XXE and "billion laughs" cannot happen); only the five XML entities and
 * numeric character references are decoded. Processing instructions and comments are skipped.
 */
export function parseXml(xml: string): XmlElement {
  const root: XmlElement = { name: '#document', attrs: {}, children: [] };
  const stack: XmlElement[] = [root];
  const length = xml.length;
  let at = xml.charCodeAt(0) === 0xfeff ? 1 : 0;

  while (at < length) {
    const lt = xml.indexOf('<', at);
    const textEnd = lt < 0 ? length : lt;
    if (textEnd > at) {
      const text = decodeEntities(xml.slice(at, textEnd));
      if (stack.length > 1) stack[stack.length - 1].children.push(text);
      else if (text.trim() !== '') malformed('text outside the root element');
    }
    if (lt < 0) break;

    if (xml.startsWith('<?', lt)) {
      at = skipPast(xml, lt, '?>');
    } else if (xml.startsWith('<!--', lt)) {
      at = skipPast(xml, lt + 4, '-->');
    } else if (xml.startsWith('<![CDATA[', lt)) {
      const end = xml.indexOf(']]>', lt + 9);
      if (end < 0) malformed('unterminated CDATA');
      if (stack.length === 1) malformed('CDATA outside the root element');
      stack[stack.length - 1].children.push(xml.slice(lt + 9, end));
      at = end + 3;
    } else if (xml.startsWith('<!', lt)) {
      // <!DOCTYPE and its declarations are how entity attacks get in; OOXML never uses them.
      throw new DocxError('unsafe_xml', 'DOCTYPE and markup declarations are refused');
    } else if (xml.startsWith('</', lt)) {
      const end = xml.indexOf('>', lt);
      if (end < 0) malformed('unterminated end tag');
      const name = xml.slice(lt + 2, end).trim();
      const open = stack.pop();
      if (!open || stack.length === 0 || open.name !== name) malformed(`unexpected </${name}>`);
      at = end + 1;
    } else {
      at = readStartTag(xml, lt, stack, root);
    }
  }
  if (stack.length !== 1) malformed('unclosed element');
  const top = root.children.filter((c): c is XmlElement => typeof c !== 'string');
  if (top.length !== 1) malformed('expected exactly one root element');
  return top[0];
}

/** The local part of a prefixed name: `w:p` → `p`. */
export function localName(element: XmlElement): string {
  const colon = element.name.indexOf(':');
  return colon < 0 ? element.name : element.name.slice(colon + 1);
}

/** An attribute by local name (`w:val` or `val`). */
export function attr(element: XmlElement | undefined, local: string): string | undefined {
  for (const [name, value] of Object.entries(element?.attrs ?? {})) {
    const colon = name.indexOf(':');
    if ((colon < 0 ? name : name.slice(colon + 1)) === local) return value;
  }
  return undefined;
}

/** The first child element with this local name. */
export function child(element: XmlElement | undefined, local: string): XmlElement | undefined {
  return element?.children.find((c): c is XmlElement => typeof c !== 'string' && localName(c) === local);
}

/** Every child element with this local name. */
export function children(element: XmlElement, local: string): XmlElement[] {
  return element.children.filter((c): c is XmlElement => typeof c !== 'string' && localName(c) === local);
}

function readStartTag(xml: string, lt: number, stack: XmlElement[], root: XmlElement): number {
  const nameMatch = /[^\s/>]+/y;
  nameMatch.lastIndex = lt + 1;
  const name = nameMatch.exec(xml)?.[0];
  if (!name) malformed('empty tag name');
  const element: XmlElement = { name, attrs: {}, children: [] };
  const attribute = /\s*(?:([^\s=/>]+)\s*=\s*(?:"([^"<]*)"|'([^'<]*)')|(\/?>))/y;
  attribute.lastIndex = nameMatch.lastIndex;
  for (;;) {
    const match = attribute.exec(xml);
    if (!match) malformed(`bad attribute in <${name}>`);
    if (match[4]) {
      const parent = stack[stack.length - 1];
      if (parent === root && root.children.some((c) => typeof c !== 'string')) malformed('second root element');
      parent.children.push(element);
      if (match[4] === '>') {
        if (stack.length > MAX_DEPTH) malformed('nesting too deep');
        stack.push(element);
      }
      return attribute.lastIndex;
    }
    element.attrs[match[1]] = decodeEntities(match[2] ?? match[3]);
  }
}

function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&([^;&]*);?/g, (whole, body: string) => {
    if (!whole.endsWith(';')) malformed('bare ampersand');
    if (body in NAMED_ENTITIES) return NAMED_ENTITIES[body];
    const numeric = /^#(?:x([0-9a-fA-F]{1,6})|([0-9]{1,7}))$/.exec(body);
    if (!numeric) malformed(`unknown entity &${body};`);
    const code = numeric[1] ? parseInt(numeric[1], 16) : parseInt(numeric[2], 10);
    if (code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff) || code === 0) malformed('bad character reference');
    return String.fromCodePoint(code);
  });
}

function skipPast(xml: string, from: number, terminator: string): number {
  const end = xml.indexOf(terminator, from);
  if (end < 0) malformed(`missing ${terminator}`);
  return end + terminator.length;
}

function malformed(reason: string): never {
  throw new DocxError('not_docx', `Malformed XML: ${reason}`);
}
