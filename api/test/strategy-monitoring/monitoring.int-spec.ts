import { fromJalali } from '@hamandishi/text';
import { buildOrganization, type BuiltOrganization } from '../factories/organization.factory';
import { buildPlan, thisJalaliYear } from '../factories/plan.factory';
import { personWithRoles } from '../plans/plan-helpers';
import { startTestApp, type TestApp } from '../support/test-app';
import type { TestClient } from '../support/test-client';
import { buildGoalAndOutput, buildIndicator, buildProject } from './structure-helpers';

type Person = { client: TestClient; accountId: string };
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');
const day = (d: Date) => d.toISOString().slice(0, 10);

describe('strategy monitoring: measurements, statuses, alerts and the public dashboard', () => {
  let app: TestApp;
  let org: BuiltOrganization;
  let other: BuiltOrganization;
  let planner: Person;
  let otherPlanner: Person;
  let unitHead: Person;
  let planId: string;
  let indicatorId: string;
  let projectId: string;
  const y = thisJalaliYear();
  const base = () => `/api/orgs/${org.slug}/plans/${planId}`;

  beforeAll(async () => {
    app = await startTestApp();
    org = await buildOrganization(app.db);
    other = await buildOrganization(app.db);
    planner = await personWithRoles(app, org, ['planner'], 'کارشناس پایش');
    otherPlanner = await personWithRoles(app, other, ['planner']);
    unitHead = await personWithRoles(app, org, ['citizen'], 'مدیر حمل‌ونقل');
    planId = (await buildPlan(app.db, org.id)).id; // operational horizon y-1 .. y+3
    const where = { organizationId: org.id, planId, ...(await buildGoalAndOutput(app.db, org.id, planId)) };
    // a / b × 100: baseline 20 in y-1, target 40 in y and 60 in y+1
    indicatorId = await buildIndicator(app.db, where, { baselineYear: y - 1, baselineValue: 20, targets: { [y]: 40, [y + 1]: 60 } });
    // runs exactly the Jalali years y and y+1: half of it is due at the end of y
    projectId = await buildProject(app.db, where, {
      startsOn: day(fromJalali(y, 1, 1)),
      endsOn: day(new Date(fromJalali(y + 2, 1, 1).getTime() - 86_400_000)),
      totalCost: 1_000_000,
      districtIds: org.districtIds.slice(0, 1),
    });
  }, 60_000);
  afterAll(() => app.close());

  const measure = (values: Record<string, number>, period: { year?: number; quarter?: number | null } = {}, comment?: string) =>
    planner.client.post(`${base()}/monitoring/measurements`, { indicatorId, year: period.year ?? y, quarter: period.quarter ?? null, values, comment });
  const alerts = () =>
    app.db.query(`SELECT account_id AS "accountId", params FROM notification WHERE kind = 'strategy.off_track' AND organization_id = $1 ORDER BY created_at`, [org.id]);

  it("computes achievement against the period's target and its status by the default thresholds", async () => {
    // 35 / 100 × 100 = 35; (35 − 20) / (40 − 20) = 0.75 → at risk (0.7 ≤ 0.75 < 0.9)
    const year = await measure({ a: 35, b: 100 }, {}, 'بر پایه شمارش ایستگاه‌ها');
    expect(year.status).toBe(200);
    expect(year.body).toMatchObject({ status: 'at_risk', isAlerted: false });
    // Q2: 20 + (40 − 20) × 2/4 = 30 planned; 28 measured: (28 − 20) / (30 − 20) = 0.8 → at risk
    const q2 = await measure({ a: 28, b: 100 }, { quarter: 2 });
    expect(q2.body.status).toBe('at_risk');
    // Q1: 25 planned; 26 measured: 6 / 5 = 1.2 → on track
    expect((await measure({ a: 26, b: 100 }, { quarter: 1 })).body.status).toBe('on_track');

    const overview = (await planner.client.get(`${base()}/monitoring`)).body;
    const indicator = overview.indicators.find((i: { id: string }) => i.id === indicatorId);
    expect(indicator.measurements.map((m: { quarter: number | null; value: number; target: number; achievement: number; status: string }) => [m.quarter, m.value, m.target, m.achievement, m.status])).toEqual([
      [1, 26, 25, 1.2, 'on_track'],
      [2, 28, 30, 0.8, 'at_risk'],
      [null, 35, 40, 0.75, 'at_risk'],
    ]);
    expect(overview.years).toEqual([y - 1, y, y + 1, y + 2, y + 3]);
    expect(overview.rules).toEqual({ indicatorOnTrack: 0.9, indicatorAtRisk: 0.7, projectOnTrack: 0.9, projectAtRisk: 0.7, overspendMargin: 0.2 });

    // A correction replaces the period's measurement.
    expect((await measure({ a: 39, b: 100 })).body.status).toBe('on_track');
    const [{ n }] = await app.db.query(`SELECT count(*)::int AS n FROM strategy_measurement WHERE indicator_id = $1 AND year = $2 AND quarter IS NULL`, [indicatorId, y]);
    expect(n).toBe(1);
  });

  it('applies the thresholds the planner sets, and refuses crossed ones', async () => {
    await measure({ a: 35, b: 100 });
    const bad = await planner.client.put(`${base()}/monitoring/rules`, { indicatorOnTrack: 0.5, indicatorAtRisk: 0.6, projectOnTrack: 0.9, projectAtRisk: 0.7, overspendMargin: 0.2 });
    expect(bad.status).toBe(400);
    expect(bad.body.fields).toHaveProperty('indicatorAtRisk');
    const saved = await planner.client.put(`${base()}/monitoring/rules`, { indicatorOnTrack: 0.7, indicatorAtRisk: 0.5, projectOnTrack: 0.9, projectAtRisk: 0.7, overspendMargin: 0.2 });
    expect(saved.status).toBe(200);
    const overview = (await planner.client.get(`${base()}/monitoring`)).body;
    const annual = overview.indicators[0].measurements.find((m: { quarter: number | null }) => m.quarter === null);
    expect(annual).toMatchObject({ achievement: 0.75, status: 'on_track' });
    await planner.client.put(`${base()}/monitoring/rules`, { indicatorOnTrack: 0.9, indicatorAtRisk: 0.7, projectOnTrack: 0.9, projectAtRisk: 0.7, overspendMargin: 0.2 });
  });

  it('refuses a formula that cannot be evaluated, naming the variable, and stores nothing', async () => {
    const before = await app.db.query(`SELECT value FROM strategy_measurement WHERE indicator_id = $1 AND year = $2 AND quarter IS NULL`, [indicatorId, y]);
    const zero = await measure({ a: 10, b: 0 });
    expect(zero.status).toBe(400);
    expect(zero.body).toMatchObject({ code: 'strategy_monitoring.formula_error', fields: { formula: 'formula_zero_division' } });
    const missing = await measure({ a: 10 });
    expect(missing.status).toBe(400);
    expect(missing.body.fields).toEqual({ 'values.b': 'formula_missing_value' });
    const unknown = await measure({ a: 10, b: 100, c: 3 });
    expect(unknown.status).toBe(400);
    expect(unknown.body.fields).toEqual({ 'values.c': 'formula_unknown_variable' });
    const notNumber = await measure({ a: 'ده' as unknown as number, b: 100 });
    expect(notNumber.status).toBe(400);
    const after = await app.db.query(`SELECT value FROM strategy_measurement WHERE indicator_id = $1 AND year = $2 AND quarter IS NULL`, [indicatorId, y]);
    expect(after).toEqual(before);
  });

  it('refuses a measurement for a closed year or a year outside the plan', async () => {
    expect((await planner.client.post(`${base()}/monitoring/years/${y - 1}/close`, {})).body).toEqual({ closedYears: [y - 1] });
    const closed = await measure({ a: 25, b: 100 }, { year: y - 1 });
    expect(closed.status).toBe(409);
    expect(closed.body.code).toBe('strategy_monitoring.year_closed');
    const report = await planner.client.post(`${base()}/monitoring/reports`, { projectId, year: y - 1, progress: 5 });
    expect(report.status).toBe(409);
    const outside = await measure({ a: 25, b: 100 }, { year: y + 9 });
    expect(outside.status).toBe(400);
    expect(outside.body.code).toBe('strategy_monitoring.year_outside_plan');
    const [{ n }] = await app.db.query(`SELECT count(*)::int AS n FROM strategy_measurement WHERE indicator_id = $1 AND year <> $2`, [indicatorId, y]);
    expect(n).toBe(0);
    expect((await planner.client.post(`${base()}/monitoring/years/${y - 1}/reopen`, {})).body).toEqual({ closedYears: [] });
    expect((await measure({ a: 25, b: 100 }, { year: y - 1 })).status).toBe(200);
  });

  it("alerts the unit's people once when a figure goes off track, and planners when the unit has none", async () => {
    const contact = await planner.client.post(`${base()}/monitoring/contacts`, { unit: 'معاونت حمل‌ونقل', accountId: unitHead.accountId });
    expect(contact.status).toBe(200);
    expect(contact.body.contacts).toEqual([{ unit: 'معاونت حمل‌ونقل', accountId: unitHead.accountId, displayName: 'مدیر حمل‌ونقل' }]);
    // Q3: 20 + 20 × 3/4 = 35 planned; 21 measured: 1 / 15 ≈ 0.0667 → off track
    const off = await measure({ a: 21, b: 100 }, { quarter: 3 });
    expect(off.body).toMatchObject({ status: 'off_track', isAlerted: true });
    let sent = await alerts();
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ accountId: unitHead.accountId, params: { subjectType: 'indicator', code: 'I1', year: y, quarter: 3, percent: 7 } });
    // Corrected, still off track: the period was already announced.
    expect((await measure({ a: 22, b: 100 }, { quarter: 3 })).body).toMatchObject({ status: 'off_track', isAlerted: false });
    expect(await alerts()).toHaveLength(1);

    // The project is half due at the end of y; 10 % done is 0.2 → off track. Its unit has the contact too.
    const report = await planner.client.post(`${base()}/monitoring/reports`, { projectId, year: y, progress: 10, spent: 100_000 });
    expect(report.body).toMatchObject({ status: 'off_track', isAlerted: true });
    sent = await alerts();
    expect(sent).toHaveLength(2);
    expect(sent[1].params).toMatchObject({ subjectType: 'project', code: 'P1' });

    // No contact for the unit: the municipality's planners hear of it.
    await planner.client.post(`${base()}/monitoring/contacts/remove`, { unit: 'معاونت حمل‌ونقل', accountId: unitHead.accountId });
    await measure({ a: 21, b: 100 }, { quarter: 4 });
    sent = await alerts();
    expect(sent).toHaveLength(3);
    expect(sent[2].accountId).toBe(planner.accountId);
    // Someone outside the municipality cannot be made a contact.
    const stranger = await planner.client.post(`${base()}/monitoring/contacts`, { unit: 'x', accountId: otherPlanner.accountId });
    expect(stranger.status).toBe(400);
    expect(stranger.body.code).toBe('strategy_monitoring.contact_not_member');
  });

  it("records a project's progress and spending; the project follows, and overspending puts it at risk", async () => {
    // 50 % done when 50 % is due, but 75 % of the cost spent: 0.25 ahead of progress > 0.2 → at risk
    const res = await planner.client.post(`${base()}/monitoring/reports`, { projectId, year: y, progress: 50, spent: 750_000, status: 'in_progress' });
    expect(res.body.status).toBe('at_risk');
    const [project] = await app.db.query(`SELECT status, progress FROM strategy_project WHERE id = $1`, [projectId]);
    expect(project).toEqual({ status: 'in_progress', progress: 50 });
    const overview = (await planner.client.get(`${base()}/monitoring`)).body;
    expect(overview.projects[0].reports[0]).toMatchObject({ year: y, progress: 50, spent: 750_000, expected: 50, status: 'at_risk' });
    expect((await planner.client.post(`${base()}/monitoring/reports`, { projectId, year: y, progress: 101 })).status).toBe(400);
    expect((await planner.client.post(`${base()}/monitoring/reports`, { projectId, year: y, progress: 5, spent: -1 })).status).toBe(400);
  });

  it('keeps an evidence file with a measurement', async () => {
    const [m] = await app.db.query(`SELECT id FROM strategy_measurement WHERE indicator_id = $1 AND year = $2 AND quarter IS NULL`, [indicatorId, y]);
    const up = await planner.client.rawBytes('POST', `${base()}/monitoring/evidence/${m.id}?filename=${encodeURIComponent('گزارش.pdf')}`, PDF, { 'content-type': 'application/pdf' });
    expect(up.status).toBe(201);
    const overview = (await planner.client.get(`${base()}/monitoring`)).body;
    const annual = overview.indicators[0].measurements.find((x: { id: string }) => x.id === m.id);
    expect(annual.evidence).toEqual({ id: up.body.id, filename: up.body.filename });
    const bogus = await planner.client.rawBytes('POST', `${base()}/monitoring/evidence/${planId}?filename=a.pdf`, PDF, { 'content-type': 'application/pdf' });
    expect(bogus.status).toBe(404);
  });

  it('serves the public dashboard in one request, with figures and no person, and every table as a formula-safe CSV', async () => {
    await app.db.query(`UPDATE strategy_indicator SET title = '=HYPERLINK("http://x")' WHERE id = $1`, [indicatorId]);
    const res = await new (planner.client.constructor as typeof TestClient)(app.url).get(`/api/orgs/${org.slug}/plans/${planId}/accountability`);
    expect(res.status).toBe(200);
    const d = res.body;
    expect(d.goals).toHaveLength(1);
    // The latest measured period with a target: the year y itself (0.75 → at risk), after its quarters.
    expect(d.goals[0].indicatorStatus).toEqual({ on_track: 0, at_risk: 1, off_track: 0, unmeasured: 0 });
    expect(d.indicators[0].measurements.length).toBeGreaterThanOrEqual(5);
    expect(d.projects[0]).toMatchObject({ code: 'P1', progress: 50, spent: 750_000, monitoringStatus: 'at_risk', districtIds: [org.districtIds[0]] });
    expect(d.districts.find((x: { id: string }) => x.id === org.districtIds[0])).toMatchObject({ projectCount: 1, totalCost: 1_000_000, averageProgress: 50 });
    // No one appears: not the planner, not the unit's head, not a comment.
    const text = res.text;
    for (const secret of [planner.accountId, unitHead.accountId, 'کارشناس پایش', 'مدیر حمل‌ونقل', 'بر پایه شمارش', 'recorded', 'evidence']) expect(text).not.toContain(secret);

    const csv = await new (planner.client.constructor as typeof TestClient)(app.url).get(`/api/orgs/${org.slug}/plans/${planId}/accountability/indicators.csv`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(csv.text).toContain(`"'=HYPERLINK(""http://x"")"`);
    for (const file of ['goals', 'measurements', 'projects', 'districts']) {
      expect((await planner.client.get(`/api/orgs/${org.slug}/plans/${planId}/accountability/${file}.csv`)).status).toBe(200);
    }
    expect((await planner.client.get(`/api/orgs/${org.slug}/plans/${planId}/accountability/secrets.csv`)).status).toBe(404);
  });

  it("keeps each municipality's monitoring to itself", async () => {
    expect((await otherPlanner.client.get(`${base()}/monitoring`)).status).toBe(403);
    expect((await otherPlanner.client.get(`/api/orgs/${other.slug}/plans/${planId}/monitoring`)).status).toBe(404);
    const write = await otherPlanner.client.post(`/api/orgs/${other.slug}/plans/${planId}/monitoring/measurements`, { indicatorId, year: y, values: { a: 1, b: 1 } });
    expect(write.status).toBe(404);
    // Through its own plan, the other planner still cannot reach this indicator.
    const otherPlan = (await buildPlan(app.db, other.id)).id;
    const cross = await otherPlanner.client.post(`/api/orgs/${other.slug}/plans/${otherPlan}/monitoring/measurements`, { indicatorId, year: y, values: { a: 1, b: 1 } });
    expect(cross.status).toBe(404);
    expect(cross.body.code).toBe('strategy_monitoring.indicator_not_found');
    expect((await otherPlanner.client.get(`/api/orgs/${other.slug}/plans/${planId}/accountability`)).status).toBe(404);
    const citizen = await personWithRoles(app, org, ['citizen'], 'شهروند');
    expect((await citizen.client.post(`${base()}/monitoring/measurements`, { indicatorId, year: y, values: { a: 1, b: 1 } })).status).toBe(403);
  });
});
