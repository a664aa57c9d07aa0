import { buildOrganization, type BuiltOrganization } from '../factories/organization.factory';
import { member } from '../problems/problem-helpers';
import { countQueries } from '../support/query-counter';
import { startTestApp, type TestApp } from '../support/test-app';
import { TestClient } from '../support/test-client';
import { blocksOf, buildConsultation, planner, publishEdition } from './consultation-helpers';

describe('the reading view', () => {
  let t: TestApp;
  let org: BuiltOrganization;

  beforeAll(async () => {
    t = await startTestApp();
    org = await buildOrganization(t.db);
  });
  afterAll(() => t.close());

  /** A consultation with two editions of `paragraphs` paragraphs, each commented on once per edition. */
  async function consultationWith(paragraphs: number): Promise<string> {
    const { activityId } = await buildConsultation(t.db, org.id);
    const boss = await planner(t, org);
    const citizen = await member(t, org);
    const text = (i: number) => `بند شمارهٔ ${i} گزارش دربارهٔ موضوع ${i}`;
    const blocks = Array.from({ length: paragraphs }, (_, i) => [
      ...(i % 10 === 0 ? [{ kind: 'heading', level: 1, text: `بخش ${i / 10 + 1}` }] : []),
      { kind: 'paragraph', text: text(i) },
    ]).flat();
    const one = await publishEdition(boss.client, org.slug, activityId, 'ویرایش ۱', blocks);
    // Comments written straight into the table keep this fast; the counters are set to match.
    await t.db.query(
      `INSERT INTO comment (organization_id, target_type, target_id, root_id, author_id, body, id)
       SELECT $1, 'paragraph', x.block_id, x.id, $2, 'نظر', x.id
       FROM (SELECT b.id AS block_id, gen_random_uuid() AS id FROM consultation_block b WHERE b.edition_id = $3) x`,
      [org.id, citizen.accountId, one.edition.id],
    );
    await t.db.query(`UPDATE consultation_block SET comment_count = 1 WHERE edition_id = $1`, [one.edition.id]);
    await publishEdition(
      boss.client,
      org.slug,
      activityId,
      'ویرایش ۲',
      blocks.map((b) => (b.text === text(3) ? { ...b, text: `${text(3)} با اصلاح` } : b)),
    );
    return activityId;
  }

  it('answers with the same few queries for 5 or 120 paragraphs, carried counts included', async () => {
    const small = await consultationWith(5);
    const large = await consultationWith(120);
    const client = new TestClient(t.url);
    await client.get(`/api/orgs/${org.slug}/consultations/${small}`);

    // Past the one-second ReadingCache, so both answers are built from the database.
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const forSmall = await countQueries(() => client.get(`/api/orgs/${org.slug}/consultations/${small}`));
    let body: Parameters<typeof blocksOf>[0] = { edition: { sections: [] } };
    const forLarge = await countQueries(async () => {
      body = (await client.get(`/api/orgs/${org.slug}/consultations/${large}`)).body;
    });
    const blocks = blocksOf(body) as unknown as { carriedCommentCount: number; change: string }[];
    expect(blocks).toHaveLength(120);
    expect(blocks.every((b) => b.carriedCommentCount === 1)).toBe(true);
    expect(blocks.filter((b) => b.change === 'modified')).toHaveLength(1);
    expect(forLarge.length).toBe(forSmall.length);
    expect(forLarge.length).toBeLessThanOrEqual(8);
    // Within the second, the same answer is served again without a query.
    expect(await countQueries(() => client.get(`/api/orgs/${org.slug}/consultations/${large}`))).toEqual([]);
  });

  it('shows a new comment at once in the margin, though answers are kept for a second', async () => {
    const activityId = await consultationWith(3);
    const reader = await member(t, org);
    const view = async () =>
      blocksOf((await reader.client.get(`/api/orgs/${org.slug}/consultations/${activityId}`)).body) as unknown as {
        id: string;
        commentCount: number;
      }[];
    const [first] = await view();
    expect(first.commentCount).toBe(0);
    expect(
      (
        await reader.client.post(`/api/orgs/${org.slug}/comments`, {
          targetType: 'paragraph',
          targetId: first.id,
          body: 'نظر تازه',
        })
      ).status,
    ).toBe(201);
    expect((await view())[0].commentCount).toBe(1);
  });

  it('answers 404 for an activity that is not a consultation and for another organisation', async () => {
    const other = await buildOrganization(t.db);
    const activityId = await consultationWith(1);
    expect((await new TestClient(t.url).get(`/api/orgs/${other.slug}/consultations/${activityId}`)).body.code).toBe(
      'plans.activity_not_found',
    );
    expect((await new TestClient(t.url).get(`/api/orgs/${org.slug}/consultations/not-a-uuid`)).status).toBe(404);
  });
});
