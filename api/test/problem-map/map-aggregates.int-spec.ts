import { personWithRoles } from '../plans/plan-helpers';
import { startTestApp, type TestApp } from '../support/test-app';
import { TestClient } from '../support/test-client';
import { createTestDatabase } from '../support/test-database';
import { buildMapCity, type MapCity } from './map-fixtures';

// The filtered map is answered from kept aggregates (problem_map_facet, problem_map_day). They
// must equal a fresh count of the rows after anything that moves a problem between keys, done
// through the real routes of two API processes writing at once.

const CITY = '51.55,32.55,51.75,32.7';
type MapView = { clusters: { count: number }[]; points: { id: string }[]; total: number };

/** A small deterministic generator, so a failure can be replayed. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const square = (lng: number, lat: number, size: number) => ({
  type: 'Polygon',
  coordinates: [[[lng, lat], [lng + size, lat], [lng + size, lat + size], [lng, lat + size], [lng, lat]]],
});

/** Rows of `actual` and `expected` that differ (counts exact, coordinate sums to 1e-6). */
const DIFF_FACETS = `
  WITH kept AS (
    SELECT zoom_level, cell_x, cell_y, status, district_id, capacity, activity_id, theme_id, count, round(sum_lat::numeric, 6) AS sl, round(sum_lng::numeric, 6) AS sg
      FROM problem_map_facet WHERE organization_id = $1 AND count <> 0),
  fresh AS (
    SELECT l::smallint AS zoom_level, problem_map_cell_of(lng, l) AS cell_x, problem_map_cell_of(lat, l) AS cell_y, status,
           coalesce(district_id, '00000000-0000-0000-0000-000000000000') AS district_id, capacity, activity_id, theme_id,
           count(*)::int AS count, round(sum(lat)::numeric, 6) AS sl, round(sum(lng)::numeric, 6) AS sg
      FROM problem, generate_series(0, 6) l
     WHERE organization_id = $1 AND lat IS NOT NULL AND NOT is_hidden AND merged_into_id IS NULL AND status <> 'merged'
     GROUP BY 1, 2, 3, 4, 5, 6, 7, 8)
  SELECT count(*)::int AS n FROM ((TABLE kept EXCEPT TABLE fresh) UNION ALL (TABLE fresh EXCEPT TABLE kept)) d`;
const DIFF_DAYS = `
  WITH kept AS (
    SELECT zoom_level, day, cell_x, cell_y, count, round(sum_lat::numeric, 6) AS sl, round(sum_lng::numeric, 6) AS sg
      FROM problem_map_day WHERE organization_id = $1 AND count <> 0),
  fresh AS (
    SELECT l::smallint AS zoom_level, (created_at AT TIME ZONE 'Asia/Tehran')::date AS day, problem_map_cell_of(lng, l) AS cell_x,
           problem_map_cell_of(lat, l) AS cell_y, count(*)::int AS count, round(sum(lat)::numeric, 6) AS sl, round(sum(lng)::numeric, 6) AS sg
      FROM problem, generate_series(0, 6) l
     WHERE organization_id = $1 AND lat IS NOT NULL AND NOT is_hidden AND merged_into_id IS NULL AND status <> 'merged'
     GROUP BY 1, 2, 3, 4)
  SELECT count(*)::int AS n FROM ((TABLE kept EXCEPT TABLE fresh) UNION ALL (TABLE fresh EXCEPT TABLE kept)) d`;

describe('filtered map aggregates with two API processes', () => {
  let database: { url: string; drop: () => Promise<void> };
  let first: TestApp;
  let second: TestApp;
  let city: MapCity;
  let ids: string[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
    first = await startTestApp({}, database);
    second = await startTestApp({}, database);
    city = await buildMapCity(first.db);
    // people may file in every capacity here, so the capacity key of the aggregates is exercised
    await first.db.query(`UPDATE activity SET settings = settings || '{"capacities": ["citizen", "ngo", "expert", "manager"]}' WHERE id = $1`, [
      city.activityId,
    ]);
  });
  afterAll(async () => {
    await first.close();
    await second.close();
    await database.drop();
  });

  /** Both processes' clients of one person (same session cookie). */
  async function clientsOf(roles: string[]): Promise<[TestClient, TestClient]> {
    const person = await personWithRoles(first, city, roles);
    const other = new TestClient(second.url);
    for (const [k, v] of person.client.cookies) other.cookies.set(k, v);
    return [person.client, other];
  }

  it('equal a fresh count after a random mix of submissions, status changes, hides, merges and district re-derivation', async () => {
    const next = random(20261202);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)];
    const citizens = await Promise.all(Array.from({ length: 4 }, () => clientsOf(['citizen', 'ngo', 'expert', 'manager'])));
    const staff = await clientsOf(['admin', 'planner', 'moderator']);
    const failures: string[] = [];
    const check = (what: string, res: { status: number }) => {
      if (res.status >= 500) failures.push(`${what}: ${res.status}`);
      return res;
    };

    // 1. Submissions through both processes at once: inside either district.
    const submissions = Array.from({ length: 60 }, (_, i) => {
      const client = pick(citizens)[i % 2];
      const capacity = pick(['citizen', 'citizen', 'expert', 'manager', 'ngo'] as const);
      const body = {
        title: `مشکل شماره ${i + 1} در محله`,
        description: 'توضیح کوتاهی درباره این مشکل در محله ما.',
        themeId: pick(city.themeIds),
        location: { lat: 32.601 + next() * 0.048, lng: 51.601 + next() * 0.098 },
        capacity,
        ...(capacity === 'ngo' ? { onBehalfOf: 'انجمن دوستداران محله' } : {}),
      };
      return client.post<{ id: string }>(`/api/orgs/${city.slug}/activities/${city.activityId}/problems`, body);
    });
    const created = await Promise.all(submissions);
    expect(created.filter((r) => r.status !== 201).map((r) => [r.status, r.body])).toEqual([]);
    ids = created.map((r) => r.body.id);

    // 2. Status changes, hides, restores and merges, in random order through either process.
    const ops = Array.from({ length: 90 }, (_, i) => {
      const client = staff[i % 2];
      const id = pick(ids);
      const base = `/api/orgs/${city.slug}/problems/${id}`;
      const roll = next();
      if (roll < 0.45) {
        const status = pick(['under_review', 'accepted', 'addressed', 'out_of_scope', 'submitted'] as const);
        return client.post(`${base}/status`, { status, reason: 'بررسی شد و نتیجه اعلام شد.' }).then((r) => check('status', r));
      }
      if (roll < 0.65) return client.post(`${base}/hide`, { reason: 'محتوای نامناسب' }).then((r) => check('hide', r));
      if (roll < 0.8) return client.post(`${base}/restore`, { reason: 'بازبینی شد' }).then((r) => check('restore', r));
      return client.post(`${base}/merge`, { intoId: pick(ids) }).then((r) => check('merge', r));
    });
    await Promise.all(ops);

    // 3. District re-derivation: district 1 shrinks, then district 2 grows over the freed strip.
    const [d1, d2] = city.districtIds;
    check('shrink', await staff[0].patch(`/api/orgs/${city.slug}/districts/${d1}`, { boundary: square(51.6, 32.6, 0.03) }));
    check('grow', await staff[1].patch(`/api/orgs/${city.slug}/districts/${d2}`, { boundary: square(51.63, 32.6, 0.07) }));
    expect(failures).toEqual([]);

    const moved: { n: number }[] = await first.db.query(
      `SELECT count(*)::int AS n FROM problem WHERE organization_id = $1 AND district_id = $2 AND lng < 51.65`,
      [city.id, d2],
    );
    expect(moved[0].n).toBeGreaterThan(0);

    const [facets] = await first.db.query(DIFF_FACETS, [city.id]);
    const [days] = await first.db.query(DIFF_DAYS, [city.id]);
    expect({ facetRowsThatDiffer: facets.n, dayRowsThatDiffer: days.n }).toEqual({ facetRowsThatDiffer: 0, dayRowsThatDiffer: 0 });
  });

  it('answers every kept filter on both processes with the rows’ own count', async () => {
    const count = async (where: string, params: unknown[]) => {
      const [{ n }] = await first.db.query(
        `SELECT count(*)::int AS n FROM problem p WHERE p.organization_id = $1 AND p.lat IS NOT NULL AND NOT p.is_hidden
           AND p.merged_into_id IS NULL AND p.status <> 'merged' AND ${where}`,
        [city.id, ...params],
      );
      return n as number;
    };
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Tehran' }).format(new Date());
    const [d1, d2] = city.districtIds;
    const cases: [string, string, unknown[]][] = [
      ['status=accepted', `p.status = 'accepted'`, []],
      [`districtId=${d2}`, `p.district_id = $2`, [d2]],
      [`status=submitted&districtId=${d1}`, `p.status = 'submitted' AND p.district_id = $2`, [d1]],
      ['capacity=expert', `p.capacity = 'expert'`, []],
      [`stageId=${city.stageId}&themeId=${city.themeIds[1]}`, `p.stage_id = $2 AND p.theme_id = $3`, [city.stageId, city.themeIds[1]]],
      [`activityId=${city.activityId}&status=addressed`, `p.activity_id = $2 AND p.status = 'addressed'`, [city.activityId]],
      [`from=${today}&to=${today}`, `(p.created_at AT TIME ZONE 'Asia/Tehran')::date = $2::date`, [today]],
      ['from=2020-01-01&to=2020-12-31', `false`, []],
    ];
    for (const app of [first, second]) {
      const client = new TestClient(app.url);
      for (const [query, where, params] of cases) {
        const expected = await count(where, params);
        // city-wide (clusters from the aggregates) and street-level, one zoom apart
        for (const zoom of [11, 12, 16, 18]) {
          const res = await client.get<MapView>(`/api/orgs/${city.slug}/problems/map?bbox=${CITY}&zoom=${zoom}&${query}`);
          expect({ query, zoom, status: res.status, total: res.body.total }).toEqual({ query, zoom, status: 200, total: expected });
        }
      }
    }
  });

  it('rebuilds to the same figures it keeps', async () => {
    const before: unknown[] = await first.db.query(
      `SELECT zoom_level, sum(count)::int AS n FROM problem_map_facet WHERE organization_id = $1 GROUP BY 1 ORDER BY 1`,
      [city.id],
    );
    await first.db.query(`SELECT problem_map_facets_rebuild($1)`, [city.id]);
    const [facets] = await first.db.query(DIFF_FACETS, [city.id]);
    const [days] = await first.db.query(DIFF_DAYS, [city.id]);
    expect([facets.n, days.n]).toEqual([0, 0]);
    const after: unknown[] = await first.db.query(
      `SELECT zoom_level, sum(count)::int AS n FROM problem_map_facet WHERE organization_id = $1 GROUP BY 1 ORDER BY 1`,
      [city.id],
    );
    expect(after).toEqual(before);
    expect(ids.length).toBe(60);
  });
});
