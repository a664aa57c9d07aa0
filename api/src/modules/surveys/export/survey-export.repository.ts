import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { Locale, SurveyExportFormat, SurveyExportStatus } from '@hamandishi/contracts';
import type { ExportResponse } from './survey-export-layout';

type Queryable = Pick<EntityManager, 'query'> | Pick<DataSource, 'query'>;

/** The node-postgres client under a TypeORM query runner, as far as the cursor uses it. */
type RawClient = {
  query(text: string, values?: unknown[]): Promise<unknown>;
  query(config: { text: string; rowMode: 'array'; types: typeof RAW_TEXT }): Promise<{ rows: unknown[][] }>;
};

// Every column as the text PostgreSQL sent: no per-value type parsing in the driver.
const RAW_TEXT = { getTypeParser: () => (value: string) => value };

/** Submitted responses read in batches from a server-side cursor. */
export type ResponseCursor = {
  /** The next batch of at most `limit` responses; an empty array at the end. */
  next(limit: number): Promise<ExportResponse[]>;
  close(): Promise<void>;
};

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

  /** How many submitted responses the survey has. */
  async countSubmitted(surveyId: string): Promise<number> {
    const [row] = await this.db.query(
      `SELECT count(*)::int AS n FROM survey_response WHERE survey_id = $1 AND status = 'submitted'`,
      [surveyId],
    );
    return row.n;
  }

  /**
   * The survey's submitted responses in id order through a server-side cursor on a connection of
   * its own (one snapshot, one index range scan of ix_survey_response_submitted_keyset, read in
   * batches so memory stays flat whatever the total). Rows come back as raw text in arrays, not
   * parsed objects: the answers are one `JSON.parse` per row, the time a number of milliseconds.
   * Identity columns are read only when `isIdentified`; demographics only for those who consented.
   * `close` must be called (it ends the transaction and frees the connection), also after a failure.
   */
  async openResponseCursor(
    organizationId: string,
    surveyId: string,
    isIdentified: boolean,
    locale: Locale,
  ): Promise<ResponseCursor> {
    const identity = isIdentified
      ? `COALESCE(r.account_id, r.invite_id)::text, COALESCE(a.display_name, i.label), a.mobile`
      : `NULL, NULL, NULL`;
    const joins = isIdentified
      ? `LEFT JOIN account a ON a.id = r.account_id LEFT JOIN survey_invite i ON i.id = r.invite_id AND i.organization_id = r.organization_id`
      : '';
    const runner = this.db.createQueryRunner('slave');
    const client = (await runner.connect()) as RawClient;
    let isOpen = false;
    const close = async (): Promise<void> => {
      try {
        if (isOpen) await client.query('ROLLBACK');
      } finally {
        isOpen = false;
        await runner.release();
      }
    };
    try {
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      isOpen = true;
      await client.query(
        `DECLARE survey_export_rows NO SCROLL CURSOR FOR
         SELECT r.id::text, (extract(epoch FROM r.submitted_at) * 1000)::float8, r.answers::text, ${identity},
                CASE WHEN r.demographics_consent THEN r.capacity END,
                CASE WHEN r.demographics_consent THEN COALESCE(d.name ->> $3, d.name ->> 'fa') END,
                CASE WHEN r.demographics_consent THEN r.age_band END,
                CASE WHEN r.demographics_consent THEN r.gender END
           FROM survey_response r
           LEFT JOIN district d ON d.id = r.district_id AND d.organization_id = r.organization_id
           ${joins}
          WHERE r.organization_id = $1 AND r.survey_id = $2 AND r.status = 'submitted'
          ORDER BY r.id`,
        [organizationId, surveyId, locale],
      );
    } catch (error) {
      await close();
      throw error;
    }
    return {
      async next(limit: number): Promise<ExportResponse[]> {
        const result = await client.query({
          text: `FETCH ${Math.max(1, Math.floor(limit))} FROM survey_export_rows`,
          rowMode: 'array',
          types: RAW_TEXT,
        });
        const rows = result.rows as (string | null)[][];
        const out: ExportResponse[] = new Array(rows.length);
        for (let i = 0; i < rows.length; i++) {
          const v = rows[i];
          out[i] = {
            id: v[0]!,
            submittedAt: new Date(Number(v[1])),
            answers: v[2] === null ? {} : JSON.parse(v[2]),
            respondentId: v[3],
            name: v[4],
            mobile: v[5],
            capacity: v[6],
            district: v[7],
            ageBand: v[8],
            gender: v[9],
          };
        }
        return out;
      },
      close,
    };
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
