import { parse as parseCsv } from 'csv-parse/sync';
import { JobsService } from '../../src/jobs/jobs.service';
import { buildDemands } from '../factories/demand.factory';
import { buildOrganization, type BuiltOrganization } from '../factories/organization.factory';
import { buildPlan } from '../factories/plan.factory';
import { personWithRoles } from '../plans/plan-helpers';
import { startTestApp, type TestApp } from '../support/test-app';
import type { TestClient } from '../support/test-client';

type Person = { client: TestClient; accountId: string };

/** A small deterministic generator, so a failing mix can be replayed. */
function seeded(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

// The exports read a demand's themes from the cell kept on the demand (`demand.theme_ids`), not
// from an aggregate of `demand_theme`: the cell must equal that aggregate whatever planners and
// administrators do at the same time.
describe('the themes kept on each demand', () => {
  let app: TestApp;
  let org: BuiltOrganization;
  let planner: Person;
  let otherPlanner: Person;
  let admin: Person;
  let planId: string;

  beforeAll(async () => {
    app = await startTestApp();
    org = await buildOrganization(app.db);
    planner = await personWithRoles(app, org, ['planner']);
    otherPlanner = await personWithRoles(app, org, ['planner'], 'کارشناس دوم');
    admin = await personWithRoles(app, org, ['admin'], 'مدیر سامانه');
    planId = (await buildPlan(app.db, org.id)).id;
  }, 60_000);
  afterAll(() => app.close());

  /** Demands whose kept cell differs from a fresh aggregate of their themes. */
  const drifted = () =>
    app.db.query(
      `SELECT d.id, d.theme_ids::text[] AS kept, coalesce(t.ids, '{}')::text[] AS fresh
         FROM demand d LEFT JOIN (SELECT demand_id, array_agg(theme_id ORDER BY theme_id) AS ids FROM demand_theme GROUP BY demand_id) t
           ON t.demand_id = d.id
        WHERE d.organization_id = $1 AND d.theme_ids IS DISTINCT FROM coalesce(t.ids, '{}')`,
      [org.id],
    );

  it('equals a fresh aggregate after a random concurrent mix of tagging, untagging, theme merges, renames and deletions, and the CSV shows it', async () => {
    const random = seeded(13);
    const pick = <T>(xs: T[]) => xs[Math.floor(random() * xs.length)];
    const some = <T>(xs: T[], n: number) => [...xs].sort(() => random() - 0.5).slice(0, n);
    const newTheme = async (slug: string, fa: string, position: number) =>
      (await app.db.query(`INSERT INTO theme (organization_id, slug, name, position) VALUES ($1, $2, $3, $4) RETURNING id`, [org.id, slug, { fa }, position]))[0]
        .id as string;
    // Stable themes are tagged and renamed; the doomed ones are merged away or deleted while that happens.
    const stable = [...org.themeIds, await newTheme('parks', 'فضای سبز', 20), await newTheme('water', 'آب', 21)];
    const doomed = [await newTheme('old-roads', 'راه قدیم', 30), await newTheme('old-light', 'روشنایی قدیم', 31), await newTheme('old-noise', 'صدا', 32)];
    const ids = await buildDemands(app.db, org.id, planId, 60, (i) => ({
      text: `مطالبه ${i + 1}`,
      themeIds: some([...stable, ...doomed], i % 4),
    }));
    expect((await drifted()).length).toBe(0);

    const planners = [planner, otherPlanner];
    const operations: (() => Promise<unknown>)[] = [];
    for (let i = 0; i < 40; i++) {
      const change = random() < 0.6 ? { addThemeIds: some(stable, 1 + Math.floor(random() * 2)) } : { removeThemeIds: some(stable, 1) };
      const demandIds = some(ids, 5 + Math.floor(random() * 20));
      operations.push(async () => {
        const res = await pick(planners).client.post(`/api/orgs/${org.slug}/demands/bulk-tag`, { filter: { planId }, demandIds, ...change });
        expect(res.status).toBe(200);
      });
    }
    operations.push(async () => {
      const res = await admin.client.post(`/api/orgs/${org.slug}/themes/${doomed[0]}/merge`, { targetId: stable[0] });
      expect(res.status).toBe(200);
    });
    operations.push(async () => {
      const res = await admin.client.post(`/api/orgs/${org.slug}/themes/${doomed[1]}/merge`, { targetId: stable[1] });
      expect(res.status).toBe(200);
    });
    operations.push(() => app.db.query(`DELETE FROM theme WHERE id = $1`, [doomed[2]]));
    for (const [i, themeId] of stable.slice(0, 2).entries()) {
      operations.push(async () => {
        const res = await admin.client.patch(`/api/orgs/${org.slug}/themes/${themeId}`, { name: { fa: `موضوع تازه ${i + 1}` } });
        expect(res.status).toBe(200);
      });
    }
    await Promise.all([...operations].sort(() => random() - 0.5).map((run) => run()));

    expect(await drifted()).toEqual([]);
    const [{ doomedLeft }] = await app.db.query(`SELECT count(*)::int AS "doomedLeft" FROM demand WHERE theme_ids && $1::uuid[]`, [doomed]);
    expect(doomedLeft).toBe(0);

    // The export's themes cell: the current names (renames included), in the taxonomy's order.
    const created = await planner.client.post(`/api/orgs/${org.slug}/demands/exports`, { format: 'csv', filter: { planId } });
    expect(created.status).toBe(201);
    // A failed attempt is retried from scratch 10 s later (seen once on a loaded machine): wait for
    // the file the planner would get, and say what the export went through if it never comes.
    let state: { status: string; attempts: number; error_code: string | null } | undefined;
    for (const deadline = Date.now() + 30_000; Date.now() < deadline; await new Promise((r) => setTimeout(r, 500))) {
      await app.app.get(JobsService).drain();
      [state] = await app.db.query(`SELECT status, attempts, error_code FROM demand_export WHERE id = $1`, [created.body.id]);
      if (state!.status === 'done' || state!.status === 'failed') break;
    }
    expect(state).toMatchObject({ status: 'done' });
    const file = await planner.client.get(`/api/orgs/${org.slug}/demands/exports/${created.body.id}/file`);
    expect(file.status).toBe(200);
    const records: Record<string, string>[] = parseCsv(file.text.replace(/^\uFEFF/, ''), { columns: true });
    const expected: { id: string; names: string | null }[] = await app.db.query(
      `SELECT d.id, (SELECT string_agg(t.name ->> 'fa', '؛ ' ORDER BY t.position, t.id) FROM demand_theme dt JOIN theme t ON t.id = dt.theme_id
                      WHERE dt.demand_id = d.id) AS names
         FROM demand d WHERE d.plan_id = $1`,
      [planId],
    );
    expect(records).toHaveLength(ids.length);
    const shown = new Map(records.map((r) => [r['شناسه'], r['موضوع‌ها']]));
    for (const row of expected) expect([row.id, shown.get(row.id)]).toEqual([row.id, row.names ?? '']);
    expect(records.some((r) => r['موضوع‌ها'].includes('موضوع تازه 1'))).toBe(true);
  }, 120_000);

  it('empties the cell of a demand untagged to nothing', async () => {
    const [id] = await buildDemands(app.db, org.id, planId, 1, () => ({ text: 'پل عابر پیاده', themeIds: [org.themeIds[0]] }));
    const untag = await planner.client.post(`/api/orgs/${org.slug}/demands/bulk-tag`, { filter: { planId }, demandIds: [id], removeThemeIds: [org.themeIds[0]] });
    expect(untag.status).toBe(200);
    const [row] = await app.db.query(`SELECT theme_ids::text[] AS kept FROM demand WHERE id = $1`, [id]);
    expect(row.kept).toEqual([]);
    expect(await drifted()).toEqual([]);
  });
});
