import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** One change by a planner or admin: who, what, before and after (written in the change's transaction). */
@Entity('audit_entry')
export class AuditEntry {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'uuid' }) organizationId!: string;
  @Column({ type: 'uuid', nullable: true }) actorId!: string | null;
  @Column({ type: 'text' }) action!: string;
  @Column({ type: 'text' }) entityType!: string;
  @Column({ type: 'uuid' }) entityId!: string;
  @Column({ type: 'jsonb', nullable: true }) before!: unknown;
  @Column({ type: 'jsonb', nullable: true }) after!: unknown;
  @Column({ type: 'timestamptz' }) createdAt!: Date;
}

/** The audit module's tables, registered in database/entities.ts. */
export const AUDIT_ENTITIES = [AuditEntry];
