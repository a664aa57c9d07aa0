import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startTestApp, type TestApp } from '../support/test-app';
import { buildOrganization, type BuiltOrganization } from '../factories/organization.factory';
import { buildProblem, buildProblemCollection } from '../factories/problem.factory';
import { grantRoles, newSignedInPerson } from '../identity/identity-helpers';

const fixture = (name: string) => readFileSync(join(__dirname, 'fixtures', name));
const GEOJSON = { 'content-type': 'application/geo+json' };
const square = (lng: number, lat: number, w = 0.02, h = 0.02) => [
  [[lng, lat], [lng + w, lat], [lng + w, lat + h], [lng, lat + h], [lng, lat]],
];
const file = (...features: { name?: string; type?: string; coordinates: unknown }[]) =>
  Buffer.from(
    JSON.stringify({
      type: 'FeatureCollection',
      features: features.map((f) => ({
        type: 'Feature',
        properties: f.name === undefined ? { other: 'x' } : { name: f.name },
        geometry: { type: f.type ?? 'Polygon', coordinates: f.coordinates },
      })),
    }),
  );

describe('districts: GeoJSON import', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  async function adminOf(org: BuiltOrganization) {
    const person = await newSignedInPerson(t.url, { displayName: 'مدیر' });
    await grantRoles(t.db, org.id, person.accountId, ['citizen', 'admin']);
    return person;
  }
  const districtsOf = (org: BuiltOrganization) =>
    t.db.query(`SELECT id, number, name, boundary FROM district WHERE organization_id = $1 ORDER BY number`, [org.id]);

  it('reports each bad feature with its reason, and saves nothing', async () => {
    const org = await buildOrganization(t.db);
    const { client } = await adminOf(org);
    const before = await districtsOf(org);
    const preview = (body: Buffer | string, query = '?nameProperty=name') =>
      client.rawBytes('POST', `/api/orgs/${org.slug}/districts/import/preview${query}`, Buffer.from(body), GEOJSON);

    const notJson = await preview('{"type": "FeatureCollection", "features": [');
    expect(notJson.status).toBe(200);
    expect(notJson.body.issues).toEqual([expect.objectContaining({ severity: 'error', code: 'not_json', featureIndex: null })]);

    const bowTie = [[[51.6, 32.6], [51.62, 32.62], [51.62, 32.6], [51.6, 32.62], [51.6, 32.6]]];
    const swapped = square(51.66, 32.6).map((ring) => ring.map(([x, y]) => [y, x]));
    const report = await preview(
      file(
        { name: 'نقطه', type: 'Point', coordinates: [51.6, 32.6] },
        { coordinates: square(51.7, 32.7) },
        { name: 'پاپیونی', coordinates: bowTie },
        { name: 'وارونه', coordinates: swapped },
        { name: 'الف', coordinates: square(51.8, 32.8) },
        { name: 'ب', coordinates: square(51.81, 32.8) },
      ),
    );
    expect(report.status).toBe(200);
    const found = report.body.issues.map((i: { code: string; featureIndex: number | null }) => `${i.code}@${i.featureIndex}`);
    expect(found).toEqual(
      expect.arrayContaining(['geometry_type@0', 'missing_name@1', 'self_intersection@2', 'swapped_axes@3', 'overlap@4']),
    );
    const overlap = report.body.issues.find((i: { code: string }) => i.code === 'overlap');
    expect(overlap).toMatchObject({ otherFeatureIndex: 5, detail: 'ب' });
    expect(overlap.areaM2).toBeGreaterThan(2_000_000);
    expect(report.body.summary).toMatchObject({ features: 6 });
    expect(report.body.summary.errors).toBeGreaterThanOrEqual(5);
    expect(report.body.features[2]).toMatchObject({ index: 2, name: 'پاپیونی' });

    // a gap: two districts with a hole between them in a ring of four
    const ring = file(
      { name: 'شمال', coordinates: square(51.6, 32.64, 0.06, 0.02) },
      { name: 'جنوب', coordinates: square(51.6, 32.6, 0.06, 0.02) },
      { name: 'غرب', coordinates: square(51.6, 32.62, 0.02, 0.02) },
      { name: 'شرق', coordinates: square(51.64, 32.62, 0.02, 0.02) },
    );
    const gap = await preview(ring);
    expect(gap.body.issues).toEqual(
      expect.arrayContaining([expect.objectContaining({ severity: 'warning', code: 'gap', featureIndex: null })]),
    );
    expect(gap.body.summary.errors).toBe(0);

    // the import itself refuses a file with errors and points at the feature
    const refused = await client.rawBytes('POST', `/api/orgs/${org.slug}/districts/import?nameProperty=name`, file(
      { name: 'الف', coordinates: square(51.6, 32.6) },
      { name: 'ب', coordinates: square(51.61, 32.6) },
    ), GEOJSON);
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({ code: 'districts.invalid_geojson', fields: { 'features.0': 'overlap' } });
    expect(await districtsOf(org)).toEqual(before);
  });

  it('refuses a 100 MB body before reading it, and a million vertices', async () => {
    const org = await buildOrganization(t.db);
    const { client } = await adminOf(org);
    const started = Date.now();
    const huge = await client.rawBytes('POST', `/api/orgs/${org.slug}/districts/import/preview`, Buffer.alloc(100 * 1024 * 1024, 32), GEOJSON);
    expect(huge.status).toBe(413);
    expect(huge.body.code).toBe('districts.file_too_large');
    expect(Date.now() - started).toBeLessThan(10_000);

    // a million vertices in under 10 MB: [0,0] pairs
    const million = `{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"name":"x"},"geometry":{"type":"Polygon","coordinates":[[${'[0,0],'.repeat(1_000_000)}[0,0]]]}}]}`;
    expect(million.length).toBeLessThan(10 * 1024 * 1024);
    const tooMany = await client.rawBytes('POST', `/api/orgs/${org.slug}/districts/import/preview?nameProperty=name`, Buffer.from(million), GEOJSON);
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.code).toBe('districts.too_many_vertices');

    const json = await client.post(`/api/orgs/${org.slug}/districts/import/preview`, { type: 'FeatureCollection', features: [] });
    expect(json.status).toBe(415);
  });

  it('replaces the geometry and moves the problems to their new district, in one transaction', async () => {
    const org = await buildOrganization(t.db);
    const admin = await adminOf(org);
    const where = { ...(await buildProblemCollection(t.db, org.id)), organizationId: org.id, themeId: org.themeIds[0] };
    // both inside old district 1 (51.60-51.65); the new border runs at 51.63
    const staying = await buildProblem(t.db, { ...where, districtId: org.districtIds[0] }, { lng: 51.61, lat: 32.62 });
    const moving = await buildProblem(t.db, { ...where, districtId: org.districtIds[0] }, { lng: 51.64, lat: 32.62 });
    const placedByDistrict = await buildProblem(t.db, { ...where, districtId: org.districtIds[0] }, { lng: null, lat: null });

    const query = '?nameProperty=name&numberProperty=code';
    const overlapping = await admin.client.rawBytes('POST', `/api/orgs/${org.slug}/districts/import${query}`, fixture('two-districts-overlapping.geojson'), GEOJSON);
    expect(overlapping.status).toBe(400);
    const districtOf = async (id: string) => (await t.db.query(`SELECT district_id FROM problem WHERE id = $1`, [id]))[0].district_id;
    expect(await districtOf(moving.id)).toBe(org.districtIds[0]);

    const preview = await admin.client.rawBytes('POST', `/api/orgs/${org.slug}/districts/import/preview${query}`, fixture('two-districts.geojson'), GEOJSON);
    expect(preview.body.summary).toMatchObject({ features: 2, errors: 0 });
    expect(preview.body.properties).toEqual(['name', 'code']);

    // a failure while the problems move (here a trigger) leaves the geometry as it was too
    await t.db.query(`CREATE FUNCTION refuse_move() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'refused'; END $$`);
    await t.db.query(`CREATE TRIGGER refuse_move BEFORE UPDATE OF district_id ON problem FOR EACH ROW EXECUTE FUNCTION refuse_move()`);
    const before = await districtsOf(org);
    const failed = await admin.client.rawBytes('POST', `/api/orgs/${org.slug}/districts/import${query}`, fixture('two-districts.geojson'), GEOJSON);
    await t.db.query(`DROP TRIGGER refuse_move ON problem; DROP FUNCTION refuse_move()`);
    expect(failed.status).toBe(500);
    expect(await districtsOf(org)).toEqual(before);
    expect(await t.db.query(`SELECT 1 FROM audit_entry WHERE organization_id = $1`, [org.id])).toEqual([]);

    const saved = await admin.client.rawBytes('POST', `/api/orgs/${org.slug}/districts/import${query}`, fixture('two-districts.geojson'), GEOJSON);
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ created: 0, updated: 2, kept: [], problemsMoved: 1 });
    const districts = await districtsOf(org);
    expect(districts.map((d: { id: string }) => d.id)).toEqual(org.districtIds);
    expect(districts[0].boundary.coordinates[0][1]).toEqual([51.63, 32.6]);
    expect(await districtOf(staying.id)).toBe(org.districtIds[0]);
    expect(await districtOf(moving.id)).toBe(org.districtIds[1]);
    expect(await districtOf(placedByDistrict.id)).toBe(org.districtIds[0]);
    // the public page and the point lookup see the new border
    const [box] = await t.db.query(`SELECT max_lng FROM district WHERE id = $1`, [org.districtIds[0]]);
    expect(box.max_lng).toBeCloseTo(51.63);

    const audit = await t.db.query(`SELECT action, actor_id FROM audit_entry WHERE organization_id = $1 AND action = 'districts.import'`, [org.id]);
    expect(audit).toEqual([{ action: 'districts.import', actor_id: admin.accountId }]);
  });

  it('keeps districts the file leaves out, without a boundary, and creates the new ones', async () => {
    const org = await buildOrganization(t.db);
    const { client } = await adminOf(org);
    const body = file({ name: 'منطقه 1', coordinates: square(51.6, 32.6, 0.05, 0.05) }, { name: 'منطقه تازه', coordinates: square(51.7, 32.6) });
    const preview = await client.rawBytes('POST', `/api/orgs/${org.slug}/districts/import/preview?nameProperty=name`, body, GEOJSON);
    expect(preview.body.issues).toEqual([expect.objectContaining({ code: 'missing_from_file', severity: 'warning', detail: 'منطقه 2' })]);
    const saved = await client.rawBytes('POST', `/api/orgs/${org.slug}/districts/import?nameProperty=name`, body, GEOJSON);
    expect(saved.body).toMatchObject({ created: 1, updated: 1, kept: [{ id: org.districtIds[1], number: 2 }] });
    const districts = await districtsOf(org);
    expect(districts.map((d: { number: number; name: { fa: string }; boundary: unknown }) => [d.number, d.name.fa, d.boundary !== null])).toEqual([
      [1, 'منطقه 1', true],
      [2, 'منطقه 2', false],
      [3, 'منطقه تازه', true],
    ]);
  });

  it('checks a drawn district like an import, and deletes only a district no problem names', async () => {
    const org = await buildOrganization(t.db);
    const { client } = await adminOf(org);
    const overlapping = await client.post(`/api/orgs/${org.slug}/districts`, {
      number: 3,
      name: { fa: 'منطقه ۳' },
      boundary: { type: 'Polygon', coordinates: square(51.69, 32.6, 0.05, 0.05) },
    });
    expect(overlapping.status).toBe(400);
    expect(overlapping.body).toMatchObject({ code: 'districts.invalid_boundary', fields: { boundary: 'overlap' } });

    const created = await client.post(`/api/orgs/${org.slug}/districts`, {
      number: 3,
      name: { fa: 'منطقه ۳', en: 'District 3' },
      boundary: { type: 'Polygon', coordinates: square(51.7, 32.6, 0.05, 0.05) },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ number: 3, name: { fa: 'منطقه ۳' }, problemCount: 0, population: null });

    const taken = await client.patch(`/api/orgs/${org.slug}/districts/${created.body.id}`, { number: 1 });
    expect(taken.status).toBe(409);
    expect(taken.body.code).toBe('districts.number_taken');

    const where = { ...(await buildProblemCollection(t.db, org.id)), organizationId: org.id, themeId: org.themeIds[0] };
    const problem = await buildProblem(t.db, { ...where, districtId: org.districtIds[1] }, { lng: 51.72, lat: 32.62 });
    // district 3 drawn again over the problem's point: it moves there
    const redrawn = await client.patch(`/api/orgs/${org.slug}/districts/${created.body.id}`, {
      boundary: { type: 'Polygon', coordinates: square(51.71, 32.6, 0.04, 0.05) },
      name: { fa: 'منطقه سه' },
    });
    expect(redrawn.status).toBe(200);
    expect(redrawn.body).toMatchObject({ name: { fa: 'منطقه سه' }, problemCount: 1 });
    const [row] = await t.db.query(`SELECT district_id FROM problem WHERE id = $1`, [problem.id]);
    expect(row.district_id).toBe(created.body.id);

    const inUse = await client.delete(`/api/orgs/${org.slug}/districts/${created.body.id}`);
    expect(inUse.status).toBe(409);
    expect(inUse.body.code).toBe('districts.in_use');
    const emptied = await client.delete(`/api/orgs/${org.slug}/districts/${org.districtIds[0]}`);
    expect(emptied.status).toBe(204);
    const actions = await t.db.query(`SELECT action FROM audit_entry WHERE organization_id = $1 ORDER BY created_at`, [org.id]);
    expect(actions.map((a: { action: string }) => a.action)).toEqual(['district.create', 'district.update', 'district.delete']);
  });

  it('stores a population whose parts add up, and refuses one whose parts exceed the total', async () => {
    const org = await buildOrganization(t.db);
    const { client } = await adminOf(org);
    const url = `/api/orgs/${org.slug}/districts/${org.districtIds[0]}/population`;
    expect((await client.get(url)).body).toBeNull();

    const tooMany = await client.put(url, { sourceYear: 1402, total: 1000, male: 600, female: 500, ageUnder18: null, age18to29: null, age30to44: null, age45to59: null, age60plus: null });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.fields).toMatchObject({ male: 'too_big', female: 'too_big' });
    const bands = await client.put(url, { sourceYear: 1402, total: 1000, male: null, female: null, ageUnder18: 600, age18to29: 500, age30to44: null, age45to59: null, age60plus: null });
    expect(bands.body.fields).toMatchObject({ ageUnder18: 'too_big' });

    const saved = await client.put(url, { sourceYear: '۱۴۰۲', total: 250000, male: 126000, female: 124000, ageUnder18: 60000, age18to29: 50000, age30to44: 70000, age45to59: 40000, age60plus: 30000 });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ sourceYear: 1402, total: 250000, age60plus: 30000 });
    expect((await client.get(url)).body).toMatchObject({ total: 250000 });
    const list = await client.get(`/api/orgs/${org.slug}/districts`);
    expect(list.body[0].population).toMatchObject({ total: 250000 });
    const audit = await t.db.query(`SELECT action FROM audit_entry WHERE entity_id = $1`, [org.districtIds[0]]);
    expect(audit).toEqual([{ action: 'district.population' }]);
  });

  it("keeps one municipality's admin out of another's districts", async () => {
    const cityA = await buildOrganization(t.db);
    const cityB = await buildOrganization(t.db);
    const adminB = await adminOf(cityB);
    const citizen = await newSignedInPerson(t.url, { organization: cityA.slug });
    expect((await citizen.client.get(`/api/orgs/${cityA.slug}/districts`)).status).toBe(403);
    expect((await adminB.client.get(`/api/orgs/${cityA.slug}/districts`)).status).toBe(403);
    expect(
      (await adminB.client.rawBytes('POST', `/api/orgs/${cityA.slug}/districts/import?nameProperty=name`, fixture('two-districts.geojson'), GEOJSON)).status,
    ).toBe(403);
    // through its own slug, another city's district is not found
    const foreign = await adminB.client.patch(`/api/orgs/${cityB.slug}/districts/${cityA.districtIds[0]}`, { name: { fa: 'ربوده' } });
    expect(foreign.status).toBe(404);
    expect((await adminB.client.get(`/api/orgs/${cityB.slug}/districts/${cityA.districtIds[0]}/population`)).status).toBe(404);
    expect((await adminB.client.delete(`/api/orgs/${cityB.slug}/districts/${cityA.districtIds[0]}`)).status).toBe(404);
    const [district] = await t.db.query(`SELECT name FROM district WHERE id = $1`, [cityA.districtIds[0]]);
    expect(district.name.fa).toBe('منطقه 1');
  });
});
