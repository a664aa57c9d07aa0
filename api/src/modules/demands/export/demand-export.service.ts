import type { Readable } from 'node:stream';
import { storeChunksByCopy, storedFile, type ByteSink, type ChunkPart } from '../../../common/export/export-chunks';
import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { to as copyTo } from 'pg-copy-streams';
import {
  DEMAND_EXPORT_TTL_HOURS,
  DEMAND_REPORT_FORMATS,
  LOCALES,
  RTL_LOCALES,
  XLSX_MAX_SHEET_ROWS,
  type DemandExportFormat,
  type Locale,
  type TDemandExport,
  type TDemandExportList,
  type TDemandFilter,
} from '@hamandishi/contracts';
import { toJalali } from '@hamandishi/text';
import type { Actor } from '../../../common/http/request-context';
import { JOB_QUEUES } from '../../../jobs/job-queues';
import { JobsService } from '../../../jobs/jobs.service';
import { AuditService } from '../../audit/audit.service';
import { AccountsService } from '../../identity/accounts.service';
import { MembershipsService } from '../../identity/memberships.service';
import type { Organization } from '../../organizations/organization.entity';
import { DemandReportService } from '../report/demand-report.service';
import { SHEET_TITLE, wordIn } from './demand-export-labels';
import {
  countSql,
  csvCopySql,
  exportHeaders,
  geojsonCopySql,
  JALALI_DAY_TABLE,
  jsonCopySql,
  xlsxRowsCopySql,
  type ExportQueryOptions,
} from './demand-export-sql';
import { countLines, csvCopyWriter, jsonCopyWriter, xlsxCopyWriter, type CopyWriter } from './demand-export-writers';
import { DemandExportErrors } from './demand-export.errors';
import { DemandExportRepository, type DemandExportRow } from './demand-export.repository';

/** Bytes gathered before a chunk of the file is written to the database. */
const CHUNK_BYTES = 512 * 1024;
/** Chunk numbers of a file's part k start at k × PART_SEQ (a part may hold 8 TiB). */
const PART_SEQ = 1 << 24;
/**
 * A CSV of at least this many demands is written in two parts side by side (see `copyInto`).
 * Measured on 2 cores with 1,000,000 demands: docs/benchmarks.md, "Exports and survey submitting on a quiet machine".
 */
const PARALLEL_CSV_ROWS = 100_000;
/** How many recent exports the planner's list shows. */
const RECENT = 12;
/** Progress is written at most this often (milliseconds). */
const PROGRESS_EVERY_MS = 500;
/** Who may export the authors' names and contacts. */
const PERSONAL_DATA_ROLES = ['admin'] as const;

const CONTENT_TYPES: Record<DemandExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  json: 'application/json; charset=utf-8',
  geojson: 'application/geo+json',
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
};

/** A finished export's file, as the download streams it. */
export type DemandExportFile = { stream: Readable; contentType: string; filename: string };

/** The node-postgres client under a TypeORM query runner, as far as the COPY uses it. */
type RawClient = {
  query(text: string, values?: unknown[]): Promise<{ rows: Record<string, unknown>[] }>;
  query<T>(stream: T): T;
};

/** A connection an export holds for its statements; `close` ends its transaction and gives it back. */
type ExportSession = { close(): Promise<void> };

/** The job's table of days and their Jalali dates, in the session's transaction (dropped at its end). */
async function fillDays(client: RawClient, days: { days: string[]; jalali: string[] }): Promise<void> {
  await client.query(`CREATE TEMP TABLE demand_export_day (day date PRIMARY KEY, jalali text NOT NULL) ON COMMIT DROP`);
  await client.query(`INSERT INTO ${JALALI_DAY_TABLE} SELECT * FROM unnest($1::date[], $2::text[])`, [days.days, days.jalali]);
}

/**
 * Exports of the filtered demands (CSV, XLSX, JSON, GeoJSON) and the supporting-document report
 * (PDF, DOCX), as background jobs. PostgreSQL writes the data files itself (`COPY … TO STDOUT`,
 * demand-export-sql.ts): the job streams its output into chunks stored in the database, so memory
 * stays flat and rows never become JavaScript values. A retried job (a failed attempt, or a process
 * that died: pg-boss retries it after its expiry) starts again from scratch, so the file is whole.
 * Only the requesting planner downloads the file, until it expires.
 */
@Injectable()
export class DemandExportService implements OnModuleInit {
  private readonly logger = new Logger('demand-export');
  /** Data rows per XLSX sheet (Excel's limit less the header; tests lower it). */
  sheetRows = XLSX_MAX_SHEET_ROWS - 1;
  /** Rows from which a CSV is written in two parts (tests lower it). */
  parallelCsvRows = PARALLEL_CSV_ROWS;

  constructor(
    private readonly repository: DemandExportRepository,
    private readonly report: DemandReportService,
    private readonly accounts: AccountsService,
    private readonly memberships: MembershipsService,
    private readonly audit: AuditService,
    private readonly jobs: JobsService,
  ) {}

  onModuleInit(): void {
    this.jobs.register('demands.export', ({ exportId }) => this.run(exportId));
    this.jobs.register('demands.prune_exports', () => this.repository.prune());
  }

  /** Whether the person may export the authors' names and contacts. */
  async canIncludePersonal(org: Organization, actor: Actor): Promise<boolean> {
    return actor.isSuperadmin || this.memberships.hasRole(org.id, actor.accountId, PERSONAL_DATA_ROLES);
  }

  /** Queues an export of the filtered demands in the planner's language; audited. */
  async request(
    org: Organization,
    actor: Actor,
    input: { format: DemandExportFormat; includePersonal: boolean; filter: TDemandFilter },
  ): Promise<TDemandExport> {
    if (!(await this.repository.planExists(org.id, input.filter.planId))) throw DemandExportErrors.planNotFound();
    const isReport = (DEMAND_REPORT_FORMATS as readonly string[]).includes(input.format);
    // The report shows counts and quotes, never who said them: the flag means nothing there.
    const includePersonal = input.includePersonal && !isReport;
    if (includePersonal && !(await this.canIncludePersonal(org, actor))) throw DemandExportErrors.personalNotAllowed();
    const account = await this.accounts.requireActive(actor.accountId);
    const locale: Locale = LOCALES.includes(account.locale) ? account.locale : 'fa';
    const row = await this.repository.db.transaction(async (m) => {
      const created = await this.repository.insert(m, {
        organizationId: org.id,
        planId: input.filter.planId,
        requestedBy: actor.accountId,
        format: input.format,
        locale,
        filter: input.filter,
        includePersonal,
      });
      await this.audit.record(m, {
        organizationId: org.id,
        actorId: actor.accountId,
        action: 'demand.export_requested',
        entityType: 'plan',
        entityId: input.filter.planId,
        before: null,
        after: { exportId: created.id, format: input.format, includePersonal, filter: input.filter },
      });
      return created;
    });
    try {
      await this.jobs.enqueue('demands.export', { exportId: row.id });
    } catch (error) {
      await this.repository.markFailed(row.id, 'failed', 'demand_exports.failed');
      throw error;
    }
    return view(row);
  }

  /** The planner's recent exports of the plan, newest first, and whether they may ask for personal data. */
  async list(org: Organization, actor: Actor, planId: string): Promise<TDemandExportList> {
    if (!(await this.repository.planExists(org.id, planId))) throw DemandExportErrors.planNotFound();
    const rows = await this.repository.recentOf(org.id, planId, actor.accountId, RECENT);
    return { items: rows.map(view), canIncludePersonal: await this.canIncludePersonal(org, actor) };
  }

  /** One of the planner's exports and its progress. */
  async get(org: Organization, actor: Actor, exportId: string): Promise<TDemandExport> {
    return view(await this.own(org, actor, exportId));
  }

  /**
   * The file of a finished export, streamed chunk by chunk: 403 for anyone but the planner who
   * asked (a replayed link), 409 before it is done, 410 once expired. Audited.
   */
  async file(org: Organization, actor: Actor, exportId: string): Promise<DemandExportFile> {
    const row = await this.own(org, actor, exportId);
    if (row.status !== 'done') throw DemandExportErrors.notReady();
    if (!row.expiresAt || row.expiresAt.getTime() <= Date.now()) throw DemandExportErrors.expired();
    const stream = await storedFile(this.repository.db, 'demand_export_chunk', row.id);
    if (!stream) throw DemandExportErrors.expired();
    await this.repository.db.transaction((m) =>
      this.audit.record(m, {
        organizationId: org.id,
        actorId: actor.accountId,
        action: 'demand.export_downloaded',
        entityType: 'plan',
        entityId: row.planId,
        before: null,
        after: { exportId: row.id, format: row.format, includePersonal: row.includePersonal },
      }),
    );
    const stamp = row.createdAt.toISOString().slice(0, 10);
    const name = (DEMAND_REPORT_FORMATS as readonly string[]).includes(row.format) ? 'demands-report' : 'demands';
    return {
      stream,
      contentType: CONTENT_TYPES[row.format],
      filename: `${name}-${stamp}-${row.id.slice(0, 8)}.${row.format}`,
    };
  }

  /**
   * The job: one attempt, from scratch. A failure is reported to pg-boss (which retries) while
   * retries remain; after the last one the export is marked failed with a code the web translates.
   */
  async run(exportId: string): Promise<void> {
    const row = await this.repository.findForJob(exportId);
    if (!row || row.status === 'done' || row.status === 'failed') return;
    const attempt = await this.repository.startAttempt(exportId);
    try {
      const { rows, bytes } = await this.write(row);
      await this.repository.finish(exportId, rows, bytes, DEMAND_EXPORT_TTL_HOURS);
    } catch (error) {
      const isLast = attempt > JOB_QUEUES['demands.export'].retryLimit;
      this.logger.warn({ exportId, attempt, err: error }, isLast ? 'demands export failed' : 'demands export attempt failed; retried');
      await this.repository.markFailed(exportId, isLast ? 'failed' : 'queued', 'demand_exports.failed');
      if (!isLast) throw error;
    }
  }

  /** Called as the file grows (progress; a seam where tests stop a run mid-way). */
  async afterProgress(exportId: string, rowsDone: number, rowsTotal: number | null): Promise<void> {
    await this.repository.progress(exportId, rowsDone, rowsTotal);
  }

  /** The file of one attempt, stored by one COPY (export-chunks.ts): whole, or nothing of it. */
  private async write(row: DemandExportRow): Promise<{ rows: number; bytes: number }> {
    return storeChunksByCopy(this.repository.db, 'demand_export_chunk', row.id, CHUNK_BYTES, async (chunks) => {
      if (row.format === 'pdf' || row.format === 'docx') {
        const file = chunks.part(0);
        const rows = await this.report.write(file, row, (done, total) => this.afterProgress(row.id, done, total));
        return { rows, bytes: file.bytes };
      }
      const parts: ChunkPart[] = [];
      // Part k of the file is stored from chunk number k × PART_SEQ on; the download reads them in order.
      const rows = await this.copyInto((k) => {
        const part = chunks.part(k * PART_SEQ);
        parts.push(part);
        return part;
      }, row);
      return { rows, bytes: parts.reduce((n, part) => n + part.bytes, 0) };
    });
  }

  /**
   * A data file: PostgreSQL's COPY output, on a connection of its own, through the format's writer.
   * A large CSV is written by two COPYs side by side, each over half of the table's pages, on two
   * connections that share one snapshot: a single COPY keeps one core busy (it is what limits the
   * CSV), two use both. The second half's bytes are stored as the file's second part.
   */
  private async copyInto(sinkFor: (part: number) => ByteSink, row: DemandExportRow): Promise<number> {
    const options: ExportQueryOptions = {
      organizationId: row.organizationId,
      timeZone: await this.repository.timeZoneOf(row.organizationId),
      locale: row.locale,
      filter: row.filter,
      includePersonal: row.includePersonal,
    };
    const sessions: ExportSession[] = [];
    try {
      // One snapshot for the count and the rows; the temporary table of days goes with the transaction.
      const main = await this.openSession(sessions, null);
      const count = countSql(options, row.format === 'geojson');
      const [{ n, first, last }] = (await main.query(count.text, count.values)).rows as {
        n: number;
        first: string | null;
        last: string | null;
      }[];
      await this.afterProgress(row.id, 0, n);
      const days = jalaliDays(first, last);

      const progress = { lines: 0, reported: Date.now() };
      const pump = async (client: RawClient, sql: string, writer: CopyWriter): Promise<number> => {
        const stream = client.query(copyTo(sql));
        try {
          for await (const chunk of stream as AsyncIterable<Buffer>) {
            await writer.write(chunk);
            progress.lines += countLines(chunk);
            if (Date.now() - progress.reported >= PROGRESS_EVERY_MS) {
              progress.reported = Date.now();
              // A CSV line count includes the header and line breaks inside quoted text: never past the total.
              await this.afterProgress(row.id, Math.min(progress.lines, n), null);
            }
          }
        } catch (error) {
          stream.destroy();
          throw error;
        }
        await writer.end();
        return stream.rowCount;
      };

      if (row.format === 'csv' && n >= this.parallelCsvRows) {
        const [{ snapshot, pages }] = (
          await main.query(
            `SELECT pg_export_snapshot() AS snapshot, (pg_relation_size('demand') / current_setting('block_size')::int)::int AS pages`,
          )
        ).rows as { snapshot: string; pages: number }[];
        const second = await this.openSession(sessions, snapshot);
        await Promise.all([main, second].map((client) => fillDays(client, days)));
        const middle = Math.ceil(pages / 2);
        const parts = await Promise.all([
          pump(main, csvCopySql(options, { fromPage: 0, toPage: middle, isFirst: true }), await csvCopyWriter(sinkFor(0))),
          pump(second, csvCopySql(options, { fromPage: middle, toPage: null, isFirst: false }), await csvCopyWriter(sinkFor(1), false)),
        ]);
        return parts[0] + parts[1];
      }

      await fillDays(main, days);
      const sink = sinkFor(0);
      if (row.format === 'csv') return pump(main, csvCopySql(options), await csvCopyWriter(sink));
      if (row.format === 'xlsx') {
        const writer = await xlsxCopyWriter(
          sink,
          exportHeaders(options),
          wordIn(SHEET_TITLE, row.locale),
          RTL_LOCALES.includes(row.locale),
          this.sheetRows,
        );
        return pump(main, xlsxRowsCopySql(options, this.sheetRows), writer);
      }
      const writer = await jsonCopyWriter(sink, row.format === 'geojson');
      return pump(main, row.format === 'json' ? jsonCopySql(options) : geojsonCopySql(options), writer);
    } finally {
      for (const session of sessions) await session.close();
    }
  }

  /**
   * A connection of its own in a REPEATABLE READ transaction (rolled back by `close`): the export's
   * first one, or one that takes the first one's snapshot, so both parts see the same demands.
   */
  private async openSession(sessions: ExportSession[], snapshot: string | null): Promise<RawClient> {
    // The primary: a snapshot exported on one server cannot be taken on another (a replica).
    const runner = this.repository.db.createQueryRunner('master');
    const client = (await runner.connect()) as RawClient;
    let isOpen = false;
    sessions.push({
      close: async () => {
        try {
          if (isOpen) await client.query('ROLLBACK');
        } finally {
          await runner.release();
        }
      },
    });
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ');
    isOpen = true;
    if (snapshot) await client.query(`SET TRANSACTION SNAPSHOT '${snapshot.replace(/'/g, "''")}'`);
    return client;
  }

  private async own(org: Organization, actor: Actor, exportId: string): Promise<DemandExportRow> {
    const row = await this.repository.find(org.id, exportId);
    // Another municipality's export does not exist here; another planner's is refused, not shown.
    if (!row) throw DemandExportErrors.notFound();
    if (row.requestedBy !== actor.accountId) throw DemandExportErrors.notYours();
    return row;
  }
}

/** Every day from `first` to `last` (YYYY-MM-DD) and its Jalali date (YYYY/MM/DD, Latin digits). */
export function jalaliDays(first: string | null, last: string | null): { days: string[]; jalali: string[] } {
  const days: string[] = [];
  const jalali: string[] = [];
  if (!first || !last) return { days, jalali };
  const end = Date.parse(`${last}T00:00:00Z`);
  for (let t = Date.parse(`${first}T00:00:00Z`); t <= end; t += 86_400_000) {
    const date = new Date(t);
    const j = toJalali(date, 'UTC');
    days.push(date.toISOString().slice(0, 10));
    jalali.push(`${j.year}/${String(j.month).padStart(2, '0')}/${String(j.day).padStart(2, '0')}`);
  }
  return { days, jalali };
}

function view(row: DemandExportRow): TDemandExport {
  const isDownloadable = row.status === 'done' && !!row.expiresAt && row.expiresAt.getTime() > Date.now();
  return {
    id: row.id,
    planId: row.planId,
    format: row.format,
    includePersonal: row.includePersonal,
    status: row.status,
    rowsDone: row.rowsDone,
    rowsTotal: row.rowsTotal,
    errorCode: row.errorCode,
    createdAt: row.createdAt.toISOString(),
    finishedAt: row.finishedAt?.toISOString() ?? null,
    expiresAt: row.expiresAt?.toISOString() ?? null,
    isDownloadable,
  };
}
