import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { TLocalizedText } from '@hamandishi/contracts';

/** A category of an organisation's theme taxonomy (transport, waste, green space...). */
@Entity('theme')
export class Theme {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'uuid' }) organizationId!: string;
  @Column({ type: 'uuid', nullable: true }) parentId!: string | null;
  @Column({ type: 'text' }) slug!: string;
  @Column({ type: 'jsonb' }) name!: TLocalizedText;
  @Column({ type: 'integer' }) position!: number;
}
