import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** How a message travels. */
export type MessageChannel = 'sms' | 'email';
/** Where a message stands: written first, then delivered (or given up on). */
export type MessageStatus = 'pending' | 'sent' | 'failed';

/** Every SMS and email the platform sends, written before delivery so none is lost. */
@Entity('outbox_message')
export class OutboxMessage {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'text' }) channel!: MessageChannel;
  @Column({ type: 'text' }) recipient!: string;
  @Column({ type: 'text', nullable: true }) subject!: string | null;
  @Column({ type: 'text' }) body!: string;
  @Column({ type: 'text' }) status!: MessageStatus;
  @Column({ type: 'text' }) provider!: string;
  @Column({ type: 'integer' }) attempts!: number;
  @Column({ type: 'text', nullable: true }) lastError!: string | null;
  @Column({ type: 'timestamptz' }) createdAt!: Date;
  @Column({ type: 'timestamptz', nullable: true }) sentAt!: Date | null;
}
