import type { ATTACHMENT_TYPES } from '@hamandishi/contracts';
import { readZipEntries, readZipEntry } from './zip-entries';

/** A file type accepted as an attachment. */
export type AttachmentContentType = (typeof ATTACHMENT_TYPES)[number];

export const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' as const;

/** The file-name extensions each accepted type may carry. */
export const EXTENSIONS: Record<AttachmentContentType, readonly string[]> = {
  'application/pdf': ['pdf'],
  [DOCX_TYPE]: ['docx'],
  'image/png': ['png'],
  'image/jpeg': ['jpg', 'jpeg'],
  'image/webp': ['webp'],
};

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const MAX_CONTENT_TYPES_XML = 1024 * 1024;

/**
 * What a file really is, judged by its bytes (never its name or declared type); null for anything
 * not accepted, including macro-enabled Word documents.
 */
export function sniffAttachmentType(bytes: Buffer): AttachmentContentType | null {
  if (startsWith(bytes, Buffer.from('%PDF-'))) return 'application/pdf';
  if (startsWith(bytes, PNG)) return 'image/png';
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (bytes.length >= 12 && bytes.toString('latin1', 0, 4) === 'RIFF' && bytes.toString('latin1', 8, 12) === 'WEBP') return 'image/webp';
  if (startsWith(bytes, Buffer.from([0x50, 0x4b, 0x03, 0x04])) && isWordDocument(bytes)) return DOCX_TYPE;
  return null;
}

/** A plain .docx: a ZIP with the Word main part and its content types, and no macros. */
function isWordDocument(zip: Buffer): boolean {
  const entries = readZipEntries(zip);
  if (!entries) return false;
  const names = new Set(entries.map((e) => e.name));
  if (!names.has('[Content_Types].xml') || !names.has('word/document.xml')) return false;
  if (entries.some((e) => /(^|\/)vbaProject\.bin$/i.test(e.name) || /(^|\/)vbaData\.xml$/i.test(e.name))) return false;
  const contentTypes = readZipEntry(zip, entries.find((e) => e.name === '[Content_Types].xml')!, MAX_CONTENT_TYPES_XML);
  if (!contentTypes) return false;
  const xml = contentTypes.toString('utf8');
  // .docm / .dotm declare a macroEnabled main part; .dotx a template: neither is a plain document.
  if (/macroEnabled/i.test(xml) || /vbaProject/i.test(xml)) return false;
  return xml.includes('application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml');
}

function startsWith(bytes: Buffer, prefix: Buffer): boolean {
  return bytes.length >= prefix.length && bytes.subarray(0, prefix.length).equals(prefix);
}
