import ExcelJS from 'exceljs';
import type { TSurveyDefinition } from '@hamandishi/contracts';
import { JobsService } from '../../src/jobs/jobs.service';
import { SurveyExportService } from '../../src/modules/surveys/export/survey-export.service';
import { buildOrganization, type BuiltOrganization } from '../factories/organization.factory';
import { personWithRoles } from '../plans/plan-helpers';
import { makeJobsDue, waitingJobs } from '../support/jobs';
import { startTestApp, type TestApp } from '../support/test-app';
import type { TestClient } from '../support/test-client';
import { buildSurvey, plannerOf, submit, surveyPath } from './survey-helpers';

const t = (fa: string, en: string) => ({ fa, en });

/** A survey with every flattened shape: choices with "other", a ranking, matrices, a date, map answers. */
const DEFINITION: TSurveyDefinition = {
  sections: [
    {
      id: 's1',
      questions: [
        {
          id: 'mode',
          type: 'single_choice',
          title: t('وسیله رفت‌وآمد', 'Commute'),
          options: [
            { id: 'bus', label: t('اتوبوس', 'Bus') },
            { id: 'car', label: t('خودرو', 'Car') },
          ],
          allowOther: true,
        },
        {
          id: 'needs',
          type: 'multiple_choice',
          title: t('نیازها', 'Needs'),
          options: [
            { id: 'park', label: t('پارک', 'Park') },
            { id: 'light', label: t('روشنایی', 'Lighting') },
            { id: 'bike', label: t('دوچرخه', 'Bike lanes') },
          ],
          allowOther: true,
        },
        {
          id: 'prio',
          type: 'ranking',
          title: t('اولویت‌ها', 'Priorities'),
          options: [
            { id: 'light', label: t('روشنایی معابر', 'Street lighting') },
            { id: 'water', label: t('آب', 'Water') },
            { id: 'roads', label: t('راه', 'Roads') },
          ],
        },
        {
          id: 'sat',
          type: 'matrix_single',
          title: t('رضایت', 'Satisfaction'),
          rows: [
            { id: 'clean', label: t('پاکیزگی', 'Cleanliness') },
            { id: 'safe', label: t('امنیت', 'Safety') },
          ],
          columns: [
            { id: 'lo', label: t('کم', 'Low') },
            { id: 'hi', label: t('زیاد', 'High') },
          ],
        },
        {
          id: 'use',
          type: 'matrix_multiple',
          title: t('استفاده', 'Use'),
          rows: [{ id: 'park', label: t('پارک', 'Park') }],
          columns: [
            { id: 'day', label: t('روز', 'Day') },
            { id: 'night', label: t('شب', 'Night') },
          ],
        },
        { id: 'age', type: 'number', title: t('سن', 'Age'), min: 0, max: 120 },
        { id: 'when', type: 'date', title: t('تاریخ بازدید', 'Visit date') },
        { id: 'note', type: 'short_text', title: t('یادداشت', 'Note') },
        { id: 'spot', type: 'map_point', title: t('مکان', 'Place') },
        { id: 'zone', type: 'map_area', title: t('محدوده', 'Zone') },
      ],
    },
  ],
};

const ANSWERS = {
  mode: { choice: '_other', other: 'مترو' },
  needs: { choices: ['park', 'bike'] },
  prio: ['water', 'light', 'roads'],
  sat: { clean: 'hi', safe: 'lo' },
  use: { park: ['night'] },
  age: 34,
  when: '2025-03-21',
  note: '=HYPERLINK("http://evil.example","x")',
  spot: { lat: 32.65, lng: 51.67 },
  zone: [
    { lat: 32.6, lng: 51.6 },
    { lat: 32.6, lng: 51.7 },
    { lat: 32.7, lng: 51.7 },
  ],
};

describe('survey exports', () => {
  let app: TestApp;
  let org: BuiltOrganization;
  let other: BuiltOrganization;
  let planner: { client: TestClient; accountId: string };
  let jobs: JobsService;
  let identified: { activityId: string; surveyId: string };
  let anonymous: { activityId: string; surveyId: string };
  let respondentIds: string[];

  /** Asks for an export as the client, runs the job, and returns the finished export. */
  async function exportAs(client: TestClient, activityId: string, format: string) {
    const created = await client.post(surveyPath(org, activityId, '/exports'), { format });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ format, status: 'queued', isDownloadable: false });
    await jobs.drain();
    const done = await client.get(surveyPath(org, activityId, `/exports/${created.body.id}`));
    expect(done.body).toMatchObject({ status: 'done', isDownloadable: true });
    return done.body as { id: string; rowsDone: number; rowsTotal: number };
  }

  const download = (client: TestClient, activityId: string, id: string) =>
    client.get(surveyPath(org, activityId, `/exports/${id}/file`));

  beforeAll(async () => {
    app = await startTestApp();
    jobs = app.app.get(JobsService);
    org = await buildOrganization(app.db);
    other = await buildOrganization(app.db);
    planner = await plannerOf(app, org);
    identified = await buildSurvey(app, org, planner.client, DEFINITION, {
      audience: { audience: 'signed_in' },
      anonymous: false,
      askDemographics: true,
    });
    anonymous = await buildSurvey(app, org, planner.client, DEFINITION, {
      audience: { audience: 'signed_in' },
      anonymous: true,
      askDemographics: false,
    });
    respondentIds = [];
    for (const [i, name] of ['مریم', 'علی', 'زهرا'].entries()) {
      const person = await personWithRoles(app, org, ['citizen'], name);
      respondentIds.push(person.accountId);
      if (i === 0) {
        await app.db.query(
          `UPDATE account SET demographics_consent_at = now(), age_band = '30_44', gender = 'female' WHERE id = $1`,
          [person.accountId],
        );
      }
      expect((await submit(person.client, org, identified.activityId, ANSWERS, { consent: i === 0 })).status).toBe(201);
      expect((await submit(person.client, org, anonymous.activityId, ANSWERS)).status).toBe(201);
    }
  });
  afterAll(() => app.close());

  it('writes a CSV with Persian headers, flattened questions, Jalali dates and formula-safe text', async () => {
    const done = await exportAs(planner.client, identified.activityId, 'csv');
    expect(done).toMatchObject({ rowsDone: 3, rowsTotal: 3 });
    const res = await download(planner.client, identified.activityId, done.id);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    expect(res.headers.get('content-disposition')).toMatch(/attachment; filename="survey-responses-.*\.csv"/);
    const [header, ...rows] = parseCsv(res.text.replace(/^\uFEFF/, ''));
    expect(rows).toHaveLength(3);
    expect(header).toEqual(
      expect.arrayContaining([
        'شناسه پاسخ',
        'زمان ارسال',
        'شناسه پاسخ‌دهنده',
        'نام',
        'تلفن همراه',
        'گروه سنی',
        'س1 — وسیله رفت‌وآمد',
        'س1 — وسیله رفت‌وآمد — سایر',
        'س2 — نیازها — پارک',
        'س2 — نیازها — روشنایی',
        'س3 — اولویت‌ها — روشنایی معابر — رتبه',
        'س4 — رضایت — پاکیزگی',
        'س5 — استفاده — پارک — شب',
        'س7 — تاریخ بازدید',
      ]),
    );
    const row = Object.fromEntries(header.map((h, i) => [h, rows.find((r) => r.includes(respondentIds[0]))![i]]));
    expect(row['نام']).toBe('مریم');
    expect(row['گروه سنی']).toBe('۳۰ تا ۴۴');
    expect(row['جنسیت']).toBe('زن');
    expect(row['س1 — وسیله رفت‌وآمد']).toBe('سایر');
    expect(row['س1 — وسیله رفت‌وآمد — سایر']).toBe('مترو');
    expect([row['س2 — نیازها — پارک'], row['س2 — نیازها — روشنایی'], row['س2 — نیازها — دوچرخه']]).toEqual([
      '1',
      '0',
      '1',
    ]);
    expect(row['س3 — اولویت‌ها — روشنایی معابر — رتبه']).toBe('2');
    expect(row['س3 — اولویت‌ها — آب — رتبه']).toBe('1');
    expect(row['س4 — رضایت — پاکیزگی']).toBe('زیاد');
    expect([row['س5 — استفاده — پارک — روز'], row['س5 — استفاده — پارک — شب']]).toEqual(['0', '1']);
    expect(row['س6 — سن']).toBe('34');
    // 2025-03-21 is Nowruz 1404.
    expect(row['س7 — تاریخ بازدید']).toBe('1404/01/01');
    expect(row['زمان ارسال']).toMatch(/^14\d\d\/\d\d\/\d\d \d\d:\d\d$/);
    // The formula is defused: a spreadsheet shows it as text.
    expect(row['س8 — یادداشت']).toBe(`'${ANSWERS.note}`);
    // Demographics only for the one who consented.
    const otherRow = Object.fromEntries(header.map((h, i) => [h, rows.find((r) => r.includes(respondentIds[1]))![i]]));
    expect(otherRow['گروه سنی']).toBe('');
    expect(otherRow['جنسیت']).toBe('');
  });

  it('writes an XLSX in the planner’s language that exceljs reads back', async () => {
    const english = await plannerOf(app, org);
    await app.db.query(`UPDATE account SET locale = 'en' WHERE id = $1`, [english.accountId]);
    const done = await exportAs(english.client, identified.activityId, 'xlsx');
    const res = await download(english.client, identified.activityId, done.id);
    expect(res.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.bytes as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    expect(sheet.name).toBe('Responses');
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(header).toEqual(
      expect.arrayContaining([
        'Response id',
        'Name',
        'Mobile',
        'Q3 — Priorities — Street lighting — rank',
        'Q2 — Needs — Bike lanes',
        'Q7 — Visit date',
      ]),
    );
    expect(sheet.rowCount).toBe(4);
    const col = (name: string) => header.indexOf(name) + 1;
    const values = [2, 3, 4].map((r) => sheet.getRow(r));
    // Numbers stay numbers; dates are Jalali.
    expect(values.map((r) => r.getCell(col('Q6 — Age')).value)).toEqual([34, 34, 34]);
    expect(values[0].getCell(col('Q3 — Priorities — Street lighting — rank')).value).toBe(2);
    expect(values[0].getCell(col('Q7 — Visit date')).value).toBe('1404/01/01');
    expect(values[0].getCell(col('Q8 — Note')).value).toBe(`'${ANSWERS.note}`);
    expect(values[0].getCell(col('Q8 — Note')).formula).toBeUndefined();
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.getRow(1).getCell(1).font?.bold).toBe(true);
  });

  it('puts rows beyond a sheet’s capacity on further sheets', async () => {
    const { streamingXlsxWriter } = await import('../../src/modules/surveys/export/streaming-xlsx');
    const parts: Buffer[] = [];
    const writer = await streamingXlsxWriter({ write: async (b) => void parts.push(b) }, ['n'], 'Responses', false, 3);
    await writer.writeRows([[1], [2], [3], [4], [5]]);
    await writer.end();
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.concat(parts) as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['Responses', 'Responses (2)', 'Responses (3)']);
    expect(workbook.worksheets.map((s) => (s.getSheetValues().slice(1) as unknown[][]).map((r) => r[1]))).toEqual([
      ['n', 1, 2],
      ['n', 3, 4],
      ['n', 5],
    ]);
  });

  it('writes the map answers as a GeoJSON FeatureCollection without personal data', async () => {
    const done = await exportAs(planner.client, identified.activityId, 'geojson');
    const res = await download(planner.client, identified.activityId, done.id);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/geo+json');
    const geo = JSON.parse(res.text);
    expect(geo.type).toBe('FeatureCollection');
    expect(geo.features).toHaveLength(6);
    const area = geo.features.find((f: { properties: { questionId: string } }) => f.properties.questionId === 'zone');
    expect(area.geometry.type).toBe('Polygon');
    const ring = area.geometry.coordinates[0];
    expect(ring[0]).toEqual(ring[ring.length - 1]);
    expect(
      geo.features.find((f: { properties: { questionId: string } }) => f.properties.questionId === 'spot').geometry,
    ).toEqual({ type: 'Point', coordinates: [51.67, 32.65] });
    for (const f of geo.features) expect(Object.keys(f.properties).sort()).toEqual(['questionId', 'responseId']);
    for (const id of respondentIds) expect(res.text).not.toContain(id);
  });

  it('has no identity or demographic columns for an anonymous survey', async () => {
    const done = await exportAs(planner.client, anonymous.activityId, 'csv');
    const res = await download(planner.client, anonymous.activityId, done.id);
    const [header, ...rows] = parseCsv(res.text.replace(/^\uFEFF/, ''));
    expect(rows).toHaveLength(3);
    expect(header).not.toEqual(expect.arrayContaining(['نام']));
    expect(
      header.filter((h) => ['شناسه پاسخ‌دهنده', 'نام', 'تلفن همراه', 'منطقه', 'گروه سنی', 'جنسیت'].includes(h)),
    ).toEqual([]);
    for (const id of respondentIds) expect(res.text).not.toContain(id);
    expect(res.text).not.toContain('مریم');
  });

  it('lets only the requesting planner download, until the file expires; the cleanup deletes it', async () => {
    const done = await exportAs(planner.client, identified.activityId, 'csv');
    const colleague = await plannerOf(app, org);
    expect((await download(colleague.client, identified.activityId, done.id)).status).toBe(404);
    expect((await colleague.client.get(surveyPath(org, identified.activityId, `/exports/${done.id}`))).status).toBe(
      404,
    );
    expect((await colleague.client.get(surveyPath(org, identified.activityId, '/exports'))).body.items).toEqual([]);
    const citizen = await personWithRoles(app, org, ['citizen'], 'شهروند');
    expect((await download(citizen.client, identified.activityId, done.id)).status).toBe(403);

    const list = await planner.client.get(surveyPath(org, identified.activityId, '/exports'));
    expect(list.body.items.map((e: { id: string }) => e.id)).toContain(done.id);

    await app.db.query(`UPDATE survey_export SET expires_at = now() - interval '1 minute' WHERE id = $1`, [done.id]);
    const expired = await download(planner.client, identified.activityId, done.id);
    expect(expired.status).toBe(410);
    expect(expired.body.code).toBe('survey_exports.expired');
    expect(
      (await planner.client.get(surveyPath(org, identified.activityId, `/exports/${done.id}`))).body.isDownloadable,
    ).toBe(false);
    await app.app.get(SurveyExportService)['repository'].prune();
    const [{ n }] = await app.db.query(`SELECT count(*)::int AS n FROM survey_export_chunk WHERE export_id = $1`, [
      done.id,
    ]);
    expect(n).toBe(0);

    const audit = await app.db.query(
      `SELECT action FROM audit_entry WHERE organization_id = $1 AND action LIKE 'survey.export_%'`,
      [org.id],
    );
    expect(audit.map((a: { action: string }) => a.action)).toEqual(
      expect.arrayContaining(['survey.export_requested', 'survey.export_downloaded']),
    );
  });

  it('keeps another municipality’s planner out', async () => {
    const done = await exportAs(planner.client, identified.activityId, 'csv');
    const outsider = await plannerOf(app, other);
    const asOther = (path: string) =>
      outsider.client.get(`/api/orgs/${other.slug}/surveys/${identified.activityId}${path}`);
    expect((await asOther(`/exports/${done.id}/file`)).status).toBe(404);
    expect((await asOther(`/exports/${done.id}`)).status).toBe(404);
    expect(
      (
        await outsider.client.post(`/api/orgs/${other.slug}/surveys/${identified.activityId}/exports`, {
          format: 'csv',
        })
      ).status,
    ).toBe(404);
    // Through the right slug, they are not a member.
    expect((await outsider.client.get(surveyPath(org, identified.activityId, `/exports/${done.id}/file`))).status).toBe(
      403,
    );
  });

  it('resumes a job that died mid-way: the retry writes one whole, correct file', async () => {
    const service = app.app.get(SurveyExportService);
    const pageSize = service.pageSize;
    service.pageSize = 1;
    const spy = jest.spyOn(service, 'afterPage').mockImplementationOnce(async () => {
      throw new Error('the process died');
    });
    try {
      const created = await planner.client.post(surveyPath(org, identified.activityId, '/exports'), { format: 'csv' });
      await jobs.drain();
      const afterFailure = await planner.client.get(
        surveyPath(org, identified.activityId, `/exports/${created.body.id}`),
      );
      expect(afterFailure.body).toMatchObject({ status: 'queued', isDownloadable: false });
      expect(await waitingJobs(app.db, 'surveys.export', { exportId: created.body.id })).toHaveLength(1);

      await makeJobsDue(app.db, 'surveys.export', { exportId: created.body.id });
      await jobs.drain();
      const done = await planner.client.get(surveyPath(org, identified.activityId, `/exports/${created.body.id}`));
      expect(done.body).toMatchObject({ status: 'done', rowsDone: 3, rowsTotal: 3, errorCode: null });
      const [{ attempts }] = await app.db.query(`SELECT attempts FROM survey_export WHERE id = $1`, [created.body.id]);
      expect(attempts).toBe(2);
      const res = await download(planner.client, identified.activityId, created.body.id);
      const [, ...rows] = parseCsv(res.text.replace(/^\uFEFF/, ''));
      expect(rows).toHaveLength(3);
      expect(new Set(rows.map((r) => r[0])).size).toBe(3);
      // One file, not the first attempt's start followed by the second's: a single byte-order mark, at the start.
      const bom = Buffer.from([0xef, 0xbb, 0xbf]);
      expect(res.bytes.subarray(0, 3)).toEqual(bom);
      expect(res.bytes.indexOf(bom, 1)).toBe(-1);
    } finally {
      spy.mockRestore();
      service.pageSize = pageSize;
    }
  });

  it('refuses an unknown format and a citizen', async () => {
    expect(
      (await planner.client.post(surveyPath(org, identified.activityId, '/exports'), { format: 'pdf' })).status,
    ).toBe(400);
    const citizen = await personWithRoles(app, org, ['citizen'], 'شهروند');
    expect(
      (await citizen.client.post(surveyPath(org, identified.activityId, '/exports'), { format: 'csv' })).status,
    ).toBe(403);
  });
});

/** A small RFC 4180 parser (quotes, doubled quotes, CRLF), independent of the writer. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let inQuotes = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inQuotes) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') inQuotes = false;
      else field += c;
    } else if (c === '"') inQuotes = true;
    else if (c === ',') {
      record.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      i++;
    } else field += c;
  }
  if (field || record.length) {
    record.push(field);
    records.push(record);
  }
  return records;
}
