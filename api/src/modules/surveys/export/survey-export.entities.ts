import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

// Queried with purpose-named SQL (survey-export.repository.ts); these describe the tables for
// TypeORM's metadata. Constraints live in the migration.

/** One export of a survey's responses, requested by one planner, produced by a background job. */
@Entity('survey_export')
export class SurveyExport {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'uuid' }) organizationId!: string;
  @Column({ type: 'uuid' }) surveyId!: string;
  @Column({ type: 'uuid' }) requestedBy!: string;
  @Column({ type: 'text' }) format!: 'csv' | 'xlsx' | 'geojson';
  @Column({ type: 'text' }) locale!: 'fa' | 'ar' | 'en';
  @Column({ type: 'text' }) status!: 'queued' | 'running' | 'done' | 'failed';
  @Column({ type: 'integer' }) rowsDone!: number;
  @Column({ type: 'integer', nullable: true }) rowsTotal!: number | null;
  @Column({ type: 'bigint', nullable: true }) byteSize!: string | null;
  @Column({ type: 'text', nullable: true }) errorCode!: string | null;
  @Column({ type: 'integer' }) attempts!: number;
  @Column({ type: 'timestamptz', nullable: true }) expiresAt!: Date | null;
  @Column({ type: 'timestamptz', nullable: true }) finishedAt!: Date | null;
  @Column({ type: 'timestamptz' }) createdAt!: Date;
  @Column({ type: 'timestamptz' }) updatedAt!: Date;
}

/** A piece of an export's file, in order. */
@Entity('survey_export_chunk')
export class SurveyExportChunk {
  @PrimaryColumn({ type: 'uuid' }) exportId!: string;
  @PrimaryColumn({ type: 'integer' }) seq!: number;
  @Column({ type: 'bytea' }) data!: Buffer;
}

/** The survey export's entities. */
export const SURVEY_EXPORT_ENTITIES = [SurveyExport, SurveyExportChunk];
