import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { returningRows } from '../../database/returning-rows';
import { DEFAULT_BRANDING_COLORS, type Locale, type SignInMethod, type TLocalizedText, type TPerLocaleText } from '@hamandishi/contracts';

/** A settings row as the service uses it (never the logo's bytes). */
export type SettingsRow = {
  primaryColor: string;
  accentColor: string;
  welcome: TPerLocaleText;
  about: TPerLocaleText;
  terms: TPerLocaleText;
  privacy: TPerLocaleText;
  signInMethods: SignInMethod[];
  locales: Locale[];
  logoId: string | null;
  updatedAt: Date | null;
};

/** What an admin saves. */
export type SettingsValues = Omit<SettingsRow, 'logoId' | 'updatedAt'>;

const COLUMNS = `primary_color AS "primaryColor", accent_color AS "accentColor", welcome, about, terms, privacy,
  sign_in_methods AS "signInMethods", locales, logo_id AS "logoId", updated_at AS "updatedAt"`;

/** The settings of a municipality that has never saved any. */
export const DEFAULT_SETTINGS: SettingsRow = {
  primaryColor: DEFAULT_BRANDING_COLORS.primary,
  accentColor: DEFAULT_BRANDING_COLORS.accent,
  welcome: {},
  about: {},
  terms: {},
  privacy: {},
  signInMethods: ['mobile_code', 'email'],
  locales: ['fa', 'ar', 'en'],
  logoId: null,
  updatedAt: null,
};

/** Queries on organization_settings (and the organisation's names, which the settings edit). */
@Injectable()
export class OrganizationSettingsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** The settings, or the defaults when the municipality never saved any. */
  async find(organizationId: string, manager: EntityManager = this.db.manager): Promise<SettingsRow> {
    const [row] = await manager.query(`SELECT ${COLUMNS} FROM organization_settings WHERE organization_id = $1`, [
      organizationId,
    ]);
    return row ?? { ...DEFAULT_SETTINGS };
  }

  /** Creates the row with the defaults if missing, then locks it until the transaction ends. */
  async lock(organizationId: string, manager: EntityManager): Promise<SettingsRow> {
    await manager.query(
      `INSERT INTO organization_settings (organization_id, primary_color, accent_color) VALUES ($1, $2, $3)
       ON CONFLICT (organization_id) DO NOTHING`,
      [organizationId, DEFAULT_SETTINGS.primaryColor, DEFAULT_SETTINGS.accentColor],
    );
    const [row] = await manager.query(
      `SELECT ${COLUMNS} FROM organization_settings WHERE organization_id = $1 FOR UPDATE`,
      [organizationId],
    );
    return row;
  }

  async save(organizationId: string, values: SettingsValues, manager: EntityManager): Promise<void> {
    await manager.query(
      `UPDATE organization_settings SET primary_color = $2, accent_color = $3, welcome = $4, about = $5, terms = $6,
         privacy = $7, sign_in_methods = $8, locales = $9, updated_at = now()
       WHERE organization_id = $1`,
      [
        organizationId,
        values.primaryColor,
        values.accentColor,
        JSON.stringify(values.welcome),
        JSON.stringify(values.about),
        JSON.stringify(values.terms),
        JSON.stringify(values.privacy),
        values.signInMethods,
        values.locales,
      ],
    );
  }

  async setName(organizationId: string, name: TLocalizedText, manager: EntityManager): Promise<void> {
    await manager.query(`UPDATE organization SET name = $2 WHERE id = $1`, [organizationId, JSON.stringify(name)]);
  }

  async setLogo(
    organizationId: string,
    logo: { data: Buffer; contentType: string } | null,
    manager: EntityManager,
  ): Promise<string | null> {
    const [row] = returningRows<{ logoId: string | null }>(
      await manager.query(
      `UPDATE organization_settings
       SET logo = $2, logo_type = $3, logo_id = CASE WHEN $2::bytea IS NULL THEN NULL ELSE gen_random_uuid() END, updated_at = now()
       WHERE organization_id = $1 RETURNING logo_id AS "logoId"`,
      [organizationId, logo?.data ?? null, logo?.contentType ?? null],
      ),
    );
    return row?.logoId ?? null;
  }

  /** The logo's bytes while `logoId` is the current one. */
  async logo(organizationId: string, logoId: string): Promise<{ data: Buffer; contentType: string } | null> {
    const [row] = await this.db.query(
      `SELECT logo AS data, logo_type AS "contentType" FROM organization_settings
       WHERE organization_id = $1 AND logo_id = $2 AND logo IS NOT NULL`,
      [organizationId, logoId],
    );
    return row ?? null;
  }
}
