import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A member blocked from taking part in an organisation (the moderation module's table). */
@Entity('member_block')
export class MemberBlock {
  @PrimaryColumn({ type: 'uuid' }) organizationId!: string;
  @PrimaryColumn({ type: 'uuid' }) accountId!: string;
  @Column({ type: 'text' }) reason!: string;
  @Column({ type: 'uuid', nullable: true }) blockedBy!: string | null;
  @Column({ type: 'timestamptz' }) createdAt!: Date;
}
