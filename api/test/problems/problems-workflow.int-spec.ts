import { buildOrganization, type BuiltOrganization } from '../factories/organization.factory';
import { buildProblem, buildProblemCollection } from '../factories/problem.factory';
import { startTestApp, type TestApp } from '../support/test-app';
import { TestClient } from '../support/test-client';
import { member, problemBody } from './problem-helpers';

type Person = Awaited<ReturnType<typeof member>>;

describe('the problem workflow: status, moderation, merging', () => {
  let t: TestApp;
  let org: BuiltOrganization;
  let other: BuiltOrganization;
  let collection: { planId: string; stageId: string; activityId: string };
  let planner: Person;
  let moderator: Person;
  let committeeId: string;

  beforeAll(async () => {
    t = await startTestApp();
    org = await buildOrganization(t.db);
    other = await buildOrganization(t.db);
    collection = await buildProblemCollection(t.db, org.id);
    planner = await member(t, org, ['planner'], 'کارشناس');
    moderator = await member(t, org, ['moderator'], 'ناظر');
    const [committee] = await t.db.query(
      `INSERT INTO committee (organization_id, plan_id, name) VALUES ($1, $2, $3) RETURNING id`,
      [org.id, collection.planId, { fa: 'کمیته حمل‌ونقل' }],
    );
    committeeId = committee.id;
  });
  afterAll(() => t.close());

  const url = (path: string) => `/api/orgs/${org.slug}${path}`;
  const notificationsOf = (accountId: string, kind: string) =>
    t.db.query(`SELECT params, link FROM notification WHERE account_id = $1 AND kind = $2`, [accountId, kind]);

  async function submittedWithSupporters(count: number, title = 'آب‌گرفتگی زیرگذر در باران') {
    const author = await member(t, org);
    const res = await author.client.post(
      url(`/activities/${collection.activityId}/problems`),
      problemBody(org, { title }),
    );
    expect(res.status).toBe(201);
    const supporters = await Promise.all(Array.from({ length: count }, () => member(t, org)));
    for (const s of supporters) expect((await s.client.put(url(`/problems/${res.body.id}/support`))).status).toBe(200);
    return { id: res.body.id as string, author, supporters };
  }

  it('moves a problem through review into a committee, telling the submitter and every supporter', async () => {
    const { id, author, supporters } = await submittedWithSupporters(3);

    const citizenTry = await author.client.post(url(`/problems/${id}/status`), { status: 'under_review' });
    expect(citizenTry.status).toBe(403);

    const review = await planner.client.post(url(`/problems/${id}/status`), { status: 'under_review' });
    expect(review.status).toBe(200);
    expect(review.body.status).toBe('under_review');

    const noCommittee = await planner.client.post(url(`/problems/${id}/status`), { status: 'accepted' });
    expect(noCommittee.status).toBe(400);
    expect(noCommittee.body.fields.committeeId).toBe('required');
    const otherPlan = await buildProblemCollection(t.db, org.id);
    const [foreign] = await t.db.query(
      `INSERT INTO committee (organization_id, plan_id, name) VALUES ($1, $2, $3) RETURNING id`,
      [org.id, otherPlan.planId, { fa: 'دیگر' }],
    );
    const wrongPlan = await planner.client.post(url(`/problems/${id}/status`), {
      status: 'accepted',
      committeeId: foreign.id,
    });
    expect(wrongPlan.status).toBe(404);

    const accepted = await planner.client.post(url(`/problems/${id}/status`), {
      status: 'accepted',
      committeeId,
      reason: 'در دستور کمیته',
    });
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ status: 'accepted', committeeId, statusReason: 'در دستور کمیته' });
    expect(accepted.body.statusHistory.map((h: { to: string }) => h.to)).toEqual([
      'submitted',
      'under_review',
      'accepted',
    ]);

    const skip = await planner.client.post(url(`/problems/${id}/status`), { status: 'submitted' });
    expect(skip.status).toBe(409);
    expect(skip.body.code).toBe('problems.invalid_transition');

    for (const person of [author, ...supporters]) {
      const rows = await notificationsOf(person.accountId, 'problem.status_changed');
      expect(rows).toHaveLength(2);
      expect(rows.map((r: { params: { status: string } }) => r.params.status).sort()).toEqual([
        'accepted',
        'under_review',
      ]);
      expect(rows[0].link).toBe(`/${org.slug}/problems/${id}`);
    }
    expect(await notificationsOf(planner.accountId, 'problem.status_changed')).toHaveLength(0);
    const bell = await author.client.get('/api/me/notifications');
    expect(bell.status).toBe(200);
    expect(bell.body.items[0]).toMatchObject({
      kind: 'problem.status_changed',
      organizationSlug: org.slug,
      params: { status: 'accepted' },
    });

    const [audit] = await t.db.query(
      `SELECT count(*)::int AS n FROM audit_entry WHERE entity_id = $1 AND action = 'problem.status_changed'`,
      [id],
    );
    expect(audit.n).toBe(2);
  });

  it('requires a reason for out of scope', async () => {
    const { id } = await submittedWithSupporters(0);
    const res = await planner.client.post(url(`/problems/${id}/status`), { status: 'out_of_scope' });
    expect(res.status).toBe(400);
    expect(res.body.fields.reason).toBe('required');
    expect(
      (
        await planner.client.post(url(`/problems/${id}/status`), {
          status: 'out_of_scope',
          reason: 'در حیطه شهرداری نیست',
        })
      ).status,
    ).toBe(200);
  });

  it('hides a problem from the public and restores it; moderators still see it in their queue', async () => {
    const { id, supporters } = await submittedWithSupporters(1);
    const citizenTry = await supporters[0].client.post(url(`/problems/${id}/hide`), { reason: 'توهین' });
    expect(citizenTry.status).toBe(403);

    const hidden = await moderator.client.post(url(`/problems/${id}/hide`), { reason: 'محتوای توهین‌آمیز' });
    expect(hidden.status).toBe(200);
    expect(hidden.body.isHidden).toBe(true);

    const anonymous = new TestClient(t.url);
    expect((await anonymous.get(url(`/problems/${id}`))).status).toBe(404);
    expect((await anonymous.get(url('/problems?limit=100'))).body.items.map((i: { id: string }) => i.id)).not.toContain(
      id,
    );
    expect((await moderator.client.get(url(`/problems/${id}`))).body.isHidden).toBe(true);
    expect((await supporters[0].client.put(url(`/problems/${id}/support`))).status).toBe(404);

    const queue = await moderator.client.get(url('/moderation/problems?hidden=true'));
    expect(queue.status).toBe(200);
    expect(queue.body.items).toEqual([
      expect.objectContaining({ id, isHidden: true, hiddenReason: 'محتوای توهین‌آمیز' }),
    ]);
    expect((await planner.client.get(url('/moderation/problems'))).status).toBe(403);

    const restored = await moderator.client.post(url(`/problems/${id}/restore`), { reason: 'بازبینی شد' });
    expect(restored.body.isHidden).toBe(false);
    expect((await anonymous.get(url(`/problems/${id}`))).status).toBe(200);
    const [audit] = await t.db.query(
      `SELECT array_agg(action ORDER BY created_at) AS actions FROM audit_entry WHERE entity_id = $1`,
      [id],
    );
    expect(audit.actions).toEqual(['problem.hidden', 'problem.restored']);
  });

  it('merges a duplicate: supports move once per person, comments move, its supporters are told', async () => {
    const kept = await submittedWithSupporters(2, 'چاله بزرگ خیابان چهارباغ');
    const duplicate = await submittedWithSupporters(2, 'چاله خیابان چهارباغ');
    // one person supports both, and the kept problem's author supported the duplicate
    await kept.supporters[0].client.put(url(`/problems/${duplicate.id}/support`));
    await kept.author.client.put(url(`/problems/${duplicate.id}/support`));
    await t.db.query(`UPDATE problem SET comment_count = 3 WHERE id = $1`, [duplicate.id]);
    await t.db.query(`UPDATE problem SET comment_count = 1 WHERE id = $1`, [kept.id]);

    const citizenTry = await kept.author.client.post(url(`/problems/${duplicate.id}/merge`), { intoId: kept.id });
    expect(citizenTry.status).toBe(403);

    const merged = await moderator.client.post(url(`/problems/${duplicate.id}/merge`), {
      intoId: kept.id,
      reason: 'تکراری',
    });
    expect(merged.status).toBe(200);
    expect(merged.body.id).toBe(kept.id);
    // 2 own + 2 of the duplicate + 0 for the shared supporter + 0 for the kept author
    expect(merged.body.supportCount).toBe(4);
    expect(merged.body.commentCount).toBe(4);
    const [counts] = await t.db.query(
      `SELECT (SELECT count(*)::int FROM problem_support WHERE problem_id = $1) AS kept,
              (SELECT count(*)::int FROM problem_support WHERE problem_id = $2) AS dup`,
      [kept.id, duplicate.id],
    );
    expect(counts).toEqual({ kept: 4, dup: 0 });

    const page = await new TestClient(t.url).get(url(`/problems/${duplicate.id}`));
    expect(page.body).toMatchObject({ status: 'merged', mergedIntoId: kept.id, supportCount: 0, canSupport: false });
    const list = await new TestClient(t.url).get(url('/problems?limit=100'));
    expect(list.body.items.map((i: { id: string }) => i.id)).not.toContain(duplicate.id);
    const mergedList = await new TestClient(t.url).get(url('/problems?status=merged'));
    expect(mergedList.body.items.map((i: { id: string }) => i.id)).toContain(duplicate.id);

    for (const person of [duplicate.author, ...duplicate.supporters, kept.supporters[0]]) {
      const rows = await notificationsOf(person.accountId, 'problem.merged');
      expect(rows).toEqual([expect.objectContaining({ link: `/${org.slug}/problems/${kept.id}` })]);
    }
    expect(await notificationsOf(kept.supporters[1].accountId, 'problem.merged')).toHaveLength(0);

    const supportMerged = await kept.supporters[1].client.put(url(`/problems/${duplicate.id}/support`));
    expect(supportMerged.body.code).toBe('problems.not_supportable');
  });

  it('refuses merging into itself, into a merged or hidden problem, or across organisations', async () => {
    const a = await submittedWithSupporters(0);
    const b = await submittedWithSupporters(0);
    const self = await moderator.client.post(url(`/problems/${a.id}/merge`), { intoId: a.id });
    expect(self.body.code).toBe('problems.merge_invalid');

    await moderator.client.post(url(`/problems/${b.id}/hide`), { reason: 'نامناسب' });
    const intoHidden = await moderator.client.post(url(`/problems/${a.id}/merge`), { intoId: b.id });
    expect(intoHidden.body.code).toBe('problems.merge_invalid');

    const otherCollection = await buildProblemCollection(t.db, other.id);
    const foreign = await buildProblem(t.db, {
      organizationId: other.id,
      ...otherCollection,
      themeId: other.themeIds[0],
      districtId: other.districtIds[0],
    });
    const across = await moderator.client.post(url(`/problems/${a.id}/merge`), { intoId: foreign.id });
    expect(across.status).toBe(409);
    expect(across.body.code).toBe('problems.merge_invalid');

    const c = await submittedWithSupporters(0);
    expect((await moderator.client.post(url(`/problems/${c.id}/merge`), { intoId: a.id })).status).toBe(200);
    const intoMerged = await moderator.client.post(url(`/problems/${a.id}/merge`), { intoId: c.id });
    expect(intoMerged.body.code).toBe('problems.merge_invalid');
  });
});
