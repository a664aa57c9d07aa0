import sharp from 'sharp';
import { MAX_PHOTO_BYTES } from '@hamandishi/contracts';
import { buildOrganization, type BuiltOrganization } from '../factories/organization.factory';
import { buildProblemCollection } from '../factories/problem.factory';
import { newSignedInPerson } from '../identity/identity-helpers';
import { startTestApp, type TestApp } from '../support/test-app';
import { TestClient } from '../support/test-client';
import { JobsService } from '../../src/jobs/jobs.service';
import { ProblemPhotosService } from '../../src/modules/problems/problem-photos.service';
import { jpegWithGps, member, problemBody } from './problem-helpers';

describe('reporting a problem', () => {
  let t: TestApp;
  let org: BuiltOrganization;
  let other: BuiltOrganization;
  let activityId: string;

  beforeAll(async () => {
    t = await startTestApp();
    org = await buildOrganization(t.db);
    other = await buildOrganization(t.db);
    ({ activityId } = await buildProblemCollection(t.db, org.id));
  });
  afterAll(() => t.close());

  const submit = (
    client: TestClient,
    body: unknown,
    headers: Record<string, string> = {},
    activity = activityId,
    slug = org.slug,
  ) => client.request('POST', `/api/orgs/${slug}/activities/${activity}/problems`, { body, headers });

  it('files a located problem in its district, with a photo stripped of EXIF and GPS', async () => {
    const citizen = await member(t, org);
    const jpeg = await jpegWithGps(2400, 1200);
    expect((await sharp(jpeg).metadata()).exif).toBeDefined();

    const upload = await citizen.client.rawBytes('POST', `/api/orgs/${org.slug}/problem-photos`, jpeg, {
      'content-type': 'image/jpeg',
    });
    expect(upload.status).toBe(201);
    expect(upload.body).toMatchObject({ width: 1600, height: 800 });

    const stored = await citizen.client.get(`/api/orgs/${org.slug}/problem-photos/${upload.body.id}`);
    expect(stored.status).toBe(200);
    expect(stored.headers.get('content-type')).toBe('image/webp');
    expect(stored.headers.get('x-content-type-options')).toBe('nosniff');
    expect(stored.headers.get('cache-control')).toContain('max-age');
    const meta = await sharp(stored.bytes).metadata();
    expect(meta.format).toBe('webp');
    expect(meta.exif).toBeUndefined();
    expect(meta.icc).toBeUndefined();
    expect(stored.bytes.includes(Buffer.from('Secret Phone'))).toBe(false);
    const [row] = await t.db.query(`SELECT content, thumb FROM problem_photo WHERE id = $1`, [upload.body.id]);
    expect((await sharp(row.content).metadata()).exif).toBeUndefined();
    expect(Math.max((await sharp(row.thumb).metadata()).width!, (await sharp(row.thumb).metadata()).height!)).toBe(320);

    const res = await submit(citizen.client, problemBody(org, { photoIds: [upload.body.id] }));
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      status: 'submitted',
      districtId: org.districtIds[0],
      location: { lat: 32.62, lng: 51.62 },
      supportCount: 0,
      author: { id: citizen.accountId },
      isSupported: false,
      canSupport: false,
      statusHistory: [{ from: null, to: 'submitted' }],
    });
    expect(res.body.photos).toHaveLength(1);
    expect(res.body.thumbUrl).toBe(`/api/orgs/${org.slug}/problem-photos/${upload.body.id}/thumb`);

    // a used photo cannot be used again
    const again = await submit(citizen.client, problemBody(org, { photoIds: [upload.body.id] }));
    expect(again.status).toBe(404);
    expect(again.body.code).toBe('problems.photo_not_found');
  });

  it('derives the district of a point in the second district and refuses a point outside the city', async () => {
    const citizen = await member(t, org);
    const inSecond = await submit(citizen.client, problemBody(org, { location: { lat: 32.63, lng: 51.68 } }));
    expect(inSecond.status).toBe(201);
    expect(inSecond.body.districtId).toBe(org.districtIds[1]);

    const outside = await submit(citizen.client, problemBody(org, { location: { lat: 35.7, lng: 51.4 } }));
    expect(outside.status).toBe(400);
    expect(outside.body.code).toBe('problems.location_outside');

    const noPoint = await submit(citizen.client, problemBody(org, { location: null, districtId: org.districtIds[1] }));
    expect(noPoint.status).toBe(201);
    expect(noPoint.body).toMatchObject({ location: null, districtId: org.districtIds[1] });

    const foreignDistrict = await submit(
      citizen.client,
      problemBody(org, { location: null, districtId: other.districtIds[0] }),
    );
    expect(foreignDistrict.status).toBe(404);
    const foreignTheme = await submit(citizen.client, problemBody(org, { themeId: other.themeIds[0] }));
    expect(foreignTheme.status).toBe(404);
    expect(foreignTheme.body.code).toBe('organizations.theme_not_found');
  });

  it('refuses a pixel bomb, a non-image and an oversized body', async () => {
    const citizen = await member(t, org);
    // 10,000 × 10,000 = 100 MP of one colour: a few KB as PNG, 300 MB decoded
    const bomb = await sharp({ create: { width: 10_000, height: 10_000, channels: 3, background: '#fff' } })
      .png({ compressionLevel: 9 })
      .toBuffer();
    expect(bomb.length).toBeLessThan(MAX_PHOTO_BYTES);
    const refused = await citizen.client.rawBytes('POST', `/api/orgs/${org.slug}/problem-photos`, bomb, {
      'content-type': 'image/png',
    });
    expect(refused.status).toBe(400);
    expect(refused.body.code).toBe('problems.photo_invalid');

    const text = await citizen.client.rawBytes(
      'POST',
      `/api/orgs/${org.slug}/problem-photos`,
      Buffer.from('<svg onload="alert(1)"></svg>'),
      { 'content-type': 'image/jpeg' },
    );
    expect(text.status).toBe(400);
    expect(text.body.code).toBe('problems.photo_invalid');

    const truncated = (await jpegWithGps()).subarray(0, 300);
    const broken = await citizen.client.rawBytes('POST', `/api/orgs/${org.slug}/problem-photos`, truncated, {
      'content-type': 'image/jpeg',
    });
    expect(broken.status).toBe(400);

    const huge = Buffer.alloc(MAX_PHOTO_BYTES + 1, 0xff);
    const tooLarge = await citizen.client.rawBytes('POST', `/api/orgs/${org.slug}/problem-photos`, huge, {
      'content-type': 'image/jpeg',
    });
    expect(tooLarge.status).toBe(413);

    const anonymous = await new TestClient(t.url).rawBytes(
      'POST',
      `/api/orgs/${org.slug}/problem-photos`,
      await jpegWithGps(),
      { 'content-type': 'image/jpeg' },
    );
    expect(anonymous.status).toBe(401);
  });

  it('prunes photos never used within a day', async () => {
    const citizen = await member(t, org);
    const upload = await citizen.client.rawBytes('POST', `/api/orgs/${org.slug}/problem-photos`, await jpegWithGps(), {
      'content-type': 'image/jpeg',
    });
    await t.db.query(`UPDATE problem_photo SET created_at = now() - interval '25 hours' WHERE id = $1`, [
      upload.body.id,
    ]);
    expect(await t.app.get(ProblemPhotosService).pruneUnused()).toBeGreaterThanOrEqual(1);
    expect((await citizen.client.get(`/api/orgs/${org.slug}/problem-photos/${upload.body.id}`)).status).toBe(404);
    await t.app.get(JobsService).drain();
  });

  it('stores titles as plain normalised text: markup stays inert, control characters and Arabic letters are normalised', async () => {
    const citizen = await member(t, org);
    const res = await submit(
      citizen.client,
      problemBody(org, {
        title: '<script>alert(1)</script> خرابي\u0007 پل',
        description: 'توضيح <img src=x onerror=alert(1)> كامل درباره پل',
      }),
    );
    expect(res.status).toBe(201);
    expect(res.headers.get('content-type')).toContain('application/json');
    expect(res.body.title).toBe('<script>alert(1)</script> خرابی پل');
    expect(res.body.description).toBe('توضیح <img src=x onerror=alert(1)> کامل درباره پل');
    const [row] = await t.db.query(`SELECT title, search_text FROM problem WHERE id = $1`, [res.body.id]);
    expect([...row.title].some((ch: string) => ch.charCodeAt(0) < 0x20)).toBe(false);
    expect(row.search_text).toContain('خرابی پل');
  });

  it('refuses a 10,000-character title, a missing place, and an unknown field', async () => {
    const citizen = await member(t, org);
    const long = await submit(citizen.client, problemBody(org, { title: 'آ'.repeat(10_000) }));
    expect(long.status).toBe(400);
    expect(long.body.fields.title).toBe('too_long');
    const nowhere = await submit(citizen.client, problemBody(org, { location: null }));
    expect(nowhere.status).toBe(400);
    expect(nowhere.body.fields.location).toBe('required');
    const extra = await submit(citizen.client, { ...problemBody(org), status: 'accepted' });
    expect(extra.status).toBe(400);
  });

  it('lets people file only in the capacities their roles allow', async () => {
    const citizen = await member(t, org);
    const asManager = await submit(citizen.client, problemBody(org, { capacity: 'manager' }));
    expect(asManager.status).toBe(403);
    expect(asManager.body.code).toBe('problems.capacity_not_allowed');
    const ngo = await member(t, org, ['citizen', 'ngo']);
    const asNgo = await submit(
      ngo.client,
      problemBody(org, { capacity: 'ngo', onBehalfOf: 'انجمن دوستداران محیط زیست' }),
    );
    expect(asNgo.status).toBe(201);
    expect(asNgo.body).toMatchObject({ capacity: 'ngo', onBehalfOf: 'انجمن دوستداران محیط زیست' });
    const manager = await member(t, org, ['manager']);
    expect((await submit(manager.client, problemBody(org, { capacity: 'manager' }))).status).toBe(201);
  });

  it("enforces the activity's settings: anonymity, photos, capacities", async () => {
    const strict = await buildProblemCollection(t.db, org.id, {
      allowAnonymous: false,
      requirePhoto: true,
      capacities: ['citizen'],
    });
    const citizen = await member(t, org);
    const anonymous = await submit(citizen.client, problemBody(org, { isAnonymous: true }), {}, strict.activityId);
    expect(anonymous.body.code).toBe('problems.anonymous_not_allowed');
    const noPhoto = await submit(citizen.client, problemBody(org), {}, strict.activityId);
    expect(noPhoto.body.code).toBe('problems.photo_required');
    const expert = await member(t, org, ['expert']);
    const asExpert = await submit(expert.client, problemBody(org, { capacity: 'expert' }), {}, strict.activityId);
    expect(asExpert.body.code).toBe('problems.capacity_not_allowed');
  });

  it('hides an anonymous author publicly but shows them to moderators', async () => {
    const citizen = await member(t, org);
    const res = await submit(citizen.client, problemBody(org, { isAnonymous: true }));
    expect(res.status).toBe(201);
    const publicView = await new TestClient(t.url).get(`/api/orgs/${org.slug}/problems/${res.body.id}`);
    expect(publicView.status).toBe(200);
    expect(publicView.body.author).toBeNull();
    expect(JSON.stringify(publicView.body)).not.toContain(citizen.accountId);
    const moderator = await member(t, org, ['moderator']);
    const modView = await moderator.client.get(`/api/orgs/${org.slug}/problems/${res.body.id}`);
    expect(modView.body.author).toMatchObject({ id: citizen.accountId });
  });

  it('refuses submissions to a closed activity, to another kind of activity, from non-members and blocked members', async () => {
    const citizen = await member(t, org);
    const closed = await buildProblemCollection(t.db, org.id);
    await t.db.query(`UPDATE activity SET closes_at = now() - interval '1 minute' WHERE id = $1`, [closed.activityId]);
    const late = await submit(citizen.client, problemBody(org), {}, closed.activityId);
    expect(late.status).toBe(409);
    expect(late.body.code).toBe('plans.activity_closed');

    await t.db.query(`UPDATE activity SET type = 'consultation' WHERE id = $1`, [closed.activityId]);
    const wrongKind = await submit(citizen.client, problemBody(org), {}, closed.activityId);
    expect(wrongKind.status).toBe(409);
    expect(wrongKind.body.code).toBe('problems.not_problem_collection');

    const stranger = await newSignedInPerson(t.url);
    expect((await submit(stranger.client, problemBody(org))).status).toBe(403);

    const moderator = await member(t, org, ['moderator']);
    const blocked = await member(t, org);
    const block = await moderator.client.post(`/api/orgs/${org.slug}/members/${blocked.accountId}/block`, {
      reason: 'توهین مکرر',
    });
    expect(block.status).toBe(204);
    const refused = await submit(blocked.client, problemBody(org));
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('moderation.blocked');
    expect(
      (await blocked.client.request('DELETE', `/api/orgs/${org.slug}/members/${blocked.accountId}/block`)).status,
    ).toBe(403);
    expect(
      (await moderator.client.request('DELETE', `/api/orgs/${org.slug}/members/${blocked.accountId}/block`)).status,
    ).toBe(204);
    expect((await submit(blocked.client, problemBody(org))).status).toBe(201);
    const [audit] = await t.db.query(
      `SELECT count(*)::int AS n FROM audit_entry WHERE entity_id = $1 AND action LIKE 'member.%'`,
      [blocked.accountId],
    );
    expect(audit.n).toBe(2);
  });

  it('answers a resent submission with the same Idempotency-Key once, without a duplicate', async () => {
    const citizen = await member(t, org);
    const body = problemBody(org, { title: 'تکرار ارسال در شبکه ضعیف' });
    const headers = { 'idempotency-key': 'submit-1234' };
    const first = await submit(citizen.client, body, headers);
    const second = await submit(citizen.client, body, headers);
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.body.id).toBe(first.body.id);
    const [row] = await t.db.query(`SELECT count(*)::int AS n FROM problem WHERE author_id = $1`, [citizen.accountId]);
    expect(row.n).toBe(1);
  });

  it('keeps organisations apart', async () => {
    const citizen = await member(t, org);
    const res = await submit(citizen.client, problemBody(org));
    // the other city's activity is not found under this city, and this city's problem is not found under the other
    expect((await submit(citizen.client, problemBody(org), {}, activityId, other.slug)).status).toBe(403);
    const outsider = await member(t, other);
    expect((await outsider.client.get(`/api/orgs/${other.slug}/problems/${res.body.id}`)).status).toBe(404);
    const crossSupport = await outsider.client.put(`/api/orgs/${other.slug}/problems/${res.body.id}/support`);
    expect(crossSupport.status).toBe(404);
    const otherCollection = await buildProblemCollection(t.db, other.id);
    expect((await submit(outsider.client, problemBody(org), {}, otherCollection.activityId, org.slug)).status).toBe(
      403,
    );
    const otherList = await outsider.client.get(`/api/orgs/${other.slug}/problems`);
    expect(otherList.body.items.map((i: { id: string }) => i.id)).not.toContain(res.body.id);
    const photo = await citizen.client.rawBytes('POST', `/api/orgs/${org.slug}/problem-photos`, await jpegWithGps(), {
      'content-type': 'image/jpeg',
    });
    expect((await outsider.client.get(`/api/orgs/${other.slug}/problem-photos/${photo.body.id}`)).status).toBe(404);
  });
});
