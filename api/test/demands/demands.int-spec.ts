import { randomUUID } from 'node:crypto';
import { DemandsService } from '../../src/modules/demands/demands.service';
import { buildOrganization, type BuiltOrganization } from '../factories/organization.factory';
import { buildActivity, buildPlan, buildStage, daysFromToday } from '../factories/plan.factory';
import { buildProblem } from '../factories/problem.factory';
import { personWithRoles } from '../plans/plan-helpers';
import { buildSurvey, submit } from '../surveys/survey-helpers';
import { startTestApp, type TestApp } from '../support/test-app';
import type { TestClient } from '../support/test-client';

type Person = { client: TestClient; accountId: string };
const path = (org: BuiltOrganization, rest = '') => `/api/orgs/${org.slug}/demands${rest}`;

describe('demands hub', () => {
  let app: TestApp;
  let org: BuiltOrganization;
  let other: BuiltOrganization;
  let planner: Person;
  let otherPlanner: Person;
  let citizen: Person;
  let planId: string;
  let stageId: string;
  let activityId: string;

  const demandOf = async (kind: string, sourceId: string, key: string | null = null) => {
    const rows = await app.db.query(
      `SELECT id, text, source_state AS "sourceState", weight, plan_id AS "planId", stage_id AS "stageId", capacity, district_id AS "districtId"
       FROM demand WHERE source_kind = $1 AND source_id = $2 AND coalesce(source_key, '') = coalesce($3, '')`,
      [kind, sourceId, key],
    );
    return rows as { id: string; text: string; sourceState: string; weight: number; planId: string; stageId: string; capacity: string; districtId: string }[];
  };

  beforeAll(async () => {
    app = await startTestApp();
    org = await buildOrganization(app.db);
    other = await buildOrganization(app.db);
    planner = await personWithRoles(app, org, ['planner']);
    otherPlanner = await personWithRoles(app, other, ['planner']);
    citizen = await personWithRoles(app, org, ['citizen'], 'شهروند');
    planId = (await buildPlan(app.db, org.id)).id;
    stageId = (await buildStage(app.db, org.id, planId, daysFromToday(-5), daysFromToday(30))).id;
    activityId = (await buildActivity(app.db, org.id, planId, stageId)).id;
  }, 60_000);
  afterAll(() => app.close());

  const where = () => ({ organizationId: org.id, planId, stageId, activityId, themeId: org.themeIds[0], districtId: org.districtIds[0] });

  it('makes one demand per problem, kept (and marked) when the problem is edited, supported, hidden, merged or deleted', async () => {
    const problem = await buildProblem(app.db, where(), { title: 'نبود پارکینگ', description: 'کنار بازار جای پارک نیست', authorId: citizen.accountId });
    let [d] = await demandOf('problem', problem.id);
    expect(d).toMatchObject({ text: 'نبود پارکینگ\nکنار بازار جای پارک نیست', sourceState: 'live', planId, stageId, capacity: 'citizen', districtId: org.districtIds[0] });

    await app.db.query(`UPDATE problem SET support_count = 7 WHERE id = $1`, [problem.id]);
    [d] = await demandOf('problem', problem.id);
    expect(d).toMatchObject({ weight: 7, sourceState: 'live' });

    await app.db.query(`UPDATE problem SET description = 'کنار بازار هیچ جای پارکی نیست' WHERE id = $1`, [problem.id]);
    [d] = await demandOf('problem', problem.id);
    expect(d).toMatchObject({ text: 'نبود پارکینگ\nکنار بازار هیچ جای پارکی نیست', sourceState: 'edited' });

    await app.db.query(`UPDATE problem SET is_hidden = true, hidden_reason = 'spam' WHERE id = $1`, [problem.id]);
    expect((await demandOf('problem', problem.id))[0].sourceState).toBe('hidden');

    const twin = await buildProblem(app.db, where(), { title: 'پارکینگ بازار' });
    await app.db.query(`UPDATE problem SET merged_into_id = $2, status = 'merged' WHERE id = $1`, [twin.id, problem.id]);
    expect((await demandOf('problem', twin.id))[0].sourceState).toBe('merged');

    const gone = await buildProblem(app.db, where(), { title: 'پاک‌شدنی' });
    await app.db.query(`DELETE FROM problem WHERE id = $1`, [gone.id]);
    const kept = await demandOf('problem', gone.id);
    expect(kept).toHaveLength(1);
    expect(kept[0].sourceState).toBe('deleted');
  });

  it('makes demands from comments on problems and on consultation paragraphs, not from official answers', async () => {
    const problem = await buildProblem(app.db, where(), { title: 'چراغ خاموش' });
    const ids = [randomUUID(), randomUUID(), randomUUID()];
    const [c1] = await app.db.query(
      `INSERT INTO comment (organization_id, target_type, target_id, id, author_id, author_capacity, body, root_id)
       VALUES ($1, 'problem', $2, $4, $3, 'ngo', 'ما هم همین مشکل را داریم', $4) RETURNING id`,
      [org.id, problem.id, citizen.accountId, ids[0]],
    );
    const [official] = await app.db.query(
      `INSERT INTO comment (organization_id, target_type, target_id, id, root_id, body, is_official) VALUES ($1, 'problem', $2, $3, $3, 'پاسخ رسمی', true) RETURNING id`,
      [org.id, problem.id, ids[1]],
    );
    // A paragraph of a consultation in another stage of the plan.
    const stage2 = (await buildStage(app.db, org.id, planId, daysFromToday(31), daysFromToday(60))).id;
    const consultation = (await buildActivity(app.db, org.id, planId, stage2, 'consultation')).id;
    const [edition] = await app.db.query(
      `INSERT INTO consultation_edition (organization_id, activity_id, number, title, source) VALUES ($1, $2, 1, 'گزارش', 'docx') RETURNING id`,
      [org.id, consultation],
    );
    const [section] = await app.db.query(
      `INSERT INTO consultation_section (organization_id, edition_id, position, anchor, level) VALUES ($1, $2, 0, 's1', 1) RETURNING id`,
      [org.id, edition.id],
    );
    const [block] = await app.db.query(
      `INSERT INTO consultation_block (organization_id, edition_id, section_id, position, anchor, kind, text, lineage_id)
       VALUES ($1, $2, $3, 0, 'p1', 'paragraph', 'بند یک', gen_random_uuid()) RETURNING id`,
      [org.id, edition.id, section.id],
    );
    const [c2] = await app.db.query(
      `INSERT INTO comment (organization_id, target_type, target_id, id, root_id, author_capacity, body)
       VALUES ($1, 'paragraph', $2, $3, $3, 'expert', 'این بند باید روشن‌تر باشد') RETURNING id`,
      [org.id, block.id, ids[2]],
    );

    expect((await demandOf('comment', c1.id))[0]).toMatchObject({ text: 'ما هم همین مشکل را داریم', capacity: 'ngo', planId, stageId, districtId: org.districtIds[0] });
    expect((await demandOf('comment', c2.id))[0]).toMatchObject({ text: 'این بند باید روشن‌تر باشد', capacity: 'expert', planId, stageId: stage2 });
    expect(await demandOf('comment', official.id)).toEqual([]);

    await app.db.query(`UPDATE comment SET upvotes = 3 WHERE id = $1`, [c1.id]);
    await app.db.query(`UPDATE comment SET body = 'ما هم دقیقاً همین مشکل را داریم', edited_at = now() WHERE id = $1`, [c1.id]);
    expect((await demandOf('comment', c1.id))[0]).toMatchObject({ weight: 3, sourceState: 'edited', text: 'ما هم دقیقاً همین مشکل را داریم' });
    await app.db.query(`UPDATE comment SET is_hidden = true, hidden_reason = 'rude' WHERE id = $1`, [c2.id]);
    expect((await demandOf('comment', c2.id))[0].sourceState).toBe('hidden');
  });

  it('makes one demand per open-text survey answer (through the real submit), marked when the answer goes', async () => {
    const survey = await buildSurvey(app, org, planner.client, {
      sections: [
        {
          id: 's1',
          title: { fa: 'بخش' },
          questions: [
            { id: 'wish', type: 'long_text', title: { fa: 'چه می‌خواهید؟' }, maxLength: 500 },
            { id: 'pick', type: 'single_choice', title: { fa: 'کدام؟' }, options: [{ id: 'a', label: { fa: 'الف' } }, { id: 'b', label: { fa: 'ب' } }] },
          ],
        },
      ],
    } as never);
    const res = await submit(citizen.client, org, survey.activityId, { wish: 'پارک محله‌ای بیشتر', pick: { choice: 'a' } });
    expect(res.status).toBeLessThan(300);
    const [response] = await app.db.query(`SELECT id FROM survey_response WHERE survey_id = $1`, [survey.surveyId]);
    const [d] = await demandOf('survey_answer', response.id, 'wish');
    expect(d).toMatchObject({ text: 'پارک محله‌ای بیشتر', sourceState: 'live' });
    expect(await app.db.query(`SELECT 1 FROM demand WHERE source_id = $1`, [response.id])).toHaveLength(1);
    // An edit that keeps the text keeps the demand as it was; one that changes it marks it edited.
    const path = `/api/orgs/${org.slug}/surveys/${survey.activityId}/response`;
    expect((await citizen.client.request('PUT', path, { body: { answers: { wish: 'پارک محله‌ای بیشتر', pick: { choice: 'b' } } } })).status).toBe(200);
    expect((await demandOf('survey_answer', response.id, 'wish'))[0]).toMatchObject({ id: d.id, sourceState: 'live' });
    expect((await citizen.client.request('PUT', path, { body: { answers: { wish: 'پارک و زمین بازی', pick: { choice: 'b' } } } })).status).toBe(200);
    expect((await demandOf('survey_answer', response.id, 'wish'))[0]).toMatchObject({ id: d.id, text: 'پارک و زمین بازی', sourceState: 'edited' });
    expect(await app.db.query(`SELECT 1 FROM demand WHERE source_id = $1`, [response.id])).toHaveLength(1);
    await app.db.query(`DELETE FROM survey_answer_fact WHERE response_id = $1`, [response.id]);
    expect((await demandOf('survey_answer', response.id, 'wish'))[0].sourceState).toBe('deleted');
  });

  it('catches up on a source row whose trigger was bypassed (the daily job)', async () => {
    await app.db.query(`ALTER TABLE problem DISABLE TRIGGER tr_problem_demand`);
    let missed: { id: string };
    try {
      missed = await buildProblem(app.db, where(), { title: 'جا مانده' });
    } finally {
      await app.db.query(`ALTER TABLE problem ENABLE TRIGGER tr_problem_demand`);
    }
    expect(await demandOf('problem', missed.id)).toEqual([]);
    const changed = await app.app.get(DemandsService).catchUpAll();
    expect(changed).toBeGreaterThanOrEqual(1);
    expect((await demandOf('problem', missed.id))[0]).toMatchObject({ sourceState: 'live' });
    // A second run changes nothing.
    expect(await app.app.get(DemandsService).catchUpAll()).toBe(0);
  });

  it('enters a demand by hand from a meeting, refuses bad references with nothing saved', async () => {
    const ok = await planner.client.post(path(org), {
      planId,
      meeting: 'جلسه محله جلفا',
      text: 'ايجاد پياده‌راه در خيابان',
      capacity: 'citizen',
      districtId: org.districtIds[1],
      kind: 'suggestion',
      priority: 2,
      themeIds: [org.themeIds[0]],
      occurredOn: '2025-10-01',
    });
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({ sourceKind: 'manual', meeting: 'جلسه محله جلفا', kind: 'suggestion', priority: 2, themes: [{ id: org.themeIds[0], origin: 'planner' }] });
    expect(ok.body).not.toHaveProperty('authorId');
    const decisions = await app.db.query(`SELECT action, actor_id AS "actorId" FROM demand_decision WHERE demand_id = $1 ORDER BY id`, [ok.body.id]);
    expect(decisions).toEqual([
      { action: 'created', actorId: planner.accountId },
      { action: 'theme_added', actorId: planner.accountId },
    ]);
    const before = await app.db.query(`SELECT count(*)::int AS n FROM demand WHERE organization_id = $1`, [org.id]);
    const bad = await planner.client.post(path(org), { planId, meeting: 'x', text: 'متن', themeIds: [other.themeIds[0]] });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('demands.theme_not_found');
    const badDistrict = await planner.client.post(path(org), { planId, meeting: 'x', text: 'متن', districtId: other.districtIds[0] });
    expect(badDistrict.body.code).toBe('demands.district_not_found');
    expect(await app.db.query(`SELECT count(*)::int AS n FROM demand WHERE organization_id = $1`, [org.id])).toEqual(before);
    expect((await citizen.client.post(path(org), { planId, meeting: 'x', text: 'متن' })).status).toBe(403);
  });

  it('imports a CSV: a dry run reports every bad row and column, a bad file creates nothing, a good one all rows', async () => {
    const count = async () => (await app.db.query(`SELECT count(*)::int AS n FROM demand WHERE source_kind = 'import' AND organization_id = $1`, [org.id]))[0].n;
    const bad = 'text,meeting,themes,district,kind\n"نیاز به مدرسه",جلسه ۱,حمل‌ونقل,1,suggestion\n,جلسه ۱,,,\n"کمبود سطل زباله",جلسه ۱,ناموجود,9,other\n';
    const dry = await planner.client.rawBytes('POST', path(org, `/import?planId=${planId}&dryRun=true`), Buffer.from(bad), { 'content-type': 'text/csv' });
    expect(dry.status).toBe(200);
    expect(dry.body).toMatchObject({ dryRun: true, applied: false, created: 0 });
    expect(dry.body.problems).toEqual([
      { row: 3, column: 'text', problem: 'no_text' },
      { row: 4, column: 'district', problem: 'unknown_district' },
      { row: 4, column: 'themes', problem: 'unknown_theme' },
      { row: 4, column: 'kind', problem: 'unknown_kind' },
    ]);
    const applied = await planner.client.rawBytes('POST', path(org, `/import?planId=${planId}`), Buffer.from(bad), { 'content-type': 'text/csv' });
    expect(applied.body).toMatchObject({ applied: false, created: 0 });
    expect(await count()).toBe(0);

    const good = 'text,themes,district,date,priority\n"نیاز به مدرسه",حمل‌ونقل|waste,منطقه ۲,1404/07/01,1\n"=HYPERLINK(""x"")",,,,\n';
    const ok = await planner.client.rawBytes('POST', path(org, `/import?planId=${planId}&meeting=${encodeURIComponent('جلسه شورایاری')}`), Buffer.from(good), { 'content-type': 'text/csv' });
    expect(ok.body).toMatchObject({ applied: true, created: 2, problems: [] });
    const rows = await app.db.query(
      `SELECT d.text, d.meeting, d.district_id AS "districtId", d.priority, d.occurred_at::date::text AS day,
              (SELECT array_agg(theme_id::text ORDER BY theme_id) FROM demand_theme WHERE demand_id = d.id) AS themes
       FROM demand d WHERE d.source_kind = 'import' AND d.organization_id = $1 ORDER BY d.text`,
      [org.id],
    );
    expect(rows[1]).toMatchObject({ text: 'نیاز به مدرسه', meeting: 'جلسه شورایاری', districtId: org.districtIds[1], priority: 1, day: '2025-09-23' });
    expect(rows[1].themes).toEqual([...org.themeIds].sort());
    expect(await count()).toBe(2);
    const refused = await planner.client.raw('POST', path(org, `/import?planId=${planId}`), '{}', { 'content-type': 'application/json' });
    expect(refused.status).toBe(415);
  });

  it('tags one demand and bulk-tags a filter selection, recording every decision; an unknown theme changes nothing', async () => {
    const plan = (await buildPlan(app.db, org.id)).id;
    const ids: string[] = [];
    for (const text of ['آب شرب قطع است', 'آب شرب کم فشار است', 'اتوبوس دیر می‌آید']) {
      const res = await planner.client.post(path(org), { planId: plan, meeting: 'جلسه', text });
      ids.push(res.body.id);
    }
    const one = await planner.client.patch(path(org, `/${ids[2]}`), { addThemeIds: [org.themeIds[0]], kind: 'problem', priority: 1 });
    expect(one.status).toBe(200);
    expect(one.body).toMatchObject({ kind: 'problem', priority: 1, themes: [{ id: org.themeIds[0] }] });

    const bulk = await planner.client.post(path(org, '/bulk-tag'), { filter: { planId: plan, q: 'آب' }, addThemeIds: [org.themeIds[1]], kind: 'problem' });
    expect(bulk.body).toEqual({ changed: 2 });
    const decisions = await app.db.query(
      `SELECT demand_id AS "demandId", action, actor_id AS "actorId" FROM demand_decision WHERE demand_id = ANY($1) AND action <> 'created' ORDER BY demand_id, id`,
      [ids],
    );
    expect(decisions.filter((d: { demandId: string }) => d.demandId === ids[0]).map((d: { action: string }) => d.action)).toEqual(['theme_added', 'kind_set']);
    expect(decisions.every((d: { actorId: string }) => d.actorId === planner.accountId)).toBe(true);

    const untagged = await planner.client.get(path(org, `?planId=${plan}&untagged=true`));
    expect(untagged.body.items).toEqual([]);
    const refused = await planner.client.post(path(org, '/bulk-tag'), { filter: { planId: plan }, addThemeIds: [org.themeIds[0], other.themeIds[0]] });
    expect(refused.status).toBe(400);
    expect(refused.body.code).toBe('demands.theme_not_found');
    const removed = await planner.client.post(path(org, '/bulk-tag'), { filter: { planId: plan }, demandIds: [ids[0]], removeThemeIds: [org.themeIds[1]] });
    expect(removed.body).toEqual({ changed: 1 });
    expect((await planner.client.get(path(org, `/${ids[0]}`))).body.themes).toEqual([]);
  });

  it('lists with keyset pages, searches Persian-normalised text, refuses an unknown filter field', async () => {
    const plan = (await buildPlan(app.db, org.id)).id;
    for (let i = 0; i < 5; i++) await planner.client.post(path(org), { planId: plan, meeting: 'جلسه', text: `درخواست شماره ${i} برای كتابخانه`, occurredOn: `2025-01-0${i + 1}` });
    const first = await planner.client.get(path(org, `?planId=${plan}&limit=2`));
    expect(first.body.items.map((d: { text: string }) => d.text)).toEqual(['درخواست شماره 4 برای کتابخانه', 'درخواست شماره 3 برای کتابخانه']);
    const second = await planner.client.get(path(org, `?planId=${plan}&limit=2&cursor=${first.body.nextCursor}`));
    const third = await planner.client.get(path(org, `?planId=${plan}&limit=2&cursor=${second.body.nextCursor}`));
    expect([...first.body.items, ...second.body.items, ...third.body.items].map((d: { id: string }) => d.id)).toHaveLength(5);
    expect(third.body.nextCursor).toBeNull();
    const found = await planner.client.get(path(org, `?planId=${plan}&q=${encodeURIComponent('كتابخانه')}`));
    expect(found.body.items).toHaveLength(5);
    const unknown = await planner.client.get(path(org, `?planId=${plan}&colour=red`));
    expect(unknown.status).toBe(400);
    const badKind = await planner.client.get(path(org, `/matrix?planId=${plan}&by=capacity&kinds=rumour`));
    expect(badKind.status).toBe(400);
  });

  it('matrices equal hand-computed counts, from the maintained counts and counted live', async () => {
    const plan = (await buildPlan(app.db, org.id)).id;
    const [t1, t2] = org.themeIds;
    const [d1, d2] = org.districtIds;
    const rows: [string, string | null, string[]][] = [
      ['citizen', d1, [t1]],
      ['citizen', d1, [t1, t2]],
      ['ngo', d2, [t2]],
      ['expert', null, [t1]],
      ['citizen', d2, []],
    ];
    for (const [capacity, districtId, themeIds] of rows) {
      const res = await planner.client.post(path(org), { planId: plan, meeting: 'جلسه', text: 'مطالبه', capacity, districtId, themeIds });
      expect(res.status).toBe(201);
    }
    const cells = (body: { cells: { themeId: string; key: string; count: number }[] }) =>
      Object.fromEntries(body.cells.map((c) => [`${c.themeId === t1 ? 't1' : 't2'}:${c.key === d1 ? 'd1' : c.key === d2 ? 'd2' : c.key}`, c.count]));
    const byCapacity = await planner.client.get(path(org, `/matrix?planId=${plan}&by=capacity`));
    expect(byCapacity.body.isMaintained).toBe(true);
    expect(cells(byCapacity.body)).toEqual({ 't1:citizen': 2, 't2:citizen': 1, 't2:ngo': 1, 't1:expert': 1 });
    const byDistrict = await planner.client.get(path(org, `/matrix?planId=${plan}&by=district`));
    expect(cells(byDistrict.body)).toEqual({ 't1:d1': 2, 't2:d1': 1, 't2:d2': 1, 't1:none': 1 });
    // A filter the counts cannot answer (free text) counts live, and agrees.
    const live = await planner.client.get(path(org, `/matrix?planId=${plan}&by=district&q=${encodeURIComponent('مطالبه')}`));
    expect(live.body.isMaintained).toBe(false);
    expect(cells(live.body)).toEqual(cells(byDistrict.body));
    const citizens = await planner.client.get(path(org, `/matrix?planId=${plan}&by=district&capacities=citizen`));
    expect(cells(citizens.body)).toEqual({ 't1:d1': 2, 't2:d1': 1 });
    // Untag one: the counts follow.
    const [first] = (await planner.client.get(path(org, `?planId=${plan}&themeIds=${t2}&capacities=ngo`))).body.items;
    await planner.client.patch(path(org, `/${first.id}`), { removeThemeIds: [t2], addThemeIds: [t1] });
    const after = await planner.client.get(path(org, `/matrix?planId=${plan}&by=capacity`));
    expect(cells(after.body)).toEqual({ 't1:citizen': 2, 't2:citizen': 1, 't1:ngo': 1, 't1:expert': 1 });

    const participation = await planner.client.get(path(org, `/participation?planId=${plan}`));
    expect(participation.body).toMatchObject({ demands: 5, people: 0, withoutAuthor: 5, bySource: [{ sourceKind: 'manual', count: 5 }] });
    const trends = await planner.client.get(path(org, `/trends?planId=${plan}`));
    expect(trends.body.months.reduce((a: number, m: { count: number }) => a + m.count, 0)).toBe(5);
  });

  it('suggests groups of near-identical demands; a planner names, splits, merges and marks a focus-point candidate', async () => {
    const plan = (await buildPlan(app.db, org.id)).id;
    const texts = ['کمبود پارکینگ نزدیک بازار بزرگ', 'كمبود پاركينگ نزديك بازار بزرگ!', 'کمبود پارکینگ در نزدیکی بازار بزرگ', 'جمع‌آوری زباله در شب انجام نمی‌شود', 'جمع آوری زباله در شب انجام نمیشود'];
    const ids: string[] = [];
    for (const text of texts) ids.push((await planner.client.post(path(org), { planId: plan, meeting: 'جلسه', text })).body.id);
    const suggestions = await planner.client.get(path(org, `/groups/suggestions?planId=${plan}`));
    expect(suggestions.status).toBe(200);
    const sets = suggestions.body.items.map((s: { demands: { id: string }[] }) => s.demands.map((d) => d.id).sort());
    expect(sets).toContainEqual([ids[0], ids[1], ids[2]].sort());
    expect(sets).toContainEqual([ids[3], ids[4]].sort());

    const parking = await planner.client.post(path(org, '/groups'), { planId: plan, name: 'کمبود پارکینگ بازار', demandIds: ids.slice(0, 3) });
    expect(parking.status).toBe(201);
    expect(parking.body).toMatchObject({ count: 3, name: 'کمبود پارکینگ بازار', isFocusCandidate: false });
    const split = await planner.client.post(path(org, `/groups/${parking.body.id}/split`), { demandIds: [ids[2]] });
    expect(split.body.count).toBe(1);
    const merged = await planner.client.post(path(org, `/groups/${split.body.id}/merge`), { intoId: parking.body.id });
    expect(merged.body.count).toBe(3);
    const focus = await planner.client.patch(path(org, `/groups/${parking.body.id}`), { isFocusCandidate: true });
    expect(focus.body).toMatchObject({ isFocusCandidate: true, name: 'کمبود پارکینگ بازار' });
    const list = await planner.client.get(path(org, `/groups?planId=${plan}`));
    expect(list.body.items).toHaveLength(1);
    const members = await planner.client.get(path(org, `?planId=${plan}&groupId=${parking.body.id}`));
    expect(members.body.items).toHaveLength(3);
    expect((await otherPlanner.client.patch(path(other, `/groups/${parking.body.id}`), { name: 'x' })).status).toBe(404);
  });

  it('keeps demands tagged when their theme is merged into another', async () => {
    const plan = (await buildPlan(app.db, org.id)).id;
    const [theme] = await app.db.query(`INSERT INTO theme (organization_id, slug, name, position) VALUES ($1, 'roads', $2, 9) RETURNING id`, [org.id, { fa: 'راه' }]);
    const created = await planner.client.post(path(org), { planId: plan, meeting: 'جلسه', text: 'آسفالت خراب', themeIds: [theme.id] });
    const admin = await personWithRoles(app, org, ['admin']);
    const merge = await admin.client.post(`/api/orgs/${org.slug}/themes/${theme.id}/merge`, { targetId: org.themeIds[0] });
    expect(merge.status).toBe(200);
    const after = await planner.client.get(path(org, `/${created.body.id}`));
    expect(after.body.themes.map((t: { id: string }) => t.id)).toEqual([org.themeIds[0]]);
  });

  it("never shows or changes another municipality's demands", async () => {
    const mine = (await planner.client.get(path(org, `?planId=${planId}`))).body.items[0];
    expect((await otherPlanner.client.get(path(other, `?planId=${planId}`))).status).toBe(404);
    expect((await otherPlanner.client.get(path(other, `/${mine.id}`))).status).toBe(404);
    expect((await otherPlanner.client.patch(path(other, `/${mine.id}`), { kind: 'praise' })).status).toBe(404);
    expect((await otherPlanner.client.post(path(other, '/bulk-tag'), { filter: { planId }, kind: 'praise' })).status).toBe(404);
    expect((await otherPlanner.client.get(path(other, `/matrix?planId=${planId}&by=capacity`))).status).toBe(404);
    expect((await otherPlanner.client.get(path(org, `?planId=${planId}`))).status).toBe(403);
    const [row] = await app.db.query(`SELECT kind FROM demand WHERE id = $1`, [mine.id]);
    expect(row.kind).not.toBe('praise');
  });
});
