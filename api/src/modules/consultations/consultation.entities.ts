import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

// The consultations module queries with purpose-named SQL (consultations.repository.ts); these
// entities describe its tables for TypeORM's metadata and tools. Constraints live in the migration.

/** One edition of a consultation's document: a draft being prepared or a published one. */
@Entity('consultation_edition')
export class ConsultationEdition {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'uuid' }) organizationId!: string;
  @Column({ type: 'uuid' }) activityId!: string;
  @Column({ type: 'integer' }) number!: number;
  @Column({ type: 'text' }) title!: string;
  @Column({ type: 'text', nullable: true }) changeSummary!: string | null;
  @Column({ type: 'text' }) status!: 'draft' | 'published';
  @Column({ type: 'text' }) source!: 'editor' | 'docx';
  @Column({ type: 'uuid', nullable: true }) sourceAttachmentId!: string | null;
  @Column({ type: 'integer' }) blockCount!: number;
  @Column({ type: 'integer' }) commentCount!: number;
  @Column({ type: 'uuid', nullable: true }) createdBy!: string | null;
  @Column({ type: 'uuid', nullable: true }) publishedBy!: string | null;
  @Column({ type: 'timestamptz', nullable: true }) publishedAt!: Date | null;
  @Column({ type: 'timestamptz' }) createdAt!: Date;
  @Column({ type: 'timestamptz' }) updatedAt!: Date;
}

/** A section of an edition: a heading and the blocks under it. */
@Entity('consultation_section')
export class ConsultationSection {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'uuid' }) organizationId!: string;
  @Column({ type: 'uuid' }) editionId!: string;
  @Column({ type: 'integer' }) position!: number;
  @Column({ type: 'text' }) anchor!: string;
  @Column({ type: 'text', nullable: true }) heading!: string | null;
  @Column({ type: 'smallint' }) level!: number;
  /** The committee (working group) responsible for the section; carried to later editions. */
  @Column({ type: 'uuid', nullable: true }) committeeId!: string | null;
}

/** A commentable block (paragraph, list, table, image) with its stable anchor and lineage. */
@Entity('consultation_block')
export class ConsultationBlock {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'uuid' }) organizationId!: string;
  @Column({ type: 'uuid' }) editionId!: string;
  @Column({ type: 'uuid' }) sectionId!: string;
  @Column({ type: 'integer' }) position!: number;
  @Column({ type: 'text' }) anchor!: string;
  @Column({ type: 'text' }) kind!: 'paragraph' | 'list' | 'table' | 'image';
  @Column({ type: 'text' }) text!: string;
  @Column({ type: 'jsonb' }) content!: Record<string, unknown>;
  @Column({ type: 'uuid' }) lineageId!: string;
  @Column({ type: 'uuid', nullable: true }) previousBlockId!: string | null;
  @Column({ type: 'text', nullable: true }) change!: 'new' | 'modified' | 'unchanged' | null;
  @Column({ type: 'integer' }) commentCount!: number;
  @Column({ type: 'integer' }) amendmentCount!: number;
}

/** A proposed rewording of a block or a passage of it. */
@Entity('amendment')
export class Amendment {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'uuid' }) organizationId!: string;
  @Column({ type: 'uuid' }) blockId!: string;
  @Column({ type: 'uuid', nullable: true }) authorId!: string | null;
  @Column({ type: 'integer', nullable: true }) passageStart!: number | null;
  @Column({ type: 'integer', nullable: true }) passageEnd!: number | null;
  @Column({ type: 'text', nullable: true }) passageQuote!: string | null;
  @Column({ type: 'text' }) proposedText!: string;
  @Column({ type: 'text', nullable: true }) reason!: string | null;
  @Column({ type: 'integer' }) supportCount!: number;
  @Column({ type: 'text' }) status!: 'open' | 'accepted' | 'rejected';
  @Column({ type: 'text', nullable: true }) statusReason!: string | null;
  @Column({ type: 'timestamptz' }) createdAt!: Date;
}

/** One person's support of an amendment. */
@Entity('amendment_support')
export class AmendmentSupport {
  @PrimaryColumn({ type: 'uuid' }) amendmentId!: string;
  @PrimaryColumn({ type: 'uuid' }) accountId!: string;
  @Column({ type: 'uuid' }) organizationId!: string;
  @Column({ type: 'timestamptz' }) createdAt!: Date;
}

/** The consultations module's tables, registered in database/entities.ts. */
export const CONSULTATION_ENTITIES = [
  ConsultationEdition,
  ConsultationSection,
  ConsultationBlock,
  Amendment,
  AmendmentSupport,
];
