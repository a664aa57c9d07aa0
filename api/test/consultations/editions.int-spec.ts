import { buildOrganization, type BuiltOrganization } from '../factories/organization.factory';
import { buildDocm, MINIMAL_PDF, MINIMAL_PNG } from '../attachments/files';
import sharp from 'sharp';
import { jpegWithGps, member } from '../problems/problem-helpers';
import { startTestApp, type TestApp } from '../support/test-app';
import { TestClient } from '../support/test-client';
import {
  blocksOf,
  buildConsultation,
  DOCX_TYPE,
  importDocx,
  planner,
  publishEdition,
  reportDocx,
} from './consultation-helpers';

const REPORT = [
  { heading: 'کلیات' },
  'این گزارش مرحلهٔ شناخت برنامهٔ راهبردی-عملیاتی شهر است.',
  'شهروندان در ۱۵ منطقه مسائل خود را ثبت کرده‌اند.',
  { heading: 'حمل و نقل' },
  'ترافیک خیابان چهارباغ در ساعات اوج شدید است.',
  'پیشنهاد می‌شود خط دوم مترو تا سال ۱۴۰۸ تکمیل شود.',
  'پیاده‌راه‌ها نیاز به نورپردازی دارند.',
];

describe('consultation editions', () => {
  let t: TestApp;
  let org: BuiltOrganization;
  let activityId: string;
  let boss: Awaited<ReturnType<typeof planner>>;
  const base = () => `/api/orgs/${org.slug}/consultations/${activityId}`;

  beforeAll(async () => {
    t = await startTestApp();
    org = await buildOrganization(t.db);
    ({ activityId } = await buildConsultation(t.db, org.id));
    boss = await planner(t, org);
  });
  afterAll(() => t.close());

  it('imports a real .docx as a draft that only planners see, then publishes it with sections and anchors', async () => {
    const imported = await importDocx(boss.client, org.slug, activityId, reportDocx(REPORT), 'گزارش مرحله ۱.docx');
    expect(imported.status).toBe(201);
    expect(imported.body).toMatchObject({ number: 1, status: 'draft', source: 'docx', blockCount: 5, title: 'کلیات' });

    const anonymous = new TestClient(t.url);
    const before = await anonymous.get(base());
    expect(before.status).toBe(200);
    expect(before.body).toMatchObject({ edition: null, editions: [], canComment: false, canManage: false });
    expect((await anonymous.get(`${base()}?edition=1`)).body.code).toBe('consultations.edition_not_found');

    const draft = await boss.client.get(`${base()}?edition=1`);
    expect(draft.body.edition).toMatchObject({ status: 'draft', isLatest: false });
    expect(draft.body.canManage).toBe(true);

    const published = await boss.client.post(`${base()}/editions/1/publish`);
    expect(published.status).toBe(200);
    expect(published.body).toMatchObject({ status: 'published', number: 1 });

    const view = (await anonymous.get(base())).body;
    expect(view.edition.sections.map((s: { heading: string }) => s.heading)).toEqual(['کلیات', 'حمل و نقل']);
    const blocks = blocksOf(view);
    expect(blocks.map((b) => b.text)).toEqual(REPORT.filter((l) => typeof l === 'string'));
    expect(new Set(blocks.map((b) => b.anchor)).size).toBe(5);
    for (const b of blocks) expect(b.anchor).toMatch(/^[0-9a-f]{8}-\d+$/);
    expect(view.edition).toMatchObject({ number: 1, isLatest: true, documentCommentCount: 0 });
    expect(blocks[0]).toMatchObject({ commentCount: 0, carriedCommentCount: 0, change: null, kind: 'paragraph' });
  });

  it('keeps anchors of unchanged and reworded paragraphs in edition 2 and shows what changed', async () => {
    const one = blocksOf((await boss.client.get(base())).body);
    const source = await boss.client.get(`${base()}/editions/1/source`);
    expect(source.status).toBe(200);
    const blocks = source.body.blocks as { kind: string; text?: string }[];
    const edited = blocks
      .filter((b) => b.text !== 'پیاده‌راه‌ها نیاز به نورپردازی دارند.')
      .map((b) =>
        b.text === 'پیشنهاد می‌شود خط دوم مترو تا سال ۱۴۰۸ تکمیل شود.'
          ? { ...b, text: 'پیشنهاد می‌شود خط دوم مترو تا سال ۱۴۰۶ تکمیل شود.' }
          : b,
      );
    edited.push({ kind: 'paragraph', text: 'دوچرخه‌سواری در محور زاینده‌رود گسترش می‌یابد.' });

    const created = await boss.client.post(`${base()}/editions`, {
      title: 'گزارش مرحلهٔ شناخت، ویرایش دوم',
      changeSummary: 'سال تکمیل مترو به‌روز شد.',
      blocks: edited,
    });
    expect(created.status).toBe(201);
    expect(created.body.number).toBe(2);
    expect((await boss.client.post(`${base()}/editions`, { title: 'x', blocks: edited })).body.code).toBe(
      'consultations.draft_exists',
    );
    expect((await boss.client.post(`${base()}/editions/2/publish`)).status).toBe(200);

    const view = (await boss.client.get(base())).body;
    expect(view.editions.map((e: { number: number; status: string }) => [e.number, e.status])).toEqual([
      [1, 'published'],
      [2, 'published'],
    ]);
    const two = blocksOf(view);
    const byText = (list: typeof one, text: string) => list.find((b) => b.text === text)!;
    const kept = 'ترافیک خیابان چهارباغ در ساعات اوج شدید است.';
    expect(byText(two, kept).anchor).toBe(byText(one, kept).anchor);
    expect(byText(two, kept)).toMatchObject({ change: 'unchanged' });
    const reworded = byText(two, 'پیشنهاد می‌شود خط دوم مترو تا سال ۱۴۰۶ تکمیل شود.');
    expect(reworded).toMatchObject({
      change: 'modified',
      anchor: byText(one, 'پیشنهاد می‌شود خط دوم مترو تا سال ۱۴۰۸ تکمیل شود.').anchor,
    });
    expect(byText(two, 'دوچرخه‌سواری در محور زاینده‌رود گسترش می‌یابد.')).toMatchObject({ change: 'new' });

    // Edition 1 stays readable.
    const old = await new TestClient(t.url).get(`${base()}?edition=1`);
    expect(old.body.edition).toMatchObject({ number: 1, isLatest: false });
    expect(old.body.cannotCommentReason).toBe('identity.unauthenticated');

    const diff = await new TestClient(t.url).get(`${base()}/diff?from=1&to=2`);
    expect(diff.status).toBe(200);
    expect(diff.body.counts).toEqual({ added: 1, removed: 1, modified: 1, unchanged: 3 });
    expect(diff.body.changeSummary).toBe('سال تکمیل مترو به‌روز شد.');
    const modified = diff.body.blocks.find((b: { change: string }) => b.change === 'modified');
    expect(modified.runs).toEqual([
      { op: 'equal', text: 'پیشنهاد می‌شود خط دوم مترو تا سال ' },
      { op: 'delete', text: '۱۴۰۸' },
      { op: 'insert', text: '۱۴۰۶' },
      { op: 'equal', text: ' تکمیل شود.' },
    ]);
    expect(diff.body.blocks.find((b: { change: string }) => b.change === 'removed').runs[0]).toEqual({
      op: 'delete',
      text: 'پیاده‌راه‌ها نیاز به نورپردازی دارند.',
    });
  });

  it('takes a long report of several MiB in one request', async () => {
    const { activityId: other } = await buildConsultation(t.db, org.id);
    const paragraph = (i: number) => ({
      kind: 'paragraph',
      text: `بند ${i}: ${'شهروندان اصفهان در این بند دربارهٔ آیندهٔ شهر نظر می‌دهند. '.repeat(30)}`,
    });
    const blocks = Array.from({ length: 1200 }, (_, i) => paragraph(i));
    expect(Buffer.byteLength(JSON.stringify(blocks))).toBeGreaterThan(2 * 1024 * 1024);
    const created = await boss.client.post(`/api/orgs/${org.slug}/consultations/${other}/editions`, {
      title: 'گزارش بلند',
      blocks,
    });
    expect(created.status).toBe(201);
    expect(created.body.blockCount).toBe(1200);
  });

  it('refuses changes to a published edition and anyone but planners', async () => {
    const body = { title: 'x', blocks: [{ kind: 'paragraph', text: 'متن' }] };
    expect((await boss.client.put(`${base()}/editions/1`, body)).body.code).toBe('consultations.not_draft');
    const emptyTable = await boss.client.post(`${base()}/editions`, { title: 'x', blocks: [{ kind: 'table', rows: [['', ' ']] }] });
    expect(emptyTable.status).toBe(400);
    expect(emptyTable.body.fields).toEqual({ 'blocks.0.rows': 'required' });
    const citizen = await member(t, org);
    expect((await citizen.client.post(`${base()}/editions`, body)).status).toBe(403);
    expect((await new TestClient(t.url).get(`${base()}/report`)).status).toBe(401);
  });

  it('turns away files that are not a clean .docx, storing no edition', async () => {
    const { activityId: other } = await buildConsultation(t.db, org.id);
    const count = async () =>
      (await t.db.query(`SELECT count(*)::int AS n FROM consultation_edition WHERE activity_id = $1`, [other]))[0].n;

    // A PDF named .docx is refused at upload; a PDF uploaded as such is refused at import.
    const disguised = await boss.client.rawBytes(
      'POST',
      `/api/orgs/${org.slug}/attachments?ownerType=activity&ownerId=${other}&filename=report.docx`,
      MINIMAL_PDF,
      {
        'content-type': DOCX_TYPE,
      },
    );
    expect(disguised.body.code).toBe('attachments.type_not_allowed');
    const pdf = await boss.client.rawBytes(
      'POST',
      `/api/orgs/${org.slug}/attachments?ownerType=activity&ownerId=${other}&filename=report.pdf`,
      MINIMAL_PDF,
      {
        'content-type': 'application/pdf',
      },
    );
    expect(pdf.status).toBe(201);
    const asReport = await boss.client.post(`/api/orgs/${org.slug}/consultations/${other}/editions/import`, {
      attachmentId: pdf.body.id,
    });
    expect(asReport.status).toBe(400);
    expect(asReport.body.code).toBe('consultations.docx_invalid');

    const macro = await importDocx(boss.client, org.slug, other, buildDocm());
    expect(macro.status).toBeGreaterThanOrEqual(400);
    expect(['attachments.type_not_allowed', 'consultations.docx_macros']).toContain(macro.body.code);

    const unsafe = reportDocx(['x']);
    const doctype = await importDocx(
      boss.client,
      org.slug,
      other,
      reportDocx([], {
        'word/document.xml':
          '<?xml version="1.0"?><!DOCTYPE lol [<!ENTITY lol "lol">]><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>&lol;</w:t></w:r></w:p></w:body></w:document>',
      }),
    );
    expect(unsafe.length).toBeGreaterThan(0);
    expect(doctype.body.code).toBe('consultations.docx_unsafe');

    // A 100 MB report is refused by its Content-Length before a byte is stored.
    const huge = Buffer.alloc(100 * 1024 * 1024, 0x20);
    reportDocx(['x']).copy(huge);
    const tooBig = await boss.client.rawBytes(
      'POST',
      `/api/orgs/${org.slug}/attachments?ownerType=activity&ownerId=${other}&filename=big.docx`,
      huge,
      {
        'content-type': DOCX_TYPE,
      },
    );
    expect(tooBig.status).toBe(413);
    expect(tooBig.body.code).toBe('attachments.too_large');

    const empty = await importDocx(boss.client, org.slug, other, reportDocx([{ heading: 'فقط عنوان' }]));
    expect(empty.body.code).toBe('consultations.docx_empty');
    expect(await count()).toBe(0);
  });

  it('imports the pictures of a .docx as images without their EXIF data', async () => {
    const { activityId: other } = await buildConsultation(t.db, org.id);
    const photo = await jpegWithGps(2400, 1200);
    const imported = await importDocx(
      boss.client,
      org.slug,
      other,
      reportDocx([{ heading: 'نقشه' }, 'محدودهٔ طرح:', { picture: photo, alt: 'نقشهٔ محدوده' }]),
    );
    expect(imported.status).toBe(201);
    const view = (await boss.client.get(`/api/orgs/${org.slug}/consultations/${other}?edition=1`)).body;
    const image = (blocksOf(view) as unknown as { kind: string; image: { url: string; alt: string } }[]).find(
      (b) => b.kind === 'image',
    )!;
    expect(image.image.alt).toBe('نقشهٔ محدوده');
    const file = await boss.client.get(image.image.url);
    expect(file.headers.get('content-type')).toBe('image/webp');
    const meta = await sharp(file.bytes).metadata();
    expect(meta.exif).toBeUndefined();
    expect(meta.width).toBe(1600);
    expect(file.bytes.includes(Buffer.from('Secret Phone'))).toBe(false);
  });

  it('keeps markup in a document as plain text and refuses images from elsewhere', async () => {
    const { activityId: other } = await buildConsultation(t.db, org.id);
    const imported = await importDocx(
      boss.client,
      org.slug,
      other,
      reportDocx([`<script>alert(1)</script> <style>body{display:none}</style> متن`]),
    );
    expect(imported.status).toBe(201);
    const view = (await boss.client.get(`/api/orgs/${org.slug}/consultations/${other}?edition=1`)).body;
    const [block] = blocksOf(view);
    expect(block.text).toBe('<script>alert(1)</script> <style>body{display:none}</style> متن');
    expect(Object.keys(block)).not.toContain('html');

    const png = await boss.client.rawBytes(
      'POST',
      `/api/orgs/${org.slug}/attachments?ownerType=activity&ownerId=${activityId}&filename=map.png`,
      MINIMAL_PNG,
      {
        'content-type': 'image/png',
      },
    );
    expect(png.status).toBe(201);
    await boss.client.delete(`/api/orgs/${org.slug}/consultations/${other}/editions/1`);
    const foreign = await boss.client.post(`/api/orgs/${org.slug}/consultations/${other}/editions`, {
      title: 'با تصویر',
      blocks: [
        { kind: 'paragraph', text: 'متن' },
        { kind: 'image', attachmentId: png.body.id, alt: 'نقشه' },
      ],
    });
    expect(foreign.status).toBe(400);
    expect(foreign.body).toMatchObject({
      code: 'consultations.image_not_found',
      fields: { 'blocks.1.attachmentId': 'invalid_value' },
    });
    const own = await publishEdition(boss.client, org.slug, activityId === other ? other : activityId, 'x', []).catch(
      (e: Error) => e.message,
    );
    expect(String(own)).toContain('draft: 400');
  });
});
