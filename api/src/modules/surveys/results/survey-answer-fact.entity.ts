import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

/** One atomic part of a submitted answer, with the respondent's consented demographics (see results/facts.ts); keyed by its response first. */
@Entity('survey_answer_fact')
export class SurveyAnswerFact {
  @PrimaryColumn({ type: 'uuid' }) responseId!: string;
  @PrimaryGeneratedColumn('identity', { type: 'bigint' }) id!: string;
  @Column({ type: 'uuid' }) organizationId!: string;
  @Column({ type: 'uuid' }) surveyId!: string;
  @Column({ type: 'text' }) questionId!: string;
  @Column({ type: 'boolean' }) first!: boolean;
  @Column({ type: 'text', nullable: true }) item!: string | null;
  @Column({ type: 'text', nullable: true }) sub!: string | null;
  @Column({ type: 'double precision', nullable: true }) value!: number | null;
  @Column({ type: 'double precision', nullable: true }) value2!: number | null;
  @Column({ type: 'integer', nullable: true }) cell!: number | null;
  @Column({ type: 'text', nullable: true }) text!: string | null;
  @Column({ type: 'text', nullable: true }) textKey!: string | null;
  @Column({ type: 'text', nullable: true }) capacity!: string | null;
  @Column({ type: 'uuid', nullable: true }) districtId!: string | null;
  @Column({ type: 'text', nullable: true }) ageBand!: string | null;
  @Column({ type: 'text', nullable: true }) gender!: string | null;
  /** District × gender × age band as one number (demographicCellOf). */
  @Column({ type: 'integer', nullable: true }) demographicCell!: number | null;
}
