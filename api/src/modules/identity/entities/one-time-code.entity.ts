import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** Why a one-time code was sent. */
export type CodePurpose = 'sign_in';

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
  @Column({ type: 'timestamptz' }) createdAt!: Date;
}
