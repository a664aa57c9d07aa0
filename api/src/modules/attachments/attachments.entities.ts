import { Attachment, AttachmentBlob } from './attachment.entity';

/** The attachments module's tables, registered in database/entities.ts. */
export const ATTACHMENT_ENTITIES = [Attachment, AttachmentBlob];
