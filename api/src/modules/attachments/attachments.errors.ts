import { AppError } from '../../common/errors/app-error';

/** The attachments module's errors, in one place. */
export const AttachmentErrors = {
  notFound: () => new AppError('attachments.not_found', 404, 'Attachment not found'),
  ownerNotFound: () => new AppError('attachments.owner_not_found', 404, 'Nothing to attach to'),
  tooLarge: () => new AppError('attachments.too_large', 413, 'The file is larger than 25 MiB'),
  typeNotAllowed: () =>
    new AppError(
      'attachments.type_not_allowed',
      415,
      'Only PDF, DOCX, PNG, JPEG and WEBP files whose name matches their content',
    ),
  imageInvalid: () =>
    new AppError('attachments.image_invalid', 400, 'The image is damaged or has more than 40 million pixels'),
};
