import { blocksOf, buildConsultation, planner, publishEdition } from '../consultations/consultation-helpers';
import { buildOrganization, type BuiltOrganization } from '../factories/organization.factory';
import { buildProblemCollection } from '../factories/problem.factory';
import { member, problemBody } from '../problems/problem-helpers';
import { startTestApp, type TestApp } from '../support/test-app';
import { TestClient } from '../support/test-client';

describe('my activity: my problems, supports, comments and follows, and what became of each', () => {
  let t: TestApp;
  let city: BuiltOrganization;
  let other: BuiltOrganization;
  let activityId: string;
  let planId: string;
  let stageId: string;

  beforeAll(async () => {
    t = await startTestApp();
    city = await buildOrganization(t.db);
    other = await buildOrganization(t.db);
    ({ activityId, planId, stageId } = await buildProblemCollection(t.db, city.id));
  });
  afterAll(() => t.close());

  const url = (path: string, slug = city.slug) => `/api/orgs/${slug}${path}`;

  it('lists only my own things, in this municipality, each with its fate and a way back to it', async () => {
    const me = await member(t, city, ['citizen'], 'مریم');
    const neighbour = await member(t, city, ['citizen'], 'علی');
    const boss = await planner(t, city);
    const report = (who: typeof me, title: string) =>
      who.client.post(url(`/activities/${activityId}/problems`), problemBody(city, { title }));

    // Mine: two problems, one of which planners take under review with a reason.
    const first = (await report(me, 'چاله در خیابان چهارباغ')).body;
    const second = (await report(me, 'نبود سطل زباله در پارک')).body;
    const review = await boss.client.post(url(`/problems/${first.id}/status`), {
      status: 'out_of_scope',
      reason: 'به شهرداری منطقه سپرده شد',
    });
    expect(review.status).toBe(200);
    // The neighbour's problem, which I support and comment on.
    const theirs = (await report(neighbour, 'ترافیک سنگین جلوی مدرسه')).body;
    expect((await me.client.put(url(`/problems/${theirs.id}/support`))).status).toBe(200);
    const comment = await me.client.post(url('/comments'), {
      targetType: 'problem',
      targetId: theirs.id,
      body: 'من هم هر روز این ترافیک را می‌بینم.',
    });
    expect(comment.status).toBe(201);
    const reply = await neighbour.client.post(url('/comments'), {
      targetType: 'problem',
      targetId: theirs.id,
      parentId: comment.body.id,
      body: 'ممنون',
    });
    expect(reply.status).toBe(201);
    expect((await me.client.put(url(`/follows/plan/${planId}`))).status).toBe(200);
    expect((await me.client.put(url(`/follows/stage/${stageId}`))).status).toBe(200);
    // The neighbour's own activity never shows in mine.
    await neighbour.client.put(url(`/problems/${second.id}/support`));

    const problems = await me.client.get(url('/me/problems'));
    expect(problems.status).toBe(200);
    expect(problems.body.items.map((p: { id: string }) => p.id)).toEqual([second.id, first.id]);
    expect(problems.body.items[1]).toMatchObject({
      title: 'چاله در خیابان چهارباغ',
      status: 'out_of_scope',
      statusReason: 'به شهرداری منطقه سپرده شد',
      isHidden: false,
    });
    expect(problems.body.items[1].statusChangedAt).toEqual(expect.any(String));
    expect(problems.body.items[0]).toMatchObject({ status: 'submitted', statusChangedAt: null, supportCount: 1 });

    const supports = await me.client.get(url('/me/supports'));
    expect(supports.body.items).toEqual([
      expect.objectContaining({ problemId: theirs.id, title: 'ترافیک سنگین جلوی مدرسه', status: 'submitted' }),
    ]);

    const comments = await me.client.get(url('/me/comments'));
    expect(comments.body.items).toEqual([
      expect.objectContaining({
        id: comment.body.id,
        excerpt: 'من هم هر روز این ترافیک را می‌بینم.',
        targetType: 'problem',
        place: { title: { fa: 'ترافیک سنگین جلوی مدرسه' }, link: `/${city.slug}/problems/${theirs.id}` },
        isReply: false,
        replyCount: 1,
        outcome: null,
      }),
    ]);

    const follows = await me.client.get(url('/me/follows'));
    expect(follows.body.map((f: { targetType: string; targetId: string }) => [f.targetType, f.targetId])).toEqual([
      ['stage', stageId],
      ['plan', planId],
    ]);
    expect(follows.body[0]).toMatchObject({
      planId,
      stageStatus: 'open',
      planStatus: 'drafting',
      title: { fa: 'مرحله' },
    });

    // The neighbour sees their own, not mine.
    const theirProblems = await neighbour.client.get(url('/me/problems'));
    expect(theirProblems.body.items.map((p: { id: string }) => p.id)).toEqual([theirs.id]);
    expect((await neighbour.client.get(url('/me/comments'))).body.items.map((c: { id: string }) => c.id)).toEqual([
      reply.body.id,
    ]);
    expect((await neighbour.client.get(url('/me/follows'))).body).toEqual([]);

    // The public list's "mine" filter: only my reports; a visitor is asked to sign in.
    const mine = await me.client.get(url('/problems?mine=true'));
    expect(mine.body.items.map((p: { id: string }) => p.id)).toEqual([second.id, first.id]);
    const all = await me.client.get(url('/problems'));
    expect(all.body.items).toHaveLength(3);
    const visitor = await new TestClient(t.url).get(url('/problems?mine=true'));
    expect(visitor.status).toBe(401);
    expect(visitor.body.code).toBe('identity.unauthenticated');
  });

  it('shows nothing of another municipality, and asks a visitor to sign in', async () => {
    const me = await member(t, city, ['citizen'], 'سارا');
    await me.client.post(
      url(`/activities/${activityId}/problems`),
      problemBody(city, { title: 'پیاده‌رو شکسته در محله' }),
    );
    // The same person in another city sees an empty list there.
    const elsewhere = await me.client.get(url('/me/problems', other.slug));
    expect(elsewhere.status).toBe(200);
    expect(elsewhere.body).toEqual({ items: [], nextCursor: null });
    expect((await me.client.get(url('/me/comments', other.slug))).body.items).toEqual([]);
    expect((await me.client.get(url('/me/supports', other.slug))).body.items).toEqual([]);
    expect((await me.client.get(url('/me/follows', other.slug))).body).toEqual([]);

    const visitor = new TestClient(t.url);
    for (const path of ['/me/problems', '/me/supports', '/me/comments', '/me/follows']) {
      const answer = await visitor.get(url(path));
      expect([path, answer.status, answer.body.code]).toEqual([path, 401, 'identity.unauthenticated']);
    }
    expect((await me.client.get(url('/me/problems?cursor=bm90LW91cnM'))).status).toBe(400);
  });

  it('pages my problems by keyset without gaps or repeats', async () => {
    const me = await member(t, city, ['citizen'], 'نرگس');
    const made: string[] = [];
    for (let i = 0; i < 5; i++) {
      made.push(
        (
          await me.client.post(
            url(`/activities/${activityId}/problems`),
            problemBody(city, { title: `مسئلهٔ شمارهٔ ${i + 1} محله` }),
          )
        ).body.id,
      );
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { items: { id: string }[]; nextCursor: string | null } } = await me.client.get(
        url(`/me/problems?limit=2${cursor ? `&cursor=${cursor}` : ''}`),
      );
      seen.push(...page.body.items.map((p) => p.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual([...made].reverse());
  });

  it('names where a comment on a consultation is, links to its paragraph, and shows the planners’ outcome', async () => {
    const { activityId: consultationId } = await buildConsultation(t.db, city.id);
    const boss = await planner(t, city);
    const me = await member(t, city, ['citizen'], 'رضا');
    const view = await publishEdition(boss.client, city.slug, consultationId, 'گزارش شناخت', [
      { kind: 'paragraph', text: 'فضای سبز محله‌ها کم است.' },
    ]);
    const [block] = blocksOf(view);
    const posted = await me.client.post(url('/comments'), {
      targetType: 'paragraph',
      targetId: block.id,
      body: 'پارک محله ما هم کوچک است.',
    });
    expect(posted.status).toBe(201);
    await boss.client.post(url(`/comments/${posted.body.id}/outcome`), {
      outcome: 'incorporated',
      reason: 'در بند ۳ آمد',
    });

    const comments = await me.client.get(url('/me/comments'));
    expect(comments.body.items[0]).toMatchObject({
      targetType: 'paragraph',
      place: {
        title: { fa: 'فعالیت' },
        link: `/${city.slug}/consultations/${consultationId}?edition=1#p-${block.anchor}`,
      },
      outcome: { status: 'incorporated', reason: 'در بند ۳ آمد' },
    });
  });
});
