import { buildOrganization, type BuiltOrganization } from '../factories/organization.factory';
import { buildProblem, buildProblemCollection } from '../factories/problem.factory';
import { connectSocket, nextEvent } from '../support/socket';
import { startTestApp, type TestApp } from '../support/test-app';
import { TestClient } from '../support/test-client';
import { member, problemBody } from './problem-helpers';

describe('supporting a problem ("me too")', () => {
  let t: TestApp;
  let org: BuiltOrganization;
  let collection: { planId: string; stageId: string; activityId: string };

  beforeAll(async () => {
    t = await startTestApp();
    org = await buildOrganization(t.db);
    collection = await buildProblemCollection(t.db, org.id);
  });
  afterAll(() => t.close());

  const where = () => ({
    organizationId: org.id,
    ...collection,
    themeId: org.themeIds[0],
    districtId: org.districtIds[0],
  });
  const countOf = async (id: string) => {
    const [row] = await t.db.query(
      `SELECT support_count AS "supportCount", (SELECT count(*)::int FROM problem_support WHERE problem_id = $1) AS "rows" FROM problem WHERE id = $1`,
      [id],
    );
    return row as { supportCount: number; rows: number };
  };

  it('counts 25 people exactly once each under 50 concurrent PUTs', async () => {
    const problem = await buildProblem(t.db, where());
    const people = await Promise.all(Array.from({ length: 25 }, () => member(t, org)));
    const responses = await Promise.all(
      people.flatMap((p) => [
        p.client.put(`/api/orgs/${org.slug}/problems/${problem.id}/support`),
        p.client.put(`/api/orgs/${org.slug}/problems/${problem.id}/support`),
      ]),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(50).fill(200));
    expect(responses.every((r) => r.body.supported === true)).toBe(true);
    expect(await countOf(problem.id)).toEqual({ supportCount: 25, rows: 25 });

    // withdrawing twice, concurrently, takes one off
    const [a, b] = await Promise.all([
      people[0].client.delete(`/api/orgs/${org.slug}/problems/${problem.id}/support`),
      people[0].client.delete(`/api/orgs/${org.slug}/problems/${problem.id}/support`),
    ]);
    expect([a.status, b.status]).toEqual([200, 200]);
    expect(a.body.supported).toBe(false);
    expect(await countOf(problem.id)).toEqual({ supportCount: 24, rows: 24 });

    const page = await people[1].client.get(`/api/orgs/${org.slug}/problems/${problem.id}`);
    expect(page.body).toMatchObject({ supportCount: 24, isSupported: true, canSupport: true });
    const withdrawn = await people[0].client.get(`/api/orgs/${org.slug}/problems/${problem.id}`);
    expect(withdrawn.body.isSupported).toBe(false);
  });

  it('pushes the new count to the problem room after the change', async () => {
    const problem = await buildProblem(t.db, where());
    const socket = await connectSocket(t.url);
    try {
      await new Promise<void>((resolve) => socket.emit('problem.watch', { problemId: problem.id }, () => resolve()));
      const supporter = await member(t, org);
      const event = nextEvent(socket, 'problem.support_changed');
      await supporter.client.put(`/api/orgs/${org.slug}/problems/${problem.id}/support`);
      expect(await event).toEqual({ problemId: problem.id, supportCount: 1 });
    } finally {
      socket.disconnect();
    }
  });

  it('refuses supporting a hidden, a merged or one’s own problem, and a blocked member', async () => {
    const author = await member(t, org);
    const own = await author.client.post(
      `/api/orgs/${org.slug}/activities/${collection.activityId}/problems`,
      problemBody(org),
    );
    expect(own.status).toBe(201);
    const self = await author.client.put(`/api/orgs/${org.slug}/problems/${own.body.id}/support`);
    expect(self.status).toBe(409);
    expect(self.body.code).toBe('problems.own_problem');

    const supporter = await member(t, org);
    const hidden = await buildProblem(t.db, where(), { isHidden: true });
    const onHidden = await supporter.client.put(`/api/orgs/${org.slug}/problems/${hidden.id}/support`);
    expect(onHidden.status).toBe(404);

    const kept = await buildProblem(t.db, where());
    const merged = await buildProblem(t.db, where());
    await t.db.query(`UPDATE problem SET status = 'merged', merged_into_id = $2 WHERE id = $1`, [merged.id, kept.id]);
    const onMerged = await supporter.client.put(`/api/orgs/${org.slug}/problems/${merged.id}/support`);
    expect(onMerged.status).toBe(409);
    expect(onMerged.body.code).toBe('problems.not_supportable');

    const blocked = await member(t, org);
    await t.db.query(`INSERT INTO member_block (organization_id, account_id, reason) VALUES ($1, $2, 'spam')`, [
      org.id,
      blocked.accountId,
    ]);
    const fromBlocked = await blocked.client.put(`/api/orgs/${org.slug}/problems/${kept.id}/support`);
    expect(fromBlocked.status).toBe(403);
    expect(fromBlocked.body.code).toBe('moderation.blocked');
    expect((await countOf(kept.id)).supportCount).toBe(0);

    const anonymous = await new TestClient(t.url).put(`/api/orgs/${org.slug}/problems/${kept.id}/support`);
    expect(anonymous.status).toBe(401);
  });

  it('tells the page why a reader cannot support: their own report, a block, a merged problem', async () => {
    const author = await member(t, org);
    const own = await author.client.post(
      `/api/orgs/${org.slug}/activities/${collection.activityId}/problems`,
      problemBody(org),
    );
    const page = (client: TestClient, id: string) => client.get(`/api/orgs/${org.slug}/problems/${id}`);
    expect((await page(author.client, own.body.id)).body).toMatchObject({
      canSupport: false,
      cannotSupportReason: 'own_problem',
    });

    const other = await member(t, org);
    expect((await page(other.client, own.body.id)).body).toMatchObject({ canSupport: true, cannotSupportReason: null });
    expect((await page(new TestClient(t.url), own.body.id)).body).toMatchObject({
      canSupport: false,
      cannotSupportReason: null,
    });

    const kept = await buildProblem(t.db, where());
    const merged = await buildProblem(t.db, where());
    await t.db.query(`UPDATE problem SET status = 'merged', merged_into_id = $2 WHERE id = $1`, [merged.id, kept.id]);
    expect((await page(other.client, merged.id)).body.cannotSupportReason).toBe('merged');

    const blocked = await member(t, org);
    await t.db.query(`INSERT INTO member_block (organization_id, account_id, reason) VALUES ($1, $2, 'spam')`, [
      org.id,
      blocked.accountId,
    ]);
    expect((await page(blocked.client, kept.id)).body.cannotSupportReason).toBe('blocked');
  });
});
