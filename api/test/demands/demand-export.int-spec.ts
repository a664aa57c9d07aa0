import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import sharp from 'sharp';
import { JobsService } from '../../src/jobs/jobs.service';
import { DemandExportService } from '../../src/modules/demands/export/demand-export.service';
import { buildDemandGroup, buildDemands } from '../factories/demand.factory';
import { buildOrganization, type BuiltOrganization } from '../factories/organization.factory';
import { buildPlan } from '../factories/plan.factory';
import { personWithRoles } from '../plans/plan-helpers';
import { startTestApp, type TestApp } from '../support/test-app';
import type { TestClient } from '../support/test-client';

type Person = { client: TestClient; accountId: string };

/** Texts a spreadsheet would take for formulas, and what the export must write instead. */
const FORMULAS: [string, string][] = [
  ['=HYPERLINK("http://evil.example","x")', `'=HYPERLINK("http://evil.example","x")`],
  ['+98 912', `'+98 912`],
  ['-2+3', `'-2+3`],
  ['@SUM(A1)', `'@SUM(A1)`],
  ['\tتب', `'\tتب`],
  ['  =1+1', `'  =1+1`],
  ['\u200c=1+1', `'\u200c=1+1`],
  ['＝1', `'＝1`],
];

describe('demands exports', () => {
  let app: TestApp;
  let jobs: JobsService;
  let org: BuiltOrganization;
  let other: BuiltOrganization;
  let plan: { id: string };
  let otherPlan: { id: string };
  let planner: Person;
  let admin: Person;
  let author: Person;
  let groupId: string;

  const path = (o: BuiltOrganization, rest = '') => `/api/orgs/${o.slug}/demands/exports${rest}`;

  /** Asks for an export as the client, runs the job, and returns the finished export. */
  async function exportAs(client: TestClient, body: Record<string, unknown>) {
    const created = await client.post(path(org), body);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ status: 'queued', isDownloadable: false });
    await jobs.drain();
    const done = await client.get(path(org, `/${created.body.id}`));
    expect(done.body).toMatchObject({ status: 'done', isDownloadable: true });
    return done.body as { id: string; rowsDone: number; rowsTotal: number };
  }
  const download = (client: TestClient, id: string) => client.get(path(org, `/${id}/file`));

  beforeAll(async () => {
    app = await startTestApp();
    jobs = app.app.get(JobsService);
    org = await buildOrganization(app.db);
    other = await buildOrganization(app.db);
    plan = await buildPlan(app.db, org.id);
    otherPlan = await buildPlan(app.db, other.id);
    planner = await personWithRoles(app, org, ['planner'], 'کارشناس برنامه‌ریزی');
    admin = await personWithRoles(app, org, ['admin'], 'مدیر سامانه');
    author = await personWithRoles(app, org, ['citizen'], 'مریم احمدی');
    await app.db.query(`UPDATE account SET mobile = '+989121234567' WHERE id = $1`, [author.accountId]);
    groupId = await buildDemandGroup(app.db, org.id, plan.id, 'کمبود پارکینگ نزدیک بازار');
    const [transport, waste] = org.themeIds;
    // 1404/01/01 is 2025-03-21; 08:00 UTC is 11:30 in Tehran.
    await buildDemands(app.db, org.id, plan.id, 3, (i) => ({
      text: ['پارکینگ کنار بازار کم است', 'سطل زباله در کوچه نیست', 'پیاده‌رو خیابان چهارباغ تنگ است'][i],
      occurredAt: '2025-03-21T08:00:00Z',
      themeIds: [[transport], [waste], [transport, waste]][i],
      districtId: org.districtIds[i % 2],
      capacity: ['citizen', 'ngo', 'expert'][i],
      kind: 'problem',
      priority: 1,
      weight: 10 - i,
      authorId: author.accountId,
      groupId: i === 0 ? groupId : null,
      lat: i === 0 ? 32.65 : null,
      lng: i === 0 ? 51.67 : null,
    }));
    await buildDemands(app.db, org.id, plan.id, FORMULAS.length, (i) => ({
      text: FORMULAS[i][0],
      occurredAt: '2025-03-22T08:00:00Z',
      meeting: i === 0 ? '=cmd|"/c calc"!A1' : null,
    }));
    // Neither of these may ever appear: another plan of the municipality is filtered out; another municipality's, never reached.
    await buildDemands(app.db, other.id, otherPlan.id, 2, () => ({ text: 'مطالبه شهر دیگر' }));
    const secondPlan = await buildPlan(app.db, org.id);
    await buildDemands(app.db, org.id, secondPlan.id, 1, () => ({ text: 'مطالبه برنامه دیگر' }));
  });
  afterAll(() => app.close());

  it('writes a CSV in PostgreSQL with Persian headers, Jalali dates and formula-safe cells, read back by csv-parse', async () => {
    const done = await exportAs(planner.client, { format: 'csv', filter: { planId: plan.id } });
    expect(done).toMatchObject({ rowsDone: 3 + FORMULAS.length, rowsTotal: 3 + FORMULAS.length });
    const res = await download(planner.client, done.id);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    expect(res.headers.get('content-disposition')).toMatch(/attachment; filename="demands-.*\.csv"/);
    expect(res.bytes.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const records: Record<string, string>[] = parseCsv(res.text.replace(/^\uFEFF/, ''), { columns: true });
    expect(records).toHaveLength(3 + FORMULAS.length);
    expect(Object.keys(records[0])).toEqual([
      'شناسه', 'تاریخ', 'منبع', 'جلسه', 'متن مطالبه', 'نوع', 'اولویت', 'موضوع‌ها', 'عنوان مشارکت', 'منطقه', 'مرحله', 'گروه',
      'وزن (حمایت‌ها)', 'عرض جغرافیایی', 'طول جغرافیایی',
    ]);
    const parking = records.find((r) => r['متن مطالبه'] === 'پارکینگ کنار بازار کم است')!;
    expect(parking).toMatchObject({
      'تاریخ': '1404/01/01 11:30',
      'منبع': 'ثبت دستی',
      'نوع': 'مسئله',
      'اولویت': 'زیاد',
      'موضوع‌ها': 'حمل‌ونقل',
      'عنوان مشارکت': 'شهروند',
      'منطقه': 'منطقه 1',
      'گروه': 'کمبود پارکینگ نزدیک بازار',
      'وزن (حمایت‌ها)': '10',
      'عرض جغرافیایی': '32.65',
    });
    expect(records.find((r) => r['متن مطالبه'].startsWith('پیاده‌رو'))!['موضوع‌ها']).toBe('حمل‌ونقل؛ پسماند');
    const texts = records.map((r) => r['متن مطالبه']);
    for (const [raw, safe] of FORMULAS) expect(texts).toContain(safe === raw ? raw : safe);
    expect(records.map((r) => r['جلسه'])).toContain(`'=cmd|"/c calc"!A1`);
    // Nothing of another plan or municipality; no personal data unasked.
    expect(res.text).not.toContain('شهر دیگر');
    expect(res.text).not.toContain('برنامه دیگر');
    expect(res.text).not.toContain('مریم');
    expect(res.text).not.toContain('+98912');
  });

  it('exports only what the filter selects', async () => {
    const done = await exportAs(planner.client, { format: 'csv', filter: { planId: plan.id, themeIds: org.themeIds[1], q: 'زباله' } });
    const res = await download(planner.client, done.id);
    const records: Record<string, string>[] = parseCsv(res.text.replace(/^\uFEFF/, ''), { columns: true });
    expect(records.map((r) => r['متن مطالبه'])).toEqual(['سطل زباله در کوچه نیست']);
  });

  it('writes an XLSX in the planner’s language that exceljs reads back, further rows on further sheets', async () => {
    const english = await personWithRoles(app, org, ['planner'], 'Planner');
    await app.db.query(`UPDATE account SET locale = 'en' WHERE id = $1`, [english.accountId]);
    const service = app.app.get(DemandExportService);
    service.sheetRows = 4;
    try {
      const done = await exportAs(english.client, { format: 'xlsx', filter: { planId: plan.id } });
      const res = await download(english.client, done.id);
      expect(res.status).toBe(200);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(res.bytes as unknown as ArrayBuffer);
      expect(workbook.worksheets.map((s) => s.name)).toEqual(['Demands', 'Demands (2)', 'Demands (3)']);
      const rows = workbook.worksheets.flatMap((sheet) => {
        const header = (sheet.getRow(1).values as unknown[]).slice(1);
        expect(header.slice(0, 5)).toEqual(['Id', 'Date', 'Source', 'Meeting', 'Demand']);
        expect(sheet.getRow(1).getCell(1).font?.bold).toBe(true);
        const out: Record<string, unknown>[] = [];
        sheet.eachRow((row, n) => {
          if (n === 1) return;
          out.push(Object.fromEntries(header.map((h, i) => [h as string, row.getCell(i + 1).value])));
        });
        return out;
      });
      expect(rows).toHaveLength(3 + FORMULAS.length);
      expect(workbook.worksheets.map((s) => s.rowCount)).toEqual([5, 5, 4]);
      const parking = rows.find((r) => r.Demand === 'پارکینگ کنار بازار کم است')!;
      expect(parking).toMatchObject({ Date: '1404/01/01 11:30', Source: 'Entered by hand', Priority: 'High', Themes: 'transport', Capacity: 'Citizen', District: 'District 1', 'Weight (supports)': 10, Latitude: 32.65, Longitude: 51.67 });
      for (const [, safe] of FORMULAS) expect(rows.map((r) => r.Demand)).toContain(safe);
      for (const sheet of workbook.worksheets) sheet.eachRow((row) => row.eachCell((cell) => expect(cell.formula).toBeUndefined()));
    } finally {
      service.sheetRows = 1_048_575;
    }
  });

  it('keeps any text intact in the XLSX: XML specials, underscores, line breaks; control characters dropped', async () => {
    const other = await buildPlan(app.db, org.id);
    const text = 'بوق\u0007 ماشین <b>&amp; "پارک" max_x12 _x_\nخط دوم\r\nخط سوم';
    await buildDemands(app.db, org.id, other.id, 1, () => ({ text, meeting: 'جلسه <۱>' }));
    const done = await exportAs(planner.client, { format: 'xlsx', filter: { planId: other.id } });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await download(planner.client, done.id)).bytes as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    expect(sheet.rowCount).toBe(2);
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(sheet.getRow(2).getCell(header.indexOf('متن مطالبه') + 1).value).toBe(text.replace('\u0007', ''));
    expect(sheet.getRow(2).getCell(header.indexOf('جلسه') + 1).value).toBe('جلسه <۱>');
    expect(sheet.views[0]).toMatchObject({ rightToLeft: true });
  });

  it('writes JSON and a GeoJSON of the located demands', async () => {
    const json = await exportAs(planner.client, { format: 'json', filter: { planId: plan.id } });
    const items = JSON.parse((await download(planner.client, json.id)).text);
    expect(items).toHaveLength(3 + FORMULAS.length);
    const parking = items.find((d: { text: string }) => d.text === 'پارکینگ کنار بازار کم است');
    expect(parking).toMatchObject({ sourceKind: 'manual', themes: ['transport'], capacity: 'citizen', district: 'منطقه 1', group: 'کمبود پارکینگ نزدیک بازار', lat: 32.65 });
    expect(parking).not.toHaveProperty('author');
    // JSON is data, not a spreadsheet: the text is exactly what was said.
    expect(items.map((d: { text: string }) => d.text)).toContain(FORMULAS[0][0]);

    const geo = await exportAs(planner.client, { format: 'geojson', filter: { planId: plan.id } });
    expect(geo).toMatchObject({ rowsDone: 1, rowsTotal: 1 });
    const res = await download(planner.client, geo.id);
    expect(res.headers.get('content-type')).toContain('application/geo+json');
    const collection = JSON.parse(res.text);
    expect(collection.type).toBe('FeatureCollection');
    expect(collection.features).toHaveLength(1);
    expect(collection.features[0]).toMatchObject({ type: 'Feature', geometry: { type: 'Point', coordinates: [51.67, 32.65] } });
  });

  it('includes personal data only when an administrator asks for it', async () => {
    const refused = await planner.client.post(path(org), { format: 'csv', includePersonal: true, filter: { planId: plan.id } });
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('demand_exports.personal_not_allowed');
    expect((await planner.client.get(path(org, `?planId=${plan.id}`))).body.canIncludePersonal).toBe(false);
    expect((await admin.client.get(path(org, `?planId=${plan.id}`))).body.canIncludePersonal).toBe(true);

    const done = await exportAs(admin.client, { format: 'csv', includePersonal: true, filter: { planId: plan.id } });
    const records: Record<string, string>[] = parseCsv((await download(admin.client, done.id)).text.replace(/^\uFEFF/, ''), { columns: true });
    const parking = records.find((r) => r['متن مطالبه'] === 'پارکینگ کنار بازار کم است')!;
    expect(parking['نام نویسنده']).toBe('مریم احمدی');
    expect(parking['راه تماس']).toBe(`'+989121234567`);

    const plain = await exportAs(admin.client, { format: 'csv', filter: { planId: plan.id } });
    expect((await download(admin.client, plain.id)).text).not.toContain('مریم');
  });

  it('answers "expired, ask again" for a finished export whose file is gone, as after a crash empties the unlogged chunks', async () => {
    const done = await exportAs(planner.client, { format: 'csv', filter: { planId: plan.id } });
    await app.db.query(`DELETE FROM demand_export_chunk WHERE export_id = $1`, [done.id]);
    const lost = await download(planner.client, done.id);
    expect(lost.status).toBe(410);
    expect(lost.body.code).toBe('demand_exports.expired');
  });

  it('lets only the requesting planner download, until the file expires', async () => {
    const done = await exportAs(planner.client, { format: 'csv', filter: { planId: plan.id } });
    const colleague = await personWithRoles(app, org, ['planner'], 'همکار');
    const replayed = await download(colleague.client, done.id);
    expect(replayed.status).toBe(403);
    expect(replayed.body.code).toBe('demand_exports.not_yours');
    expect((await colleague.client.get(path(org, `?planId=${plan.id}`))).body.items).toEqual([]);
    const citizen = await personWithRoles(app, org, ['citizen'], 'شهروند');
    expect((await download(citizen.client, done.id)).status).toBe(403);

    await app.db.query(`UPDATE demand_export SET expires_at = now() - interval '1 minute' WHERE id = $1`, [done.id]);
    const expired = await download(planner.client, done.id);
    expect(expired.status).toBe(410);
    expect(expired.body.code).toBe('demand_exports.expired');
    await app.app.get(DemandExportService)['repository'].prune();
    const [{ n }] = await app.db.query(`SELECT count(*)::int AS n FROM demand_export_chunk WHERE export_id = $1`, [done.id]);
    expect(n).toBe(0);
    const audit = await app.db.query(`SELECT action FROM audit_entry WHERE organization_id = $1 AND action LIKE 'demand.export_%'`, [org.id]);
    expect(audit.map((a: { action: string }) => a.action)).toEqual(expect.arrayContaining(['demand.export_requested', 'demand.export_downloaded']));
  });

  it('keeps another municipality out and refuses bad input without creating anything', async () => {
    const done = await exportAs(planner.client, { format: 'csv', filter: { planId: plan.id } });
    const outsider = await personWithRoles(app, other, ['planner', 'admin'], 'بیرونی');
    expect((await outsider.client.get(`/api/orgs/${other.slug}/demands/exports/${done.id}/file`)).status).toBe(404);
    expect((await outsider.client.get(path(org, `/${done.id}/file`))).status).toBe(403);
    const [{ before }] = await app.db.query(`SELECT count(*)::int AS before FROM demand_export`);
    // Their own slug with our plan: not found, nothing queued.
    const foreign = await outsider.client.post(`/api/orgs/${other.slug}/demands/exports`, { format: 'csv', filter: { planId: plan.id } });
    expect(foreign.status).toBe(404);
    expect(foreign.body.code).toBe('demand_exports.plan_not_found');
    const unknownField = await planner.client.post(path(org), { format: 'csv', filter: { planId: plan.id, colour: 'red' } });
    expect(unknownField.status).toBe(400);
    expect((await planner.client.post(path(org), { format: 'exe', filter: { planId: plan.id } })).status).toBe(400);
    expect((await planner.client.post(path(org), { format: 'csv', filter: { planId: plan.id, kinds: 'rant' } })).status).toBe(400);
    expect((await planner.client.get(path(org, '/not-a-uuid'))).status).toBe(404);
    const [{ after }] = await app.db.query(`SELECT count(*)::int AS after FROM demand_export`);
    expect(after).toBe(before);
  });

  it('writes the supporting-document PDF whose text, extracted by pdftotext, reads in logical Persian order', async () => {
    const done = await exportAs(planner.client, { format: 'pdf', filter: { planId: plan.id } });
    const res = await download(planner.client, done.id);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.bytes.subarray(0, 5).toString()).toBe('%PDF-');
    const dir = mkdtempSync(join(tmpdir(), 'demand-report-'));
    writeFileSync(join(dir, 'report.pdf'), res.bytes);
    const lines = execFileSync('pdftotext', ['-enc', 'UTF-8', join(dir, 'report.pdf'), '-'])
      .toString('utf8')
      .split('\n')
      .map(plainText)
      .filter(Boolean);
    // Logical order: the words come as they are read, not reversed. pdftotext marks direction with bidi
    // controls, may move a ZWNJ by a letter, and places neutral characters (digits, punctuation)
    // of a right-to-left line on the wrong side of a space: compared without those.
    expect(lines).toContain(plainText('سند پشتیبان: مطالبات دسته‌بندی‌شده'));
    expect(lines).toContain(plainText('مطالبات بر پایه موضوع'));
    expect(lines).toContain(plainText('گروه‌های پرتکرار و نمونه گفته‌ها'));
    const all = plainText(lines.join(' '));
    expect(all).toContain(plainText('در این برنامه ۱۱ مطالبه از ۱ مشارکت‌کننده و ۰ ذی‌نفع ثبت‌شده، در ۱ جلسه'));
    expect(all).toContain(plainText('کمبود پارکینگ نزدیک بازار (۱ مطالبه)'));
    expect(all).toContain(plainText('«پارکینگ کنار بازار کم است»'));
    expect(all).toContain(plainText('مطالبات بر پایه عنوان مشارکت و نوع ذی‌نفع'));
  });

  it('writes a large CSV in two parts side by side that read back as the one-part file: one BOM, one header, every row once', async () => {
    const big = await buildPlan(app.db, org.id);
    // Long texts, so the plan's demands fill most of the table's pages and both halves hold some.
    await buildDemands(app.db, org.id, big.id, 1500, (i) => ({ text: `مطالبه بلند ${i} ${'متن '.repeat(150)}`, weight: i }));
    const service = app.app.get(DemandExportService);
    const single = await exportAs(planner.client, { format: 'csv', filter: { planId: big.id } });
    service.parallelCsvRows = 1;
    try {
      const parted = await exportAs(planner.client, { format: 'csv', filter: { planId: big.id } });
      const seqs: { seq: number }[] = await app.db.query(`SELECT seq FROM demand_export_chunk WHERE export_id = $1 ORDER BY seq`, [parted.id]);
      expect(seqs.some((c) => c.seq === 0)).toBe(true);
      expect(seqs.some((c) => c.seq >= 1 << 24)).toBe(true);
      const [one, two] = [await download(planner.client, single.id), await download(planner.client, parted.id)];
      expect(two.status).toBe(200);
      const bytes = Buffer.from(two.bytes);
      const bom = Buffer.from('\uFEFF', 'utf8');
      expect(bytes.subarray(0, 3)).toEqual(bom);
      expect(bytes.indexOf(bom, 3)).toBe(-1);
      expect(two.text.split('\n').filter((line) => line.startsWith('شناسه')).length).toBe(1);
      const records = (text: string): Record<string, string>[] => parseCsv(text.replace(/^\uFEFF/, ''), { columns: true });
      const rows = records(two.text);
      expect(rows).toHaveLength(1500);
      expect(new Set(rows.map((r) => r['شناسه'])).size).toBe(1500);
      // The export promises no order (neither file has an ORDER BY): the same rows, compared by id.
      const byId = (list: Record<string, string>[]) => [...list].sort((a, b) => a['شناسه'].localeCompare(b['شناسه']));
      expect(byId(rows)).toEqual(byId(records(one.text)));
      expect(parted).toMatchObject({ rowsDone: 1500, rowsTotal: 1500 });
    } finally {
      service.parallelCsvRows = 100_000;
    }
  });

  it('writes the supporting-document DOCX with right-to-left paragraphs and tables, of the filtered demands', async () => {
    const done = await exportAs(planner.client, { format: 'docx', filter: { planId: plan.id, kinds: 'problem', themeIds: org.themeIds.join(',') } });
    const res = await download(planner.client, done.id);
    expect(res.status).toBe(200);
    const dir = mkdtempSync(join(tmpdir(), 'demand-report-'));
    writeFileSync(join(dir, 'report.docx'), res.bytes);
    const xml = execFileSync('unzip', ['-p', join(dir, 'report.docx'), 'word/document.xml']).toString('utf8');
    expect(xml).toContain('سند پشتیبان: مطالبات دسته‌بندی‌شده');
    expect(xml).toContain('<w:bidi/>');
    expect(xml).toContain('<w:bidiVisual/>');
    expect(xml).toContain('<w:rtl/>');
    expect(xml).toContain('«پارکینگ کنار بازار کم است»');
  });

  it('puts the charts by theme, stakeholder kind and district in the DOCX as images, as the PDF has them', async () => {
    const done = await exportAs(planner.client, { format: 'docx', filter: { planId: plan.id } });
    const res = await download(planner.client, done.id);
    const dir = mkdtempSync(join(tmpdir(), 'demand-report-'));
    const file = join(dir, 'report.docx');
    writeFileSync(file, res.bytes);
    const xml = execFileSync('unzip', ['-p', file, 'word/document.xml']).toString('utf8');
    // Each chart is a picture whose alternative text is its table's title.
    const pictures = [...xml.matchAll(/<wp:docPr [^>]*descr="([^"]*)"/g)].map((m) => m[1]);
    for (const title of ['مطالبات بر پایه موضوع', 'مطالبات بر پایه عنوان مشارکت و نوع ذی‌نفع', 'مطالبات و مشارکت بر پایه منطقه']) {
      expect(pictures).toContain(title);
    }
    const media = execFileSync('unzip', ['-Z1', file]).toString('utf8').split('\n').filter((name) => name.startsWith('word/media/'));
    expect(media.length).toBe(pictures.length);
    for (const name of media) {
      const png = execFileSync('unzip', ['-p', file, name], { maxBuffer: 1 << 26 });
      const image = sharp(png);
      const { format, width } = await image.metadata();
      expect(format).toBe('png');
      expect(width).toBeGreaterThanOrEqual(560);
      // Bars and words drawn on white: the darkest pixel is far from white.
      const { channels } = await image.stats();
      expect(Math.min(...channels.slice(0, 3).map((c) => c.min))).toBeLessThan(128);
    }
  });
});

/**
 * Text without bidi controls and ZWNJ/ZWJ, with no space beside a digit or a punctuation mark
 * (how pdftotext's output and the expectation are compared).
 */
function plainText(text: string): string {
  return text
    .replace(/\u200c|\u200d|[\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '')
    .replace(/\s*([^\p{L}\s])\s*/gu, '$1')
    .replace(/\s+/g, ' ')
    .trim();
}
