import { AppError } from '../../common/errors/app-error';

/** The consultations module's errors, in one place. */
export const ConsultationErrors = {
  notConsultation: () => new AppError('consultations.not_consultation', 404, 'This activity is not a consultation'),
  noEdition: () => new AppError('consultations.no_edition', 404, 'No edition has been published yet'),
  editionNotFound: () => new AppError('consultations.edition_not_found', 404, 'No such edition'),
  blockNotFound: () =>
    new AppError('consultations.block_not_found', 404, 'No such paragraph', { blockId: 'invalid_value' }),
  draftExists: () => new AppError('consultations.draft_exists', 409, 'A draft of the next edition already exists'),
  notDraft: () => new AppError('consultations.not_draft', 409, 'A published edition cannot be changed'),
  notLatest: () =>
    new AppError('consultations.not_latest', 409, 'Comment on the latest edition; earlier ones take replies only'),
  imageNotFound: (field: string) =>
    new AppError('consultations.image_not_found', 400, 'The image is not an image uploaded to this consultation', {
      [field]: 'invalid_value',
    }),
  docxInvalid: () =>
    new AppError('consultations.docx_invalid', 400, 'The file is not a Word (.docx) document', {
      attachmentId: 'invalid_value',
    }),
  docxMacros: () =>
    new AppError('consultations.docx_macros', 400, 'Documents with macros are refused', {
      attachmentId: 'invalid_value',
    }),
  docxTooLarge: () =>
    new AppError('consultations.docx_too_large', 413, 'The document is too large once decompressed', {
      attachmentId: 'invalid_value',
    }),
  docxUnsafe: () =>
    new AppError('consultations.docx_unsafe', 400, 'The document contains unsafe XML declarations', {
      attachmentId: 'invalid_value',
    }),
  docxTooComplex: () =>
    new AppError(
      'consultations.docx_too_complex',
      422,
      'Converting the document took more time or memory than allowed',
      { attachmentId: 'invalid_value' },
    ),
  importBusy: () =>
    new AppError('consultations.import_busy', 429, 'Other documents are being converted; try again shortly'),
  docxEmpty: () =>
    new AppError('consultations.docx_empty', 400, 'The document has no text to consult on', {
      attachmentId: 'invalid_value',
    }),
  amendmentsDisabled: () =>
    new AppError('consultations.amendments_disabled', 409, 'This consultation does not take amendments'),
  amendmentNotFound: () => new AppError('consultations.amendment_not_found', 404, 'No such amendment'),
  alignmentRequired: () =>
    new AppError('consultations.alignment_required', 400, 'Say whether you agree, disagree or are neutral', {
      alignment: 'required',
    }),
  sectionNotFound: () => new AppError('consultations.section_not_found', 404, 'No such section'),
  committeeNotFound: () =>
    new AppError('consultations.committee_not_found', 400, 'The committee is not a committee of this plan', {
      committeeId: 'invalid_value',
    }),
};
