import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { Role } from '@hamandishi/contracts';

/** A person's place in one municipality: their roles and, optionally, their district. */
@Entity('membership')
export class Membership {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'uuid' }) organizationId!: string;
  @Column({ type: 'uuid' }) accountId!: string;
  @Column({ type: 'text', array: true }) roles!: Role[];
  @Column({ type: 'uuid', nullable: true }) districtId!: string | null;
  @Column({ type: 'timestamptz' }) joinedAt!: Date;
  @Column({ type: 'timestamptz' }) updatedAt!: Date;
}
