/** Why a stage report could not be imported. */
export type DocxErrorCode = 'not_docx' | 'macros' | 'too_large' | 'unsafe_xml';

/** Thrown by docxToDocument; the code is stable, the message is developer-facing English. */
export class DocxError extends Error {
  constructor(
    readonly code: DocxErrorCode,
    message?: string,
  ) {
    super(message ?? code);
    this.name = 'DocxError';
  }
}
