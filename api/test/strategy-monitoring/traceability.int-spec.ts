import { JobsService } from '../../src/jobs/jobs.service';
import { TraceabilityService } from '../../src/modules/strategy/traceability/traceability.service';
import { buildOrganization, type BuiltOrganization } from '../factories/organization.factory';
import { buildPlan, thisJalaliYear } from '../factories/plan.factory';
import { buildProblem, buildProblemCollection } from '../factories/problem.factory';
import { personWithRoles } from '../plans/plan-helpers';
import { startTestApp, type TestApp } from '../support/test-app';
import type { TestClient } from '../support/test-client';
import { buildDemand, buildDemandGroup, buildGoalAndOutput, buildProject } from './structure-helpers';

type Person = { client: TestClient; accountId: string };

describe('strategy traceability: demands linked to the plan, what citizens see, and their notifications', () => {
  let app: TestApp;
  let org: BuiltOrganization;
  let other: BuiltOrganization;
  let planner: Person;
  let otherPlanner: Person;
  let alice: Person;
  let bahram: Person;
  let planId: string;
  let projectId: string;
  let secondProjectId: string;
  let goalId: string;
  let groupId: string;
  let lonelyGroupId: string;
  let focusPointId: string;
  let problemId: string;
  let problemDemandId: string;
  const y = thisJalaliYear();
  const base = () => `/api/orgs/${org.slug}/plans/${planId}`;

  beforeAll(async () => {
    app = await startTestApp();
    org = await buildOrganization(app.db);
    other = await buildOrganization(app.db);
    planner = await personWithRoles(app, org, ['planner'], 'کارشناس');
    otherPlanner = await personWithRoles(app, other, ['planner']);
    alice = await personWithRoles(app, org, ['citizen'], 'آلاله');
    bahram = await personWithRoles(app, org, ['citizen'], 'بهرام');
    const collection = await buildProblemCollection(app.db, org.id);
    planId = collection.planId;
    const structure = await buildGoalAndOutput(app.db, org.id, planId);
    goalId = structure.goalId;
    const where = { organizationId: org.id, planId, outputId: structure.outputId };
    projectId = await buildProject(app.db, where, { code: 'P1', title: 'بهسازی آبروهای کوی علوی' });
    secondProjectId = await buildProject(app.db, where, { code: 'P2', title: 'پارک محله' });
    problemId = (
      await buildProblem(
        app.db,
        { organizationId: org.id, planId, stageId: collection.stageId, activityId: collection.activityId, themeId: org.themeIds[0], districtId: org.districtIds[0] },
        { authorId: alice.accountId, title: 'آب‌گرفتگی کوچه پس از باران' },
      )
    ).id;
    groupId = await buildDemandGroup(app.db, org.id, planId, 'آب‌گرفتگی معابر');
    lonelyGroupId = await buildDemandGroup(app.db, org.id, planId, 'کمبود نیمکت');
    problemDemandId = await buildDemand(app.db, { organizationId: org.id, planId }, { text: 'آب‌گرفتگی کوچه پس از باران', authorId: alice.accountId, groupId, problemId });
    await buildDemand(app.db, { organizationId: org.id, planId }, { text: 'جوی‌ها پر از زباله است', authorId: bahram.accountId, groupId });
    const [focus] = await app.db.query(
      `INSERT INTO strategy_focus_point (organization_id, plan_id, code, title, demand_group_id) VALUES ($1, $2, 'F1', 'مدیریت آب‌های سطحی', $3) RETURNING id`,
      [org.id, planId, groupId],
    );
    focusPointId = focus.id;
    await app.db.query(`INSERT INTO strategy_focus_point (organization_id, plan_id, code, title) VALUES ($1, $2, 'F2', 'فضای سبز')`, [org.id, planId]);
  }, 60_000);
  afterAll(() => app.close());

  const statusNotifications = () =>
    app.db.query(
      `SELECT account_id AS "accountId", params->>'to' AS "to", link FROM notification WHERE kind = 'strategy.project_status_changed' ORDER BY created_at, account_id`,
    );

  it('lets a planner find a demand group and link it to a project, once', async () => {
    const found = await planner.client.get(`${base()}/trace/candidates?q=${encodeURIComponent('آب گرفتگی')}`);
    expect(found.status).toBe(200);
    expect(found.body.demandGroups).toEqual([{ id: groupId, name: 'آب‌گرفتگی معابر', demandCount: 2 }]);
    expect(found.body.demands.map((d: { id: string }) => d.id)).toContain(problemDemandId);

    const linked = await planner.client.post(`${base()}/trace/links`, { sourceType: 'demand_group', sourceId: groupId, targetType: 'project', targetId: projectId });
    expect(linked.status).toBe(201);
    expect(linked.body).toEqual([
      expect.objectContaining({ sourceType: 'demand_group', sourceId: groupId, sourceLabel: 'آب‌گرفتگی معابر', targetType: 'project', targetId: projectId, targetCode: 'P1' }),
    ]);
    const again = await planner.client.post(`${base()}/trace/links`, { sourceType: 'demand_group', sourceId: groupId, targetType: 'project', targetId: projectId });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('strategy_trace.link_exists');
    // The goal can be linked too (a demand to a goal).
    expect((await planner.client.post(`${base()}/trace/links`, { sourceType: 'demand', sourceId: problemDemandId, targetType: 'goal', targetId: goalId })).status).toBe(201);
    const unknown = await planner.client.post(`${base()}/trace/links`, { sourceType: 'focus_point', sourceId: groupId, targetType: 'project', targetId: projectId });
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe('strategy_trace.source_not_found');
    const wrongTarget = await planner.client.post(`${base()}/trace/links`, { sourceType: 'demand_group', sourceId: groupId, targetType: 'output', targetId: projectId });
    expect(wrongTarget.status).toBe(404);
    expect(wrongTarget.body.code).toBe('strategy_trace.target_not_found');
    expect((await planner.client.post(`${base()}/trace/links`, { sourceType: 'demand_group', sourceId: groupId, targetType: 'team', targetId: projectId })).status).toBe(400);
  });

  it("shows on the problem page the projects answering it, with status and progress", async () => {
    await app.db.query(`UPDATE strategy_project SET progress = 35 WHERE id = $1`, [projectId]);
    const res = await alice.client.get(`/api/orgs/${org.slug}/problems/${problemId}/plan-response`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ projects: [{ id: projectId, planId, code: 'P1', title: 'بهسازی آبروهای کوی علوی', status: 'planned', progress: 35 }] });
    // Anyone may read it; another municipality's slug finds nothing.
    expect((await new (alice.client.constructor as typeof TestClient)(app.url).get(`/api/orgs/${org.slug}/problems/${problemId}/plan-response`)).status).toBe(200);
    expect((await alice.client.get(`/api/orgs/${other.slug}/problems/${problemId}/plan-response`)).status).toBe(404);
  });

  it('shows on the public project page the demands it answers, naming no one', async () => {
    await planner.client.post(`${base()}/trace/links`, { sourceType: 'demand', sourceId: problemDemandId, targetType: 'project', targetId: projectId });
    const res = await new (alice.client.constructor as typeof TestClient)(app.url).get(`/api/orgs/${org.slug}/strategy/projects/${projectId}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ code: 'P1', goal: { code: 'G1' }, demandGroups: [{ id: groupId, name: 'آب‌گرفتگی معابر', demandCount: 2 }] });
    expect(res.body.demands).toEqual([{ id: problemDemandId, text: 'آب‌گرفتگی کوچه پس از باران', kind: 'problem' }]);
    for (const secret of [alice.accountId, bahram.accountId, 'آلاله', 'بهرام', planner.accountId]) expect(res.text).not.toContain(secret);
    expect((await alice.client.get(`/api/orgs/${other.slug}/strategy/projects/${projectId}`)).status).toBe(404);
  });

  it("notifies the citizens behind a linked project once per change of its status, whichever path changed it", async () => {
    // Through a monitoring report (queued at once).
    const report = await planner.client.post(`${base()}/monitoring/reports`, { projectId, year: y, progress: 40, status: 'in_progress' });
    expect(report.status).toBe(200);
    await app.app.get(JobsService).drain();
    let sent = await statusNotifications();
    expect(sent).toHaveLength(2);
    expect(new Set(sent.map((s: { accountId: string }) => s.accountId))).toEqual(new Set([alice.accountId, bahram.accountId]));
    expect(sent[0]).toMatchObject({ to: 'in_progress', link: `/${org.slug}/projects/${projectId}` });
    // Running again sends nothing more.
    expect(await app.app.get(TraceabilityService).notifyStatusChanges()).toBe(0);
    // A report that leaves the status as it is changes nothing.
    await planner.client.post(`${base()}/monitoring/reports`, { projectId, year: y, progress: 45, status: 'in_progress' });
    await app.app.get(TraceabilityService).notifyStatusChanges();
    expect(await statusNotifications()).toHaveLength(2);

    // Through the structure editor (any update of the row): the trigger logs it, the job notifies.
    await app.db.query(`UPDATE strategy_project SET status = 'completed', progress = 100 WHERE id = $1`, [projectId]);
    expect(await app.app.get(TraceabilityService).notifyStatusChanges()).toBe(2);
    sent = await statusNotifications();
    expect(sent.filter((s: { to: string }) => s.to === 'completed')).toHaveLength(2);
    // A project nobody asked for notifies nobody.
    await app.db.query(`UPDATE strategy_project SET status = 'in_progress' WHERE id = $1`, [secondProjectId]);
    expect(await app.app.get(TraceabilityService).notifyStatusChanges()).toBe(0);
    const [{ pending }] = await app.db.query(`SELECT count(*)::int AS pending FROM strategy_project_status_change WHERE notified_at IS NULL`);
    expect(pending).toBe(0);
  });

  it('shows the coverage: focus points and demand groups no project answers', async () => {
    const res = await planner.client.get(`${base()}/trace/coverage`);
    expect(res.status).toBe(200);
    const groups = Object.fromEntries(res.body.demandGroups.map((g: { id: string; projectCount: number }) => [g.id, g.projectCount]));
    expect(groups).toEqual({ [groupId]: 1, [lonelyGroupId]: 0 });
    const points = Object.fromEntries(res.body.focusPoints.map((f: { code: string; projectCount: number }) => [f.code, f.projectCount]));
    // F1 was made from the linked group; F2 is answered by nothing.
    expect(points).toEqual({ F1: 1, F2: 0 });
    // Linking the focus point itself to the second project counts it once more.
    await planner.client.post(`${base()}/trace/links`, { sourceType: 'focus_point', sourceId: focusPointId, targetType: 'project', targetId: secondProjectId });
    const after = (await planner.client.get(`${base()}/trace/coverage`)).body;
    expect(after.focusPoints.find((f: { code: string }) => f.code === 'F1').projectCount).toBe(2);
  });

  it('removes a link, and keeps each municipality to its own links', async () => {
    const links = (await planner.client.get(`${base()}/trace/links`)).body;
    expect(links.length).toBeGreaterThanOrEqual(3);
    expect((await otherPlanner.client.get(`${base()}/trace/links`)).status).toBe(403);
    expect((await otherPlanner.client.get(`/api/orgs/${other.slug}/plans/${planId}/trace/links`)).status).toBe(404);
    const otherPlan = (await buildPlan(app.db, other.id)).id;
    const cross = await otherPlanner.client.post(`/api/orgs/${other.slug}/plans/${otherPlan}/trace/links`, {
      sourceType: 'demand_group',
      sourceId: groupId,
      targetType: 'project',
      targetId: projectId,
    });
    expect(cross.status).toBe(404);
    expect((await otherPlanner.client.post(`/api/orgs/${other.slug}/plans/${otherPlan}/trace/links/${links[0].id}/remove`, {})).status).toBe(404);
    const citizen = await alice.client.post(`${base()}/trace/links`, { sourceType: 'demand_group', sourceId: lonelyGroupId, targetType: 'project', targetId: projectId });
    expect(citizen.status).toBe(403);

    const removed = await planner.client.post(`${base()}/trace/links/${links[0].id}/remove`, {});
    expect(removed.status).toBe(200);
    expect(removed.body).toHaveLength(links.length - 1);
    expect((await planner.client.post(`${base()}/trace/links/${links[0].id}/remove`, {})).status).toBe(404);
  });
});
