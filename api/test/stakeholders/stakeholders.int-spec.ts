import ExcelJS from 'exceljs';
import { startTestApp, type TestApp } from '../support/test-app';
import { buildOrganization, type BuiltOrganization } from '../factories/organization.factory';
import { buildProblemCollection } from '../factories/problem.factory';
import { buildStage, daysFromToday } from '../factories/plan.factory';
import { personWithRoles } from '../plans/plan-helpers';
import { problemBody } from '../problems/problem-helpers';
import type { TestClient } from '../support/test-client';
import { buildSurvey, CONDITIONAL_DEFINITION, submit } from '../surveys/survey-helpers';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const csv = (lines: string[]) => Buffer.from(lines.join('\r\n'), 'utf8');

describe('the stakeholder registry', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  async function city() {
    const org = await buildOrganization(t.db);
    const planner = await personWithRoles(t, org, ['citizen', 'planner'], 'کارشناس برنامه‌ریزی');
    const collection = await buildProblemCollection(t.db, org.id, { capacities: ['citizen', 'ngo'] });
    return { org, planner: planner.client, plannerId: planner.accountId, ...collection };
  }

  const base = (org: BuiltOrganization) => `/api/orgs/${org.slug}/stakeholders`;

  async function register(client: TestClient, org: BuiltOrganization, body: Record<string, unknown>) {
    const res = await client.post(base(org), { form: 'organization', kind: 'ngo', ...body });
    expect(res.status).toBe(201);
    return res.body;
  }

  it('registers stakeholders, refuses a duplicate by normalised name, assesses them per plan and stage, verifies (audited)', async () => {
    const { org, planner, planId, stageId } = await city();
    const ngo = await register(planner, org, { name: 'انجمن دوستداران زاینده‌رود', themeIds: [org.themeIds[0]], districtIds: [org.districtIds[1]] });
    expect(ngo).toMatchObject({ kind: 'ngo', isVerified: false, themeIds: [org.themeIds[0]], districtIds: [org.districtIds[1]], contacts: [], canEdit: true });

    // The same name typed with Arabic letters and extra spaces is the same stakeholder.
    const dup = await planner.post(base(org), { name: ' انجمن  دوستداران زاينده‌رود ', form: 'organization', kind: 'ngo' });
    expect(dup.status).toBe(409);
    expect(dup.body.code).toBe('stakeholders.duplicate');
    // Another kind with the same name is a different actor.
    const media = await planner.post(base(org), { name: 'انجمن دوستداران زاینده‌رود', form: 'organization', kind: 'media' });
    expect(media.status).toBe(201);
    const similar = await planner.get(`${base(org)}/similar?name=${encodeURIComponent('انجمن دوستدار زاینده رود')}`);
    expect(similar.body.items.map((s: { id: string }) => s.id).sort()).toEqual([ngo.id, media.body.id].sort());
    expect((await planner.get(`${base(org)}/similar?name=${encodeURIComponent('دانشکده معماری')}`)).body.items).toEqual([]);

    // Bad input: a theme of nowhere, an unknown kind, scores out of range; nothing is changed.
    expect((await planner.post(base(org), { name: 'نهاد تازه', form: 'organization', kind: 'ngo', themeIds: ['00000000-0000-4000-8000-000000000000'] })).body.code).toBe(
      'organizations.theme_not_found',
    );
    expect((await planner.post(base(org), { name: 'نهاد تازه', form: 'organization', kind: 'club' })).status).toBe(400);
    const badScore = await planner.put(`${base(org)}/${ngo.id}/assessments/${planId}`, { relation: 'relevant', influence: 6, interest: 3, isMandatory: true });
    expect(badScore.status).toBe(400);
    const otherPlan = await buildProblemCollection(t.db, org.id);
    const foreignStage = await planner.put(`${base(org)}/${ngo.id}/assessments/${planId}`, {
      relation: 'relevant',
      influence: 4,
      interest: 5,
      isMandatory: true,
      stageRoles: [{ stageId: otherPlan.stageId, role: 'مشاور' }],
    });
    expect(foreignStage.status).toBe(400);
    expect(foreignStage.body.code).toBe('stakeholders.stage_not_in_plan');

    const assessed = await planner.put(`${base(org)}/${ngo.id}/assessments/${planId}`, {
      relation: 'influential',
      influence: 4,
      interest: 5,
      isMandatory: true,
      stageRoles: [{ stageId, role: 'ارائه مسائل محیط زیست' }],
    });
    expect(assessed.status).toBe(200);
    expect(assessed.body.assessments).toEqual([
      expect.objectContaining({ planId, relation: 'influential', influence: 4, interest: 5, isMandatory: true, stageRoles: [expect.objectContaining({ stageId, role: 'ارائه مسائل محیط زیست' })] }),
    ]);

    const grid = await planner.get(`${base(org)}/grid?planId=${planId}`);
    expect(grid.body.points).toEqual([expect.objectContaining({ id: ngo.id, influence: 4, interest: 5, relation: 'influential', isMandatory: true })]);

    const verified = await planner.put(`${base(org)}/${ngo.id}/verified`, { isVerified: true });
    expect(verified.body).toMatchObject({ isVerified: true, verifiedBy: { displayName: 'کارشناس برنامه‌ریزی' } });
    const audit = await t.db.query(`SELECT action FROM audit_entry WHERE organization_id = $1 AND entity_id = $2 ORDER BY created_at`, [org.id, ngo.id]);
    expect(audit.map((a: { action: string }) => a.action)).toEqual(['stakeholder.created', 'stakeholder.assessed', 'stakeholder.verified']);

    // Filters and search (Persian-normalised: ي and ك match ی and ک).
    await register(planner, org, { name: 'دانشگاه صنعتی اصفهان', kind: 'academic', form: 'organization' });
    const search = await planner.get(`${base(org)}?q=${encodeURIComponent('زاينده')}`);
    expect(search.body.items.map((s: { name: string }) => s.name).sort()).toEqual(['انجمن دوستداران زاینده‌رود', 'انجمن دوستداران زاینده‌رود']);
    const mandatory = await planner.get(`${base(org)}?planId=${planId}&mandatory=true`);
    expect(mandatory.body.items).toEqual([expect.objectContaining({ id: ngo.id, assessment: expect.objectContaining({ relation: 'influential' }) })]);
    expect((await planner.get(`${base(org)}?kind=academic`)).body.items.map((s: { name: string }) => s.name)).toEqual(['دانشگاه صنعتی اصفهان']);
    expect((await planner.get(`${base(org)}?verified=true`)).body.items.map((s: { id: string }) => s.id)).toEqual([ngo.id]);
    expect((await planner.get(`${base(org)}?themeId=${org.themeIds[0]}&districtId=${org.districtIds[1]}`)).body.items.map((s: { id: string }) => s.id)).toEqual([ngo.id]);
    const noPlan = await planner.get(`${base(org)}?relation=influential`);
    expect(noPlan.status).toBe(400);
    const page1 = await planner.get(`${base(org)}?limit=2`);
    expect(page1.body.items).toHaveLength(2);
    const page2 = await planner.get(`${base(org)}?limit=2&cursor=${page1.body.nextCursor}`);
    expect(page2.body.items).toHaveLength(1);
    expect(page2.body.nextCursor).toBeNull();
  });

  it('imports a CSV: a report by row and column with nothing saved, then the fixed file in one go, with duplicate suggestions', async () => {
    const { org, planner, planId } = await city();
    await register(planner, org, { name: 'خانه خلاقیت و نوآوری اصفهان', kind: 'private_sector' });
    const header = 'name,kind,form,themes,districts,relation,influence,interest,mandatory,contact_name,contact_phone,contact_email';
    const bad = csv([
      header,
      'سمن محیط زیست سبز,ngo,organization,transport,1,influential,4,5,true,مریم احمدی,09120000001,maryam@example.org',
      'شورای اسلامی شهر,city_council,organization,,,relevant,9,5,true,,,',
      'کانون خبرنگاران,press,organization,unknown-theme,7,beneficiary,2,3,false,,,not-an-email',
      'سمن محيط زيست سبز,ngo,organization,,,,,,,,,',
      'خانه خلاقیت و نوآوری اصفهان,private_sector,organization,,,,,,,,,',
    ]);
    const report = await planner.rawBytes('POST', `${base(org)}/import?planId=${planId}`, bad, { 'content-type': 'text/csv' });
    expect(report.status).toBe(200);
    expect(report.body).toMatchObject({ applied: false, rows: 5 });
    expect(report.body.problems).toEqual([
      { row: 3, column: 'influence', problem: 'bad_score' },
      { row: 4, column: 'kind', problem: 'bad_kind' },
      { row: 4, column: 'themes', problem: 'unknown_theme' },
      { row: 4, column: 'districts', problem: 'unknown_district' },
      { row: 4, column: 'contact_email', problem: 'bad_email' },
      { row: 5, column: 'name', problem: 'duplicate_in_file' },
      { row: 6, column: 'name', problem: 'duplicate_existing' },
    ]);
    expect((await planner.get(base(org))).body.items).toHaveLength(1);

    const fixed = csv([
      header,
      'سمن محیط زیست سبز,ngo,organization,transport;waste,1;2,influential,4,5,true,مریم احمدی,۰۹۱۲۰۰۰۰۰۰۱,maryam@example.org',
      'شورای اسلامی شهر,city_council,organization,,,relevant,5,3,true,,,',
      'خانه خلاقیت نوآوری اصفهان,private_sector,organization,,,beneficiary,2,4,false,,,',
    ]);
    const dry = await planner.rawBytes('POST', `${base(org)}/import?planId=${planId}&dryRun=true`, fixed, { 'content-type': 'text/csv' });
    expect(dry.body).toMatchObject({ dryRun: true, applied: false, created: 3, updated: 0, problems: [] });
    expect(dry.body.suggestions).toEqual([expect.objectContaining({ row: 4, similarTo: expect.objectContaining({ name: 'خانه خلاقیت و نوآوری اصفهان' }) })]);
    expect((await planner.get(base(org))).body.items).toHaveLength(1);

    const applied = await planner.rawBytes('POST', `${base(org)}/import?planId=${planId}`, fixed, { 'content-type': 'text/csv' });
    expect(applied.body).toMatchObject({ applied: true, created: 3, problems: [] });
    const grid = (await planner.get(`${base(org)}/grid?planId=${planId}`)).body.points;
    expect(grid.map((p: { name: string; influence: number }) => [p.name, p.influence]).sort()).toEqual(
      [
        ['خانه خلاقیت نوآوری اصفهان', 2],
        ['سمن محیط زیست سبز', 4],
        ['شورای اسلامی شهر', 5],
      ].sort(),
    );
    const green = (await planner.get(`${base(org)}?q=${encodeURIComponent('سبز')}`)).body.items[0];
    const profile = (await planner.get(`${base(org)}/${green.id}`)).body;
    expect(profile.themeIds.sort()).toEqual([...org.themeIds].sort());
    expect(profile.contacts).toEqual([expect.objectContaining({ name: 'مریم احمدی', phone: '09120000001', email: 'maryam@example.org' })]);

    // Unreadable, headerless or non-file bodies: a report or a clear 4xx, nothing saved.
    const broken = await planner.rawBytes('POST', `${base(org)}/import`, Buffer.from('PK\u0003\u0004not a zip'), { 'content-type': XLSX_TYPE });
    expect(broken.body.problems).toEqual([{ row: 1, column: null, problem: 'unreadable_file' }]);
    const noHeader = await planner.rawBytes('POST', `${base(org)}/import`, csv(['a,b', '1,2']), { 'content-type': 'text/csv' });
    expect(noHeader.body.problems.map((p: { problem: string }) => p.problem)).toEqual(['missing_header', 'missing_header']);
    const noPlan = await planner.rawBytes('POST', `${base(org)}/import`, csv(['name,kind,influence', 'نهاد,ngo,3']), { 'content-type': 'text/csv' });
    expect(noPlan.body.problems).toEqual([{ row: 2, column: 'influence', problem: 'assessment_without_plan' }]);
    expect((await planner.post(`${base(org)}/import`, { name: 'x' })).status).toBe(415);
    expect((await planner.get(base(org))).body.items).toHaveLength(4);
  });

  it('exports CSV and XLSX formula-safe, with contacts for staff only, and the export imports back as updates', async () => {
    const { org, planner, planId } = await city();
    const manager = await personWithRoles(t, org, ['citizen', 'manager'], 'مدیر منطقه');
    const evil = await register(planner, org, { name: '=HYPERLINK("http://x","y")', kind: 'media', description: '+1+2' });
    await planner.put(`${base(org)}/${evil.id}/assessments/${planId}`, { relation: 'relevant', influence: 2, interest: 2, isMandatory: false });
    await planner.post(`${base(org)}/${evil.id}/contacts`, { name: 'علی رضایی', phone: '09121111111', email: 'ali@example.org' });

    const staffCsv = await planner.get(`${base(org)}/export.csv?planId=${planId}`);
    expect(staffCsv.status).toBe(200);
    const text = Buffer.from(staffCsv.bytes).toString('utf8');
    expect(text).toContain(`'=HYPERLINK`);
    expect(text).toContain(`'+1+2`);
    expect(text).toContain('09121111111');
    expect(text.split('\r\n')[0]).toContain('contact_phone');

    const managerCsv = Buffer.from((await manager.client.get(`${base(org)}/export.csv?planId=${planId}`)).bytes).toString('utf8');
    expect(managerCsv).not.toContain('09121111111');
    expect(managerCsv).not.toContain('contact_');
    const managerView = await manager.client.get(`${base(org)}/${evil.id}`);
    expect(managerView.body).toMatchObject({ contacts: null, canEdit: false });
    expect((await manager.client.post(base(org), { name: 'نهاد', form: 'organization', kind: 'ngo' })).status).toBe(403);

    const xlsx = await planner.get(`${base(org)}/export.xlsx?planId=${planId}`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(xlsx.bytes) as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    const names: unknown[] = [];
    sheet.eachRow((row, i) => {
      if (i > 1) names.push(row.getCell(2).value);
    });
    expect(names).toEqual([`'=HYPERLINK("http://x","y")`]);
    expect(sheet.getRow(2).getCell(2).formula).toBeUndefined();

    const back = await planner.rawBytes('POST', `${base(org)}/import?planId=${planId}`, Buffer.from(xlsx.bytes), { 'content-type': XLSX_TYPE });
    expect(back.body).toMatchObject({ applied: true, created: 0, updated: 1, problems: [] });
    expect((await planner.get(`${base(org)}/${evil.id}`)).body).toMatchObject({ name: '=HYPERLINK("http://x","y")', description: '+1+2' });
  });

  it('linked accounts file problems on the stakeholder’s behalf; engagement history and the not-yet-heard list follow', async () => {
    const { org, planner, planId, stageId, activityId } = await city();
    const rep = await personWithRoles(t, org, ['citizen', 'ngo'], 'نماینده سمن');
    const stranger = await personWithRoles(t, org, ['citizen', 'ngo'], 'دیگری');
    const ngo = await register(planner, org, { name: 'سمن هوای پاک' });
    const council = await register(planner, org, { name: 'شورای شهر', kind: 'city_council' });
    for (const s of [ngo, council]) {
      await planner.put(`${base(org)}/${s.id}/assessments/${planId}`, { relation: 'influential', influence: 5, interest: 4, isMandatory: true, stageRoles: [{ stageId, role: 'نظر' }] });
    }
    const later = await buildStage(t.db, org.id, planId, daysFromToday(31), daysFromToday(60));

    expect((await planner.post(`${base(org)}/${ngo.id}/accounts`, { q: 'کسی که نیست' })).body.code).toBe('stakeholders.account_not_found');
    const linked = await planner.post(`${base(org)}/${ngo.id}/accounts`, { q: rep.mobile });
    expect(linked.status).toBe(201);
    expect(linked.body.accounts).toEqual([expect.objectContaining({ accountId: rep.accountId, displayName: 'نماینده سمن' })]);
    expect((await rep.client.get(`${base(org)}/mine`)).body.items).toEqual([{ id: ngo.id, name: 'سمن هوای پاک', kind: 'ngo' }]);
    // The representative reads its own stakeholder (no contacts), not the others.
    expect((await rep.client.get(`${base(org)}/${ngo.id}`)).body).toMatchObject({ contacts: null, canEdit: false });
    expect((await rep.client.get(`${base(org)}/${council.id}`)).status).toBe(404);

    const refused = await stranger.client.post(`/api/orgs/${org.slug}/activities/${activityId}/problems`, problemBody(org, { capacity: 'ngo', stakeholderId: ngo.id }));
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('stakeholders.not_linked');
    const filed = await rep.client.post(`/api/orgs/${org.slug}/activities/${activityId}/problems`, problemBody(org, { capacity: 'ngo', stakeholderId: ngo.id }));
    expect(filed.status).toBe(201);
    expect(filed.body.onBehalfOf).toBe('سمن هوای پاک');
    // The old free-text field still works.
    const freeText = await stranger.client.post(
      `/api/orgs/${org.slug}/activities/${activityId}/problems`,
      problemBody(org, { capacity: 'ngo', onBehalfOf: 'انجمن محلی', title: 'پیاده‌رو شکسته در محله جلفا' }),
    );
    expect(freeText.status).toBe(201);
    expect(freeText.body.onBehalfOf).toBe('انجمن محلی');
    const comment = await rep.client.post(`/api/orgs/${org.slug}/comments`, { targetType: 'problem', targetId: freeText.body.id, body: 'ما هم این مشکل را دیده‌ایم.' });
    expect(comment.status).toBe(201);

    // A problem the representative filed anonymously as a citizen does not count: it would tell who wrote it.
    const anonymous = await rep.client.post(
      `/api/orgs/${org.slug}/activities/${activityId}/problems`,
      problemBody(org, { isAnonymous: true, title: 'چراغ خاموش در کوچه', location: { lat: 32.63, lng: 51.63 } }),
    );
    expect(anonymous.status).toBe(201);

    // A survey (in another plan) answered by the representative counts too.
    const survey = await buildSurvey(t, org, planner, CONDITIONAL_DEFINITION);
    const response = await submit(rep.client, org, survey.activityId, { pet: { choice: 'no' } });
    expect(response.status).toBe(201);

    const history = await planner.get(`${base(org)}/${ngo.id}/engagement`);
    expect(history.body.items.map((i: { source: string; itemId: string; stageId: string }) => [i.source, i.itemId, i.stageId === stageId]).sort()).toEqual(
      [
        ['problem', filed.body.id, true],
        ['comment', comment.body.id, true],
        ['survey_response', response.body.id, false],
      ].sort(),
    );
    // The representative reads its own stakeholder's history; a citizen with no link does not.
    expect((await rep.client.get(`${base(org)}/${ngo.id}/engagement`)).body.items).toHaveLength(3);
    expect((await stranger.client.get(`${base(org)}/${ngo.id}/engagement`)).status).toBe(404);
    expect((await planner.get(`${base(org)}/${council.id}/engagement`)).body.items).toEqual([]);

    const notHeard = await planner.get(`${base(org)}/not-heard?planId=${planId}`);
    expect(notHeard.body.stages.map((s: { stageId: string; stakeholders: { id: string; role: string | null }[] }) => [s.stageId, s.stakeholders.map((x) => x.id)])).toEqual([
      [stageId, [council.id]],
      [later.id, [ngo.id, council.id]],
    ]);
    expect(notHeard.body.stages[0].stakeholders[0].role).toBe('نظر');

    // Archived: out of the list and the not-yet-heard list; its name is free for a new registration.
    expect((await planner.delete(`${base(org)}/${council.id}`)).status).toBe(204);
    expect((await planner.get(`${base(org)}/${council.id}`)).status).toBe(404);
    expect((await planner.get(`${base(org)}/not-heard?planId=${planId}`)).body.stages[1].stakeholders.map((x: { id: string }) => x.id)).toEqual([ngo.id]);
    expect((await planner.post(base(org), { name: 'شورای شهر', form: 'organization', kind: 'city_council' })).status).toBe(201);

    // Unlinked: the representative can no longer file for it.
    expect((await planner.delete(`${base(org)}/${ngo.id}/accounts/${rep.accountId}`)).status).toBe(204);
    const after = await rep.client.post(`/api/orgs/${org.slug}/activities/${activityId}/problems`, problemBody(org, { capacity: 'ngo', stakeholderId: ngo.id, title: 'چاله دیگری در خیابان' }));
    expect(after.body.code).toBe('stakeholders.not_linked');
  });

  it('never shows or changes another municipality’s stakeholders', async () => {
    const a = await city();
    const b = await city();
    const secret = await register(a.planner, a.org, { name: 'سمن محرمانه' });
    await a.planner.post(`${base(a.org)}/${secret.id}/contacts`, { name: 'تماس محرمانه', phone: '09129999999' });
    // B's planner, through B's slug, with A's ids.
    expect((await b.planner.get(`${base(b.org)}/${secret.id}`)).status).toBe(404);
    expect((await b.planner.patch(`${base(b.org)}/${secret.id}`, { name: 'ربوده' })).status).toBe(404);
    expect((await b.planner.put(`${base(b.org)}/${secret.id}/verified`, { isVerified: true })).status).toBe(404);
    expect((await b.planner.get(`${base(b.org)}/grid?planId=${a.planId}`)).body.code).toBe('stakeholders.plan_not_found');
    expect((await b.planner.get(base(b.org))).body.items).toEqual([]);
    expect(Buffer.from((await b.planner.get(`${base(b.org)}/export.csv`)).bytes).toString('utf8')).not.toContain('محرمانه');
    // B's planner through A's slug: not a member.
    expect((await b.planner.get(base(a.org))).status).toBe(403);
    // A B-stakeholder cannot take a theme of A.
    const cross = await b.planner.post(base(b.org), { name: 'سمن ب', form: 'organization', kind: 'ngo', themeIds: [a.org.themeIds[0]] });
    expect(cross.body.code).toBe('organizations.theme_not_found');
    expect((await a.planner.get(`${base(a.org)}/${secret.id}`)).body).toMatchObject({ name: 'سمن محرمانه', isVerified: false });
  });
});
