import { normalizePersian } from '@hamandishi/text';
import { DOCX_TYPE, sniffAttachmentType } from '../../attachments/file-type';
import { type ZipEntry, readZipEntries, readZipEntry, zipEntryCount } from '../../attachments/zip-entries';
import { DocxError } from './docx.errors';
import { type XmlElement, attr, child, children, localName, parseXml } from './xml';

export { DocxError } from './docx.errors';

/** A block of an imported document: plain text only, never markup. */
export type TBlock =
  | { kind: 'paragraph'; text: string }
  /** A picture placed in the text: its bytes as stored in the package and its description. */
  | { kind: 'image'; data: Buffer; alt: string }
  | { kind: 'list'; ordered: boolean; items: string[] }
  | { kind: 'table'; rows: string[][] };

/** One section: the blocks under a heading (or before the first heading: heading null, level 0). */
export type TImportedSection = { heading: string | null; level: number; blocks: TBlock[] };

/** A stage report converted from .docx. */
export type TImportedDocument = { sections: TImportedSection[] };

// What a stage report needs, with room to spare: a 300-page Persian report with tables and
// direct formatting is 3–6 MiB of document.xml, styles and numbering well under 1 MiB, and Word
// writes a few dozen parts plus one per picture. The XML is what costs: the parsed tree takes
// about ten times its size in memory and a second per few MiB (the 45 MB document that took 18 s
// and 1.3 GB is refused by these before a byte is inflated). Pictures are stored compressed
// already, so they count towards the total but hardly cost to inflate.
/** Largest word/document.xml, decompressed. */
export const MAX_DOCUMENT_XML = 12 * 1024 * 1024;
/** Largest other XML part read (styles, numbering, relationships), decompressed. */
const MAX_PART_XML = 2 * 1024 * 1024;
/** Every entry together, decompressed (pictures included). */
const MAX_TOTAL_UNCOMPRESSED = 40 * 1024 * 1024;
const MAX_ENTRIES = 1000;
// Real Word XML deflates 5–20 to 1; a part that claims far more is a bomb (or padding meant to
// make the server work), refused by its declared sizes before it is inflated.
const MAX_RATIO = 100;
const RATIO_CHECKED_FROM = 1024 * 1024;
const MACRO_PART = /(^|\/)(vbaProject\.bin|vbaData\.xml)$/i;

// Elements whose text is not part of the paragraph's own reading: drawings and text boxes,
// alternate renderings (would duplicate text), field instructions and deleted revisions.
const SKIPPED = new Set(['pPr', 'rPr', 'drawing', 'pict', 'object', 'AlternateContent', 'instrText', 'delText', 'del']);

/**
 * Converts a .docx into sections of paragraphs, lists and tables of normalised plain text.
 * Throws DocxError: not_docx (not a plain Word document, malformed XML), macros, too_large
 * (declared sizes, compression ratio or entry count beyond the limits, checked before anything
 * is inflated),
 * unsafe_xml (a DOCTYPE).
 */
export function docxToDocument(bytes: Buffer): TImportedDocument {
  const entries = readEntries(bytes);
  if (entries.some((e) => MACRO_PART.test(e.name))) throw new DocxError('macros', 'The document contains macros');
  assertSizes(entries);
  if (sniffAttachmentType(bytes) !== DOCX_TYPE) throw new DocxError('not_docx', 'Not a plain Word document');

  const body = child(readPart(bytes, entries, 'word/document.xml'), 'body');
  if (!body) throw new DocxError('not_docx', 'word/document.xml has no body');
  const styles = readPart(bytes, entries, 'word/styles.xml', true);
  const numbering = readPart(bytes, entries, 'word/numbering.xml', true);
  const images = imageReader(bytes, entries, readPart(bytes, entries, 'word/_rels/document.xml.rels', true));
  return new Converter(headingLevels(styles), orderedNumbering(numbering), images).convert(body);
}

/** At most this many pictures are taken from one document; the rest are left out. */
const MAX_IMAGES = 50;

/**
 * Reads a picture's bytes by its relationship id (r:embed), from word/media; external links
 * (TargetMode="External") and anything outside the package are never followed.
 */
function imageReader(
  bytes: Buffer,
  entries: ZipEntry[],
  rels: XmlElement | undefined,
): (relId: string) => Buffer | null {
  const targets = new Map<string, string>();
  for (const rel of rels ? children(rels, 'Relationship') : []) {
    const target = attr(rel, 'Target') ?? '';
    if (attr(rel, 'TargetMode') === 'External' || !/\/image$/.test(attr(rel, 'Type') ?? '')) continue;
    const name = target.startsWith('/') ? target.slice(1) : `word/${target}`;
    if (!name.includes('..')) targets.set(attr(rel, 'Id') ?? '', name);
  }
  let taken = 0;
  return (relId) => {
    const entry = entries.find((e) => e.name === targets.get(relId));
    if (!entry || taken >= MAX_IMAGES) return null;
    taken++;
    return readZipEntry(bytes, entry, entry.uncompressedSize);
  };
}

/** The limits above, judged on the sizes the archive declares; inflating never exceeds them (readPart). */
function assertSizes(entries: ZipEntry[]): void {
  const declared = entries.reduce((sum, e) => sum + e.uncompressedSize, 0);
  if (declared > MAX_TOTAL_UNCOMPRESSED)
    throw new DocxError('too_large', 'The document is too large once decompressed');
  for (const entry of entries) {
    const limit =
      entry.name === 'word/document.xml'
        ? MAX_DOCUMENT_XML
        : /\.(xml|rels)$/i.test(entry.name)
          ? MAX_PART_XML
          : Infinity;
    if (entry.uncompressedSize > limit)
      throw new DocxError('too_large', `${entry.name} is too large once decompressed`);
    if (entry.uncompressedSize >= RATIO_CHECKED_FROM && entry.uncompressedSize > entry.compressedSize * MAX_RATIO) {
      throw new DocxError('too_large', `${entry.name} is compressed beyond any real document`);
    }
  }
}

function readEntries(bytes: Buffer): ZipEntry[] {
  const count = zipEntryCount(bytes);
  if (count !== null && count > MAX_ENTRIES) throw new DocxError('too_large', 'Too many entries in the archive');
  const entries = readZipEntries(bytes);
  if (!entries) throw new DocxError('not_docx', 'Not a ZIP archive');
  if (!entries.some((e) => e.name === 'word/document.xml')) throw new DocxError('not_docx', 'No word/document.xml');
  return entries;
}

function readPart(bytes: Buffer, entries: ZipEntry[], name: string, optional: true): XmlElement | undefined;
function readPart(bytes: Buffer, entries: ZipEntry[], name: string): XmlElement;
function readPart(bytes: Buffer, entries: ZipEntry[], name: string, optional = false): XmlElement | undefined {
  const entry = entries.find((e) => e.name === name);
  if (!entry) {
    if (optional) return undefined;
    throw new DocxError('not_docx', `No ${name}`);
  }
  // The declared size bounds the inflate: an entry that inflates past what it declared is refused.
  const data = readZipEntry(bytes, entry, entry.uncompressedSize);
  if (!data) throw new DocxError('not_docx', `${name} cannot be read`);
  return parseXml(data.toString('utf8'));
}

/** Heading level (1-based) by style id, from the style's outline level or its "heading N" name. */
function headingLevels(styles: XmlElement | undefined): Map<string, number> {
  const levels = new Map<string, number>();
  for (const style of styles ? children(styles, 'style') : []) {
    const id = attr(style, 'styleId');
    if (!id) continue;
    const outline = attr(child(child(style, 'pPr'), 'outlineLvl'), 'val');
    const byName = /^heading\s*([1-9])$/i.exec(attr(child(style, 'name'), 'val') ?? '');
    const level =
      outline !== undefined && /^[0-8]$/.test(outline) ? Number(outline) + 1 : byName ? Number(byName[1]) : null;
    if (level !== null) levels.set(id, level);
  }
  return levels;
}

/** For each numId, whether level n counts (decimal, letters, ...) rather than bullets. */
function orderedNumbering(numbering: XmlElement | undefined): (numId: string, level: string) => boolean {
  const formats = new Map<string, Map<string, string>>();
  for (const abstract of numbering ? children(numbering, 'abstractNum') : []) {
    const byLevel = new Map<string, string>();
    for (const lvl of children(abstract, 'lvl'))
      byLevel.set(attr(lvl, 'ilvl') ?? '0', attr(child(lvl, 'numFmt'), 'val') ?? 'bullet');
    formats.set(attr(abstract, 'abstractNumId') ?? '', byLevel);
  }
  const abstractOf = new Map<string, string>();
  for (const num of numbering ? children(numbering, 'num') : []) {
    const abstractId = attr(child(num, 'abstractNumId'), 'val');
    if (abstractId !== undefined) abstractOf.set(attr(num, 'numId') ?? '', abstractId);
  }
  return (numId, level) => {
    const format = formats.get(abstractOf.get(numId) ?? '')?.get(level);
    return format !== undefined && format !== 'bullet' && format !== 'none';
  };
}

class Converter {
  private readonly sections: TImportedSection[] = [{ heading: null, level: 0, blocks: [] }];

  constructor(
    private readonly levels: Map<string, number>,
    private readonly isOrdered: (numId: string, level: string) => boolean,
    private readonly readImage: (relId: string) => Buffer | null,
  ) {}

  convert(body: XmlElement): TImportedDocument {
    this.walkBlocks(body);
    const [preamble, ...rest] = this.sections;
    return { sections: preamble.blocks.length > 0 ? this.sections : rest };
  }

  private walkBlocks(container: XmlElement): void {
    for (const node of container.children) {
      if (typeof node === 'string') continue;
      const name = localName(node);
      if (name === 'p') this.paragraph(node);
      else if (name === 'tbl') this.table(node);
      // Content controls and tracked insertions wrap ordinary paragraphs.
      else if (name === 'sdt') this.walkBlocks(child(node, 'sdtContent') ?? node);
      else if (name === 'sdtContent' || name === 'ins' || name === 'customXml') this.walkBlocks(node);
    }
  }

  private paragraph(p: XmlElement): void {
    // Pictures become their own blocks, after the paragraph's text.
    const pictures = drawingsOf(p).flatMap((drawing) => {
      const blip = findFirst(drawing, 'blip');
      const relId = attr(blip, 'embed');
      const data = relId ? this.readImage(relId) : null;
      const description = findFirst(drawing, 'docPr');
      const alt = normalizePersian(attr(description, 'descr') ?? attr(description, 'title') ?? '').slice(0, 500);
      return data ? [{ kind: 'image' as const, data, alt }] : [];
    });
    this.paragraphText(p);
    this.current.blocks.push(...pictures);
  }

  private paragraphText(p: XmlElement): void {
    const text = normalizePersian(paragraphText(p));
    if (text === '') return;
    const pPr = child(p, 'pPr');
    const level = this.headingLevel(pPr);
    if (level !== null) {
      this.sections.push({ heading: text, level, blocks: [] });
      return;
    }
    const numPr = child(pPr, 'numPr');
    const numId = attr(child(numPr, 'numId'), 'val');
    // numId 0 is Word's way of saying "numbering removed".
    if (numPr && numId !== undefined && numId !== '0') {
      const ordered = this.isOrdered(numId, attr(child(numPr, 'ilvl'), 'val') ?? '0');
      const blocks = this.current.blocks;
      const last = blocks[blocks.length - 1];
      if (last?.kind === 'list' && last.ordered === ordered) last.items.push(text);
      else blocks.push({ kind: 'list', ordered, items: [text] });
      return;
    }
    this.current.blocks.push({ kind: 'paragraph', text });
  }

  private headingLevel(pPr: XmlElement | undefined): number | null {
    const direct = attr(child(pPr, 'outlineLvl'), 'val');
    if (direct !== undefined && /^[0-8]$/.test(direct)) return Number(direct) + 1;
    const styleId = attr(child(pPr, 'pStyle'), 'val');
    if (styleId === undefined) return null;
    const fromStyles = this.levels.get(styleId);
    if (fromStyles !== undefined) return fromStyles;
    // Without styles.xml the built-in English ids still say what they are.
    const builtIn = /^heading([1-9])$/i.exec(styleId);
    return builtIn ? Number(builtIn[1]) : null;
  }

  private table(tbl: XmlElement): void {
    const rows: string[][] = [];
    for (const tr of children(tbl, 'tr')) {
      const cells = children(tr, 'tc').map((tc) => normalizePersian(cellText(tc)));
      if (cells.some((c) => c !== '')) rows.push(cells);
    }
    if (rows.length > 0) this.current.blocks.push({ kind: 'table', rows });
  }

  private get current(): TImportedSection {
    return this.sections[this.sections.length - 1];
  }
}

function paragraphText(element: XmlElement): string {
  let text = '';
  for (const node of element.children) {
    if (typeof node === 'string') continue;
    const name = localName(node);
    if (SKIPPED.has(name)) continue;
    if (name === 't') text += node.children.filter((c): c is string => typeof c === 'string').join('');
    else if (name === 'tab') text += ' ';
    else if (name === 'br' || name === 'cr') text += '\n';
    else text += paragraphText(node);
  }
  return text;
}

// A cell holds paragraphs (and sometimes nested tables): their texts, one per line.
function cellText(tc: XmlElement): string {
  const lines: string[] = [];
  const walk = (element: XmlElement) => {
    for (const node of element.children) {
      if (typeof node === 'string') continue;
      const name = localName(node);
      if (name === 'p') lines.push(paragraphText(node));
      else if (name === 'tbl' || name === 'tr' || name === 'tc' || name === 'sdt' || name === 'sdtContent') walk(node);
    }
  };
  walk(tc);
  return lines.filter((l) => l.trim() !== '').join('\n');
}

function drawingsOf(element: XmlElement): XmlElement[] {
  const found: XmlElement[] = [];
  const walk = (node: XmlElement) => {
    for (const c of node.children) {
      if (typeof c === 'string') continue;
      if (localName(c) === 'drawing') found.push(c);
      // Of alternate renderings only the first (mc:Choice) counts, or a picture would come twice.
      else if (localName(c) === 'AlternateContent')
        walk(c.children.find((x): x is XmlElement => typeof x !== 'string') ?? c);
      else walk(c);
    }
  };
  walk(element);
  return found;
}

function findFirst(element: XmlElement, local: string): XmlElement | undefined {
  for (const c of element.children) {
    if (typeof c === 'string') continue;
    if (localName(c) === local) return c;
    const deeper = findFirst(c, local);
    if (deeper) return deeper;
  }
  return undefined;
}
