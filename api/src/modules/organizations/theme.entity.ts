import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { ThemeIcon, TLocalizedText } from '@hamandishi/contracts';

/** A category of an organisation's theme taxonomy (transport, waste, green space...): two levels at most. */
@Entity('theme')
export class Theme {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'uuid' }) organizationId!: string;
  @Column({ type: 'uuid', nullable: true }) parentId!: string | null;
  @Column({ type: 'text' }) slug!: string;
  @Column({ type: 'jsonb' }) name!: TLocalizedText;
  @Column({ type: 'integer' }) position!: number;
  @Column({ type: 'text' }) colour!: string;
  @Column({ type: 'text' }) icon!: ThemeIcon;
  /** Set when archived: the theme stays on old items but is not offered for new ones. */
  @Column({ type: 'timestamptz', nullable: true }) archivedAt!: Date | null;
}
