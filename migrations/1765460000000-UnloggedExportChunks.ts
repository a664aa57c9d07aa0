import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The files of the survey and demand exports are stored in chunk tables that are now UNLOGGED: a
 * chunk is written once, read by one planner and pruned within hours, and can always be made again
 * from the data, so writing every byte a second time into the WAL bought nothing. Measured on this
 * machine (quiet, 283 MiB in 512 KiB chunks, the size of a CSV of 1,000,000 demands): 3.0–3.3 s
 * logged, 0.9 s unlogged. A commit that wrote only unlogged rows does not wait for a WAL flush.
 *
 * What it costs: after a crash of PostgreSQL (not a clean restart) the stored files are gone. The
 * export then reads as expired (`demand_exports.expired` / `survey_exports.expired`: "ask again"),
 * and a job that was running restarts from scratch as pg-boss retries it, as it did before. Standby
 * servers do not get the chunks; downloads read the primary.
 *
 * The survey chunks also stop being compressed on the way in (STORAGE EXTERNAL, as the demand
 * chunks already were): XLSX is compressed already, and pglz on a CSV cost more than it saved.
 */
export class UnloggedExportChunks1765460000000 implements MigrationInterface {
  name = 'UnloggedExportChunks1765460000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE demand_export_chunk SET UNLOGGED`);
    await q.query(`ALTER TABLE survey_export_chunk SET UNLOGGED`);
    await q.query(`ALTER TABLE survey_export_chunk ALTER COLUMN data SET STORAGE EXTERNAL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE survey_export_chunk ALTER COLUMN data SET STORAGE EXTENDED`);
    await q.query(`ALTER TABLE survey_export_chunk SET LOGGED`);
    await q.query(`ALTER TABLE demand_export_chunk SET LOGGED`);
  }
}
