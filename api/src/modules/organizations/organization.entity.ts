import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { Locale, OrganizationStatus, TLocalizedText } from '@hamandishi/contracts';

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
  /** `suspended`: read-only, every submission answers 423 (the identity guard). */
  @Column({ type: 'text' }) status!: OrganizationStatus;
  @Column({ type: 'timestamptz', nullable: true }) suspendedAt!: Date | null;
  @Column({ type: 'text', nullable: true }) contactEmail!: string | null;
  /** IANA, e.g. Asia/Tehran. */
  @Column({ type: 'text' }) timeZone!: string;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
}
