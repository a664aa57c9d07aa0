import { createHash } from 'node:crypto';
import { crc32 } from 'node:zlib';
import sharp from 'sharp';
import { StripImageMetadata1764300000000 } from '../../../migrations/1764300000000-StripImageMetadata';
import { buildOrganization, type BuiltOrganization } from '../factories/organization.factory';
import { buildPlan } from '../factories/plan.factory';
import { personWithRoles } from '../plans/plan-helpers';
import { startTestApp, type TestApp } from '../support/test-app';
import { TestClient } from '../support/test-client';

const GPS = { GPSLatitudeRef: 'N', GPSLatitude: '32/1 39/1 0/1', GPSLongitudeRef: 'E', GPSLongitude: '51/1 40/1 0/1' };

/** A camera photo: EXIF Make/Model, a GPS position, and "turn 90° clockwise to view" (orientation 6). */
function cameraJpeg(): Promise<Buffer> {
  return sharp({ create: { width: 300, height: 200, channels: 3, background: { r: 200, g: 120, b: 40 } } })
    .jpeg()
    .withMetadata({ orientation: 6 })
    .withExif({ IFD0: { Make: 'Canon', Model: 'EOS Secret Body' }, IFD3: GPS })
    .toBuffer();
}

/** A PNG map with EXIF (eXIf chunk, GPS) and a tEXt chunk naming where it was drawn. */
async function annotatedPng(): Promise<Buffer> {
  const png = await sharp({
    create: { width: 64, height: 48, channels: 4, background: { r: 0, g: 90, b: 200, alpha: 1 } },
  })
    .png()
    .withExif({ IFD0: { Make: 'Canon' }, IFD3: GPS })
    .toBuffer();
  // tEXt after IHDR (8-byte signature + 25-byte IHDR chunk): keyword NUL text, with its CRC.
  const payload = Buffer.concat([Buffer.from('tEXt'), Buffer.from('Comment\0drawn at home, Hafez St. 12', 'latin1')]);
  const chunk = Buffer.alloc(payload.length + 8);
  chunk.writeUInt32BE(payload.length - 4, 0);
  payload.copy(chunk, 4);
  chunk.writeUInt32BE(crc32(payload), payload.length + 4);
  return Buffer.concat([png.subarray(0, 33), chunk, png.subarray(33)]);
}

describe('images attached by planners are published without their metadata', () => {
  let t: TestApp;
  let org: BuiltOrganization;
  let planner: TestClient;
  let planId: string;

  const upload = (filename: string, bytes: Buffer, type: string) =>
    planner.rawBytes(
      'POST',
      `/api/orgs/${org.slug}/attachments?ownerType=plan&ownerId=${planId}&filename=${encodeURIComponent(filename)}`,
      bytes,
      { 'content-type': type },
    );
  const count = async () => (await t.db.query(`SELECT count(*)::int AS n FROM attachment`))[0].n as number;

  beforeAll(async () => {
    t = await startTestApp();
    org = await buildOrganization(t.db);
    planId = (await buildPlan(t.db, org.id)).id;
    planner = (await personWithRoles(t, org, ['planner'])).client;
  });
  afterAll(() => t.close());

  it('serves a camera JPEG with no EXIF, no GPS and no camera make, turned upright', async () => {
    const original = await cameraJpeg();
    const before = await sharp(original).metadata();
    expect(before.exif).toBeDefined();
    expect(original.includes(Buffer.from('Canon'))).toBe(true);

    const res = await upload('بازدید میدانی.jpg', original, 'image/jpeg');
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ contentType: 'image/jpeg', filename: 'بازدید میدانی.jpg' });

    const download = await new TestClient(t.url).get(res.body.url);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('image/jpeg');
    expect(download.bytes.equals(original)).toBe(false);
    const meta = await sharp(download.bytes).metadata();
    expect(meta.format).toBe('jpeg');
    expect(meta.exif).toBeUndefined();
    expect(meta.xmp).toBeUndefined();
    expect(meta.orientation).toBeUndefined();
    // The orientation tag was applied to the pixels before it was dropped.
    expect([meta.width, meta.height]).toEqual([200, 300]);
    expect(download.bytes.includes(Buffer.from('Canon'))).toBe(false);
    expect(download.bytes.includes(Buffer.from('EOS Secret Body'))).toBe(false);
    expect(res.body.sizeBytes).toBe(download.bytes.length);
  });

  it('serves a PNG without its EXIF and text chunks, still a PNG', async () => {
    const original = await annotatedPng();
    expect((await sharp(original).metadata()).exif).toBeDefined();
    expect(original.includes(Buffer.from('Hafez St.'))).toBe(true);

    const res = await upload('نقشه محدوده.png', original, 'image/png');
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ contentType: 'image/png', filename: 'نقشه محدوده.png' });
    const download = await new TestClient(t.url).get(res.body.url);
    const meta = await sharp(download.bytes).metadata();
    expect(meta.format).toBe('png');
    expect([meta.width, meta.height]).toEqual([64, 48]);
    expect(meta.exif).toBeUndefined();
    expect(meta.comments ?? []).toEqual([]);
    for (const marker of ['tEXt', 'iTXt', 'zTXt', 'eXIf', 'Hafez St.', 'Canon']) {
      expect(download.bytes.includes(Buffer.from(marker))).toBe(false);
    }
  });

  it('serves a WebP without EXIF and caps the long side at 4096 px', async () => {
    const original = await sharp({ create: { width: 5000, height: 1000, channels: 3, background: '#888' } })
      .webp()
      .withExif({ IFD0: { Make: 'Canon' }, IFD3: GPS })
      .toBuffer();
    expect((await sharp(original).metadata()).exif).toBeDefined();
    const res = await upload('panorama.webp', original, 'image/webp');
    expect(res.status).toBe(201);
    const download = await new TestClient(t.url).get(res.body.url);
    const meta = await sharp(download.bytes).metadata();
    expect(meta).toMatchObject({ format: 'webp', width: 4096, height: 819 });
    expect(meta.exif).toBeUndefined();
    expect(download.bytes.includes(Buffer.from('Canon'))).toBe(false);
  });

  it('sets a stripped image as the plan cover, so the cover a visitor sees has no GPS either', async () => {
    const res = await upload('cover.jpg', await cameraJpeg(), 'image/jpeg');
    const updated = await planner.patch(`/api/orgs/${org.slug}/plans/${planId}`, { coverAttachmentId: res.body.id });
    expect(updated.status).toBe(200);
    const plan = await planner.get(`/api/orgs/${org.slug}/plans/${planId}`);
    const cover = await new TestClient(t.url).get(plan.body.coverUrl);
    expect(cover.status).toBe(200);
    expect((await sharp(cover.bytes).metadata()).exif).toBeUndefined();
  });

  it('refuses a damaged JPEG with a translated error and stores nothing', async () => {
    const before = await count();
    const truncated = (await cameraJpeg()).subarray(0, 400);
    const res = await upload('broken.jpg', truncated, 'image/jpeg');
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('attachments.image_invalid');
    expect(await count()).toBe(before);
  });

  it('cleans images stored before this fix, so their public bytes lose the GPS too', async () => {
    const original = await cameraJpeg();
    const [row] = await t.db.query(
      `INSERT INTO attachment (organization_id, owner_type, owner_id, filename, content_type, size_bytes, sha256)
       VALUES ($1, 'plan', $2, 'old.jpg', 'image/jpeg', $3, $4) RETURNING id`,
      [org.id, planId, original.length, createHash('sha256').update(original).digest('hex')],
    );
    await t.db.query(`INSERT INTO attachment_blob (attachment_id, data) VALUES ($1, $2)`, [row.id, original]);
    const runner = t.db.createQueryRunner();
    try {
      await new StripImageMetadata1764300000000().up(runner);
    } finally {
      await runner.release();
    }
    const download = await new TestClient(t.url).get(`/api/orgs/${org.slug}/attachments/${row.id}`);
    expect(download.status).toBe(200);
    expect((await sharp(download.bytes).metadata()).exif).toBeUndefined();
    expect(download.bytes.includes(Buffer.from('Canon'))).toBe(false);
    expect(Number(download.headers.get('content-length'))).toBe(download.bytes.length);
    expect(download.headers.get('etag')).toBe(`"${createHash('sha256').update(download.bytes).digest('hex')}"`);
  });
});
