import { createHash, randomUUID } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { ZAttachment } from '@hamandishi/contracts';
import { AttachmentsService } from '../../src/modules/attachments/attachments.service';
import { buildOrganization, type BuiltOrganization } from '../factories/organization.factory';
import { grantRoles, newSignedInPerson } from '../identity/identity-helpers';
import { startTestApp, type TestApp } from '../support/test-app';
import { TestClient } from '../support/test-client';
import { buildDocm, buildDocx, buildZip, contentTypesXml, MINIMAL_PDF, MINIMAL_PNG } from './files';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

describe('attachments', () => {
  let t: TestApp;
  let org: BuiltOrganization;
  let otherOrg: BuiltOrganization;
  let planner: TestClient;
  let citizen: TestClient;
  // Owners the (absent) plans module would register: `${organizationId}:${ownerId}`.
  const owners = new Set<string>();
  let planId: string;
  let stageId: string;

  const uploadPath = (filename: string, ownerId = planId, ownerType = 'plan', slug = org.slug) =>
    `/api/orgs/${slug}/attachments?ownerType=${ownerType}&ownerId=${ownerId}&filename=${encodeURIComponent(filename)}`;
  const upload = (client: TestClient, filename: string, bytes: Buffer, type = 'application/octet-stream', ownerId?: string) =>
    client.rawBytes('POST', uploadPath(filename, ownerId), bytes, { 'content-type': type });
  const count = async () => (await t.db.query(`SELECT count(*)::int AS n FROM attachment`))[0].n as number;

  beforeAll(async () => {
    t = await startTestApp();
    org = await buildOrganization(t.db);
    otherOrg = await buildOrganization(t.db);
    planId = randomUUID();
    stageId = randomUUID();
    owners.add(`${org.id}:${planId}`).add(`${org.id}:${stageId}`);
    const service = t.app.get(AttachmentsService);
    const exists = async (organizationId: string, id: string) => owners.has(`${organizationId}:${id}`);
    service.registerOwner('plan', { exists });
    service.registerOwner('stage', { exists });

    const p = await newSignedInPerson(t.url, { displayName: 'کارشناس برنامه‌ریزی' });
    await grantRoles(t.db, org.id, p.accountId, ['planner']);
    await grantRoles(t.db, otherOrg.id, p.accountId, ['planner']);
    planner = p.client;
    const c = await newSignedInPerson(t.url);
    await grantRoles(t.db, org.id, c.accountId, ['citizen']);
    citizen = c.client;
  });
  afterAll(() => t.close());

  it('accepts a real PDF and serves it back with safe headers', async () => {
    const res = await upload(planner, 'گزارش مرحله ۱.pdf', MINIMAL_PDF, 'application/pdf');
    expect(res.status).toBe(201);
    expect(ZAttachment.parse(res.body)).toMatchObject({
      filename: 'گزارش مرحله ۱.pdf',
      contentType: 'application/pdf',
      sizeBytes: MINIMAL_PDF.length,
      url: `/api/orgs/${org.slug}/attachments/${res.body.id}`,
    });

    const download = await new TestClient(t.url).get(res.body.url);
    expect(download.status).toBe(200);
    expect(download.bytes.equals(MINIMAL_PDF)).toBe(true);
    expect(download.headers.get('content-type')).toBe('application/pdf');
    expect(download.headers.get('x-content-type-options')).toBe('nosniff');
    expect(download.headers.get('etag')).toBe(`"${createHash('sha256').update(MINIMAL_PDF).digest('hex')}"`);
    expect(download.headers.get('cache-control')).toContain('max-age=');
    const disposition = download.headers.get('content-disposition')!;
    expect(disposition.startsWith('inline;')).toBe(true);
    expect(disposition).toContain(`filename*=UTF-8''${encodeURIComponent('گزارش مرحله ۱.pdf')}`);
    // The ASCII fallback carries no raw Persian bytes.
    expect(/^[\x20-\x7e]*$/.test(disposition)).toBe(true);

    const again = await new TestClient(t.url).get(res.body.url, { headers: { 'if-none-match': download.headers.get('etag') } });
    expect(again.status).toBe(304);
  });

  it('judges a PNG by its bytes, whatever type the browser declared', async () => {
    const res = await upload(planner, 'map', MINIMAL_PNG, 'application/octet-stream', stageId);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ contentType: 'image/png', filename: 'map.png' });
    const download = await new TestClient(t.url).get(res.body.url);
    expect(download.headers.get('content-type')).toBe('image/png');
    expect(download.headers.get('content-disposition')).toMatch(/^inline;/);
  });

  it('refuses a .pdf that is really text, and stores nothing', async () => {
    const before = await count();
    const res = await upload(planner, 'report.pdf', Buffer.from('just some text pretending to be a PDF'), 'application/pdf');
    expect(res.status).toBe(415);
    expect(res.body.code).toBe('attachments.type_not_allowed');
    expect(await count()).toBe(before);
  });

  it('refuses a file whose name says another type than its bytes', async () => {
    const res = await upload(planner, 'photo.pdf', MINIMAL_PNG, 'application/pdf');
    expect(res.status).toBe(415);
    expect(res.body.code).toBe('attachments.type_not_allowed');
    const exe = await upload(planner, 'setup.exe', MINIMAL_PDF);
    expect(exe.body.code).toBe('attachments.type_not_allowed');
  });

  it('accepts a Word document and makes the browser download it', async () => {
    const docx = buildDocx();
    const res = await upload(planner, 'سند پشتیبان.docx', docx, DOCX);
    expect(res.status).toBe(201);
    expect(res.body.contentType).toBe(DOCX);
    const download = await new TestClient(t.url).get(res.body.url);
    expect(download.bytes.equals(docx)).toBe(true);
    expect(download.headers.get('content-disposition')).toMatch(/^attachment;/);
  });

  it('refuses macro-enabled Word documents and zips that are not Word documents', async () => {
    const before = await count();
    const docm = await upload(planner, 'نامه.docx', buildDocm(), DOCX);
    expect(docm.status).toBe(415);
    expect(docm.body.code).toBe('attachments.type_not_allowed');
    const macroTypeOnly = buildZip({
      '[Content_Types].xml': contentTypesXml('application/vnd.ms-word.document.macroEnabled.main+xml'),
      'word/document.xml': '<w:document/>',
    });
    expect((await upload(planner, 'a.docx', macroTypeOnly, DOCX)).status).toBe(415);
    const plainZip = buildZip({ 'readme.txt': 'hello' });
    expect((await upload(planner, 'a.docx', plainZip, DOCX)).status).toBe(415);
    expect(await count()).toBe(before);
  });

  it('refuses a file over 25 MiB before reading it', async () => {
    const big = Buffer.alloc(26 * 1024 * 1024, 0x20);
    MINIMAL_PDF.copy(big);
    const res = await upload(planner, 'big.pdf', big, 'application/pdf');
    expect(res.status).toBe(413);
    expect(res.body.code).toBe('attachments.too_large');
  });

  it('cuts off a chunked upload as soon as it passes 25 MiB', async () => {
    // No Content-Length: Fastify counts the bytes as they arrive and stops reading at the limit.
    // The client sees the 413, or the connection closed under its remaining writes.
    const before = await count();
    const outcome = await new Promise<{ status?: number; error?: string; sentMiB: number }>((resolve) => {
      const url = new URL(t.url + uploadPath('chunked.pdf'));
      let sent = 0;
      let done = false;
      const finish = (result: { status?: number; error?: string }) => {
        if (done) return;
        done = true;
        resolve({ ...result, sentMiB: sent });
      };
      const req = httpRequest(
        {
          host: url.hostname,
          port: url.port,
          path: url.pathname + url.search,
          method: 'POST',
          headers: {
            'content-type': 'application/pdf',
            'transfer-encoding': 'chunked',
            cookie: [...planner.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
            'x-csrf-token': planner.cookies.get('hm_csrf')!,
          },
        },
        (res) => {
          res.resume();
          finish({ status: res.statusCode });
        },
      );
      req.on('error', (error: NodeJS.ErrnoException) => finish({ error: error.code }));
      const chunk = Buffer.alloc(1024 * 1024, 0x20);
      MINIMAL_PDF.copy(chunk);
      const write = () => {
        while (sent < 200 && !done) {
          sent++;
          if (!req.write(chunk)) return void req.once('drain', write);
        }
        req.end();
      };
      write();
    });
    if (outcome.status !== undefined) expect(outcome.status).toBe(413);
    else expect(['EPIPE', 'ECONNRESET']).toContain(outcome.error);
    expect(outcome.sentMiB).toBeLessThan(200);
    expect(await count()).toBe(before);
  });

  it('lets only planners and admins upload', async () => {
    const res = await upload(citizen, 'a.pdf', MINIMAL_PDF, 'application/pdf');
    expect(res.status).toBe(403);
    const anonymous = await upload(new TestClient(t.url), 'a.pdf', MINIMAL_PDF, 'application/pdf');
    expect(anonymous.status).toBe(401);
  });

  it('refuses an owner that does not exist in this municipality', async () => {
    const res = await upload(planner, 'a.pdf', MINIMAL_PDF, 'application/pdf', randomUUID());
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('attachments.owner_not_found');
    // The plan exists, but in another municipality.
    const elsewhere = await planner.rawBytes('POST', uploadPath('a.pdf', planId, 'plan', otherOrg.slug), MINIMAL_PDF, {
      'content-type': 'application/pdf',
    });
    expect(elsewhere.status).toBe(404);
  });

  it("answers 404 for another municipality's attachment id", async () => {
    const res = await upload(planner, 'a.pdf', MINIMAL_PDF, 'application/pdf');
    const other = new TestClient(t.url);
    expect((await other.get(`/api/orgs/${otherOrg.slug}/attachments/${res.body.id}`)).status).toBe(404);
    const del = await planner.delete(`/api/orgs/${otherOrg.slug}/attachments/${res.body.id}`);
    expect(del.status).toBe(404);
    expect(del.body.code).toBe('attachments.not_found');
    expect((await other.get(res.body.url)).status).toBe(200);
  });

  it('lets a planner delete an attachment', async () => {
    const res = await upload(planner, 'a.pdf', MINIMAL_PDF, 'application/pdf');
    expect((await citizen.delete(`/api/orgs/${org.slug}/attachments/${res.body.id}`)).status).toBe(403);
    expect((await planner.delete(`/api/orgs/${org.slug}/attachments/${res.body.id}`)).status).toBe(204);
    expect((await new TestClient(t.url).get(res.body.url)).status).toBe(404);
    expect(await t.db.query(`SELECT 1 FROM attachment_blob WHERE attachment_id = $1`, [res.body.id])).toHaveLength(0);
  });

  it('sanitises file names but keeps Persian letters and the zero-width non-joiner', async () => {
    const res = await upload(planner, 'C:\\temp\\..\\گزارش‌نهایی\u0007\u202Efdp.pdf', MINIMAL_PDF, 'application/pdf');
    expect(res.status).toBe(201);
    expect(res.body.filename).toBe('گزارش‌نهاییfdp.pdf');
    const long = await upload(planner, `${'ب'.repeat(300)}.pdf`, MINIMAL_PDF, 'application/pdf');
    expect([...long.body.filename]).toHaveLength(200);
    expect(long.body.filename.endsWith('.pdf')).toBe(true);
  });

  it('refuses a JSON body on the upload route', async () => {
    const res = await planner.post(uploadPath('a.pdf'), { data: 'x' });
    expect(res.status).toBe(415);
  });

  it('lists the attachments of many owners at once, without their bytes', async () => {
    const fresh = randomUUID();
    owners.add(`${org.id}:${fresh}`);
    await upload(planner, 'one.pdf', MINIMAL_PDF, 'application/pdf', fresh);
    await upload(planner, 'two.png', MINIMAL_PNG, 'image/png', fresh);
    const empty = randomUUID();
    const listed = await t.app.get(AttachmentsService).listFor(org.id, 'plan', [fresh, empty]);
    expect(listed.get(fresh)!.map((a) => a.filename)).toEqual(['one.pdf', 'two.png']);
    expect(listed.get(empty)).toEqual([]);
    // Scoped by organisation.
    expect((await t.app.get(AttachmentsService).listFor(otherOrg.id, 'plan', [fresh])).get(fresh)).toEqual([]);
  });
});
