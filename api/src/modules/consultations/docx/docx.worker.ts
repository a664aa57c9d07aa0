import { MAX_EDITION_BLOCKS } from '@hamandishi/contracts';
import { DocxError, type DocxErrorCode } from './docx.errors';
import { docxToDocument, type TImportedDocument } from './docx-to-document';

/** What the worker sends back: the document, or why it was refused (errors do not cross threads intact). */
export type DocxWorkerResult =
  { ok: true; document: TImportedDocument } | { ok: false; code: DocxErrorCode; detail: string };

/**
 * Runs in a worker thread (see DocxConverter): the whole conversion, from reading the ZIP to
 * the last paragraph, happens here, never on the thread that answers requests.
 */
export default function convertDocx(bytes: Uint8Array): DocxWorkerResult {
  try {
    const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    return { ok: true, document: firstBlocks(docxToDocument(buffer), MAX_EDITION_BLOCKS) };
  } catch (error) {
    if (error instanceof DocxError) return { ok: false, code: error.code, detail: error.message };
    // A document that trips the converter in an unforeseen way is, to its author, unreadable.
    return { ok: false, code: 'not_docx', detail: error instanceof Error ? error.message : String(error) };
  }
}

/**
 * The opening of the document that fits in an edition (a heading counts as a block, as in the
 * editor): the rest would be dropped anyway, and every block sent back must be copied into the
 * request thread, which should only ever receive what it stores.
 */
function firstBlocks(document: TImportedDocument, max: number): TImportedDocument {
  const sections: TImportedDocument['sections'] = [];
  let left = max;
  for (const section of document.sections) {
    if (left <= 0) break;
    if (section.heading !== null) left--;
    const blocks = section.blocks.slice(0, Math.max(0, left));
    left -= blocks.length;
    sections.push({ ...section, blocks });
  }
  return { sections };
}
