import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { ActivityType, PlanKind, PlanStatus, StageStatus, TLocalizedLongText, TLocalizedText, TParticipation } from '@hamandishi/contracts';

// The plans module queries with purpose-named SQL (plans.repository.ts); these entities describe
// the main tables for TypeORM's metadata and tools. Constraints live in the migration.

/** A strategic-operational plan. */
@Entity('plan')
export class Plan {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'uuid' }) organizationId!: string;
  @Column({ type: 'jsonb' }) title!: TLocalizedText;
  @Column({ type: 'text' }) kind!: PlanKind;
  @Column({ type: 'integer' }) strategicFrom!: number;
  @Column({ type: 'integer' }) strategicTo!: number;
  @Column({ type: 'integer' }) operationalFrom!: number;
  @Column({ type: 'integer' }) operationalTo!: number;
  @Column({ type: 'jsonb', nullable: true }) summary!: TLocalizedLongText | null;
  @Column({ type: 'uuid', nullable: true }) coverAttachmentId!: string | null;
  @Column({ type: 'text' }) status!: PlanStatus;
  @Column({ type: 'timestamptz' }) createdAt!: Date;
}

/** A stage (phase) of drafting a plan. */
@Entity('stage')
export class Stage {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'uuid' }) organizationId!: string;
  @Column({ type: 'uuid' }) planId!: string;
  @Column({ type: 'integer' }) position!: number;
  @Column({ type: 'jsonb' }) title!: TLocalizedText;
  @Column({ type: 'jsonb', nullable: true }) description!: TLocalizedLongText | null;
  @Column({ type: 'date' }) startsOn!: string;
  @Column({ type: 'date' }) endsOn!: string;
  @Column({ type: 'text', nullable: true }) statusOverride!: StageStatus | null;
  @Column({ type: 'timestamptz', nullable: true }) announcedOpenedAt!: Date | null;
  @Column({ type: 'timestamptz', nullable: true }) announcedClosedAt!: Date | null;
}

/** A participatory activity inside a stage. */
@Entity('activity')
export class Activity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'uuid' }) organizationId!: string;
  @Column({ type: 'uuid' }) planId!: string;
  @Column({ type: 'uuid' }) stageId!: string;
  @Column({ type: 'text' }) type!: ActivityType;
  @Column({ type: 'integer' }) position!: number;
  @Column({ type: 'jsonb' }) title!: TLocalizedText;
  @Column({ type: 'jsonb', nullable: true }) description!: TLocalizedLongText | null;
  @Column({ type: 'timestamptz', nullable: true }) opensAt!: Date | null;
  @Column({ type: 'timestamptz', nullable: true }) closesAt!: Date | null;
  @Column({ type: 'jsonb' }) participation!: TParticipation;
  @Column({ type: 'jsonb' }) settings!: Record<string, unknown>;
  @Column({ type: 'timestamptz', nullable: true }) announcedOpenedAt!: Date | null;
}

/** A committee (working group) of a plan. */
@Entity('committee')
export class Committee {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'uuid' }) organizationId!: string;
  @Column({ type: 'uuid' }) planId!: string;
  @Column({ type: 'jsonb' }) name!: TLocalizedText;
  @Column({ type: 'jsonb', nullable: true }) description!: TLocalizedLongText | null;
  @Column({ type: 'uuid', nullable: true }) secretaryId!: string | null;
}

/** An upstream document a plan must follow. */
@Entity('upstream_document')
export class UpstreamDocument {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'uuid' }) organizationId!: string;
  @Column({ type: 'uuid' }) planId!: string;
  @Column({ type: 'text' }) level!: 'national' | 'provincial' | 'local';
  @Column({ type: 'jsonb' }) title!: TLocalizedText;
  @Column({ type: 'text' }) issuer!: string;
  @Column({ type: 'integer', nullable: true }) year!: number | null;
  @Column({ type: 'text', nullable: true }) url!: string | null;
  @Column({ type: 'uuid', nullable: true }) attachmentId!: string | null;
}

/** The plans module's tables, registered in database/entities.ts. */
export const PLAN_ENTITIES = [Plan, Stage, Activity, Committee, UpstreamDocument];
