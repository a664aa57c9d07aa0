import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { TAuditFacets, TAuditPage } from '@hamandishi/contracts';
import { decodeKeysetCursor, encodeKeysetCursor } from '../../common/pagination/keyset-cursor';

/** What one audited change records. `before` is null for a creation, `after` null for a deletion. */
export type AuditRecord = {
  organizationId: string;
  actorId: string | null;
  action: string;
  entityType: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
};

type AuditRow = {
  id: string;
  actorId: string | null;
  actorName: string | null;
  action: string;
  entityType: string;
  entityId: string;
  before: unknown;
  after: unknown;
  createdAt: Date;
  createdAtKey: string;
};

/** The calendar the audit screen's day filters mean (Iran keeps one zone, no DST since 2022). */
const AUDIT_TIME_ZONE = 'Asia/Tehran';

/** Filters of one page of the log; `from`/`to` are calendar days in Tehran, both inclusive. */
export type AuditFilters = {
  entityType?: string;
  entityId?: string;
  actorId?: string;
  from?: string;
  to?: string;
  cursor?: string;
  limit: number;
};

/** The audit log: every planner/admin change, written in the same transaction as the change. */
@Injectable()
export class AuditService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Records a change; pass the transaction's manager so the entry commits (or rolls back) with it. */
  async record(manager: EntityManager, entry: AuditRecord): Promise<void> {
    await manager.query(
      `INSERT INTO audit_entry (organization_id, actor_id, action, entity_type, entity_id, before, after)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [
        entry.organizationId,
        entry.actorId,
        entry.action,
        entry.entityType,
        entry.entityId,
        entry.before === undefined || entry.before === null ? null : JSON.stringify(entry.before),
        entry.after === undefined || entry.after === null ? null : JSON.stringify(entry.after),
      ],
    );
  }

  /** The organisation's log, newest first, keyset-paginated, filtered by entity, actor and days. */
  async page(organizationId: string, query: AuditFilters): Promise<TAuditPage> {
    const after = query.cursor ? decodeKeysetCursor(query.cursor) : null;
    // A day starts at midnight on Tehran's wall clock; `to` is inclusive, so the range ends where the next day starts.
    const rows: AuditRow[] = await this.db.query(
      `SELECT e.id, e.actor_id AS "actorId", a.display_name AS "actorName", e.action, e.entity_type AS "entityType",
              e.entity_id AS "entityId", e.before, e.after, e.created_at AS "createdAt",
              to_char(e.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "createdAtKey"
       FROM audit_entry e LEFT JOIN account a ON a.id = e.actor_id
       WHERE e.organization_id = $1
         AND ($2::text IS NULL OR e.entity_type = $2)
         AND ($3::uuid IS NULL OR e.entity_id = $3)
         AND ($4::uuid IS NULL OR e.actor_id = $4)
         AND ($5::date IS NULL OR e.created_at >= ($5::date::timestamp AT TIME ZONE '${AUDIT_TIME_ZONE}'))
         AND ($6::date IS NULL OR e.created_at < (($6::date + 1)::timestamp AT TIME ZONE '${AUDIT_TIME_ZONE}'))
         AND ($7::timestamptz IS NULL OR (e.created_at, e.id) < ($7::timestamptz, $8::uuid))
       ORDER BY e.created_at DESC, e.id DESC LIMIT $9`,
      [
        organizationId,
        query.entityType ?? null,
        query.entityId ?? null,
        query.actorId ?? null,
        query.from ?? null,
        query.to ?? null,
        after?.at ?? null,
        after?.id ?? null,
        query.limit + 1,
      ],
    );
    const items = rows.slice(0, query.limit);
    const last = items[items.length - 1];
    return {
      items: items.map((r) => ({
        id: r.id,
        actor: r.actorId ? { id: r.actorId, displayName: r.actorName ?? '' } : null,
        action: r.action,
        entityType: r.entityType,
        entityId: r.entityId,
        before: r.before ?? null,
        after: r.after ?? null,
        createdAt: new Date(r.createdAt).toISOString(),
      })),
      nextCursor:
        rows.length > query.limit && last
          ? encodeKeysetCursor(last.createdAtKey, last.id)
          : null,
    };
  }

  /** The entity types and the actors that appear in the organisation's log: the screen's filter choices. */
  async facets(organizationId: string): Promise<TAuditFacets> {
    const [types, actors]: [{ entityType: string }[], { id: string; displayName: string }[]] = await Promise.all([
      this.db.query(
        `SELECT DISTINCT entity_type AS "entityType" FROM audit_entry WHERE organization_id = $1 ORDER BY entity_type`,
        [organizationId],
      ),
      this.db.query(
        `SELECT a.id, a.display_name AS "displayName"
         FROM (SELECT DISTINCT actor_id FROM audit_entry WHERE organization_id = $1 AND actor_id IS NOT NULL) e
         JOIN account a ON a.id = e.actor_id
         ORDER BY a.display_name, a.id`,
        [organizationId],
      ),
    ]);
    return { entityTypes: types.map((t) => t.entityType), actors };
  }
}

