import { startTestApp, type TestApp } from '../support/test-app';
import { TestClient } from '../support/test-client';
import { buildOrganization } from '../factories/organization.factory';

describe('the platform basics', () => {
  let t: TestApp;
  let client: TestClient;

  beforeAll(async () => {
    t = await startTestApp();
    client = new TestClient(t.url);
  });
  afterAll(() => t.close());

  it('reports the database as up on /api/health', async () => {
    const res = await client.get('/api/health');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'ok', database: 'up' });
    expect(res.headers.get('x-request-id')).toBeTruthy();
  });

  it('lists municipalities and describes one with its districts and themes', async () => {
    const org = await buildOrganization(t.db, { name: 'شهرداری نمونه' });
    const list = await client.get('/api/orgs');
    expect(list.body.map((o: { slug: string }) => o.slug)).toContain(org.slug);
    const one = await client.get(`/api/orgs/${org.slug}`);
    expect(one.status).toBe(200);
    expect(one.body.name.fa).toBe('شهرداری نمونه');
    expect(one.body.districts).toHaveLength(2);
    expect(one.body.districts[0].boundary.type).toBe('Polygon');
    expect(one.body.themes.map((x: { slug: string }) => x.slug)).toEqual(['transport', 'waste']);
  });

  it('answers an unknown municipality with 404 organizations.not_found', async () => {
    const res = await client.get('/api/orgs/no-such-city');
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ code: 'organizations.not_found' });
    expect(res.text).not.toMatch(/at .*\.ts/);
  });

  it('answers an unknown API route with the one error shape', async () => {
    const res = await client.get('/api/nothing-here');
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('common.route_not_found');
  });

  it('publishes an OpenAPI document generated from the shared schemas', async () => {
    const res = await client.get('/api/docs');
    expect(res.status).toBe(200);
    expect(res.body.openapi).toBe('3.1.0');
    expect(res.body.paths['/api/orgs/{slug}'].get.responses['200'].content['application/json'].schema.properties).toHaveProperty('districts');
  });

  it('refuses a state-changing request without the CSRF header, before anything runs', async () => {
    const res = await client.post('/api/orgs', {}, { headers: { 'x-csrf-token': null } });
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('common.csrf_invalid');
  });
});
