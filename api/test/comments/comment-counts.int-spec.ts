import { buildOrganization, type BuiltOrganization } from '../factories/organization.factory';
import { personWithRoles } from '../plans/plan-helpers';
import { startTestApp, type TestApp } from '../support/test-app';
import { TestClient } from '../support/test-client';
import { buildProblem, registerProblemTarget } from './comment-helpers';

describe('comment counts of several things at once (a public list’s "comments (n)")', () => {
  let t: TestApp;
  let org: BuiltOrganization;
  let otherOrg: BuiltOrganization;
  let discussed: string;
  let quiet: string;

  beforeAll(async () => {
    t = await startTestApp();
    org = await buildOrganization(t.db);
    otherOrg = await buildOrganization(t.db);
    registerProblemTarget(t, new Set());
    ({ id: discussed } = await buildProblem(t, org));
    ({ id: quiet } = await buildProblem(t, org, 'پیاده‌رو شکسته'));
    const citizen = await personWithRoles(t, org, ['citizen'], 'مریم');
    const planner = await personWithRoles(t, org, ['planner'], 'کارشناس');
    const top = await citizen.client.post(`/api/orgs/${org.slug}/comments`, { targetType: 'problem', targetId: discussed, body: 'خطرناک است' });
    expect(top.status).toBe(201);
    const reply = await planner.client.post(`/api/orgs/${org.slug}/comments`, { targetType: 'problem', targetId: discussed, parentId: top.body.id, body: 'پیگیری می‌کنیم' });
    expect(reply.status).toBe(201);
  });
  afterAll(() => t.close());

  const counts = (slug: string, query: string) => new TestClient(t.url).get(`/api/orgs/${slug}/comments/counts?${query}`);

  it('counts every comment, replies included, for each id asked, to anyone, in one answer', async () => {
    const res = await counts(org.slug, `targetType=problem&targetIds=${discussed},${quiet}`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ counts: { [discussed]: 2, [quiet]: 0 } });
  });

  it("reveals nothing of another municipality's comments", async () => {
    const res = await counts(otherOrg.slug, `targetType=problem&targetIds=${discussed}`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ counts: { [discussed]: 0 } });
  });

  it('refuses a bad id, an unknown target type, no ids or too many with a 400', async () => {
    const many = Array.from({ length: 101 }, () => discussed).join(',');
    for (const query of [`targetType=problem&targetIds=nope`, `targetType=planet&targetIds=${discussed}`, `targetType=problem&targetIds=`, `targetType=problem&targetIds=${many}`]) {
      const res = await counts(org.slug, query);
      expect(res.status).toBe(400);
      expect(res.body.code).toBeDefined();
    }
  });
});
