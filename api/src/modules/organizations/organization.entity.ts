import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { Locale, TLocalizedText } from '@hamandishi/contracts';

/** A municipality: the tenant every other row belongs to. */
@Entity('organization')
export class Organization {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'text' }) slug!: string;
  @Column({ type: 'jsonb' }) name!: TLocalizedText;
  @Column({ type: 'text' }) defaultLocale!: Locale;
  @Column({ type: 'double precision' }) mapCenterLat!: number;
  @Column({ type: 'double precision' }) mapCenterLng!: number;
  @Column({ type: 'integer' }) mapZoom!: number;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
}
