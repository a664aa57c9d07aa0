import { type AttachmentContentType, EXTENSIONS } from './file-type';

const MAX_FILENAME = 200;

/**
 * A file name safe to store and send back: no directories, no control or bidi-override characters
 * (they disguise `exe.pdf` as `pdf.exe`), Persian letters and the zero-width non-joiner kept,
 * at most 200 characters with the extension preserved. Empty names become `file`.
 */
export function sanitizeFilename(input: string): string {
  const base = input.normalize('NFC').split(/[/\\]/).pop() ?? '';
  const cleaned = base
    // C0/C1 controls, bidi embeddings/overrides/isolates, BOM; ZWNJ (U+200C) and ZWJ stay.
    // eslint-disable-next-line no-control-regex -- matching control characters is the point here
    .replace(/[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g, '')
    .replace(/[<>:"|?*]/g, '_')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^[.\s]+/, '');
  if (!cleaned) return 'file';
  const chars = [...cleaned];
  if (chars.length <= MAX_FILENAME) return cleaned;
  const dot = cleaned.lastIndexOf('.');
  const extension = dot > 0 ? [...cleaned.slice(dot)] : [];
  if (extension.length > 0 && extension.length <= 10) {
    return chars.slice(0, MAX_FILENAME - extension.length).join('').trimEnd() + extension.join('');
  }
  return chars.slice(0, MAX_FILENAME).join('').trimEnd();
}

/** The lower-case extension of a name (`report.PDF` → `pdf`), or null without one. */
export function extensionOf(filename: string): string | null {
  const dot = filename.lastIndexOf('.');
  return dot > 0 && dot < filename.length - 1 ? filename.slice(dot + 1).toLowerCase() : null;
}

/**
 * Checks a (sanitised) name against the type found in the bytes: a name without extension gets
 * the type's own; a name whose extension says something else is refused (null).
 */
export function filenameFor(filename: string, type: AttachmentContentType): string | null {
  const extension = extensionOf(filename);
  if (extension === null) return sanitizeFilename(`${filename}.${EXTENSIONS[type][0]}`);
  return EXTENSIONS[type].includes(extension) ? filename : null;
}

/** Images and PDFs open in the browser; anything else downloads. */
export function isInline(type: AttachmentContentType): boolean {
  return type === 'application/pdf' || type.startsWith('image/');
}

/**
 * A Content-Disposition header value with an ASCII fallback name and the real (Persian) name in
 * RFC 5987 `filename*=UTF-8''…` form.
 */
export function contentDisposition(filename: string, inline: boolean): string {
  const extension = extensionOf(filename);
  const asciiBase = filename
    .replace(/\.[^.]*$/, '')
    .replace(/[^\x20-\x7e]/g, '_')
    .replace(/["\\]/g, '_')
    .replace(/_+/g, '_');
  const fallback = (/[a-z0-9]/i.test(asciiBase) ? asciiBase : 'file') + (extension ? `.${extension}` : '');
  const encoded = encodeURIComponent(filename).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${inline ? 'inline' : 'attachment'}; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
