import { randomUUID } from 'node:crypto';
import { readZipEntries, readZipEntry } from '../../src/modules/attachments/zip-entries';
import { buildOrganization, type BuiltOrganization } from '../factories/organization.factory';
import { buildPlan } from '../factories/plan.factory';
import { member } from '../problems/problem-helpers';
import { startTestApp, type TestApp } from '../support/test-app';
import type { TestClient } from '../support/test-client';
import { blocksOf, buildConsultation, planner, publishEdition } from './consultation-helpers';

const METRO = 'پیشنهاد می‌شود خط دوم مترو تا سال ۱۴۰۸ تکمیل شود.';
const TRAFFIC = 'ترافیک خیابان چهارباغ در ساعات اوج شدید است.';
const PARK = 'پارک‌های محله‌ای کم است.';
const EDITION_1 = [
  { kind: 'heading', level: 1, text: 'حمل و نقل' },
  { kind: 'paragraph', text: METRO },
  { kind: 'paragraph', text: TRAFFIC },
  { kind: 'heading', level: 1, text: 'فضای سبز' },
  { kind: 'paragraph', text: PARK },
];
const METRO_2 = 'پیشنهاد می‌شود خط دوم مترو تا سال ۱۴۰۶ تکمیل شود.';
// Edition 2 rewords the metro paragraph; edition 3 removes the traffic paragraph.
const EDITION_2 = [EDITION_1[0], { kind: 'paragraph', text: METRO_2 }, EDITION_1[2], EDITION_1[3], EDITION_1[4]];
const EDITION_3 = [EDITION_1[0], { kind: 'paragraph', text: METRO_2 }, EDITION_1[3], EDITION_1[4]];

type Block = { id: string; anchor: string; text: string };
type ReportBlock = { id: string; anchor: string; label: string; counts: Record<string, unknown> };
type ReportSection = {
  id: string;
  heading: string | null;
  label: string;
  committee: { id: string } | null;
  blocks: ReportBlock[];
};

describe('the consultation report across editions', () => {
  let t: TestApp;
  let org: BuiltOrganization;
  let activityId: string;
  let planId: string;
  let boss: Awaited<ReturnType<typeof planner>>;
  let citizen: Awaited<ReturnType<typeof member>>;
  let ngo: Awaited<ReturnType<typeof member>>;
  let one: Block[];
  let two: Block[];
  let three: Block[];
  let transportCommittee: string;
  let assignedStatus: number;
  const ids: Record<string, string> = {};
  const base = () => `/api/orgs/${org.slug}/consultations/${activityId}`;
  const post = (c: TestClient, body: Record<string, unknown>) => c.post(`/api/orgs/${org.slug}/comments`, body);
  const onBlock = async (c: TestClient, block: Block, body: string, extra: Record<string, unknown> = {}) => {
    const res = await post(c, { targetType: 'paragraph', targetId: block.id, body, ...extra });
    if (res.status !== 201) throw new Error(`comment: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.id as string;
  };
  const find = (blocks: Block[], text: string) => blocks.find((b) => b.text === text)!;
  const reportBlocks = (body: { sections: ReportSection[] }) => body.sections.flatMap((s) => s.blocks);

  beforeAll(async () => {
    t = await startTestApp();
    org = await buildOrganization(t.db);
    ({ activityId, planId } = await buildConsultation(t.db, org.id));
    boss = await planner(t, org);
    citizen = await member(t, org, ['citizen'], 'مریم شهروند');
    ngo = await member(t, org, ['ngo'], 'انجمن دوستداران زاینده‌رود');
    [{ id: transportCommittee }] = await t.db.query(
      `INSERT INTO committee (organization_id, plan_id, name) VALUES ($1, $2, $3) RETURNING id`,
      [org.id, planId, { fa: 'کارگروه حمل و نقل', en: 'Transport working group' }],
    );
    await t.db.query(`INSERT INTO committee (organization_id, plan_id, name) VALUES ($1, $2, $3)`, [
      org.id,
      planId,
      { fa: 'کارگروه محیط زیست' },
    ]);

    one = blocksOf(await publishEdition(boss.client, org.slug, activityId, 'ویرایش نخست', EDITION_1));
    // Edition 1: a thread with two replies on the metro paragraph, one on traffic, one on the park.
    ids.metro1 = await onBlock(citizen.client, find(one, METRO), 'خط دوم زودتر لازم است؛ پارکینگ ایستگاه‌ها هم.', {
      alignment: 'agree',
    });
    await onBlock(ngo.client, find(one, METRO), 'موافقیم.', { parentId: ids.metro1 });
    await onBlock(citizen.client, find(one, METRO), 'ممنون.', { parentId: ids.metro1 });
    ids.traffic1 = await onBlock(ngo.client, find(one, TRAFFIC), 'پاركينگ حاشیه‌ای را بردارید.', {
      alignment: 'disagree',
    });
    ids.park1 = await onBlock(citizen.client, find(one, PARK), 'پارکینگ‌ها را به پارک تبدیل کنید.');

    const sections: ReportSection[] = (await boss.client.get(`${base()}/report`)).body.sections;
    const transport = sections.find((s) => s.heading === 'حمل و نقل')!;
    // Asserted in the committee test, so the other stories run whatever becomes of it.
    assignedStatus = (
      await boss.client.put(`${base()}/sections/${transport.id}/committee`, { committeeId: transportCommittee })
    ).status;

    two = blocksOf(await publishEdition(boss.client, org.slug, activityId, 'ویرایش دوم', EDITION_2));
    ids.metro2 = await onBlock(ngo.client, find(two, METRO_2), 'سال ۱۴۰۶ واقع‌بینانه نیست.', {
      alignment: 'disagree',
    });
    three = blocksOf(await publishEdition(boss.client, org.slug, activityId, 'ویرایش سوم', EDITION_3));
    // After edition 3: an outcome on the edition-1 thread, and a new comment on edition 3.
    const outcome = await boss.client.post(`/api/orgs/${org.slug}/comments/${ids.metro1}/outcome`, {
      outcome: 'incorporated',
      reason: 'سال تکمیل جلو آمد.',
    });
    expect(outcome.status).toBe(200);
    await onBlock(citizen.client, find(three, METRO_2), 'بودجه‌اش از کجا می‌آید؟');
  });
  afterAll(() => t.close());

  it('counts carried threads and their later outcomes on the current paragraph, by edition, after edition 3', async () => {
    const res = await boss.client.get(`${base()}/report`);
    expect(res.status).toBe(200);
    const report = res.body;
    expect(report.edition.number).toBe(3);

    const metro = reportBlocks(report).find((b) => b.id === find(three, METRO_2).id)!;
    expect(metro.counts).toMatchObject({
      comments: 5,
      incorporated: 1,
      byAlignment: { agree: 1, disagree: 1, none: 3 },
      byCapacity: { citizen: 3, ngo: 2 },
      // the edition-1 thread has an outcome; the edition-2 and edition-3 comments wait
      unanswered: 2,
      byEdition: [
        { number: 1, comments: 3, incorporated: 1, notIncorporated: 0 },
        { number: 2, comments: 1, incorporated: 0, notIncorporated: 0 },
        { number: 3, comments: 1, incorporated: 0, notIncorporated: 0 },
      ],
    });
    expect(report.editions.map((e: { number: number }) => e.number)).toEqual([1, 2, 3]);
    const park = reportBlocks(report).find((b) => b.id === find(three, PARK).id)!;
    expect(park.counts).toMatchObject({ comments: 1, byEdition: [{ number: 1, comments: 1 }] });
    // The traffic paragraph is gone from edition 3, its comment is not.
    expect(report.droppedParagraphs).toMatchObject({ comments: 1, byAlignment: { disagree: 1 } });
    expect(report.totals).toMatchObject({ comments: 7, incorporated: 1 });
    expect(report.totals.byEdition).toEqual([
      { number: 1, comments: 5, incorporated: 1, notIncorporated: 0 },
      { number: 2, comments: 1, incorporated: 0, notIncorporated: 0 },
      { number: 3, comments: 1, incorporated: 0, notIncorporated: 0 },
    ]);
    const waiting = report.unansweredComments.map((c: { body: string }) => c.body);
    expect(waiting).toEqual(
      expect.arrayContaining(['پارکینگ حاشیه‌ای را بردارید.', 'سال ۱۴۰۶ واقع‌بینانه نیست.', 'بودجه‌اش از کجا می‌آید؟']),
    );
    const carried = report.unansweredComments.find((c: { body: string }) => c.body === 'سال ۱۴۰۶ واقع‌بینانه نیست.');
    expect(carried).toMatchObject({ editionNumber: 2, blockId: find(three, METRO_2).id, blockLabel: 'بخش ۱ › بند ۱' });

    // An earlier edition's report counts what was said up to it, on its own paragraphs.
    const first = (await boss.client.get(`${base()}/report?edition=1`)).body;
    expect(reportBlocks(first).find((b) => b.id === find(one, METRO).id)!.counts).toMatchObject({
      comments: 3,
      byEdition: [{ number: 1, comments: 3 }],
    });
    expect(first.totals.comments).toBe(5);
  });

  it('names both counts of a comment list: threads, and comments with replies', async () => {
    const res = await citizen.client.get(
      `/api/orgs/${org.slug}/comments?targetType=paragraph&targetId=${find(one, METRO).id}`,
    );
    expect(res.status).toBe(200);
    expect(res.body.items).toHaveLength(1);
    expect(res.body).toMatchObject({ threadCount: 1, commentCount: 3 });
    expect(res.body).not.toHaveProperty('total');
  });

  it('exports in the planner’s language: Jalali dates, labels, section and paragraph numbers, no anchors', async () => {
    const csv = await boss.client.get(`${base()}/report.csv`);
    expect(csv.status).toBe(200);
    const text = csv.bytes.toString('utf8');
    expect(text).toContain('بخش ۱: حمل و نقل');
    expect(text).toContain('بخش ۱ › بند ۱');
    expect(text).toContain('بخش ۲ › بند ۱');
    expect(text).toContain('کارگروه حمل و نقل');
    expect(text).toContain('دیدگاه‌های ویراست ۳');
    expect(text).toContain('بندهای حذف‌شده');
    for (const block of three) expect(text).not.toContain(block.anchor);
    expect(text).not.toMatch(/\bcitizen\b|\bagree\b|\d{4}-\d{2}-\d{2}T/);

    // The XLSX carries the same words; its unanswered sheet has the dates and the labels.
    const xlsx = await boss.client.get(`${base()}/report.xlsx?lang=fa`);
    expect(xlsx.status).toBe(200);
    const sheets = readXlsxStrings(xlsx.bytes);
    expect(sheets).toMatch(/۱۴[۰-۹]{2}\/[۰-۹]{2}\/[۰-۹]{2}, [۰-۹]{2}:[۰-۹]{2}/);
    expect(sheets).toContain('شهروند');
    expect(sheets).toContain('مخالف');
    expect(sheets).toContain('کارگروه‌ها');
    expect(sheets).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:/);

    const english = (await boss.client.get(`${base()}/report.csv?lang=en`)).bytes.toString('utf8');
    expect(english).toContain('Section 1 › paragraph 1');
    expect(english).toContain('Transport working group');
    expect(english).toContain('Comments on edition 3');
    const englishXlsx = readXlsxStrings((await boss.client.get(`${base()}/report.xlsx?lang=en`)).bytes);
    expect(englishXlsx).toContain('Citizen');
    expect(englishXlsx).toMatch(/\d{2}\/\d{2}\/20\d\d, \d{2}:\d{2}/);

    const arabic = (await boss.client.get(`${base()}/report.csv?lang=ar`)).bytes.toString('utf8');
    expect(arabic).toContain('القسم ١ › الفقرة ١');

    const bad = await boss.client.get(`${base()}/report.csv?lang=de`);
    expect(bad.status).toBe(400);
    expect(bad.body.fields).toHaveProperty('lang');
  });

  it('finds «پارکینگ» however it was typed, with the paragraph each comment belongs to', async () => {
    // The API stores comments normalised; rows loaded in bulk (an import, the seed, older data)
    // may keep Arabic ي/ك and a ZWNJ, and the search must find them too.
    const bulk = randomUUID();
    await t.db.query(
      `INSERT INTO comment (id, organization_id, target_type, target_id, root_id, depth, author_capacity, body, created_at)
       VALUES ($1, $2, 'paragraph', $3, $1, 0, 'expert', $4, now() - interval '1 day')`,
      [bulk, org.id, find(one, PARK).id, 'پاركينگ\u200cهاي محله كافي نيست.'],
    );
    const search = (q: string, c: TestClient = boss.client) =>
      c.get(`${base()}/comments/search?q=${encodeURIComponent(q)}`);
    const res = await search('پارکینگ');
    expect(res.status).toBe(200);
    const bodies = res.body.items.map((h: { body: string }) => h.body);
    // Persian ی/ک, Arabic ي/ك, and the ZWNJ plural all match; newest first.
    expect(bodies).toEqual([
      'پارکینگ‌ها را به پارک تبدیل کنید.',
      'پارکینگ حاشیه‌ای را بردارید.',
      'خط دوم زودتر لازم است؛ پارکینگ ایستگاه‌ها هم.',
      'پاركينگ\u200cهاي محله كافي نيست.',
    ]);
    expect(res.body.items[2]).toMatchObject({
      commentId: ids.metro1,
      editionNumber: 1,
      blockId: find(one, METRO).id,
      blockAnchor: find(one, METRO).anchor,
      isReply: false,
      capacity: 'citizen',
      outcome: 'incorporated',
    });
    // Written with Arabic letters, the term finds the Persian spelling too; digits fold as well.
    expect((await search('پاركينگها')).body.items.map((h: { body: string }) => h.body)).toEqual([
      'پارکینگ‌ها را به پارک تبدیل کنید.',
      'پاركينگ\u200cهاي محله كافي نيست.',
    ]);
    expect((await search('محله کافی')).body.items).toHaveLength(1);
    expect((await search('1406')).body.items.map((h: { body: string }) => h.body)).toEqual([
      'سال ۱۴۰۶ واقع‌بینانه نیست.',
    ]);
    expect((await search('100%')).body.items).toEqual([]);

    const paged = await boss.client.get(`${base()}/comments/search?q=${encodeURIComponent('پارکینگ')}&limit=3`);
    expect(paged.body.items).toHaveLength(3);
    const rest = await boss.client.get(
      `${base()}/comments/search?q=${encodeURIComponent('پارکینگ')}&limit=3&cursor=${paged.body.nextCursor}`,
    );
    expect(rest.body.items.map((h: { commentId: string }) => h.commentId)).toEqual([bulk]);
    expect(rest.body.nextCursor).toBeNull();

    expect((await search('پ')).status).toBe(400);
    const invisible = await search('\u200c\u064e\u200c');
    expect(invisible.status).toBe(400);
    expect(invisible.body.fields).toEqual({ q: 'too_short' });
    expect((await boss.client.get(`${base()}/comments/search?q=abc&cursor=zzz`)).status).toBe(400);
    expect((await search('پارکینگ', citizen.client)).status).toBe(403);
  });

  it('breaks the report down by committee, carried to later editions by the sections', async () => {
    expect(assignedStatus).toBe(200);
    const report = (await boss.client.get(`${base()}/report`)).body;
    const transport = report.sections.find((s: ReportSection) => s.heading === 'حمل و نقل');
    expect(transport.committee).toMatchObject({ id: transportCommittee, name: { fa: 'کارگروه حمل و نقل' } });
    expect(report.sections.find((s: ReportSection) => s.heading === 'فضای سبز').committee).toBeNull();
    expect(
      report.committees.map((c: { committee: { name: { fa: string } } | null; sectionCount: number }) => [
        c.committee?.name.fa ?? null,
        c.sectionCount,
      ]),
    ).toEqual([
      ['کارگروه حمل و نقل', 1],
      [null, 1],
      ['کارگروه محیط زیست', 0],
    ]);
    expect(report.committees[0].counts).toMatchObject({ comments: 5, incorporated: 1 });
    // the green section: the edition-1 comment and the one loaded in bulk by the search test
    expect(report.committees[1].counts).toMatchObject({ comments: 2 });

    // Assign the green section; a committee of another plan is refused and changes nothing.
    const green = report.sections.find((s: ReportSection) => s.heading === 'فضای سبز');
    const otherPlan = await buildPlan(t.db, org.id);
    const [{ id: foreign }] = await t.db.query(
      `INSERT INTO committee (organization_id, plan_id, name) VALUES ($1, $2, $3) RETURNING id`,
      [org.id, otherPlan.id, { fa: 'کارگروه دیگر' }],
    );
    const refused = await boss.client.put(`${base()}/sections/${green.id}/committee`, { committeeId: foreign });
    expect(refused.status).toBe(400);
    expect(refused.body.code).toBe('consultations.committee_not_found');
    // Nor may another municipality's committee, or its planner, touch this consultation.
    const otherOrg = await buildOrganization(t.db);
    const otherOrgPlan = await buildPlan(t.db, otherOrg.id);
    const [{ id: elsewhere }] = await t.db.query(
      `INSERT INTO committee (organization_id, plan_id, name) VALUES ($1, $2, $3) RETURNING id`,
      [otherOrg.id, otherOrgPlan.id, { fa: 'کارگروه شهر دیگر' }],
    );
    expect(
      (await boss.client.put(`${base()}/sections/${green.id}/committee`, { committeeId: elsewhere })).body.code,
    ).toBe('consultations.committee_not_found');
    const stranger = await planner(t, otherOrg);
    expect(
      (await stranger.client.put(`${base()}/sections/${green.id}/committee`, { committeeId: null })).status,
    ).toBeGreaterThanOrEqual(403);
    expect((await stranger.client.get(`${base()}/comments/search?q=${encodeURIComponent('پارکینگ')}`)).status).toBe(
      403,
    );
    const notOurs = await boss.client.put(`${base()}/sections/00000000-0000-4000-8000-000000000000/committee`, {
      committeeId: null,
    });
    expect(notOurs.body.code).toBe('consultations.section_not_found');
    expect((await citizen.client.put(`${base()}/sections/${green.id}/committee`, { committeeId: null })).status).toBe(
      403,
    );
    const after = (await boss.client.get(`${base()}/report`)).body;
    expect(after.sections.find((s: ReportSection) => s.heading === 'فضای سبز').committee).toBeNull();
  });

  it('keeps a section’s committee when a new edition renames its heading, by the paragraphs it carries', async () => {
    const four = await publishEdition(boss.client, org.slug, activityId, 'ویرایش چهارم', [
      { kind: 'heading', level: 1, text: 'حمل‌ونقل عمومی و مترو' },
      ...EDITION_3.slice(1),
    ]);
    expect(four.edition.number).toBe(4);
    const report = (await boss.client.get(`${base()}/report`)).body;
    expect(report.sections.find((s: ReportSection) => s.heading === 'حمل‌ونقل عمومی و مترو').committee).toMatchObject({
      id: transportCommittee,
    });
    expect(report.sections.find((s: ReportSection) => s.heading === 'فضای سبز').committee).toBeNull();
  });
});

/** The text of every part of an XLSX (sheet names, cells), joined: what a reader of the workbook sees. */
function readXlsxStrings(bytes: Buffer): string {
  const entries = readZipEntries(bytes);
  if (!entries) throw new Error('not a ZIP archive');
  return entries
    .filter((entry) => entry.name.startsWith('xl/'))
    .map((entry) => readZipEntry(bytes, entry, 1 << 24)?.toString('utf8') ?? '')
    .join('\n');
}
