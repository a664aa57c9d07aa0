import { TestClient } from '../support/test-client';
import { startTestApp, type TestApp } from '../support/test-app';
import { createTestDatabase } from '../support/test-database';
import { buildOrganization } from '../factories/organization.factory';
import { buildMapCity, buildProblems, spread, type MapCity } from './map-fixtures';

// The city's box in the organisation factory: two districts side by side around 51.6-51.7, 32.6-32.65.
const CITY = '51.55,32.55,51.75,32.7';
const NEIGHBOURHOOD: [number, number, number, number] = [51.62, 32.62, 51.63, 32.63];

/** Polls `read` until it returns `expected` (or 3 s pass), returning the last value. */
async function eventually<T>(read: () => Promise<T>, expected: T): Promise<T> {
  const until = Date.now() + 3000;
  let value = await read();
  while (value !== expected && Date.now() < until) {
    await new Promise((r) => setTimeout(r, 100));
    value = await read();
  }
  return value;
}

type MapView = { clusters: { lat: number; lng: number; count: number }[]; points: { id: string; lat: number; lng: number; status: string; themeId: string; supportCount: number }[]; total: number };

describe('problem map', () => {
  let t: TestApp;
  let client: TestClient;
  let city: MapCity;

  const map = async (query: string, slug = city.slug) => client.get<MapView>(`/api/orgs/${slug}/problems/map?${query}`);
  const cityTotal = async (extra = '') => (await map(`bbox=${CITY}&zoom=12${extra}`)).body.total;
  // Cluster answers may be kept for a second: a change must show within seconds, not instantly.
  const expectTotal = async (expected: number, extra = '') => expect(await eventually(() => cityTotal(extra), expected)).toBe(expected);

  beforeAll(async () => {
    t = await startTestApp();
    client = new TestClient(t.url);
    city = await buildMapCity(t.db);
    await buildProblems(t.db, city, spread(400, NEIGHBOURHOOD));
  });
  afterAll(() => t.close());

  it('answers a wide viewport with clusters whose counts add up, and no single points', async () => {
    const res = await map(`bbox=${CITY}&zoom=12`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/json');
    expect(res.body.points).toEqual([]);
    expect(res.body.total).toBe(400);
    expect(res.body.clusters.reduce((sum, c) => sum + c.count, 0)).toBe(400);
    for (const c of res.body.clusters) {
      expect(c.lat).toBeGreaterThanOrEqual(32.62);
      expect(c.lat).toBeLessThanOrEqual(32.63);
    }
  });

  it('zooming in splits the clusters; a small viewport shows the single problems', async () => {
    const coarse = await map(`bbox=${CITY}&zoom=11`);
    const fine = await map(`bbox=${NEIGHBOURHOOD.join(',')}&zoom=18`);
    expect(fine.body.clusters.length).toBeGreaterThan(coarse.body.clusters.length);

    // A quarter of the neighbourhood holds about 100 problems: few enough to show one by one.
    const quarter = [51.62, 32.62, 51.625, 32.625].join(',');
    const street = await map(`bbox=${quarter}&zoom=18`);
    expect(street.body.clusters).toEqual([]);
    expect(street.body.points.length).toBe(street.body.total);
    expect(street.body.total).toBeGreaterThan(50);
    expect(street.body.points[0]).toEqual({
      id: expect.any(String),
      lat: expect.any(Number),
      lng: expect.any(Number),
      status: 'submitted',
      themeId: city.themeIds[0],
      supportCount: 0,
    });
    // never more than the bound, however far one zooms in on a crowded viewport
    const crowded = await map(`bbox=${NEIGHBOURHOOD.join(',')}&zoom=22`);
    expect(crowded.body.points.length).toBe(0);
    expect(crowded.body.clusters.length).toBeGreaterThan(0);
  });

  it('refuses a malformed or impossible viewport with a 400', async () => {
    for (const query of ['bbox=51,32,52&zoom=12', 'bbox=52,32,51,33&zoom=12', 'bbox=51,32,52,91&zoom=12', 'bbox=a,b,c,d&zoom=12', `bbox=${CITY}`, `bbox=${CITY}&zoom=30`, 'zoom=12']) {
      const res = await map(query);
      expect(res.status).toBe(400);
      expect((res.body as unknown as { code: string }).code).toBe('common.validation_failed');
    }
  });

  it('answers 404 for an unknown municipality', async () => {
    const res = await map(`bbox=${CITY}&zoom=12`, 'nowhere-city');
    expect(res.status).toBe(404);
    expect((res.body as unknown as { code: string }).code).toBe('organizations.not_found');
  });

  it('follows a new problem, hiding, unhiding, moving, merging and deleting at once', async () => {
    const base = await cityTotal();
    const [id] = await buildProblems(t.db, city, [{ lat: 32.64, lng: 51.66 }]);
    await expectTotal(base + 1);

    await t.db.query(`UPDATE problem SET is_hidden = true WHERE id = $1`, [id]);
    await expectTotal(base);
    await t.db.query(`UPDATE problem SET is_hidden = false WHERE id = $1`, [id]);
    await expectTotal(base + 1);

    // moved out of the viewport and back
    await t.db.query(`UPDATE problem SET lat = 10, lng = 10 WHERE id = $1`, [id]);
    await expectTotal(base);
    await t.db.query(`UPDATE problem SET lat = 32.641, lng = 51.661 WHERE id = $1`, [id]);
    await expectTotal(base + 1);

    const [target] = await buildProblems(t.db, city, [{ lat: 32.642, lng: 51.662 }]);
    await expectTotal(base + 2);
    await t.db.query(`UPDATE problem SET status = 'merged', merged_into_id = $2 WHERE id = $1`, [id, target]);
    await expectTotal(base + 1);

    const [extra] = await buildProblems(t.db, city, [{ lat: 32.643, lng: 51.663 }]);
    await expectTotal(base + 2);
    await t.db.query(`DELETE FROM problem WHERE id = $1`, [extra]);
    await expectTotal(base + 1);
  });

  it('a hidden or merged problem is never a single point either', async () => {
    const box = [51.7, 32.68, 51.701, 32.681].join(',');
    const [shown, hidden] = await buildProblems(t.db, city, [{ lat: 32.6805, lng: 51.7005 }, { lat: 32.6806, lng: 51.7006, isHidden: true }]);
    const res = await map(`bbox=${box}&zoom=18`);
    expect(res.body.points.map((p) => p.id)).toEqual([shown]);
    expect(res.body.points.map((p) => p.id)).not.toContain(hidden);
  });

  it('filters: a theme from the precomputed cells, a status grouped on the fly, both agreeing with the rows', async () => {
    await buildProblems(t.db, city, [
      ...spread(30, [51.6, 32.6, 51.61, 32.61]).map((p) => ({ ...p, themeId: city.themeIds[1] })),
      ...spread(12, [51.6, 32.6, 51.61, 32.61]).map((p) => ({ ...p, themeId: city.themeIds[1], status: 'accepted' })),
    ]);
    await expectTotal(42, `&themeId=${city.themeIds[1]}`);
    await expectTotal(12, `&status=accepted`);
    await expectTotal(12, `&themeId=${city.themeIds[1]}&status=accepted`);
    const [{ n }] = await t.db.query(
      `SELECT count(*)::int AS n FROM problem WHERE organization_id = $1 AND lat IS NOT NULL AND NOT is_hidden AND merged_into_id IS NULL`,
      [city.id],
    );
    await expectTotal(n);
  });

  it('heat map: weighted cells that add up to the visible problems', async () => {
    const res = await client.get<{ cells: [number, number, number][] }>(`/api/orgs/${city.slug}/problems/heat?bbox=${CITY}&zoom=12`);
    expect(res.status).toBe(200);
    expect(res.body.cells.length).toBeGreaterThan(0);
    expect(res.body.cells.reduce((sum, [, , w]) => sum + w, 0)).toBe(await cityTotal());
    // the same visible problems a second later, from the cells kept a second at most
    const bad = await client.get(`/api/orgs/${city.slug}/problems/heat?bbox=1,2,3,4,5&zoom=12`);
    expect(bad.status).toBe(400);
  });

  it("never shows another municipality's problems in the same place", async () => {
    const before = await cityTotal();
    const other = await buildMapCity(t.db);
    await buildProblems(t.db, other, spread(25, NEIGHBOURHOOD));
    await expectTotal(before);
    const theirs = await map(`bbox=${CITY}&zoom=12`, other.slug);
    expect(theirs.body.total).toBe(25);
    const street = await map(`bbox=${[51.62, 32.62, 51.625, 32.625].join(',')}&zoom=18`, other.slug);
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM problem WHERE organization_id = $1 AND id = ANY($2)`, [
      other.id,
      street.body.points.map((p) => p.id),
    ]);
    expect(n).toBe(street.body.points.length);
  });
});

// Two API processes on one database, as behind a load balancer, both writing at once.
describe('problem map with two API processes writing', () => {
  let database: { url: string; drop: () => Promise<void> };
  let first: TestApp;
  let second: TestApp;

  beforeAll(async () => {
    database = await createTestDatabase();
    first = await startTestApp({}, database);
    second = await startTestApp({}, database);
  });
  afterAll(async () => {
    await first.close();
    await second.close();
    await database.drop();
  });

  it('counts equal the rows after concurrent inserts, hides and merges from both processes', async () => {
    const city = await buildMapCity(first.db);
    // Both processes write the same dense spot, so they contend for the same cells at every level.
    const hot: [number, number, number, number] = [51.64, 32.64, 51.641, 32.641];
    const writes = Array.from({ length: 40 }, (_, i) => (i % 2 ? first : second)).map(async (app, i) => {
      const ids = await buildProblems(app.db, city, spread(5, hot));
      if (i % 4 === 0) await app.db.query(`UPDATE problem SET is_hidden = true WHERE id = $1`, [ids[0]]);
      if (i % 4 === 1) await app.db.query(`UPDATE problem SET status = 'merged', merged_into_id = $2 WHERE id = $1`, [ids[1], ids[2]]);
    });
    await Promise.all(writes);

    const [{ n }] = await first.db.query(
      `SELECT count(*)::int AS n FROM problem WHERE organization_id = $1 AND lat IS NOT NULL AND NOT is_hidden AND merged_into_id IS NULL`,
      [city.id],
    );
    expect(n).toBe(200 - 10 - 10);
    for (const app of [first, second]) {
      const client = new TestClient(app.url);
      const wide = async () => (await client.get<MapView>(`/api/orgs/${city.slug}/problems/map?bbox=${CITY}&zoom=12`)).body.total;
      expect(await eventually(wide, n)).toBe(n);
      const street = await client.get<MapView>(`/api/orgs/${city.slug}/problems/map?bbox=${hot.join(',')}&zoom=20`);
      expect(street.body.total).toBe(n);
    }
    // every level of the grid agrees with the rows
    const levels = await first.db.query(
      `SELECT zoom_level, sum(count)::int AS n FROM problem_map_cell WHERE organization_id = $1 GROUP BY 1 ORDER BY 1`,
      [city.id],
    );
    expect(levels.map((l: { n: number }) => l.n)).toEqual(Array(9).fill(n));
  });

  it('keeps an organisation created on one process apart from another one', async () => {
    const a = await buildOrganization(first.db);
    const client = new TestClient(second.url);
    const res = await client.get<MapView>(`/api/orgs/${a.slug}/problems/map?bbox=${CITY}&zoom=12`);
    expect(res.body).toEqual({ clusters: [], points: [], total: 0 });
  });
});
