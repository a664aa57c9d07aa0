import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { AGE_BANDS, GENDERS, Locale } from '@hamandishi/contracts';

/** What an account can be: `deleted` accounts are anonymised rows kept for content attribution. */
export type AccountStatus = 'active' | 'disabled' | 'deleted';

/** One person on the platform, across every municipality. */
@Entity('account')
export class Account {
  @PrimaryGeneratedColumn('uuid') id!: string;
  /** E.164, unique. */
  @Column({ type: 'text', nullable: true }) mobile!: string | null;
  /** Lower-case, unique. */
  @Column({ type: 'text', nullable: true }) email!: string | null;
  @Column({ type: 'text', nullable: true }) passwordHash!: string | null;
  @Column({ type: 'text' }) displayName!: string;
  @Column({ type: 'text' }) locale!: Locale;
  @Column({ type: 'text' }) status!: AccountStatus;
  @Column({ type: 'boolean' }) isSuperadmin!: boolean;
  @Column({ type: 'timestamptz', nullable: true }) demographicsConsentAt!: Date | null;
  @Column({ type: 'text', nullable: true }) ageBand!: (typeof AGE_BANDS)[number] | null;
  @Column({ type: 'text', nullable: true }) gender!: (typeof GENDERS)[number] | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt!: Date;
}
