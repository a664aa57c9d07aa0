import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { DemandExportFormat, DemandExportStatus, Locale, TDemandFilter } from '@hamandishi/contracts';

type Queryable = Pick<EntityManager, 'query'> | Pick<DataSource, 'query'>;

/** A demands export as the rules need it. */
export type DemandExportRow = {
  id: string;
  organizationId: string;
  planId: string;
  requestedBy: string;
  format: DemandExportFormat;
  locale: Locale;
  filter: TDemandFilter;
  includePersonal: boolean;
  status: DemandExportStatus;
  rowsDone: number;
  rowsTotal: number | null;
  errorCode: string | null;
  attempts: number;
  expiresAt: Date | null;
  finishedAt: Date | null;
  createdAt: Date;
};

const COLUMNS = `id, organization_id AS "organizationId", plan_id AS "planId", requested_by AS "requestedBy", format, locale,
  filter, include_personal AS "includePersonal", status, rows_done AS "rowsDone", rows_total AS "rowsTotal",
  error_code AS "errorCode", attempts, expires_at AS "expiresAt", finished_at AS "finishedAt", created_at AS "createdAt"`;

/** The demand_export tables, with purpose-named queries. */
@Injectable()
export class DemandExportRepository {
  constructor(@InjectDataSource() readonly db: DataSource) {}

  async insert(
    m: Queryable,
    row: Pick<DemandExportRow, 'organizationId' | 'planId' | 'requestedBy' | 'format' | 'locale' | 'filter' | 'includePersonal'>,
  ): Promise<DemandExportRow> {
    const [created] = await m.query(
      `INSERT INTO demand_export (organization_id, plan_id, requested_by, format, locale, filter, include_personal)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${COLUMNS}`,
      [row.organizationId, row.planId, row.requestedBy, row.format, row.locale, JSON.stringify(row.filter), row.includePersonal],
    );
    return created;
  }

  /** Whether the plan is the organisation's. */
  async planExists(organizationId: string, planId: string): Promise<boolean> {
    const rows = await this.db.query(`SELECT 1 FROM plan WHERE organization_id = $1 AND id = $2`, [organizationId, planId]);
    return rows.length > 0;
  }

  /** The municipality's time zone (dates in the files are its calendar days). */
  async timeZoneOf(organizationId: string): Promise<string> {
    const [row] = await this.db.query(`SELECT time_zone AS "timeZone" FROM organization WHERE id = $1`, [organizationId]);
    return row?.timeZone ?? 'Asia/Tehran';
  }

  /** One export of the organisation (any requester: the service checks who may see it). */
  async find(organizationId: string, exportId: string): Promise<DemandExportRow | null> {
    const [row] = await this.db.query(`SELECT ${COLUMNS} FROM demand_export WHERE organization_id = $1 AND id = $2`, [
      organizationId,
      exportId,
    ]);
    return row ?? null;
  }

  /** The export a job works on, whatever its organisation. */
  async findForJob(exportId: string): Promise<DemandExportRow | null> {
    const [row] = await this.db.query(`SELECT ${COLUMNS} FROM demand_export WHERE id = $1`, [exportId]);
    return row ?? null;
  }

  /** The planner's recent exports of one plan, newest first. */
  async recentOf(organizationId: string, planId: string, requestedBy: string, limit: number): Promise<DemandExportRow[]> {
    return this.db.query(
      `SELECT ${COLUMNS} FROM demand_export WHERE organization_id = $1 AND plan_id = $2 AND requested_by = $3
        ORDER BY created_at DESC, id DESC LIMIT $4`,
      [organizationId, planId, requestedBy, limit],
    );
  }

  /** A new attempt starts from scratch: the previous attempt's chunks go, the counters restart. */
  async startAttempt(exportId: string): Promise<number> {
    return this.db.transaction(async (m) => {
      await m.query(`DELETE FROM demand_export_chunk WHERE export_id = $1`, [exportId]);
      const [row] = await m.query(
        `UPDATE demand_export SET status = 'running', rows_done = 0, rows_total = NULL, error_code = NULL, attempts = attempts + 1, updated_at = now()
          WHERE id = $1 RETURNING attempts`,
        [exportId],
      );
      return row.attempts as number;
    });
  }

  async progress(exportId: string, rowsDone: number, rowsTotal: number | null): Promise<void> {
    await this.db.query(
      `UPDATE demand_export SET rows_done = $2, rows_total = coalesce($3, rows_total), updated_at = now() WHERE id = $1`,
      [exportId, rowsDone, rowsTotal],
    );
  }

  async finish(exportId: string, rowsDone: number, byteSize: number, ttlHours: number): Promise<void> {
    await this.db.query(
      `UPDATE demand_export SET status = 'done', rows_done = $2, rows_total = $2, byte_size = $3, finished_at = now(),
         expires_at = now() + make_interval(hours => $4), updated_at = now() WHERE id = $1`,
      [exportId, rowsDone, byteSize, ttlHours],
    );
  }

  /** Marks the export as waiting for a retry (`queued`) or as failed for good. */
  async markFailed(exportId: string, status: 'queued' | 'failed', errorCode: string): Promise<void> {
    await this.db.transaction(async (m) => {
      if (status === 'failed') await m.query(`DELETE FROM demand_export_chunk WHERE export_id = $1`, [exportId]);
      await m.query(
        `UPDATE demand_export SET status = $2, error_code = $3, finished_at = CASE WHEN $2 = 'failed' THEN now() END, updated_at = now() WHERE id = $1`,
        [exportId, status, errorCode],
      );
    });
  }

  /** Deletes the files of expired exports and forgets exports older than a week. */
  async prune(): Promise<void> {
    await this.db.query(
      `DELETE FROM demand_export_chunk c USING demand_export e WHERE c.export_id = e.id AND e.expires_at < now()`,
    );
    await this.db.query(`DELETE FROM demand_export WHERE created_at < now() - interval '7 days'`);
  }
}
