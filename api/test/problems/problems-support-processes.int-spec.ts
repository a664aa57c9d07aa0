import { buildOrganization, type BuiltOrganization } from '../factories/organization.factory';
import { buildProblem, buildProblemCollection } from '../factories/problem.factory';
import { startTestApp, type TestApp } from '../support/test-app';
import { TestClient } from '../support/test-client';
import { createTestDatabase } from '../support/test-database';
import { member } from './problem-helpers';

// Supports are written in batches (group commit). Two API processes batching into the same
// problems at once must neither deadlock nor lose or double a single support.
describe('supports from two API processes at once', () => {
  let database: { url: string; drop: () => Promise<void> };
  let first: TestApp;
  let second: TestApp;
  let org: BuiltOrganization;

  beforeAll(async () => {
    database = await createTestDatabase();
    first = await startTestApp({}, database);
    second = await startTestApp({}, database);
    org = await buildOrganization(first.db);
  });
  afterAll(async () => {
    await first.close();
    await second.close();
    await database.drop();
  });

  it('counts every person once per problem across both processes', async () => {
    const collection = await buildProblemCollection(first.db, org.id);
    const where = { organizationId: org.id, ...collection, themeId: org.themeIds[0], districtId: org.districtIds[0] };
    const problems = await Promise.all(Array.from({ length: 4 }, () => buildProblem(first.db, where)));
    const people = await Promise.all(Array.from({ length: 12 }, () => member(first, org)));

    // Each person supports every problem twice, half of the requests through each process,
    // problems in a different order per person so batches overlap in every way.
    const requests = people.flatMap((person, i) => {
      const other = new TestClient(second.url);
      for (const [k, v] of person.client.cookies) other.cookies.set(k, v);
      const order = i % 2 ? [...problems].reverse() : problems;
      return order.flatMap((p) => [
        person.client.put(`/api/orgs/${org.slug}/problems/${p.id}/support`),
        other.put(`/api/orgs/${org.slug}/problems/${p.id}/support`),
      ]);
    });
    const responses = await Promise.all(requests);

    expect(responses.filter((r) => r.status !== 200)).toEqual([]);
    const rows: { supportCount: number; supporters: number }[] = await first.db.query(
      `SELECT support_count AS "supportCount", (SELECT count(*)::int FROM problem_support s WHERE s.problem_id = p.id) AS supporters
       FROM problem p WHERE p.id = ANY($1::uuid[])`,
      [problems.map((p) => p.id)],
    );
    expect(rows).toEqual(Array(4).fill({ supportCount: 12, supporters: 12 }));
  });
});
