import { buildOrganization, type BuiltOrganization } from '../factories/organization.factory';
import { buildProblem, buildProblemCollection } from '../factories/problem.factory';
import { startTestApp, type TestApp } from '../support/test-app';
import { TestClient } from '../support/test-client';
import { member, problemBody } from './problem-helpers';

describe('finding problems: list, duplicates, districts, comments', () => {
  let t: TestApp;
  let org: BuiltOrganization;
  let other: BuiltOrganization;
  let collection: { planId: string; stageId: string; activityId: string };
  let anonymous: TestClient;

  beforeAll(async () => {
    t = await startTestApp();
    org = await buildOrganization(t.db);
    other = await buildOrganization(t.db);
    collection = await buildProblemCollection(t.db, org.id);
    anonymous = new TestClient(t.url);
  });
  afterAll(() => t.close());

  const url = (path: string) => `/api/orgs/${org.slug}${path}`;
  const where = (districtIndex = 0, themeIndex = 0) => ({
    organizationId: org.id,
    ...collection,
    themeId: org.themeIds[themeIndex],
    districtId: org.districtIds[districtIndex],
  });

  it('suggests near, similar problems while typing, whatever the keyboard (ي/ی, ك/ک, ZWNJ), and not far ones', async () => {
    const near = await buildProblem(t.db, where(), { title: 'خرابی پیاده‌رو کنار پارک', lat: 32.6201, lng: 51.6201 });
    const far = await buildProblem(t.db, where(1), { title: 'خرابی پیاده‌رو کنار پارک', lat: 32.64, lng: 51.69 });
    await buildProblem(t.db, where(), { title: 'جمع‌آوری زباله با تأخیر', lat: 32.6202, lng: 51.6202 });
    const hidden = await buildProblem(t.db, where(), {
      title: 'خرابی پیاده‌رو کنار پارک',
      lat: 32.6201,
      lng: 51.6201,
      isHidden: true,
    });

    // Arabic yeh and kaf, no ZWNJ: what a phone with an Arabic keyboard types
    const typed = encodeURIComponent('خرابي پياده رو كنار پارك');
    const res = await anonymous.get(url(`/problems/similar?title=${typed}&lat=32.62&lng=51.62&radiusMeters=300`));
    expect(res.status).toBe(200);
    const ids = res.body.map((s: { id: string }) => s.id);
    expect(ids).toContain(near.id);
    expect(ids).not.toContain(far.id);
    expect(ids).not.toContain(hidden.id);
    const hit = res.body.find((s: { id: string }) => s.id === near.id);
    expect(hit.distanceMeters).toBeLessThan(50);
    expect(hit.similarity).toBeGreaterThan(0.5);

    // without a point, the text alone finds both
    const anywhere = await anonymous.get(url(`/problems/similar?title=${encodeURIComponent('خرابی پیاده‌رو')}`));
    expect(anywhere.body.map((s: { id: string }) => s.id)).toEqual(expect.arrayContaining([near.id, far.id]));
    expect(anywhere.body.every((s: { distanceMeters: null }) => s.distanceMeters === null)).toBe(true);

    // other cities' problems are never suggested
    const elsewhere = await anonymous.get(`/api/orgs/${other.slug}/problems/similar?title=${typed}`);
    expect(elsewhere.body).toEqual([]);
  });

  it('pages through the list by keyset, newest or most supported first, with filters', async () => {
    const fresh = await buildOrganization(t.db);
    const c = await buildProblemCollection(t.db, fresh.id);
    const w = (i: number) => ({
      organizationId: fresh.id,
      ...c,
      themeId: fresh.themeIds[i % 2],
      districtId: fresh.districtIds[i % 2],
    });
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) {
      const p = await buildProblem(t.db, w(i), {
        title: `مسئله شماره ${i} درباره پل`,
        capacity: i === 6 ? 'manager' : 'citizen',
      });
      ids.push(p.id);
      await t.db.query(`UPDATE problem SET support_count = $2 WHERE id = $1`, [p.id, (i * 3) % 5]);
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { items: { id: string }[]; nextCursor: string | null } } = await anonymous.get(
        `/api/orgs/${fresh.slug}/problems?limit=3${cursor ? `&cursor=${cursor}` : ''}`,
      );
      seen.push(...page.body.items.map((i) => i.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual([...ids].reverse());

    const bySupport: string[] = [];
    cursor = null;
    do {
      const page: { body: { items: { id: string; supportCount: number }[]; nextCursor: string | null } } =
        await anonymous.get(
          `/api/orgs/${fresh.slug}/problems?limit=2&sort=most_supported${cursor ? `&cursor=${cursor}` : ''}`,
        );
      bySupport.push(...page.body.items.map((i) => i.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(new Set(bySupport).size).toBe(7);
    const [sorted] = await t.db.query(
      `SELECT array_agg(id ORDER BY support_count DESC, id DESC) AS ids FROM problem WHERE organization_id = $1`,
      [fresh.id],
    );
    expect(bySupport).toEqual(sorted.ids);

    const managers = await anonymous.get(`/api/orgs/${fresh.slug}/problems?capacity=manager`);
    expect(managers.body.items.map((i: { id: string }) => i.id)).toEqual([ids[6]]);
    const themed = await anonymous.get(
      `/api/orgs/${fresh.slug}/problems?themeId=${fresh.themeIds[1]}&districtId=${fresh.districtIds[1]}`,
    );
    expect(themed.body.items).toHaveLength(3);
    const searched = await anonymous.get(`/api/orgs/${fresh.slug}/problems?q=${encodeURIComponent('شماره 4')}`);
    expect(searched.body.items.map((i: { id: string }) => i.id)).toEqual([ids[4]]);
    const persianDigits = await anonymous.get(`/api/orgs/${fresh.slug}/problems?q=${encodeURIComponent('شماره ۴')}`);
    expect(persianDigits.body.items.map((i: { id: string }) => i.id)).toEqual([ids[4]]);
    const today = new Date().toISOString().slice(0, 10);
    const future = await anonymous.get(`/api/orgs/${fresh.slug}/problems?from=2999-01-01`);
    expect(future.body.items).toEqual([]);
    expect((await anonymous.get(`/api/orgs/${fresh.slug}/problems?to=${today}&from=2000-01-01`)).status).toBe(200);

    const bad = await anonymous.get(`/api/orgs/${fresh.slug}/problems?cursor=not-a-cursor`);
    expect(bad.status).toBe(400);
  });

  it('counts citizens’ and managers’ problems per district, with the top themes', async () => {
    const fresh = await buildOrganization(t.db);
    const c = await buildProblemCollection(t.db, fresh.id);
    const w = (d: number, th: number) => ({
      organizationId: fresh.id,
      ...c,
      themeId: fresh.themeIds[th],
      districtId: fresh.districtIds[d],
    });
    await buildProblem(t.db, w(0, 0));
    await buildProblem(t.db, w(0, 0), { capacity: 'ngo' });
    await buildProblem(t.db, w(0, 1), { capacity: 'manager' });
    await buildProblem(t.db, w(0, 1), { isHidden: true });
    await buildProblem(t.db, w(1, 1), { capacity: 'manager' });
    const res = await anonymous.get(`/api/orgs/${fresh.slug}/problems/by-district`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual([
      {
        districtId: fresh.districtIds[0],
        number: 1,
        citizenCount: 2,
        managerCount: 1,
        total: 3,
        topThemes: [
          { themeId: fresh.themeIds[0], count: 2 },
          { themeId: fresh.themeIds[1], count: 1 },
        ],
      },
      {
        districtId: fresh.districtIds[1],
        number: 2,
        citizenCount: 0,
        managerCount: 1,
        total: 1,
        topThemes: [{ themeId: fresh.themeIds[1], count: 1 }],
      },
    ]);
  });

  it('keeps comment_count exact through the comments module, refuses comments once the activity closes, and moves comments on merge', async () => {
    const author = await member(t, org);
    const created = await author.client.post(url(`/activities/${collection.activityId}/problems`), problemBody(org));
    const kept = await buildProblem(t.db, where());
    const commenter = await member(t, org);
    for (const body of ['من هم همین مشکل را دارم', 'درست است']) {
      const res = await commenter.client.post(url('/comments'), {
        targetType: 'problem',
        targetId: created.body.id,
        body,
      });
      expect(res.status).toBe(201);
    }
    expect((await anonymous.get(url(`/problems/${created.body.id}`))).body.commentCount).toBe(2);

    const moderator = await member(t, org, ['moderator']);
    const merged = await moderator.client.post(url(`/problems/${created.body.id}/merge`), { intoId: kept.id });
    expect(merged.status).toBe(200);
    expect(merged.body.commentCount).toBe(2);
    const thread = await anonymous.get(url(`/comments?targetType=problem&targetId=${kept.id}`));
    expect(thread.body.items).toHaveLength(2);
    const onMerged = await commenter.client.post(url('/comments'), {
      targetType: 'problem',
      targetId: created.body.id,
      body: 'باز هم',
    });
    expect(onMerged.status).toBe(409);

    const closing = await buildProblemCollection(t.db, org.id);
    const late = await buildProblem(t.db, { ...where(), ...closing });
    await t.db.query(`UPDATE activity SET closes_at = now() - interval '1 minute' WHERE id = $1`, [closing.activityId]);
    const refused = await commenter.client.post(url('/comments'), {
      targetType: 'problem',
      targetId: late.id,
      body: 'دیر شد',
    });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('plans.activity_closed');
  });
});
