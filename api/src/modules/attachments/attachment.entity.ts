import { Column, CreateDateColumn, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import type { ATTACHMENT_TYPES } from '@hamandishi/contracts';

/** What an attachment can hang under; each owner type is registered by the module that owns it. */
export type AttachmentOwnerType = 'plan' | 'stage' | 'upstream_document' | 'activity' | 'survey'
  // evidence of a strategy measurement or project report (strategy monitoring)
  | 'strategy_evidence';

/** A file's metadata. The bytes live in attachment_blob so that listing never reads them. */
@Entity('attachment')
export class Attachment {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'uuid' }) organizationId!: string;
  @Column({ type: 'text' }) ownerType!: AttachmentOwnerType;
  @Column({ type: 'uuid' }) ownerId!: string;
  @Column({ type: 'text' }) filename!: string;
  @Column({ type: 'text' }) contentType!: (typeof ATTACHMENT_TYPES)[number];
  @Column({ type: 'integer' }) sizeBytes!: number;
  /** Hex SHA-256 of the bytes; also the download's ETag. */
  @Column({ type: 'text' }) sha256!: string;
  @Column({ type: 'uuid', nullable: true }) createdBy!: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
}

/** The bytes of one attachment, in PostgreSQL so every API process sees the same files. */
@Entity('attachment_blob')
export class AttachmentBlob {
  @PrimaryColumn({ type: 'uuid' }) attachmentId!: string;
  @Column({ type: 'bytea' }) data!: Buffer;
}
