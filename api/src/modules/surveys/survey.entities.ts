import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

// The surveys module queries with purpose-named SQL (surveys.repository.ts); these entities
// describe its tables for TypeORM's metadata and tools. Constraints live in the migration.

/** One questionnaire per survey activity. */
@Entity('survey')
export class Survey {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'uuid' }) organizationId!: string;
  @Column({ type: 'uuid' }) activityId!: string;
  @Column({ type: 'jsonb' }) definition!: Record<string, unknown>;
  @Column({ type: 'integer' }) version!: number;
  @Column({ type: 'timestamptz', nullable: true }) frozenAt!: Date | null;
  @Column({ type: 'jsonb' }) audience!: Record<string, unknown>;
  @Column({ type: 'boolean' }) anonymous!: boolean;
  @Column({ type: 'boolean' }) askDemographics!: boolean;
  @Column({ type: 'timestamptz' }) createdAt!: Date;
  @Column({ type: 'timestamptz' }) updatedAt!: Date;
}

/** An older definition, kept when a wording fix of a frozen survey bumps its version. */
@Entity('survey_version')
export class SurveyVersion {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'uuid' }) organizationId!: string;
  @Column({ type: 'uuid' }) surveyId!: string;
  @Column({ type: 'integer' }) version!: number;
  @Column({ type: 'jsonb' }) definition!: Record<string, unknown>;
  @Column({ type: 'uuid', nullable: true }) createdBy!: string | null;
  @Column({ type: 'timestamptz' }) createdAt!: Date;
}

/** A personal, single-use, expiring link (only the token's hash is stored). */
@Entity('survey_invite')
export class SurveyInvite {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'uuid' }) organizationId!: string;
  @Column({ type: 'uuid' }) surveyId!: string;
  @Column({ type: 'text' }) label!: string;
  @Column({ type: 'bytea' }) tokenHash!: Buffer;
  @Column({ type: 'timestamptz' }) expiresAt!: Date;
  @Column({ type: 'timestamptz', nullable: true }) usedAt!: Date | null;
  @Column({ type: 'timestamptz', nullable: true }) revokedAt!: Date | null;
  @Column({ type: 'uuid', nullable: true }) createdBy!: string | null;
  @Column({ type: 'timestamptz' }) createdAt!: Date;
}

/** One person's (or one invite link's) response: a draft, then submitted. */
@Entity('survey_response')
export class SurveyResponse {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'uuid' }) organizationId!: string;
  @Column({ type: 'uuid' }) surveyId!: string;
  @Column({ type: 'uuid', nullable: true }) accountId!: string | null;
  @Column({ type: 'uuid', nullable: true }) inviteId!: string | null;
  @Column({ type: 'text', nullable: true }) respondentKey!: string | null;
  @Column({ type: 'text' }) status!: 'draft' | 'submitted';
  @Column({ type: 'jsonb' }) answers!: Record<string, unknown>;
  @Column({ type: 'jsonb', nullable: true }) draftAnswers!: Record<string, unknown> | null;
  @Column({ type: 'integer' }) definitionVersion!: number;
  @Column({ type: 'text', nullable: true }) idempotencyKey!: string | null;
  @Column({ type: 'boolean' }) demographicsConsent!: boolean;
  @Column({ type: 'text', nullable: true }) capacity!: string | null;
  @Column({ type: 'uuid', nullable: true }) districtId!: string | null;
  @Column({ type: 'text', nullable: true }) ageBand!: string | null;
  @Column({ type: 'text', nullable: true }) gender!: string | null;
  @Column({ type: 'timestamptz', nullable: true }) submittedAt!: Date | null;
  @Column({ type: 'timestamptz' }) createdAt!: Date;
  @Column({ type: 'timestamptz' }) updatedAt!: Date;
}

/** The surveys module's entities. */
export const SURVEY_ENTITIES = [Survey, SurveyVersion, SurveyInvite, SurveyResponse];
