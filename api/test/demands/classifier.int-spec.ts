import { JobsService } from '../../src/jobs/jobs.service';
import { DemandClassifierService } from '../../src/modules/demands/classifier/classifier.service';
import { buildCorpus, CORPUS_THEMES, type CorpusDemand } from '../../bench/demands-corpus';
import { buildOrganization, type BuiltOrganization } from '../factories/organization.factory';
import { buildPlan } from '../factories/plan.factory';
import { personWithRoles } from '../plans/plan-helpers';
import { makeJobsDue, waitingJobs } from '../support/jobs';
import { startTestApp, type TestApp } from '../support/test-app';
import type { TestClient } from '../support/test-client';
import { buildThemes, insertDemands, tagDemands } from './classifier-helpers';

type Planner = { client: TestClient; accountId: string };
const path = (org: BuiltOrganization, rest: string) => `/api/orgs/${org.slug}/demands${rest}`;
// Six themes keep 40 tagged demands above the threshold (at least two themes with five each).
const THEMES = CORPUS_THEMES.slice(0, 6);

describe('demands classifier: suggested themes', () => {
  let app: TestApp;
  let jobs: JobsService;
  let org: BuiltOrganization;
  let other: BuiltOrganization;
  let planner: Planner;
  let otherPlanner: Planner;
  let themes: Map<string, string>;
  let planId: string;
  // Untagged demands whose true themes the test knows: the suggestions are scored against them.
  let probe: CorpusDemand[];
  let probeIds: string[];

  beforeAll(async () => {
    app = await startTestApp();
    jobs = app.app.get(JobsService);
    org = await buildOrganization(app.db);
    other = await buildOrganization(app.db);
    planner = await personWithRoles(app, org, ['planner']);
    otherPlanner = await personWithRoles(app, other, ['planner']);
    themes = await buildThemes(app.db, org.id, THEMES);
    planId = (await buildPlan(app.db, org.id)).id;
    probe = buildCorpus(120, 99, { themes: THEMES.length, multiShare: 0 });
    probeIds = await insertDemands(app.db, org.id, planId, probe, themes, null);
  }, 60_000);
  afterAll(() => app.close());

  async function train(client: Planner['client'], target: BuiltOrganization) {
    const res = await client.post(path(target, '/classifier/train'), {});
    expect(res.status).toBe(202);
    expect(res.body.isTraining).toBe(true);
    await jobs.drain();
    return (await client.get(path(target, '/classifier'))).body;
  }

  /** Share of the probe demands whose most confident suggestion is one of their true themes. */
  async function probeAccuracy(): Promise<number> {
    const rows: { demandId: string; themeId: string }[] = await app.db.query(
      `SELECT DISTINCT ON (demand_id) demand_id AS "demandId", theme_id AS "themeId" FROM demand_suggestion
       WHERE demand_id = ANY($1::uuid[]) AND status = 'open' ORDER BY demand_id, confidence DESC`,
      [probeIds],
    );
    const top = new Map(rows.map((r) => [r.demandId, r.themeId]));
    const right = probeIds.filter((id, i) => probe[i].themes.some((t) => themes.get(t) === top.get(id))).length;
    return right / probeIds.length;
  }

  it('says "not enough tagged demands yet" and suggests nothing below the threshold', async () => {
    const few = buildCorpus(12, 1, { themes: THEMES.length });
    await insertDemands(app.db, org.id, planId, few, themes, planner.accountId);
    const state = await train(planner.client, org);
    expect(state).toMatchObject({ isEnoughData: false, isTraining: false, taggedDemands: 12, minTaggedDemands: 30, openSuggestions: 0 });
    expect(state.model).toMatchObject({ status: 'too_little_data', macroF1: null, sampleCount: 12 });
    expect((await planner.client.get(path(org, `/${probeIds[0]}/suggestions`))).body.items).toEqual([]);
    expect((await planner.client.get(path(org, '/suggestions'))).body).toEqual({ items: [], nextCursor: null });
  });

  it('suggests better as tags grow: 40 tagged, then 400 (retrained by the sweep)', async () => {
    const corpus = buildCorpus(400, 2, { themes: THEMES.length });
    const ids = await insertDemands(app.db, org.id, planId, corpus, themes, null);
    // 40 tagged (with the 12 before: the sweep counts 52 tagged demands).
    await tagDemands(app.db, org.id, ids.slice(0, 40), corpus.slice(0, 40), themes, planner.accountId);
    const first = await train(planner.client, org);
    expect(first).toMatchObject({ isEnoughData: true, model: { status: 'ready' } });
    const accuracyAt40 = await probeAccuracy();

    // Planners tag 360 more; the schedule notices the growth and queues a debounced training.
    await tagDemands(app.db, org.id, ids.slice(40), corpus.slice(40), themes, planner.accountId);
    await app.app.get(DemandClassifierService).sweep();
    expect(await waitingJobs(app.db, 'demands.classifier_train')).toHaveLength(1);
    await makeJobsDue(app.db, 'demands.classifier_train');
    await jobs.drain();
    const second = (await planner.client.get(path(org, '/classifier'))).body;
    expect(second.model).toMatchObject({ status: 'ready', sampleCount: 412 });
    expect(second.model.id).not.toBe(first.model.id);
    const accuracyAt400 = await probeAccuracy();

    expect(second.model.macroF1).toBeGreaterThan(first.model.macroF1);
    expect(accuracyAt400).toBeGreaterThan(accuracyAt40);
    expect(accuracyAt400).toBeGreaterThan(0.8);
    // One model suggests at a time; the old one is retired and its bytes dropped.
    const models = await app.db.query(
      `SELECT status, model IS NULL AS "isEmpty" FROM demand_classifier_model WHERE organization_id = $1 AND status IN ('ready', 'retired')`,
      [org.id],
    );
    expect(models.filter((m: { status: string }) => m.status === 'ready')).toEqual([{ status: 'ready', isEmpty: false }]);
    expect(models.filter((m: { status: string }) => m.status === 'retired').every((m: { isEmpty: boolean }) => m.isEmpty)).toBe(true);
  }, 120_000);

  it('records accept and reject with who and when, and feeds them to the next training', async () => {
    const page = (await planner.client.get(path(org, '/suggestions?limit=5'))).body;
    expect(page.items).toHaveLength(5);
    expect(page.nextCursor).toEqual(expect.any(String));
    const [a, b] = page.items;
    const accepted = a.suggestions[0];
    const rejected = b.suggestions[0];
    expect(accepted.confidence).toBeGreaterThanOrEqual(0.5);

    expect((await planner.client.post(path(org, `/${a.demandId}/suggestions/${accepted.themeId}/accept`), {})).body).toEqual({ decided: 1 });
    expect((await planner.client.post(path(org, `/${b.demandId}/suggestions/${rejected.themeId}/reject`), {})).body).toEqual({ decided: 1 });

    const [theme] = await app.db.query(`SELECT origin, decided_by AS "decidedBy" FROM demand_theme WHERE demand_id = $1 AND theme_id = $2`, [a.demandId, accepted.themeId]);
    expect(theme).toEqual({ origin: 'suggestion', decidedBy: planner.accountId });
    const suggestions = await app.db.query(
      `SELECT status, decided_by AS "decidedBy", decided_at IS NOT NULL AS "hasTime" FROM demand_suggestion
       WHERE (demand_id, theme_id) IN (($1::uuid, $2::uuid), ($3::uuid, $4::uuid)) ORDER BY status`,
      [a.demandId, accepted.themeId, b.demandId, rejected.themeId],
    );
    expect(suggestions).toEqual([
      { status: 'accepted', decidedBy: planner.accountId, hasTime: true },
      { status: 'rejected', decidedBy: planner.accountId, hasTime: true },
    ]);
    const decisions = await app.db.query(
      `SELECT demand_id AS "demandId", actor_id AS "actorId", action, detail->>'themeId' AS "themeId" FROM demand_decision
       WHERE demand_id = ANY($1::uuid[]) ORDER BY action`,
      [[a.demandId, b.demandId]],
    );
    expect(decisions).toEqual([
      { demandId: a.demandId, actorId: planner.accountId, action: 'suggestion_accepted', themeId: accepted.themeId },
      { demandId: b.demandId, actorId: planner.accountId, action: 'suggestion_rejected', themeId: rejected.themeId },
    ]);
    // A decided suggestion is not offered again, and cannot be decided twice.
    expect((await planner.client.get(path(org, `/${a.demandId}/suggestions`))).body.items.map((s: { themeId: string }) => s.themeId)).not.toContain(accepted.themeId);
    const again = await planner.client.post(path(org, `/${b.demandId}/suggestions/${rejected.themeId}/accept`), {});
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('demand_suggestions.already_decided');

    // The next training learns the accepted theme and never the rejected pair, even if it was tagged before.
    await app.db.query(
      `INSERT INTO demand_theme (organization_id, demand_id, theme_id, origin, decided_by, decided_at)
       VALUES ($1, $2, $3, 'planner', $4, now() - interval '1 hour')`,
      [org.id, b.demandId, rejected.themeId, planner.accountId],
    );
    const repository = app.app.get(DemandClassifierService)['repository'];
    const samples = await repository.trainingSamples(org.id);
    const texts = await app.db.query(`SELECT id, text FROM demand WHERE id = ANY($1::uuid[])`, [[a.demandId, b.demandId]]);
    const textOf = (id: string) => texts.find((t: { id: string }) => t.id === id).text;
    expect(samples.find((s) => s.text === textOf(a.demandId))?.labels).toContain(accepted.themeId);
    expect(samples.find((s) => s.text === textOf(b.demandId))).toBeUndefined();
    // The rejected pair stays rejected through retraining: the new model does not offer it again.
    const retrained = await train(planner.client, org);
    expect(retrained.model.status).toBe('ready');
    const [{ status }] = await app.db.query(`SELECT status FROM demand_suggestion WHERE demand_id = $1 AND theme_id = $2`, [b.demandId, rejected.themeId]);
    expect(status).toBe('rejected');
  }, 120_000);

  it('decides many at once, all or none', async () => {
    const page = (await planner.client.get(path(org, '/suggestions?limit=3'))).body;
    const items = page.items.map((d: { demandId: string; suggestions: { themeId: string }[] }) => ({ demandId: d.demandId, themeId: d.suggestions[0].themeId }));
    const unknown = { demandId: items[0].demandId, themeId: '00000000-0000-4000-8000-000000000000' };
    const refused = await planner.client.post(path(org, '/suggestions/decisions'), { decision: 'accept', items: [...items, unknown] });
    expect(refused.status).toBe(404);
    expect(refused.body.code).toBe('demand_suggestions.not_found');
    const [{ n }] = await app.db.query(`SELECT count(*)::int AS n FROM demand_theme WHERE demand_id = ANY($1::uuid[])`, [items.map((i: { demandId: string }) => i.demandId)]);
    expect(n).toBe(0);
    const done = await planner.client.post(path(org, '/suggestions/decisions'), { decision: 'accept', items });
    expect(done.body).toEqual({ decided: 3 });
    expect((await planner.client.post(path(org, '/suggestions/decisions'), { decision: 'maybe', items })).status).toBe(400);
  });

  it('keeps each municipality to its own model and suggestions', async () => {
    const otherThemes = await buildThemes(app.db, other.id, THEMES);
    const otherPlan = await buildPlan(app.db, other.id);
    const untagged = await insertDemands(app.db, other.id, otherPlan.id, buildCorpus(20, 5, { themes: THEMES.length }), otherThemes, null);
    // Org A retrains with B's untagged demands in the database: none of them gets a suggestion.
    await train(planner.client, org);
    const [{ n }] = await app.db.query(`SELECT count(*)::int AS n FROM demand_suggestion WHERE organization_id = $1 OR demand_id = ANY($2::uuid[])`, [other.id, untagged]);
    expect(n).toBe(0);
    const state = (await otherPlanner.client.get(path(other, '/classifier'))).body;
    expect(state).toMatchObject({ model: null, openSuggestions: 0, taggedDemands: 0 });

    // B's planner cannot read or decide A's suggestions, by A's ids through B's slug or through A's slug.
    const [a] = (await planner.client.get(path(org, '/suggestions?limit=1'))).body.items;
    const themeId = a.suggestions[0].themeId;
    expect((await otherPlanner.client.get(path(other, `/${a.demandId}/suggestions`))).status).toBe(404);
    expect((await otherPlanner.client.post(path(other, `/${a.demandId}/suggestions/${themeId}/accept`), {})).status).toBe(404);
    expect((await otherPlanner.client.post(path(other, '/suggestions/decisions'), { decision: 'reject', items: [{ demandId: a.demandId, themeId }] })).status).toBe(404);
    expect((await otherPlanner.client.get(path(org, '/classifier'))).status).toBe(403);
    const [{ status }] = await app.db.query(`SELECT status FROM demand_suggestion WHERE demand_id = $1 AND theme_id = $2`, [a.demandId, themeId]);
    expect(status).toBe('open');
    // A citizen of A sees nothing of it.
    const citizen = await personWithRoles(app, org, ['citizen'], 'شهروند');
    expect((await citizen.client.get(path(org, '/classifier'))).status).toBe(403);
  }, 60_000);
});
