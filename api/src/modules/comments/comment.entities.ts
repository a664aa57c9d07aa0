import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import type { ALIGNMENTS, COMMENT_OUTCOMES, CommentTarget, REPORT_REASONS } from '@hamandishi/contracts';

// The comments module queries with purpose-named SQL (comments.repository.ts); these entities
// describe its tables for TypeORM's metadata and tools. Constraints live in the migration.

/** A comment on a problem, a paragraph, a document or a project; replies nest two levels deep. */
@Entity('comment')
export class Comment {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'uuid' }) organizationId!: string;
  @Column({ type: 'text' }) targetType!: CommentTarget;
  @Column({ type: 'uuid' }) targetId!: string;
  @Column({ type: 'uuid', nullable: true }) parentId!: string | null;
  @Column({ type: 'uuid' }) rootId!: string;
  @Column({ type: 'smallint' }) depth!: number;
  @Column({ type: 'uuid', nullable: true }) authorId!: string | null;
  @Column({ type: 'text', nullable: true }) authorCapacity!: string | null;
  @Column({ type: 'text' }) body!: string;
  @Column({ type: 'text', nullable: true }) alignment!: (typeof ALIGNMENTS)[number] | null;
  @Column({ type: 'integer' }) upvotes!: number;
  @Column({ type: 'integer' }) downvotes!: number;
  @Column({ type: 'boolean' }) isOfficial!: boolean;
  @Column({ type: 'boolean' }) isHidden!: boolean;
  @Column({ type: 'text', nullable: true }) hiddenReason!: string | null;
  @Column({ type: 'uuid', nullable: true }) hiddenBy!: string | null;
  @Column({ type: 'timestamptz', nullable: true }) editedAt!: Date | null;
  /** The quoted passage of a top-level comment: UTF-16 offsets into the target's text, and the quote. */
  @Column({ type: 'integer', nullable: true }) passageStart!: number | null;
  @Column({ type: 'integer', nullable: true }) passageEnd!: number | null;
  @Column({ type: 'text', nullable: true }) passageQuote!: string | null;
  /** A planner's outcome: incorporated into the next edition or not, and why. */
  @Column({ type: 'text', nullable: true }) outcome!: (typeof COMMENT_OUTCOMES)[number] | null;
  @Column({ type: 'text', nullable: true }) outcomeReason!: string | null;
  @Column({ type: 'uuid', nullable: true }) outcomeBy!: string | null;
  @Column({ type: 'timestamptz', nullable: true }) outcomeAt!: Date | null;
  @Column({ type: 'timestamptz' }) createdAt!: Date;
}

/** One person's vote on a comment (+1 or -1); one per person per comment. */
@Entity('comment_vote')
export class CommentVote {
  @PrimaryColumn({ type: 'uuid' }) commentId!: string;
  @PrimaryColumn({ type: 'uuid' }) accountId!: string;
  @Column({ type: 'uuid' }) organizationId!: string;
  @Column({ type: 'smallint' }) value!: number;
  @Column({ type: 'timestamptz' }) createdAt!: Date;
}

/** One person's report of a comment to the moderators; one per person per comment. */
@Entity('comment_report')
export class CommentReport {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'uuid' }) organizationId!: string;
  @Column({ type: 'uuid' }) commentId!: string;
  @Column({ type: 'uuid' }) accountId!: string;
  @Column({ type: 'text' }) reason!: (typeof REPORT_REASONS)[number];
  @Column({ type: 'text', nullable: true }) note!: string | null;
  @Column({ type: 'timestamptz' }) createdAt!: Date;
}

/** A moderator hiding or restoring a comment, with the reason: the comment's moderation history. */
@Entity('comment_moderation')
export class CommentModeration {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'uuid' }) organizationId!: string;
  @Column({ type: 'uuid' }) commentId!: string;
  @Column({ type: 'text' }) action!: 'hide' | 'restore';
  @Column({ type: 'text' }) reason!: string;
  @Column({ type: 'uuid', nullable: true }) moderatorId!: string | null;
  @Column({ type: 'timestamptz' }) createdAt!: Date;
}

/** The comments module's tables, registered in database/entities.ts. */
export const COMMENT_ENTITIES = [Comment, CommentVote, CommentReport, CommentModeration];
