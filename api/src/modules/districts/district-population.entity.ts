import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** A district's population from one source of a Jalali year (one current figure per district). */
@Entity('district_population')
export class DistrictPopulation {
  @PrimaryColumn({ type: 'uuid' }) districtId!: string;
  @Column({ type: 'uuid' }) organizationId!: string;
  @Column({ type: 'integer' }) sourceYear!: number;
  @Column({ type: 'integer' }) total!: number;
  @Column({ type: 'integer', nullable: true }) male!: number | null;
  @Column({ type: 'integer', nullable: true }) female!: number | null;
  @Column({ type: 'integer', name: 'age_under_18', nullable: true }) ageUnder18!: number | null;
  @Column({ type: 'integer', name: 'age_18_29', nullable: true }) age18to29!: number | null;
  @Column({ type: 'integer', name: 'age_30_44', nullable: true }) age30to44!: number | null;
  @Column({ type: 'integer', name: 'age_45_59', nullable: true }) age45to59!: number | null;
  @Column({ type: 'integer', name: 'age_60_plus', nullable: true }) age60plus!: number | null;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt!: Date;
}
