import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { Locale, SurveyExportFormat, SurveyExportStatus } from '@hamandishi/contracts';
import type { ExportResponse } from './survey-export-layout';

type Queryable = Pick<EntityManager, 'query'> | Pick<DataSource, 'query'>;

/** An export as the rules need it. */
export type ExportRow = {
  id: string;
  organizationId: string;
  surveyId: string;
  requestedBy: string;
  format: SurveyExportFormat;
  locale: Locale;
  status: SurveyExportStatus;
  rowsDone: number;
  rowsTotal: number | null;
  errorCode: string | null;
  attempts: number;
  expiresAt: Date | null;
  finishedAt: Date | null;
  createdAt: Date;
};

const COLUMNS = `id, organization_id AS "organizationId", survey_id AS "surveyId", requested_by AS "requestedBy", format, locale, status,
  rows_done AS "rowsDone", rows_total AS "rowsTotal", error_code AS "errorCode", attempts, expires_at AS "expiresAt",
  finished_at AS "finishedAt", created_at AS "createdAt"`;

/** The survey_export tables, with purpose-named queries. */
@Injectable()
export class SurveyExportRepository {
  constructor(@InjectDataSource() readonly db: DataSource) {}

  async insert(
    m: Queryable,
    row: { organizationId: string; surveyId: string; requestedBy: string; format: SurveyExportFormat; locale: Locale },
  ): Promise<ExportRow> {
    const [created] = await m.query(
      `INSERT INTO survey_export (organization_id, survey_id, requested_by, format, locale) VALUES ($1, $2, $3, $4, $5) RETURNING ${COLUMNS}`,
      [row.organizationId, row.surveyId, row.requestedBy, row.format, row.locale],
    );
    return created;
  }

  /** One export of the organisation (any requester: the service checks who may see it). */
  async find(organizationId: string, exportId: string): Promise<ExportRow | null> {
    const [row] = await this.db.query(`SELECT ${COLUMNS} FROM survey_export WHERE organization_id = $1 AND id = $2`, [
      organizationId,
      exportId,
    ]);
    return row ?? null;
  }

  /** The export a job works on, whatever its organisation. */
  async findForJob(exportId: string): Promise<ExportRow | null> {
    const [row] = await this.db.query(`SELECT ${COLUMNS} FROM survey_export WHERE id = $1`, [exportId]);
    return row ?? null;
  }

  /** The planner's recent exports of one survey, newest first. */
  async recentOf(organizationId: string, surveyId: string, requestedBy: string, limit: number): Promise<ExportRow[]> {
    return this.db.query(
      `SELECT ${COLUMNS} FROM survey_export WHERE organization_id = $1 AND survey_id = $2 AND requested_by = $3
        ORDER BY created_at DESC, id DESC LIMIT $4`,
      [organizationId, surveyId, requestedBy, limit],
    );
  }

  /** A new attempt starts from scratch: the previous attempt's chunks go, the counters restart. */
  async startAttempt(exportId: string, rowsTotal: number): Promise<number> {
    return this.db.transaction(async (m) => {
      await m.query(`DELETE FROM survey_export_chunk WHERE export_id = $1`, [exportId]);
      const [row] = await m.query(
        `UPDATE survey_export SET status = 'running', rows_done = 0, rows_total = $2, error_code = NULL, attempts = attempts + 1, updated_at = now()
          WHERE id = $1 RETURNING attempts`,
        [exportId, rowsTotal],
      );
      return row.attempts as number;
    });
  }

  async progress(exportId: string, rowsDone: number): Promise<void> {
    await this.db.query(`UPDATE survey_export SET rows_done = $2, updated_at = now() WHERE id = $1`, [
      exportId,
      rowsDone,
    ]);
  }

  async finish(exportId: string, rowsDone: number, byteSize: number, ttlHours: number): Promise<void> {
    await this.db.query(
      `UPDATE survey_export SET status = 'done', rows_done = $2, byte_size = $3, finished_at = now(),
         expires_at = now() + make_interval(hours => $4), updated_at = now() WHERE id = $1`,
      [exportId, rowsDone, byteSize, ttlHours],
    );
  }

  /** Marks the export as waiting for a retry (`queued`) or as failed for good. */
  async markFailed(exportId: string, status: 'queued' | 'failed', errorCode: string): Promise<void> {
    await this.db.transaction(async (m) => {
      if (status === 'failed') await m.query(`DELETE FROM survey_export_chunk WHERE export_id = $1`, [exportId]);
      await m.query(
        `UPDATE survey_export SET status = $2, error_code = $3, finished_at = CASE WHEN $2 = 'failed' THEN now() END, updated_at = now() WHERE id = $1`,
        [exportId, status, errorCode],
      );
    });
  }

  async appendChunk(exportId: string, seq: number, data: Buffer): Promise<void> {
    await this.db.query(`INSERT INTO survey_export_chunk (export_id, seq, data) VALUES ($1, $2, $3)`, [
      exportId,
      seq,
      data,
    ]);
  }

  /** One chunk of a file, or null past the end. */
  async chunk(exportId: string, seq: number): Promise<Buffer | null> {
    const [row] = await this.db.query(`SELECT data FROM survey_export_chunk WHERE export_id = $1 AND seq = $2`, [
      exportId,
      seq,
    ]);
    return row ? (row.data as Buffer) : null;
  }

  /** How many submitted responses the survey has. */
  async countSubmitted(surveyId: string): Promise<number> {
    const [row] = await this.db.query(
      `SELECT count(*)::int AS n FROM survey_response WHERE survey_id = $1 AND status = 'submitted'`,
      [surveyId],
    );
    return row.n;
  }

  /**
   * The next page of submitted responses after `afterId`, in id order (a keyset page: each is a
   * range scan of ix_survey_response_submitted_keyset, so memory stays flat whatever the total;
   * the first page starts after the nil UUID, as an `IS NULL OR` would defeat the index).
   * Identity columns are read only when `isIdentified`; demographics only for those who consented.
   */
  async responsePage(
    organizationId: string,
    surveyId: string,
    afterId: string | null,
    limit: number,
    isIdentified: boolean,
    locale: Locale,
  ): Promise<ExportResponse[]> {
    const identity = isIdentified
      ? `COALESCE(r.account_id, r.invite_id)::text AS "respondentId", COALESCE(a.display_name, i.label) AS name, a.mobile AS mobile`
      : `NULL AS "respondentId", NULL AS name, NULL AS mobile`;
    const joins = isIdentified
      ? `LEFT JOIN account a ON a.id = r.account_id LEFT JOIN survey_invite i ON i.id = r.invite_id AND i.organization_id = r.organization_id`
      : '';
    return this.db.query(
      `SELECT r.id, r.submitted_at AS "submittedAt", r.answers, ${identity},
              CASE WHEN r.demographics_consent THEN r.capacity END AS capacity,
              CASE WHEN r.demographics_consent THEN COALESCE(d.name ->> $5, d.name ->> 'fa') END AS district,
              CASE WHEN r.demographics_consent THEN r.age_band END AS "ageBand",
              CASE WHEN r.demographics_consent THEN r.gender END AS gender
         FROM survey_response r
         LEFT JOIN district d ON d.id = r.district_id AND d.organization_id = r.organization_id
         ${joins}
        WHERE r.organization_id = $1 AND r.survey_id = $2 AND r.status = 'submitted' AND r.id > COALESCE($3::uuid, '00000000-0000-0000-0000-000000000000'::uuid)
        ORDER BY r.id LIMIT $4`,
      [organizationId, surveyId, afterId, limit, locale],
    );
  }

  /** Deletes the files of expired exports and forgets exports older than a week. */
  async prune(): Promise<void> {
    await this.db.query(
      `DELETE FROM survey_export_chunk c USING survey_export e WHERE c.export_id = e.id AND e.expires_at < now()`,
    );
    await this.db.query(`DELETE FROM survey_export WHERE created_at < now() - interval '7 days'`);
  }
}

/** What an export job needs of its survey. */
export type ExportSurvey = {
  id: string;
  definition: import('@hamandishi/contracts').TSurveyDefinition;
  anonymous: boolean;
  askDemographics: boolean;
};

/** The survey of an export (the surveys module's own table). */
export async function findExportSurvey(
  db: Queryable,
  organizationId: string,
  surveyId: string,
): Promise<ExportSurvey | null> {
  const [row] = await db.query(
    `SELECT id, definition, anonymous, ask_demographics AS "askDemographics" FROM survey WHERE organization_id = $1 AND id = $2`,
    [organizationId, surveyId],
  );
  return row ?? null;
}
