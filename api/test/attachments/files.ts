import { writeZip } from '../../src/common/export/zip-writer';

/** A tiny but well-formed PDF. */
export const MINIMAL_PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n' +
    'trailer<</Root 1 0 R>>\n%%EOF\n',
  'latin1',
);

/** A 1×1 PNG. */
export const MINIMAL_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

const WORD_MAIN = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml';
const WORD_MACRO_MAIN = 'application/vnd.ms-word.document.macroEnabled.main+xml';

/** [Content_Types].xml of a Word document whose main part has `mainType`. */
export function contentTypesXml(mainType = WORD_MAIN): string {
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
    '<Default Extension="xml" ContentType="application/xml"/>' +
    `<Override PartName="/word/document.xml" ContentType="${mainType}"/>` +
    '</Types>'
  );
}

const DOCUMENT_XML =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
  '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">' +
  '<w:body><w:p><w:r><w:t>گزارش مرحلهٔ شناخت</w:t></w:r></w:p></w:body></w:document>';

export const RELS =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
  '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
  '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>' +
  '</Relationships>';

/** A ZIP archive of `entries`, written by the app's own ZIP writer (deflated, central directory). */
export function buildZip(entries: Record<string, string | Buffer>): Buffer {
  return writeZip(Object.entries(entries).map(([name, content]) => ({ name, data: Buffer.isBuffer(content) ? content : Buffer.from(content, 'utf8') })));
}

/** A minimal .docx, as Word would accept it. */
export function buildDocx(): Buffer {
  return buildZip({ '[Content_Types].xml': contentTypesXml(), '_rels/.rels': RELS, 'word/document.xml': DOCUMENT_XML });
}

/** A .docm-like archive: a Word document carrying a VBA project. */
export function buildDocm(): Buffer {
  return buildZip({
    '[Content_Types].xml': contentTypesXml(WORD_MACRO_MAIN),
    '_rels/.rels': RELS,
    'word/document.xml': DOCUMENT_XML,
    'word/vbaProject.bin': Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 1, 2, 3, 4]),
  });
}

export { WORD_MACRO_MAIN };
