import { Column, CreateDateColumn, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import type { NOTIFICATION_KINDS } from '@hamandishi/contracts';

/** What one can follow. */
export type FollowTargetType = 'plan' | 'stage';
/** A kind of notification. */
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];
/** How often a person gets a summary of unread notifications. */
export type DigestFrequency = 'none' | 'daily' | 'weekly';
/** How the summary travels. */
export type DigestChannel = 'email' | 'sms';

/** One person following a plan or a stage; unique per person and target. */
@Entity('follow')
export class Follow {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'uuid' }) organizationId!: string;
  @Column({ type: 'uuid' }) accountId!: string;
  @Column({ type: 'text' }) targetType!: FollowTargetType;
  @Column({ type: 'uuid' }) targetId!: string;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
}

/** One line in a person's bell. */
@Entity('notification')
export class Notification {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'uuid', nullable: true }) organizationId!: string | null;
  @Column({ type: 'uuid' }) accountId!: string;
  @Column({ type: 'text' }) kind!: NotificationKind;
  @Column({ type: 'jsonb' }) params!: Record<string, string | number>;
  @Column({ type: 'text', nullable: true }) link!: string | null;
  @Column({ type: 'timestamptz', nullable: true }) readAt!: Date | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
}

/** A person's digest settings; no row means the defaults (daily, by SMS). */
@Entity('notification_preference')
export class NotificationPreference {
  @PrimaryColumn({ type: 'uuid' }) accountId!: string;
  @Column({ type: 'text' }) digest!: DigestFrequency;
  @Column({ type: 'text' }) channel!: DigestChannel;
  @Column({ type: 'timestamptz', nullable: true }) lastDigestAt!: Date | null;
}

/** The notifications module's tables, registered in database/entities.ts. */
export const NOTIFICATION_ENTITIES = [Follow, Notification, NotificationPreference];
