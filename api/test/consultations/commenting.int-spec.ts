import { buildOrganization, type BuiltOrganization } from '../factories/organization.factory';
import { buildProblemCollection, buildProblem } from '../factories/problem.factory';
import { member } from '../problems/problem-helpers';
import { startTestApp, type TestApp } from '../support/test-app';
import { TestClient } from '../support/test-client';
import { blocksOf, buildConsultation, planner, publishEdition } from './consultation-helpers';

const METRO = 'پیشنهاد می‌شود خط دوم مترو تا سال ۱۴۰۸ تکمیل شود.';
const TRAFFIC = 'ترافیک خیابان چهارباغ در ساعات اوج شدید است.';
const LIGHTS = 'پیاده‌راه‌ها نیاز به نورپردازی دارند.';
const EDITION_1 = [
  { kind: 'heading', level: 1, text: 'حمل و نقل' },
  { kind: 'paragraph', text: METRO },
  { kind: 'paragraph', text: TRAFFIC },
  { kind: 'paragraph', text: LIGHTS },
];

describe('commenting on a consultation', () => {
  let t: TestApp;
  let org: BuiltOrganization;
  let activityId: string;
  let boss: Awaited<ReturnType<typeof planner>>;
  let citizen: Awaited<ReturnType<typeof member>>;
  let ngo: Awaited<ReturnType<typeof member>>;
  let blocks: { id: string; anchor: string; text: string }[];
  let editionId: string;
  const base = () => `/api/orgs/${org.slug}/consultations/${activityId}`;
  const comments = (c: TestClient, body: Record<string, unknown>) => c.post(`/api/orgs/${org.slug}/comments`, body);
  const block = (text: string) => blocks.find((b) => b.text === text)!;

  beforeAll(async () => {
    t = await startTestApp();
    org = await buildOrganization(t.db);
    ({ activityId } = await buildConsultation(t.db, org.id));
    boss = await planner(t, org);
    citizen = await member(t, org, ['citizen'], 'مریم شهروند');
    ngo = await member(t, org, ['ngo'], 'انجمن دوستداران زاینده‌رود');
    const view = await publishEdition(boss.client, org.slug, activityId, 'گزارش مرحلهٔ شناخت', EDITION_1);
    blocks = blocksOf(view);
    editionId = view.edition.id;
  });
  afterAll(() => t.close());

  it('stores a comment on a Persian passage with its quote and position, and counts it in the margin', async () => {
    const start = METRO.indexOf('خط دوم مترو');
    const passage = { start, end: start + 'خط دوم مترو'.length, quote: 'خط دوم مترو' };
    const res = await comments(citizen.client, {
      targetType: 'paragraph',
      targetId: block(METRO).id,
      body: 'خط دوم زودتر لازم است.',
      alignment: 'agree',
      passage,
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      passage,
      alignment: 'agree',
      outcome: null,
      author: { displayName: 'مریم شهروند' },
    });

    const reply = await comments(ngo.client, {
      targetType: 'paragraph',
      targetId: block(METRO).id,
      parentId: res.body.id,
      body: 'موافقیم؛ بودجه را هم ببینید.',
    });
    expect(reply.status).toBe(201);
    expect(reply.body.authorCapacity).toBe('ngo');

    const view = (await new TestClient(t.url).get(base())).body;
    expect(blocksOf(view).find((b: { id: string }) => b.id === block(METRO).id)).toMatchObject({ commentCount: 2 });
    const thread = await new TestClient(t.url).get(
      `/api/orgs/${org.slug}/comments?targetType=paragraph&targetId=${block(METRO).id}`,
    );
    expect(thread.body.items[0]).toMatchObject({ passage, replies: [{ body: 'موافقیم؛ بودجه را هم ببینید.' }] });
  });

  it('refuses a passage that does not match the text, a passage on a reply or a problem, and stores nothing', async () => {
    const before = (await t.db.query(`SELECT count(*)::int AS n FROM comment WHERE organization_id = $1`, [org.id]))[0]
      .n;
    const wrong = await comments(citizen.client, {
      targetType: 'paragraph',
      targetId: block(TRAFFIC).id,
      body: 'نظر',
      passage: { start: 0, end: 5, quote: 'مترو ' },
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body).toMatchObject({ code: 'comments.passage_mismatch', fields: { passage: 'invalid_value' } });
    const outOfRange = await comments(citizen.client, {
      targetType: 'paragraph',
      targetId: block(TRAFFIC).id,
      body: 'نظر',
      passage: { start: 1000, end: 1004, quote: 'abcd' },
    });
    expect(outOfRange.body.code).toBe('comments.passage_mismatch');
    const lengthMismatch = await comments(citizen.client, {
      targetType: 'paragraph',
      targetId: block(TRAFFIC).id,
      body: 'نظر',
      passage: { start: 0, end: 9, quote: 'ترافیک' },
    });
    expect(lengthMismatch.status).toBe(400);

    const { activityId: collection, planId, stageId } = await buildProblemCollection(t.db, org.id);
    const problem = await buildProblem(t.db, {
      organizationId: org.id,
      planId,
      stageId,
      activityId: collection,
      themeId: org.themeIds[0],
      districtId: org.districtIds[0],
    });
    const onProblem = await comments(citizen.client, {
      targetType: 'problem',
      targetId: problem.id,
      body: 'نظر',
      passage: { start: 0, end: 1, quote: 'چ' },
    });
    expect(onProblem.body.code).toBe('comments.passage_not_supported');
    const after = (await t.db.query(`SELECT count(*)::int AS n FROM comment WHERE organization_id = $1`, [org.id]))[0]
      .n;
    expect(after).toBe(before);
  });

  it('links each comment of the moderator queue to its place: the paragraph of the consultation, the comment on its problem', async () => {
    const moderator = await member(t, org, ['moderator'], 'ناظر');
    const onParagraph = await comments(citizen.client, {
      targetType: 'paragraph',
      targetId: block(LIGHTS).id,
      body: 'نورپردازی کم است.',
    });
    expect(onParagraph.status).toBe(201);
    const { activityId: collection, planId, stageId } = await buildProblemCollection(t.db, org.id);
    const problem = await buildProblem(t.db, {
      organizationId: org.id,
      planId,
      stageId,
      activityId: collection,
      themeId: org.themeIds[0],
      districtId: org.districtIds[0],
    });
    const onProblem = await comments(citizen.client, {
      targetType: 'problem',
      targetId: problem.id,
      body: 'من هم دیده‌ام.',
    });
    expect(onProblem.status).toBe(201);

    const queue = await moderator.client.get(`/api/orgs/${org.slug}/moderation/comments?filter=newest&limit=100`);
    expect(queue.status).toBe(200);
    const linkOf = (id: string) => queue.body.items.find((c: { id: string }) => c.id === id)?.link;
    expect(linkOf(onParagraph.body.id)).toBe(
      `/${org.slug}/consultations/${activityId}?edition=1#p-${block(LIGHTS).anchor}`,
    );
    expect(linkOf(onProblem.body.id)).toBe(`/${org.slug}/problems/${problem.id}#comment-${onProblem.body.id}`);
  });

  it('keeps script out of comments: the HTML shown is escaped', async () => {
    const res = await comments(citizen.client, {
      targetType: 'document',
      targetId: editionId,
      body: '<script>alert(1)</script><img src=x onerror=alert(1)> **مهم**',
    });
    expect(res.status).toBe(201);
    expect(res.body.bodyHtml).not.toMatch(/<script|<img/i);
    expect(res.body.bodyHtml).toContain('&lt;script&gt;');
    expect(res.body.bodyHtml).toContain('<strong>مهم</strong>');
    expect((await new TestClient(t.url).get(base())).body.edition.documentCommentCount).toBe(1);
  });

  it('carries comments to edition 2, takes new ones on the latest edition only, and tells the commenter the outcome', async () => {
    const thread = await new TestClient(t.url).get(
      `/api/orgs/${org.slug}/comments?targetType=paragraph&targetId=${block(METRO).id}`,
    );
    const commentId = thread.body.items[0].id as string;

    const two = await publishEdition(boss.client, org.slug, activityId, 'گزارش مرحلهٔ شناخت، ویرایش دوم', [
      EDITION_1[0],
      { kind: 'paragraph', text: 'پیشنهاد می‌شود خط دوم مترو تا سال ۱۴۰۶ تکمیل شود.' },
      { kind: 'paragraph', text: TRAFFIC },
    ]);
    const metro2 = blocksOf(two).find((b: { anchor: string }) => b.anchor === block(METRO).anchor)!;
    expect(metro2).toMatchObject({
      change: 'modified',
      commentCount: 0,
      carriedCommentCount: 2,
      earlierBlocks: [{ id: block(METRO).id, editionNumber: 1, commentCount: 2 }],
    });

    // Those who commented on edition 1 hear of edition 2, with a link to what changed.
    expect((await ngo.client.get('/api/me/notifications')).body.items[0]).toMatchObject({
      kind: 'consultation.edition_published',
      params: { number: 2, title: 'گزارش مرحلهٔ شناخت، ویرایش دوم' },
      link: `/${org.slug}/consultations/${activityId}/diff?from=1&to=2`,
    });

    // Edition 1's threads take replies, not new comments.
    const late = await comments(citizen.client, {
      targetType: 'paragraph',
      targetId: block(TRAFFIC).id,
      body: 'دیر رسیدم',
    });
    expect(late.status).toBe(409);
    expect(late.body.code).toBe('consultations.not_latest');
    expect(
      (
        await comments(ngo.client, {
          targetType: 'paragraph',
          targetId: block(METRO).id,
          parentId: commentId,
          body: 'پیگیری می‌کنیم.',
        })
      ).status,
    ).toBe(201);

    // Only planners record outcomes, with a reason.
    const path = `/api/orgs/${org.slug}/comments/${commentId}/outcome`;
    expect((await citizen.client.post(path, { outcome: 'incorporated', reason: 'خودم' })).status).toBe(403);
    const noReason = await boss.client.post(path, { outcome: 'incorporated' });
    expect(noReason.status).toBe(400);
    expect(noReason.body.fields).toEqual({ reason: 'required' });
    const marked = await boss.client.post(path, { outcome: 'incorporated', reason: 'سال تکمیل به ۱۴۰۶ جلو آمد.' });
    expect(marked.status).toBe(200);
    expect(marked.body.outcome).toMatchObject({ status: 'incorporated', reason: 'سال تکمیل به ۱۴۰۶ جلو آمد.' });

    const bell = await citizen.client.get('/api/me/notifications');
    expect(bell.body.items[0]).toMatchObject({
      kind: 'comment.outcome',
      params: { outcome: 'incorporated', reason: 'سال تکمیل به ۱۴۰۶ جلو آمد.', excerpt: 'خط دوم زودتر لازم است.' },
      link: `/${org.slug}/consultations/${activityId}?edition=2#p-${block(METRO).anchor}`,
    });
    const seen = await citizen.client.get(
      `/api/orgs/${org.slug}/comments?targetType=paragraph&targetId=${block(METRO).id}`,
    );
    expect(seen.body.items[0].outcome.status).toBe('incorporated');

    // Not incorporated, with the reason, is also told; clearing says nothing.
    const other = await comments(citizen.client, {
      targetType: 'paragraph',
      targetId: metro2.id,
      body: 'تا ۱۴۰۵ هم ممکن است.',
    });
    await boss.client.post(`/api/orgs/${org.slug}/comments/${other.body.id}/outcome`, {
      outcome: 'not_incorporated',
      reason: 'بودجه کافی نیست.',
    });
    const bell2 = await citizen.client.get('/api/me/notifications');
    expect(bell2.body.items[0].params).toMatchObject({ outcome: 'not_incorporated', reason: 'بودجه کافی نیست.' });
    await boss.client.post(`/api/orgs/${org.slug}/comments/${other.body.id}/outcome`, { outcome: null });
    expect((await citizen.client.get('/api/me/notifications')).body.items).toHaveLength(bell2.body.items.length);
  });

  it('lets people propose and support amendments on the latest edition', async () => {
    const view = (await new TestClient(t.url).get(base())).body;
    const traffic = blocksOf(view).find((b: { text: string }) => b.text === TRAFFIC)!;
    const proposed = await citizen.client.post(`${base()}/amendments`, {
      blockId: traffic.id,
      passage: { start: 0, end: 6, quote: 'ترافیک' },
      proposedText: 'ترافیک سنگین',
      reason: 'دقیق‌تر است',
    });
    expect(proposed.status).toBe(201);
    expect(proposed.body).toMatchObject({ supportCount: 0, status: 'open', passage: { quote: 'ترافیک' } });
    const id = proposed.body.id;
    expect((await ngo.client.post(`${base()}/amendments/${id}/support`, { supported: true })).body).toMatchObject({
      supportCount: 1,
      supportedByMe: true,
    });
    expect((await ngo.client.post(`${base()}/amendments/${id}/support`, { supported: true })).body.supportCount).toBe(
      1,
    );
    expect((await boss.client.post(`${base()}/amendments/${id}/support`, { supported: true })).body.supportCount).toBe(
      2,
    );
    expect((await ngo.client.post(`${base()}/amendments/${id}/support`, { supported: false })).body.supportCount).toBe(
      1,
    );
    const list = await new TestClient(t.url).get(`${base()}/amendments?blockId=${traffic.id}`);
    expect(list.body.items).toHaveLength(1);
    expect(
      blocksOf((await new TestClient(t.url).get(base())).body).find((b: { id: string }) => b.id === traffic.id),
    ).toMatchObject({ amendmentCount: 1 });
    const wrong = await citizen.client.post(`${base()}/amendments`, {
      blockId: traffic.id,
      passage: { start: 0, end: 3, quote: 'xyz' },
      proposedText: 'x',
    });
    expect(wrong.body.code).toBe('comments.passage_mismatch');
    expect((await boss.client.post(`${base()}/amendments/${id}/status`, { status: 'accepted' })).body.status).toBe(
      'accepted',
    );
    expect((await citizen.client.get('/api/me/notifications')).body.items[0]).toMatchObject({
      kind: 'amendment.accepted',
      params: { excerpt: 'ترافیک سنگین' },
      link: `/${org.slug}/consultations/${activityId}?edition=2#p-${traffic.anchor}`,
    });
  });

  it('counts the report by alignment, capacity and answer, and exports it formula-safe', async () => {
    const view = (await new TestClient(t.url).get(base())).body;
    const traffic = blocksOf(view).find((b: { text: string }) => b.text === TRAFFIC)!;
    await comments(citizen.client, {
      targetType: 'paragraph',
      targetId: traffic.id,
      body: '=HYPERLINK("http://evil","x")',
      alignment: 'disagree',
    });
    const expert = await member(t, org, ['expert'], 'کارشناس');
    await comments(expert.client, {
      targetType: 'paragraph',
      targetId: traffic.id,
      body: 'نیاز به داده‌های شمارش دارد.',
      alignment: 'neutral',
    });

    const report = await boss.client.get(`${base()}/report`);
    expect(report.status).toBe(200);
    const row = report.body.sections
      .flatMap((s: { blocks: unknown[] }) => s.blocks)
      .find((b: { id: string }) => b.id === traffic.id);
    expect(row.counts).toMatchObject({
      comments: 2,
      byAlignment: { agree: 0, disagree: 1, neutral: 1, none: 0 },
      byCapacity: { citizen: 1, expert: 1, ngo: 0 },
      unanswered: 2,
      amendments: 1,
    });
    expect(report.body.edition.number).toBe(2);
    expect(report.body.topAmendments[0]).toMatchObject({ supportCount: 1, status: 'accepted' });
    expect(report.body.unansweredComments.map((c: { body: string }) => c.body)).toContain(
      'نیاز به داده‌های شمارش دارد.',
    );
    expect(JSON.stringify(report.body)).not.toContain('مریم شهروند');

    const first = await boss.client.get(`${base()}/report?edition=1`);
    const metro1 = first.body.sections[0].blocks.find((b: { anchor: string }) => b.anchor === block(METRO).anchor);
    expect(metro1.counts).toMatchObject({
      comments: 3,
      incorporated: 1,
      unanswered: 0,
      byCapacity: { citizen: 1, ngo: 2 },
    });
    expect(first.body.document.comments).toBe(1);

    const csv = await boss.client.get(`${base()}/report.csv`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const text = csv.bytes.toString('utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(text).toContain(TRAFFIC);
    expect(text).not.toMatch(/(^|,)=HYPERLINK/m);

    const xlsx = await boss.client.get(`${base()}/report.xlsx`);
    expect(xlsx.status).toBe(200);
    expect(xlsx.bytes.subarray(0, 2).toString('latin1')).toBe('PK');
    expect((await citizen.client.get(`${base()}/report.csv`)).status).toBe(403);
  });

  it('closes with its activity: read-only, still readable', async () => {
    await t.db.query(`UPDATE activity SET closes_at = now() - interval '1 minute' WHERE id = $1`, [activityId]);
    // The reading view may be a second old (ReadingCache); posting is checked against the database.
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const view = await citizen.client.get(base());
    expect(view.status).toBe(200);
    expect(view.body).toMatchObject({
      canComment: false,
      cannotCommentReason: 'plans.activity_closed',
      activity: { isOpen: false },
    });
    const target = blocksOf(view.body)[0];
    const res = await comments(citizen.client, { targetType: 'paragraph', targetId: target.id, body: 'دیر' });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('plans.activity_closed');
    const amend = await citizen.client.post(`${base()}/amendments`, { blockId: target.id, proposedText: 'x' });
    expect(amend.body.code).toBe('plans.activity_closed');
    expect((await new TestClient(t.url).get(`${base()}/diff?from=1&to=2`)).status).toBe(200);
  });
});
