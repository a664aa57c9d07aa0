import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { TBoundary, TLocalizedText } from '@hamandishi/contracts';

/** A municipal district with its boundary (GeoJSON) and bounding box for quick point tests. */
@Entity('district')
export class District {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'uuid' }) organizationId!: string;
  @Column({ type: 'integer' }) number!: number;
  @Column({ type: 'jsonb' }) name!: TLocalizedText;
  @Column({ type: 'jsonb', nullable: true }) boundary!: TBoundary | null;
  @Column({ type: 'double precision', nullable: true }) minLat!: number | null;
  @Column({ type: 'double precision', nullable: true }) minLng!: number | null;
  @Column({ type: 'double precision', nullable: true }) maxLat!: number | null;
  @Column({ type: 'double precision', nullable: true }) maxLng!: number | null;
}
