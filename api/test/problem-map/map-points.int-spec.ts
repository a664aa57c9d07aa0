import { Client } from 'pg';
import { normalizeForSearch } from '@hamandishi/text';
import { TestClient } from '../support/test-client';
import { startTestApp, type TestApp } from '../support/test-app';
import { createTestDatabase } from '../support/test-database';
import { buildMapCity, buildProblems, spread, type MapCity } from './map-fixtures';

// A filtered street-level viewport with at most MAX_POINTS problems lists them one by one, read
// through the GiST index that holds the box, the status and the submission time together
// (ix_problem_map_points). The points must be exactly the rows the filter names: the status, the
// district, Tehran calendar days (a day starts at 20:30 UTC the evening before), free text; never
// a hidden, merged or neighbouring municipality's problem, nor one just outside the box.
// Sequential scans are off in this database, so the planner reads the rows through an index.

const STREET: [number, number, number, number] = [51.64, 32.64, 51.65, 32.647];
const STATUSES = ['submitted', 'under_review', 'accepted', 'out_of_scope', 'addressed'] as const;
type MapView = { clusters: unknown[]; points: { id: string; status: string }[]; total: number };

describe('street-level filtered points', () => {
  let database: { url: string; drop: () => Promise<void> };
  let t: TestApp;
  let client: TestClient;
  let city: MapCity;
  let before: string;
  let after: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    const admin = new Client({ connectionString: database.url });
    await admin.connect();
    await admin.query(
      `DO $$ BEGIN EXECUTE format('ALTER DATABASE %I SET enable_seqscan = off', current_database()); END $$`,
    );
    await admin.end();
    t = await startTestApp({}, database);
    client = new TestClient(t.url);
    city = await buildMapCity(t.db);

    // 200 problems in the street, every status, half in the second district, one submitted each
    // 13 hours over the last 108 days, every seventh about asphalt.
    const ids = await buildProblems(
      t.db,
      city,
      spread(200, STREET).map((p, i) => ({ ...p, status: STATUSES[i % STATUSES.length] })),
    );
    await t.db.query(
      `UPDATE problem p SET created_at = now() - (x.i * interval '13 hours'),
              district_id = CASE WHEN x.i % 2 = 1 THEN $2::uuid ELSE p.district_id END,
              search_text = CASE WHEN x.i % 7 = 0 THEN $3 ELSE p.search_text END
         FROM unnest($1::uuid[]) WITH ORDINALITY AS x(id, i) WHERE p.id = x.id`,
      // stored as the app stores it: normalised for search
      [ids, city.districtIds[1], normalizeForSearch('آسفالت خراب کوچه')],
    );
    // Either side of the Tehran midnight that starts 11 Nov 2026 (20:30 UTC on the 10th).
    [before, after] = await buildProblems(t.db, city, [
      { lat: 32.643, lng: 51.643, status: 'addressed' },
      { lat: 32.6431, lng: 51.6431, status: 'addressed' },
    ]);
    await t.db.query(`UPDATE problem SET created_at = '2026-11-10T20:29:59Z' WHERE id = $1`, [before]);
    await t.db.query(`UPDATE problem SET created_at = '2026-11-10T20:30:00Z' WHERE id = $1`, [after]);
    // What must never show: hidden, merged, outside the box, another municipality's.
    const [hidden, merged] = await buildProblems(t.db, city, [
      { lat: 32.644, lng: 51.644, status: 'addressed', isHidden: true },
      { lat: 32.6441, lng: 51.6441, status: 'addressed' },
      { lat: 32.6475, lng: 51.645, status: 'addressed' },
    ]);
    expect(hidden).toBeDefined();
    await t.db.query(`UPDATE problem SET status = 'merged', merged_into_id = $2 WHERE id = $1`, [merged, ids[0]]);
    const otherCity = await buildMapCity(t.db);
    await buildProblems(
      t.db,
      otherCity,
      spread(20, STREET).map((p) => ({ ...p, status: 'addressed' })),
    );
  });
  afterAll(async () => {
    await t.close();
    await database.drop();
  });

  /** The rows' own answer: visible problems of the city inside the box (plain coordinates), with `where`. */
  async function rowsWhere(where: string, params: unknown[] = []): Promise<string[]> {
    const rows: { id: string }[] = await t.db.query(
      `SELECT id FROM problem WHERE organization_id = $1 AND lat BETWEEN $2 AND $3 AND lng BETWEEN $4 AND $5
          AND NOT is_hidden AND merged_into_id IS NULL AND status <> 'merged' AND ${where} ORDER BY id`,
      [city.id, STREET[1], STREET[3], STREET[0], STREET[2], ...params],
    );
    return rows.map((r) => r.id);
  }

  it('lists exactly the problems each filter names, at street zooms, through the index', async () => {
    const tehranDay = (daysAgo: number) =>
      new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Tehran' }).format(new Date(Date.now() - daysAgo * 864e5));
    const [d1, d2] = city.districtIds;
    const cases: [string, string, unknown[]][] = [
      ['status=addressed', `status = 'addressed'`, []],
      ['status=accepted', `status = 'accepted'`, []],
      [`status=addressed&districtId=${d2}`, `status = 'addressed' AND district_id = $6`, [d2]],
      [`districtId=${d1}&status=submitted`, `status = 'submitted' AND district_id = $6`, [d1]],
      [
        `from=${tehranDay(30)}&to=${tehranDay(0)}`,
        `(created_at AT TIME ZONE 'Asia/Tehran')::date BETWEEN $6::date AND $7::date`,
        [tehranDay(30), tehranDay(0)],
      ],
      [
        `from=${tehranDay(7)}&to=${tehranDay(7)}&status=under_review`,
        `(created_at AT TIME ZONE 'Asia/Tehran')::date = $6::date AND status = 'under_review'`,
        [tehranDay(7)],
      ],
      [
        'from=2026-11-11&to=2026-11-11',
        `created_at >= '2026-11-10T20:30:00Z' AND created_at < '2026-11-11T20:30:00Z'`,
        [],
      ],
      [
        'from=2026-11-10&to=2026-11-10&status=addressed',
        `status = 'addressed' AND created_at >= '2026-11-09T20:30:00Z' AND created_at < '2026-11-10T20:30:00Z'`,
        [],
      ],
      [
        'q=آسفالت&status=accepted',
        `status = 'accepted' AND strpos(search_text, $6) > 0`,
        [normalizeForSearch('آسفالت')],
      ],
    ];
    let nonEmpty = 0;
    for (const [query, where, params] of cases) {
      const expected = await rowsWhere(where, params);
      if (expected.length) nonEmpty++;
      for (const zoom of [16, 17, 18]) {
        const res = await client.get<MapView>(
          `/api/orgs/${city.slug}/problems/map?bbox=${STREET.join(',')}&zoom=${zoom}&${query}`,
        );
        expect(res.status).toBe(200);
        const got = res.body.points.map((p) => p.id).sort();
        expect({ query, zoom, total: res.body.total, points: got }).toEqual({
          query,
          zoom,
          total: expected.length,
          points: expected,
        });
      }
    }
    // the cases are not vacuous: all but a few name some problems
    expect(nonEmpty).toBeGreaterThanOrEqual(cases.length - 1);
  });

  it('keeps a Tehran day whole: a problem filed at 23:59:59 belongs to the day before', async () => {
    const day = async (d: string) =>
      (
        await client.get<MapView>(
          `/api/orgs/${city.slug}/problems/map?bbox=${STREET.join(',')}&zoom=17&from=${d}&to=${d}&status=addressed`,
        )
      ).body.points.map((p) => p.id);
    const [on10th, on11th] = [await day('2026-11-10'), await day('2026-11-11')];
    expect([on10th.includes(before), on10th.includes(after)]).toEqual([true, false]);
    expect([on11th.includes(before), on11th.includes(after)]).toEqual([false, true]);
  });
});
