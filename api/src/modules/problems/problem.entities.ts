import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import type { ProblemCapacity, ProblemStatus } from '@hamandishi/contracts';
import { MemberBlock } from '../moderation/member-block.entity';

// The problems module queries with purpose-named SQL (problems.repository.ts); these entities
// describe its tables for TypeORM's metadata and tools. Constraints, the generated `location`
// point and the GiST/trigram indexes live in the migration.

/** A problem statement, usually located on the map. */
@Entity('problem')
export class Problem {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'uuid' }) organizationId!: string;
  @Column({ type: 'uuid' }) planId!: string;
  @Column({ type: 'uuid' }) stageId!: string;
  @Column({ type: 'uuid' }) activityId!: string;
  @Column({ type: 'uuid', nullable: true }) authorId!: string | null;
  @Column({ type: 'text' }) capacity!: ProblemCapacity;
  @Column({ type: 'text', nullable: true }) onBehalfOf!: string | null;
  @Column({ type: 'boolean' }) isAnonymous!: boolean;
  @Column({ type: 'text' }) title!: string;
  @Column({ type: 'text' }) description!: string;
  @Column({ type: 'text' }) searchText!: string;
  @Column({ type: 'uuid' }) themeId!: string;
  @Column({ type: 'uuid', nullable: true }) districtId!: string | null;
  @Column({ type: 'double precision', nullable: true }) lat!: number | null;
  @Column({ type: 'double precision', nullable: true }) lng!: number | null;
  @Column({ type: 'text' }) status!: ProblemStatus;
  @Column({ type: 'text', nullable: true }) statusReason!: string | null;
  @Column({ type: 'uuid', nullable: true }) committeeId!: string | null;
  @Column({ type: 'uuid', nullable: true }) mergedIntoId!: string | null;
  @Column({ type: 'boolean' }) isHidden!: boolean;
  @Column({ type: 'text', nullable: true }) hiddenReason!: string | null;
  @Column({ type: 'integer' }) supportCount!: number;
  @Column({ type: 'integer' }) commentCount!: number;
  @Column({ type: 'timestamptz' }) createdAt!: Date;
  @Column({ type: 'timestamptz' }) updatedAt!: Date;
}

/** One person's "me too": primary key (problem, account). */
@Entity('problem_support')
export class ProblemSupport {
  @PrimaryColumn({ type: 'uuid' }) problemId!: string;
  @PrimaryColumn({ type: 'uuid' }) accountId!: string;
  @Column({ type: 'uuid' }) organizationId!: string;
  @Column({ type: 'timestamptz' }) createdAt!: Date;
}

/** A re-encoded photo (no metadata) and its thumbnail; problem_id is null until used. */
@Entity('problem_photo')
export class ProblemPhoto {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'uuid' }) organizationId!: string;
  @Column({ type: 'uuid', nullable: true }) problemId!: string | null;
  @Column({ type: 'uuid', nullable: true }) uploaderId!: string | null;
  @Column({ type: 'integer' }) position!: number;
  @Column({ type: 'integer' }) width!: number;
  @Column({ type: 'integer' }) height!: number;
  @Column({ type: 'bytea', select: false }) content!: Buffer;
  @Column({ type: 'bytea', select: false }) thumb!: Buffer;
  @Column({ type: 'timestamptz' }) createdAt!: Date;
}

/** One step of a problem's public status history. */
@Entity('problem_status_change')
export class ProblemStatusChange {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'uuid' }) organizationId!: string;
  @Column({ type: 'uuid' }) problemId!: string;
  @Column({ type: 'text', nullable: true }) fromStatus!: ProblemStatus | null;
  @Column({ type: 'text' }) toStatus!: ProblemStatus;
  @Column({ type: 'text', nullable: true }) reason!: string | null;
  @Column({ type: 'uuid', nullable: true }) committeeId!: string | null;
  @Column({ type: 'uuid', nullable: true }) changedBy!: string | null;
  @Column({ type: 'timestamptz' }) changedAt!: Date;
}

/** The problems module's entities, with the moderation module's member_block (one list for entities.ts). */
export const PROBLEM_ENTITIES = [Problem, ProblemSupport, ProblemPhoto, ProblemStatusChange, MemberBlock];
