import ExcelJS from 'exceljs';
import type { TStrategyContent, TStrategyImportResult, TStrategyStructure } from '@hamandishi/contracts';
import { generateStructure } from '../../bench/strategy-data';
import { MINIMAL_PDF } from '../attachments/files';
import { writeStructureXlsx } from '../../src/modules/strategy/strategy-xlsx';
import { buildOrganization, type BuiltOrganization } from '../factories/organization.factory';
import { buildPlan, thisJalaliYear } from '../factories/plan.factory';
import { personWithRoles } from '../plans/plan-helpers';
import { startTestApp, type TestApp } from '../support/test-app';
import type { TestClient } from '../support/test-client';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

// Ahvaz-size imports on a shared, loaded machine take longer than the default 30 s.
jest.setTimeout(180_000);

describe('the plan structure (planners)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  async function cityWithPlanner() {
    const org = await buildOrganization(t.db);
    const planner = await personWithRoles(t, org, ['citizen', 'planner']);
    const plan = await buildPlan(t.db, org.id);
    const [committee] = await t.db.query(`INSERT INTO committee (organization_id, plan_id, name) VALUES ($1, $2, $3) RETURNING id`, [
      org.id,
      plan.id,
      { fa: 'کمیته فضای سبز' },
    ]);
    return { org, planner: planner.client, plan, committeeId: committee.id as string, base: `/api/orgs/${org.slug}/plans/${plan.id}/strategy` };
  }

  const y = thisJalaliYear();
  const indicatorBody = (outputId: string, extra: Record<string, unknown> = {}) => ({
    outputId,
    code: 'I1',
    title: 'سرانه فضای سبز',
    unit: 'مترمربع',
    direction: 'increase',
    formula: 'green / pop',
    variables: [
      { name: 'green', label: 'مساحت' },
      { name: 'pop', label: 'جمعیت' },
    ],
    baselineYear: y - 2,
    baselineValue: 8.5,
    targets: [{ year: y, value: 9 }],
    ...extra,
  });

  async function importFile(client: TestClient, base: string, file: Buffer, mode: 'preview' | 'apply', fingerprint?: string) {
    const q = fingerprint ? `&fingerprint=${fingerprint}` : '';
    return client.rawBytes<TStrategyImportResult & { code?: string; fields?: Record<string, string> }>('POST', `${base}/import?mode=${mode}${q}`, file, { 'content-type': XLSX_TYPE });
  }

  it('builds the hierarchy through the editor and refuses what breaks its rules, pointing at the field', async () => {
    const { org, planner, base, committeeId } = await cityWithPlanner();
    let res = await planner.put(`${base}/statement`, { vision: 'شهری زیست‌پذیر', mission: 'خدمت', values: ['شفافیت', 'مشارکت'] });
    expect(res.status).toBe(200);
    res = await planner.post(`${base}/goals`, { code: 'G1', title: 'محیط زیست پایدار' });
    expect(res.status).toBe(201);
    const goal = (res.body as TStrategyStructure).goals[0];
    const dup = await planner.post(`${base}/goals`, { code: 'G1', title: 'تکراری' });
    expect(dup.status).toBe(400);
    expect(dup.body.fields).toEqual({ code: 'duplicate' });

    res = await planner.post(`${base}/outputs`, { goalId: goal.id, code: 'O1', title: 'افزایش فضای سبز' });
    const output = (res.body as TStrategyStructure).outputs[0];
    // a parent of another plan is not a parent here
    const other = await cityWithPlanner();
    const foreign = await other.planner.post(`${other.base}/goals`, { code: 'X', title: 'دیگر' });
    const orphan = await planner.post(`${base}/outputs`, { goalId: foreign.body.goals[0].id, code: 'O2', title: 'یتیم' });
    expect(orphan.status).toBe(400);
    expect(orphan.body.fields).toEqual({ goalId: 'unknown_code' });

    res = await planner.post(`${base}/indicators`, indicatorBody(output.id));
    expect(res.status).toBe(201);
    const indicator = (res.body as TStrategyStructure).indicators[0];
    expect(indicator).toMatchObject({ code: 'I1', formula: 'green / pop', baselineValue: 8.5, targets: [{ year: y, value: 9 }] });

    const unknownVariable = await planner.put(`${base}/indicators/${indicator.id}`, indicatorBody(output.id, { formula: 'green / people' }));
    expect(unknownVariable.status).toBe(400);
    expect(unknownVariable.body.fields).toEqual({ formula: 'formula_unknown_variable' });
    const zero = await planner.put(`${base}/indicators/${indicator.id}`, indicatorBody(output.id, { formula: 'green / (pop - pop + 0) / 0' }));
    expect(zero.body.fields).toEqual({ formula: 'formula_zero_division' });
    const outside = await planner.put(`${base}/indicators/${indicator.id}`, indicatorBody(output.id, { targets: [{ year: y + 30, value: 1 }] }));
    expect(outside.status).toBe(400);
    expect(outside.body.fields).toEqual({ 'targets.0.year': 'year_outside_horizon' });

    res = await planner.post(`${base}/projects`, {
      outputId: output.id,
      committeeId,
      code: 'P1',
      title: 'بوستان محله',
      districtIds: [org.districtIds[0]],
      location: { lat: 32.62, lng: 51.62 },
      totalCost: '۱٬۲۰۰٬۰۰۰٬۰۰۰',
      fundingSources: ['درآمد عمومی'],
    });
    expect(res.status).toBe(201);
    const project = (res.body as TStrategyStructure).projects[0];
    expect(project).toMatchObject({ totalCost: '1200000000', districtIds: [org.districtIds[0]], committeeId });
    const negative = await planner.put(`${base}/projects/${project.id}/budget`, { allocations: [{ year: y, amount: '-5' }] });
    expect(negative.status).toBe(400);
    expect(negative.body.fields).toEqual({ 'allocations.0.amount': 'negative_amount' });
    const early = await planner.put(`${base}/projects/${project.id}/budget`, { allocations: [{ year: y - 20, amount: '5' }] });
    expect(early.body.fields).toEqual({ 'allocations.0.year': 'year_outside_horizon' });
    const foreignDistrict = await planner.put(`${base}/projects/${project.id}`, { ...project, id: undefined, position: undefined, archived: undefined, districtIds: [other.org.districtIds[0]] });
    expect(foreignDistrict.status).toBe(400);

    res = await planner.post(`${base}/actions`, { projectId: project.id, code: 'A1', title: 'طراحی' });
    expect(res.status).toBe(201);

    // a goal with outputs under it stays; archive, copy, reorder
    const removeGoal = await planner.delete(`${base}/goals/${goal.id}`);
    expect(removeGoal.status).toBe(409);
    expect(removeGoal.body.code).toBe('strategy.has_children');
    const copied = await planner.post(`${base}/outputs/${output.id}/copy`);
    expect(copied.status).toBe(201);
    const s = copied.body as TStrategyStructure;
    expect(s.outputs.map((o) => o.code)).toEqual(['O1', 'O1-copy']);
    expect(s.indicators.map((i) => i.code).sort()).toEqual(['I1', 'I1-copy']);
    expect(s.actions.map((a) => a.code).sort()).toEqual(['A1', 'A1-copy']);
    const reordered = await planner.post(`${base}/outputs/reorder`, { ids: [s.outputs[1].id, s.outputs[0].id] });
    expect(reordered.body.outputs.map((o: { code: string }) => o.code)).toEqual(['O1-copy', 'O1']);
    const partial = await planner.post(`${base}/outputs/reorder`, { ids: [s.outputs[1].id] });
    expect(partial.status).toBe(400);
    const archived = await planner.post(`${base}/goals/${goal.id}/archive`, { archived: true });
    expect(archived.body.goals[0].archived).toBe(true);

    // another organisation sees nothing of it
    const peek = await other.planner.get(`/api/orgs/${other.org.slug}/plans/${s.plan.id}/strategy`);
    expect(peek.status).toBe(404);
    const citizen = await personWithRoles(t, org, ['citizen']);
    expect((await citizen.client.get(base)).status).toBe(403);

    // the live formula check
    const check = await planner.post(`${base}/formula/check`, { formula: 'a ÷ b', variables: ['a', 'b'], values: { a: 3, b: 0 } });
    expect(check.body).toMatchObject({ ok: false, code: 'division_by_zero', position: 2 });
  });

  async function ahvazPlan() {
    const city = await cityWithPlanner();
    const years = { from: y - 1, to: y + 3 };
    const content = generateStructure(years, { districtIds: city.org.districtIds, committeeIds: [city.committeeId] });
    const file = await writeStructureXlsx(content, {
      committees: [{ id: city.committeeId, name: 'کمیته فضای سبز' }],
      districts: city.org.districtIds.map((id, i) => ({ id, number: i + 1 })),
    });
    return { ...city, content, file, years };
  }

  const stripIds = (c: TStrategyContent | TStrategyStructure) => {
    const codeOf = new Map<string, string>();
    for (const list of [c.goals, c.outputs, c.indicators, c.portfolios, c.projects, c.actions, c.focusPoints]) for (const r of list) codeOf.set(r.id, r.code);
    const map = (v: unknown): unknown =>
      Array.isArray(v) ? v.map(map) : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).filter(([k]) => k !== 'id').map(([k, x]) => [k, map(x)])) : typeof v === 'string' && codeOf.has(v) ? codeOf.get(v) : v;
    const byCode = <T extends { code: string }>(rows: T[]) => [...rows].sort((a, b) => a.code.localeCompare(b.code));
    c = { ...c, goals: byCode(c.goals), outputs: byCode(c.outputs), indicators: byCode(c.indicators), portfolios: byCode(c.portfolios), projects: byCode(c.projects), actions: byCode(c.actions), focusPoints: byCode(c.focusPoints) };
    return map({ ...c, budget: [...c.budget].sort((a, b) => `${codeOf.get(a.projectId ?? a.portfolioId ?? '')}${a.year}`.localeCompare(`${codeOf.get(b.projectId ?? b.portfolioId ?? '')}${b.year}`)) });
  };
  const contentOf = (s: TStrategyStructure): TStrategyContent => ({
    statement: s.statement,
    focusPoints: s.focusPoints,
    goals: s.goals,
    outputs: s.outputs,
    indicators: s.indicators,
    portfolios: s.portfolios,
    projects: s.projects,
    actions: s.actions,
    budget: s.budget,
  });

  it('imports an Ahvaz-size plan from XLSX, and what it exports imports back without a change', async () => {
    const { planner, base, content, file } = await ahvazPlan();
    const preview = await importFile(planner, base, file, 'preview');
    expect(preview.status).toBe(200);
    expect(preview.body.issues).toEqual([]);
    expect(preview.body.counts.added).toBe(1 + 4 + 31 + 84 + 50 + 160 + 120 + content.budget.length);
    const applied = await importFile(planner, base, file, 'apply', preview.body.fingerprint);
    expect(applied.status).toBe(200);
    expect(applied.body.applied).toBe(true);

    const stored = (await planner.get(base)).body as TStrategyStructure;
    expect(stripIds(contentOf(stored))).toEqual(stripIds(content));
    // the formula-looking description went out neutralised and came back as typed
    expect(stored.projects[0].description).toBe('=HYPERLINK("http://example.com")');

    const exported = await planner.get(`${base}/export.xlsx`);
    expect(exported.status).toBe(200);
    expect(exported.headers.get('content-type')).toBe(XLSX_TYPE);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(exported.bytes as unknown as ArrayBuffer);
    expect(workbook.getWorksheet('projects')!.getColumn(1).hidden).toBe(true);
    expect(workbook.getWorksheet('projects')!.getRow(2).getCell(7).value).toBe('\'=HYPERLINK("http://example.com")');

    const again = await importFile(planner, base, exported.bytes, 'preview');
    expect(again.body.issues).toEqual([]);
    expect(again.body.changes).toEqual([]);
    const reapplied = await importFile(planner, base, exported.bytes, 'apply', again.body.fingerprint);
    expect(reapplied.body.applied).toBe(true);
    const after = (await planner.get(base)).body as TStrategyStructure;
    expect(contentOf(after)).toEqual(contentOf(stored));
  });

  it('applies an edited workbook as a previewed diff, all or nothing, and reports broken rows by sheet, row and cell', async () => {
    const { planner, base, file } = await ahvazPlan();
    const first = await importFile(planner, base, file, 'preview');
    await importFile(planner, base, file, 'apply', first.body.fingerprint);
    const exported = (await planner.get(`${base}/export.xlsx`)).bytes;

    const edit = async (change: (wb: ExcelJS.Workbook) => void) => {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(exported as unknown as ArrayBuffer);
      change(wb);
      return Buffer.from(await wb.xlsx.writeBuffer());
    };
    const edited = await edit((wb) => {
      wb.getWorksheet('goals')!.getRow(2).getCell(3).value = 'مقصد بازنویسی‌شده';
      wb.getWorksheet('goals')!.addRow(['', 'G5', 'مقصد تازه', '', '']);
      wb.getWorksheet('actions')!.spliceRows(121, 1);
    });
    const preview = await importFile(planner, base, edited, 'preview');
    expect(preview.body.issues).toEqual([]);
    expect(preview.body.counts).toEqual({ added: 1, changed: 1, removed: 1 });
    expect(preview.body.changes).toEqual(
      expect.arrayContaining([
        { level: 'goal', kind: 'changed', code: 'G1', title: 'مقصد بازنویسی‌شده', fields: [{ field: 'title', before: 'مقصد راهبردی 1: شهر زیست‌پذیر', after: 'مقصد بازنویسی‌شده' }] },
        { level: 'goal', kind: 'added', code: 'G5', title: 'مقصد تازه', fields: [] },
        { level: 'action', kind: 'removed', code: 'A99', title: 'اقدام 99', fields: [] },
      ]),
    );
    // the structure changes under the preview: its fingerprint no longer applies
    await planner.put(`${base}/statement`, { vision: 'دیگر', mission: '', values: [] });
    const stale = await importFile(planner, base, edited, 'apply', preview.body.fingerprint);
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('strategy.import_stale');
    const fresh = await importFile(planner, base, edited, 'preview');
    const applied = await importFile(planner, base, edited, 'apply', fresh.body.fingerprint);
    expect(applied.body.applied).toBe(true);
    const s = (await planner.get(base)).body as TStrategyStructure;
    expect(s.goals.map((g) => g.code)).toEqual(['G1', 'G2', 'G3', 'G4', 'G5']);
    expect(s.actions).toHaveLength(119);

    // broken codes, a negative amount, a target outside the horizon, an unknown variable
    const before = JSON.stringify(contentOf(s));
    const broken = await edit((wb) => {
      wb.getWorksheet('outputs')!.getRow(3).getCell(3).value = 'G99';
      wb.getWorksheet('projects')!.getRow(4).getCell(14).value = '-1000';
      wb.getWorksheet('targets')!.getRow(2).getCell(2).value = y + 40;
      wb.getWorksheet('indicators')!.getRow(5).getCell(7).value = 'green_area / nobody';
      wb.getWorksheet('goals')!.getRow(2).getCell(3).value = 'تغییری که نباید بماند';
    });
    const report = await importFile(planner, base, broken, 'preview');
    expect(report.body.ok).toBe(false);
    expect(report.body.issues).toEqual(
      expect.arrayContaining([
        { sheet: 'outputs', row: 3, column: 'goal_code', code: 'unknown_code', value: 'G99' },
        { sheet: 'projects', row: 4, column: 'total_cost', code: 'negative_amount' },
        { sheet: 'targets', row: 2, column: 'year', code: 'year_outside_horizon' },
        { sheet: 'indicators', row: 5, column: 'formula', code: 'formula_unknown_variable' },
      ]),
    );
    const refused = await importFile(planner, base, broken, 'apply', report.body.fingerprint);
    expect(refused.status).toBe(400);
    expect(refused.body.code).toBe('strategy.import_invalid');
    expect(refused.body.fields?.['outputs.3.goal_code']).toBe('unknown_code');
    expect(JSON.stringify(contentOf((await planner.get(base)).body))).toBe(before);

    const garbage = await planner.rawBytes('POST', `${base}/import?mode=preview`, Buffer.from('PK\u0003\u0004not a zip'), { 'content-type': XLSX_TYPE });
    expect(garbage.status).toBe(400);
    expect(garbage.body.code).toBe('strategy.import_file_invalid');
  });

  it("slices a year's budget by goal, committee, district and funding source, each summing to the total", async () => {
    const { planner, base, file, content, years } = await ahvazPlan();
    const preview = await importFile(planner, base, file, 'preview');
    await importFile(planner, base, file, 'apply', preview.body.fingerprint);
    const res = await planner.get(`${base}/budget?year=${years.from}`);
    expect(res.status).toBe(200);
    const expected = content.budget.filter((b) => b.year === years.from).reduce((s, b) => s + BigInt(b.amount), 0n);
    expect(res.body.total).toBe(expected.toString());
    expect(expected > BigInt(Number.MAX_SAFE_INTEGER)).toBe(true);
    for (const slice of ['byGoal', 'byCommittee', 'byDistrict', 'byFundingSource', 'byPortfolio'] as const) {
      const sum = (res.body[slice] as { amount: string }[]).reduce((s, x) => s + BigInt(x.amount), 0n);
      expect(`${slice} ${sum}`).toBe(`${slice} ${expected}`);
    }
    expect(res.body.byGoal.filter((g: { key: string | null }) => g.key)).toHaveLength(4);
    // portfolios' own allocations serve no district: the null slice
    expect(res.body.byDistrict.map((d: { code: string | null }) => d.code)).toEqual(expect.arrayContaining(['1', '2', null]));
    expect((await planner.get(`${base}/budget?year=abc`)).status).toBe(400);
  });

  it('gates edits by the plan status, records council approval and conformity, and keeps revisions side by side', async () => {
    const { org, planner, base, plan } = await cityWithPlanner();
    const planUrl = `/api/orgs/${org.slug}/plans/${plan.id}`;
    await planner.post(`${base}/goals`, { code: 'G1', title: 'مقصد نخست' });
    // nothing to approve while drafting
    const early = await planner.post(`${base}/approvals`, { kind: 'council_approval', outcome: 'approved', decidedOn: '2026-05-01' });
    expect(early.status).toBe(409);
    expect(early.body.code).toBe('strategy.approval_not_allowed');
    expect((await planner.post(`${planUrl}/status`, { status: 'council_review' })).status).toBe(200);
    const frozen = await planner.post(`${base}/goals`, { code: 'G2', title: 'در بررسی' });
    expect(frozen.status).toBe(409);
    expect(frozen.body.code).toBe('strategy.not_editable');

    const doc = await planner.rawBytes('POST', `/api/orgs/${org.slug}/attachments?ownerType=plan&ownerId=${plan.id}&filename=council.pdf`, MINIMAL_PDF, {
      'content-type': 'application/pdf',
    });
    expect(doc.status).toBe(201);
    const wrongOutcome = await planner.post(`${base}/approvals`, { kind: 'council_approval', outcome: 'conforming', decidedOn: '2026-05-01' });
    expect(wrongOutcome.body.fields).toEqual({ outcome: 'invalid_value' });
    const approved = await planner.post(`${base}/approvals`, {
      kind: 'council_approval',
      outcome: 'approved',
      decidedOn: '2026-05-01',
      reference: 'مصوبه ۱۲۳',
      attachmentId: doc.body.id,
    });
    expect(approved.status).toBe(201);
    let s = approved.body as TStrategyStructure;
    expect(s.plan.status).toBe('approved');
    expect(s.approvals).toEqual([expect.objectContaining({ kind: 'council_approval', outcome: 'approved', decidedOn: '2026-05-01', attachment: expect.objectContaining({ id: doc.body.id }) })]);
    expect(s.versions).toHaveLength(1);
    expect(s.isEditable).toBe(false);
    s = (await planner.post(`${base}/approvals`, { kind: 'conformity_check', outcome: 'conforming', decidedOn: '2026-06-01' })).body;
    expect(s.plan.status).toBe('conformity_checked');
    expect((await planner.post(`${planUrl}/status`, { status: 'in_execution' })).status).toBe(200);

    // the annual revision: freeze, edit, compare
    const v = await planner.post(`${base}/versions`, { year: y + 1, label: 'بازنگری سالانه' });
    expect(v.status).toBe(201);
    const versionId = (v.body as TStrategyStructure).versions[0].id;
    const goal = (v.body as TStrategyStructure).goals[0];
    await planner.put(`${base}/goals/${goal.id}`, { code: 'G1', title: 'مقصد بازنگری‌شده' });
    await planner.post(`${base}/goals`, { code: 'G2', title: 'مقصد تازه' });
    const cmp = await planner.get(`${base}/versions/compare?from=${versionId}&to=current`);
    expect(cmp.status).toBe(200);
    expect(cmp.body.changes).toEqual([
      { level: 'goal', kind: 'changed', code: 'G1', title: 'مقصد بازنگری‌شده', fields: [{ field: 'title', before: 'مقصد نخست', after: 'مقصد بازنگری‌شده' }] },
      { level: 'goal', kind: 'added', code: 'G2', title: 'مقصد تازه', fields: [] },
    ]);
    const firstVersion = s.versions[0].id;
    const history = await planner.get(`${base}/versions/compare?from=${firstVersion}&to=${versionId}`);
    expect(history.body.changes).toEqual([]);
    expect((await planner.get(`${base}/versions/compare?from=00000000-0000-4000-8000-000000000000&to=current`)).status).toBe(404);
  });

  it('takes public comments on goals and projects', async () => {
    const { org, planner, base } = await cityWithPlanner();
    const s = (await planner.post(`${base}/goals`, { code: 'G1', title: 'مقصد' })).body as TStrategyStructure;
    const citizen = await personWithRoles(t, org, ['citizen'], 'شهروند');
    const res = await citizen.client.post(`/api/orgs/${org.slug}/comments`, { targetType: 'goal', targetId: s.goals[0].id, body: 'این مقصد را تأیید می‌کنم' });
    expect(res.status).toBe(201);
    const list = await citizen.client.get(`/api/orgs/${org.slug}/comments?targetType=goal&targetId=${s.goals[0].id}`);
    expect(list.status).toBe(200);
    const missing = await citizen.client.post(`/api/orgs/${org.slug}/comments`, { targetType: 'project', targetId: s.goals[0].id, body: 'نیست' });
    expect(missing.status).toBe(404);
  });
});

export type { BuiltOrganization };
