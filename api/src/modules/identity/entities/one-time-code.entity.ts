import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** Why a one-time code was sent. */
export type CodePurpose = 'sign_in' | 'sign_up';

/** What an e-mail sign-up keeps until its code is typed. */
export type PendingSignUp = { passwordHash: string; displayName: string };

/** A code sent by SMS, stored hashed; single use, a few attempts, short-lived. */
@Entity('one_time_code')
export class OneTimeCode {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'text' }) recipient!: string;
  @Column({ type: 'text' }) purpose!: CodePurpose;
  @Column({ type: 'text' }) codeHash!: string;
  @Column({ type: 'integer' }) attempts!: number;
  @Column({ type: 'timestamptz' }) expiresAt!: Date;
  @Column({ type: 'timestamptz', nullable: true }) consumedAt!: Date | null;
  /** A pending e-mail sign-up; null for sign-in codes and once used. */
  @Column({ type: 'jsonb', nullable: true }) payload!: PendingSignUp | null;
  @Column({ type: 'timestamptz' }) createdAt!: Date;
}
