import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { Locale, SignInMethod, TPerLocaleText } from '@hamandishi/contracts';

/**
 * A municipality's settings and public pages, 1:1 with its organization row. No row means the
 * defaults (DEFAULT_BRANDING_COLORS, every sign-in method and language, empty pages).
 */
@Entity('organization_settings')
export class OrganizationSettings {
  @PrimaryColumn('uuid') organizationId!: string;
  @Column({ type: 'text' }) primaryColor!: string;
  @Column({ type: 'text' }) accentColor!: string;
  @Column({ type: 'jsonb' }) welcome!: TPerLocaleText;
  @Column({ type: 'jsonb' }) about!: TPerLocaleText;
  @Column({ type: 'jsonb' }) terms!: TPerLocaleText;
  @Column({ type: 'jsonb' }) privacy!: TPerLocaleText;
  @Column({ type: 'text', array: true }) signInMethods!: SignInMethod[];
  @Column({ type: 'text', array: true }) locales!: Locale[];
  /** The logo, re-encoded without metadata (sanitizeImage). */
  @Column({ type: 'bytea', nullable: true, select: false }) logo!: Buffer | null;
  @Column({ type: 'text', nullable: true }) logoType!: string | null;
  /** Changes with every upload: the logo's URL and ETag, so a new logo is never served from a cache. */
  @Column({ type: 'uuid', nullable: true }) logoId!: string | null;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt!: Date;
}
