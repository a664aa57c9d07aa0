import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { Locale, OrganizationStatus, TLocalizedText } from '@hamandishi/contracts';
import { returningRows } from '../../database/returning-rows';

/** A municipality with what the platform list shows beside it. */
export type PlatformOrganizationRow = {
  id: string;
  slug: string;
  name: TLocalizedText;
  defaultLocale: Locale;
  status: OrganizationStatus;
  suspendedAt: Date | null;
  contactEmail: string | null;
  timeZone: string;
  mapCenterLat: number;
  mapCenterLng: number;
  mapZoom: number;
  createdAt: Date;
  members: number;
  plans: number;
  problems: number;
  comments: number;
};

/** The settings a superadmin writes. */
export type OrganizationSettings = {
  name: TLocalizedText;
  defaultLocale: Locale;
  mapCenter: { lat: number; lng: number };
  mapZoom: number;
  contactEmail: string | null;
  timeZone: string;
};

const COLUMNS = `o.id, o.slug, o.name, o.default_locale AS "defaultLocale", o.status, o.suspended_at AS "suspendedAt",
  o.contact_email AS "contactEmail", o.time_zone AS "timeZone", o.map_center_lat AS "mapCenterLat",
  o.map_center_lng AS "mapCenterLng", o.map_zoom AS "mapZoom", o.created_at AS "createdAt"`;

// The activity counts read the owners' tables (membership, plan, problem, comment) directly:
// a read-only count per table, all in this one statement, so the platform list is one round trip
// instead of four service calls per municipality. Each count uses the table's organisation index.
const COUNTS = `
  (SELECT count(*) FROM membership x WHERE x.organization_id = o.id)::int AS members,
  (SELECT count(*) FROM plan x WHERE x.organization_id = o.id)::int AS plans,
  (SELECT count(*) FROM problem x WHERE x.organization_id = o.id)::int AS problems,
  (SELECT count(*) FROM comment x WHERE x.organization_id = o.id)::int AS comments`;

/** The platform administration's queries over municipalities. */
@Injectable()
export class PlatformOrganizationsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Every municipality (a platform holds tens, not thousands), with its counts. */
  list(): Promise<PlatformOrganizationRow[]> {
    return this.db.query(`SELECT ${COLUMNS}, ${COUNTS} FROM organization o ORDER BY o.created_at, o.id`);
  }

  async find(id: string, manager: EntityManager | DataSource = this.db): Promise<PlatformOrganizationRow | null> {
    const [row] = await manager.query(`SELECT ${COLUMNS}, ${COUNTS} FROM organization o WHERE o.id = $1`, [id]);
    return row ?? null;
  }

  /** Inserts the municipality; a taken slug fails on `uq_organization_slug`. */
  async insert(manager: EntityManager, slug: string, s: OrganizationSettings): Promise<string> {
    const [row] = await manager.query(
      `INSERT INTO organization (slug, name, default_locale, map_center_lat, map_center_lng, map_zoom, contact_email, time_zone)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
      [slug, s.name, s.defaultLocale, s.mapCenter.lat, s.mapCenter.lng, s.mapZoom, s.contactEmail, s.timeZone],
    );
    return row.id;
  }

  /** Locks the row for a change and returns it as it was. */
  async lock(manager: EntityManager, id: string): Promise<PlatformOrganizationRow | null> {
    const [row] = await manager.query(`SELECT ${COLUMNS}, ${COUNTS} FROM organization o WHERE o.id = $1 FOR UPDATE OF o`, [id]);
    return row ?? null;
  }

  async update(manager: EntityManager, id: string, s: Partial<OrganizationSettings>): Promise<void> {
    await manager.query(
      `UPDATE organization SET
         name = coalesce($2, name),
         default_locale = coalesce($3, default_locale),
         map_center_lat = coalesce($4, map_center_lat),
         map_center_lng = coalesce($5, map_center_lng),
         map_zoom = coalesce($6, map_zoom),
         contact_email = CASE WHEN $7 THEN $8 ELSE contact_email END,
         time_zone = coalesce($9, time_zone)
       WHERE id = $1`,
      [
        id,
        s.name ?? null,
        s.defaultLocale ?? null,
        s.mapCenter?.lat ?? null,
        s.mapCenter?.lng ?? null,
        s.mapZoom ?? null,
        s.contactEmail !== undefined,
        s.contactEmail ?? null,
        s.timeZone ?? null,
      ],
    );
  }

  /** Moves to `status`; false when it already was there. */
  async setStatus(manager: EntityManager, id: string, status: OrganizationStatus): Promise<boolean> {
    const rows = returningRows(
      await manager.query(
        `UPDATE organization SET status = $2, suspended_at = CASE WHEN $2 = 'suspended' THEN now() END
         WHERE id = $1 AND status <> $2 RETURNING id`,
        [id, status],
      ),
    );
    return rows.length > 0;
  }
}
