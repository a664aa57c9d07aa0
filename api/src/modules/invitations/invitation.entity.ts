import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { InvitableRole } from '@hamandishi/contracts';

/**
 * A personal link that grants roles in one municipality to whoever owns `contact` (a verified
 * mobile or e-mail). Only the token's sha256 is kept; acceptance is single use.
 */
@Entity('invitation')
export class Invitation {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'uuid' }) organizationId!: string;
  @Column({ type: 'text' }) channel!: 'sms' | 'email';
  /** E.164 mobile or lower-case e-mail. */
  @Column({ type: 'text' }) contact!: string;
  @Column({ type: 'text', array: true }) roles!: InvitableRole[];
  @Column({ type: 'uuid', nullable: true }) districtId!: string | null;
  @Column({ type: 'bytea' }) tokenHash!: Buffer;
  @Column({ type: 'uuid', nullable: true }) invitedBy!: string | null;
  @Column({ type: 'timestamptz' }) createdAt!: Date;
  @Column({ type: 'timestamptz' }) sentAt!: Date;
  @Column({ type: 'timestamptz' }) expiresAt!: Date;
  @Column({ type: 'timestamptz', nullable: true }) acceptedAt!: Date | null;
  @Column({ type: 'uuid', nullable: true }) acceptedBy!: string | null;
  @Column({ type: 'timestamptz', nullable: true }) revokedAt!: Date | null;
  @Column({ type: 'uuid', nullable: true }) revokedBy!: string | null;
}
