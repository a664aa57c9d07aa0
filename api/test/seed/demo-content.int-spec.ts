import { seedDemo } from '../../src/database/seed/demo-seed';
import { DEMO_PROBLEM_COUNT } from '../../src/database/seed/demo-content';
import { boundaryContains } from '../../src/modules/problems/geo';
import { startTestApp, type TestApp } from '../support/test-app';
import { TestClient } from '../support/test-client';

/** Row counts of everything the demo content writes: a second run must leave them as they are. */
async function contentCounts(t: TestApp) {
  const [row] = await t.db.query(
    `SELECT (SELECT count(*) FROM problem)::int AS problems, (SELECT count(*) FROM problem_support)::int AS supports,
            (SELECT count(*) FROM comment)::int AS comments, (SELECT count(*) FROM account)::int AS accounts,
            (SELECT count(*) FROM membership)::int AS memberships, (SELECT count(*) FROM audit_entry)::int AS audit,
            (SELECT count(*) FROM problem_status_change)::int AS history`,
  );
  return row as Record<string, number>;
}

describe('the demo seed: a living Isfahan', () => {
  let t: TestApp;
  let firstRunMs = 0;

  beforeAll(async () => {
    t = await startTestApp();
    const started = Date.now();
    await seedDemo(t.databaseUrl);
    firstRunMs = Date.now() - started;
  }, 60_000);
  afterAll(() => t.close());

  it('seeds about 300 problems over every district, in several statuses, quickly', async () => {
    const [{ count }] = await t.db.query(`SELECT count(*)::int AS count FROM problem`);
    expect(count).toBe(DEMO_PROBLEM_COUNT);
    // Argon2 for the role accounts takes most of this; the content itself is a handful of inserts.
    expect(firstRunMs).toBeLessThan(15_000);

    const perDistrict: { number: number; n: number }[] = await t.db.query(
      `SELECT d.number, count(p.id)::int AS n FROM district d LEFT JOIN problem p ON p.district_id = d.id GROUP BY d.number ORDER BY d.number`,
    );
    expect(perDistrict).toHaveLength(15);
    expect(perDistrict.every((d) => d.n >= 10)).toBe(true);

    const statuses: { status: string; n: number }[] = await t.db.query(`SELECT status, count(*)::int AS n FROM problem GROUP BY status`);
    const byStatus = Object.fromEntries(statuses.map((s) => [s.status, s.n]));
    for (const status of ['submitted', 'under_review', 'accepted', 'addressed', 'out_of_scope', 'merged']) expect(byStatus[status]).toBeGreaterThan(0);
    expect(byStatus.submitted).toBeGreaterThan(byStatus.addressed);

    const themes: { n: number }[] = await t.db.query(`SELECT count(DISTINCT theme_id)::int AS n FROM problem`);
    expect(themes[0].n).toBeGreaterThanOrEqual(12);
    const [{ oldest, newest }] = await t.db.query(
      `SELECT extract(epoch FROM now() - min(created_at)) / 86400 AS oldest, extract(epoch FROM now() - max(created_at)) / 86400 AS newest FROM problem`,
    );
    expect(Number(oldest)).toBeGreaterThan(60);
    expect(Number(newest)).toBeLessThan(7);
  });

  it('puts every point inside its own district, and writes Persian text people can read', async () => {
    const rows: { lat: number | null; lng: number | null; boundary: never; title: string; description: string }[] = await t.db.query(
      `SELECT p.lat, p.lng, d.boundary, p.title, p.description FROM problem p JOIN district d ON d.id = p.district_id`,
    );
    const located = rows.filter((r) => r.lat !== null);
    expect(located.length).toBeGreaterThan(DEMO_PROBLEM_COUNT * 0.85);
    expect(located.every((r) => boundaryContains(r.boundary, r.lng!, r.lat!))).toBe(true);
    expect(rows.every((r) => /[\u0600-\u06FF]/.test(r.title) && !r.title.includes('{place}') && r.description.length > 40)).toBe(true);
    expect(new Set(rows.map((r) => r.title)).size).toBeGreaterThan(DEMO_PROBLEM_COUNT * 0.9);
  });

  it('keeps support and comment counters equal to their rows, with replies and official answers', async () => {
    const [mismatch] = await t.db.query(
      `SELECT count(*)::int AS n FROM problem p
       WHERE p.support_count <> (SELECT count(*) FROM problem_support s WHERE s.problem_id = p.id)
          OR p.comment_count <> (SELECT count(*) FROM comment c WHERE c.target_type = 'problem' AND c.target_id = p.id AND NOT c.is_hidden)`,
    );
    expect(mismatch.n).toBe(0);
    const [supports] = await t.db.query(
      `SELECT count(*)::int AS n, count(*) FILTER (WHERE s.account_id = p.author_id)::int AS own,
              count(*) FILTER (WHERE p.status = 'merged')::int AS merged
       FROM problem_support s JOIN problem p ON p.id = s.problem_id`,
    );
    expect(supports.n).toBeGreaterThan(1000);
    expect(supports.own).toBe(0);
    expect(supports.merged).toBe(0);
    const [comments] = await t.db.query(
      `SELECT count(*) FILTER (WHERE depth = 0)::int AS top, count(*) FILTER (WHERE depth = 1)::int AS replies,
              count(*) FILTER (WHERE is_official)::int AS official, count(DISTINCT target_id)::int AS problems FROM comment WHERE target_type = 'problem'`,
    );
    expect(comments.top).toBeGreaterThan(100);
    expect(comments.replies).toBeGreaterThan(20);
    expect(comments.official).toBeGreaterThan(0);
    expect(comments.problems).toBeGreaterThan(DEMO_PROBLEM_COUNT * 0.25);
  });

  it('keeps personal data fake: reserved mobiles, .example e-mails', async () => {
    const people: { mobile: string; email: string }[] = await t.db.query(
      `SELECT DISTINCT a.mobile, a.email FROM account a JOIN problem_support s ON s.account_id = a.id`,
    );
    expect(people.length).toBeGreaterThan(30);
    expect(people.every((p) => /^\+989120001\d{3}$/.test(p.mobile) && p.email.endsWith('@demo.hamandishi.example'))).toBe(true);
  });

  it('shows them on the list, the map and the district summary of isfahan', async () => {
    const client = new TestClient(t.url);
    const list = await client.get('/api/orgs/isfahan/problems?limit=20');
    expect(list.status).toBe(200);
    expect(list.body.items).toHaveLength(20);
    expect(list.body.nextCursor).not.toBeNull();
    const top = await client.get('/api/orgs/isfahan/problems?sort=most_supported&limit=1');
    expect(top.body.items[0].supportCount).toBeGreaterThan(15);

    const map = await client.get('/api/orgs/isfahan/problems/map?bbox=51.5,32.5,51.9,32.8&zoom=12');
    expect(map.status).toBe(200);
    const [{ visible }] = await t.db.query(`SELECT count(*)::int AS visible FROM problem WHERE lat IS NOT NULL AND status <> 'merged' AND NOT is_hidden`);
    expect(map.body.total).toBe(visible);

    const summary = await client.get('/api/orgs/isfahan/problems/by-district');
    expect(summary.status).toBe(200);
    expect(summary.body).toHaveLength(15);
    expect(summary.body.every((d: { total: number }) => d.total > 0)).toBe(true);

    const one = await client.get(`/api/orgs/isfahan/problems/${list.body.items[0].id}`);
    expect(one.status).toBe(200);
    expect(one.body.statusHistory.length).toBeGreaterThan(0);
  });

  it('a second run adds nothing', async () => {
    const before = await contentCounts(t);
    await seedDemo(t.databaseUrl);
    expect(await contentCounts(t)).toEqual(before);
  });
});
