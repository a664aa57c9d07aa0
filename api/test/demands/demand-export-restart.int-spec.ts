import { parse as parseCsv } from 'csv-parse/sync';
import { JobsService } from '../../src/jobs/jobs.service';
import { DemandExportService } from '../../src/modules/demands/export/demand-export.service';
import { buildDemands } from '../factories/demand.factory';
import { buildOrganization } from '../factories/organization.factory';
import { buildPlan } from '../factories/plan.factory';
import { personWithRoles } from '../plans/plan-helpers';
import { makeJobsDue, waitingJobs } from '../support/jobs';
import { startTestApp, type TestApp } from '../support/test-app';
import { TestClient } from '../support/test-client';
import { createTestDatabase } from '../support/test-database';

describe('demands exports: a job that died is resumed after a restart', () => {
  let database: { url: string; drop: () => Promise<void> };
  let app: TestApp | null = null;

  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await app?.close();
    await database.drop();
  });

  it('picks the export up again in a new process and writes one whole file', async () => {
    app = await startTestApp({}, database);
    const org = await buildOrganization(app.db);
    const plan = await buildPlan(app.db, org.id);
    const planner = await personWithRoles(app, org, ['planner'], 'کارشناس');
    await buildDemands(app.db, org.id, plan.id, 500, (i) => ({ text: `مطالبه ${i}`, themeIds: [org.themeIds[i % 2]] }));

    // The first attempt dies mid-way, after part of the file is stored.
    const service = app.app.get(DemandExportService);
    let calls = 0;
    const spy = jest.spyOn(service, 'afterProgress').mockImplementation(async (id, done, total) => {
      calls++;
      if (calls === 1) {
        // A piece of the file is already stored when the process dies.
        await app!.db.query(`INSERT INTO demand_export_chunk (export_id, seq, data) VALUES ($1, 0, 'half a file')`, [id]);
        throw new Error('the process died');
      }
      await service['repository'].progress(id, done, total);
    });
    const created = await planner.client.post(`/api/orgs/${org.slug}/demands/exports`, { format: 'csv', filter: { planId: plan.id } });
    expect(created.status).toBe(201);
    await app.app.get(JobsService).drain();
    spy.mockRestore();
    const [afterFailure] = await app.db.query(`SELECT status, attempts FROM demand_export WHERE id = $1`, [created.body.id]);
    expect(afterFailure).toEqual({ status: 'queued', attempts: 1 });
    expect(await waitingJobs(app.db, 'demands.export', { exportId: created.body.id })).toHaveLength(1);

    // The process stops; another starts on the same database and picks the job up again.
    await app.close();
    app = await startTestApp({}, database);
    await makeJobsDue(app.db, 'demands.export', { exportId: created.body.id });
    await app.app.get(JobsService).drain();
    // The same browser (its session cookie) at the new process's address.
    const client = new TestClient(app.url);
    for (const [name, value] of planner.client.cookies) client.cookies.set(name, value);
    const done = await client.get(`/api/orgs/${org.slug}/demands/exports/${created.body.id}`);
    expect(done.body).toMatchObject({ status: 'done', rowsDone: 500, rowsTotal: 500, isDownloadable: true });
    const [{ attempts }] = await app.db.query(`SELECT attempts FROM demand_export WHERE id = $1`, [created.body.id]);
    expect(attempts).toBe(2);
    const res = await client.get(`/api/orgs/${org.slug}/demands/exports/${created.body.id}/file`);
    expect(res.status).toBe(200);
    // One file, not the first attempt's start followed by the second's.
    expect(res.text).not.toContain('half a file');
    const bom = Buffer.from([0xef, 0xbb, 0xbf]);
    expect(res.bytes.indexOf(bom, 1)).toBe(-1);
    const records: Record<string, string>[] = parseCsv(res.text.replace(/^\uFEFF/, ''), { columns: true });
    expect(records).toHaveLength(500);
    expect(new Set(records.map((r) => r['شناسه'])).size).toBe(500);
  }, 180_000);
});
