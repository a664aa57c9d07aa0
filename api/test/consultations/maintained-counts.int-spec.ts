import type { Organization } from '../../src/modules/organizations/organization.entity';
import { CommitteesService } from '../../src/modules/plans/committees.service';
import { ConsultationReportService } from '../../src/modules/consultations/consultation-report.service';
import { ConsultationsRepository } from '../../src/modules/consultations/consultations.repository';
import { EditionsService } from '../../src/modules/consultations/editions.service';
import { ReportCache } from '../../src/modules/consultations/report-cache';
import { buildOrganization, type BuiltOrganization } from '../factories/organization.factory';
import { member } from '../problems/problem-helpers';
import { startTestApp, type TestApp } from '../support/test-app';
import { TestClient } from '../support/test-client';
import { blocksOf, buildConsultation, planner, publishEdition } from './consultation-helpers';

// The reading view's margin counts and the planner's report are kept (counters on the rows, a
// report kept per change version) rather than counted per read. After a random mix of comments,
// replies, hides and restores, outcomes, official answers, amendments and their supports and
// decisions, and new editions, made through two API processes on one database, both must equal
// a fresh count of the rows, whichever process answers.

/** Small seeded generator, so a failure replays the same story. */
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let x = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

const PARAGRAPHS = [
  'پیشنهاد می‌شود خط دوم مترو تا سال ۱۴۰۸ تکمیل شود.',
  'ترافیک خیابان چهارباغ در ساعات اوج شدید است.',
  'پارک‌های محله‌ای کم است و باید بیشتر شود.',
  'جمع‌آوری پسماند در شب انجام شود.',
  'پیاده‌راه‌ها برای سالمندان ناهموار است.',
  'بازآفرینی بافت فرسوده با مشارکت ساکنان انجام شود.',
];

/** Edition n: some paragraphs reworded, one dropped from edition 3 on, one added. */
function editionBlocks(n: number) {
  const texts = PARAGRAPHS.map((p, i) => (i % 3 === n % 3 ? p.replace('.', ` (ویرایش ${n}).`) : p));
  if (n >= 3) texts.splice(1, 1);
  if (n >= 2) texts.push(`بند تازه ویرایش ${n}: گزارش پیشرفت هر شش ماه منتشر شود.`);
  return [
    { kind: 'heading', level: 1, text: 'حمل و نقل و فضای سبز' },
    ...texts.slice(0, 3).map((text) => ({ kind: 'paragraph', text })),
    { kind: 'heading', level: 1, text: 'خدمات شهری' },
    ...texts.slice(3).map((text) => ({ kind: 'paragraph', text })),
  ];
}

type Block = { id: string; text: string };
type ViewBlock = {
  id: string;
  commentCount: number;
  amendmentCount: number;
  carriedCommentCount: number;
  earlierBlocks: { id: string; editionNumber: number; commentCount: number }[];
};

describe('kept consultation counts equal a fresh count (two API processes)', () => {
  let a: TestApp;
  let b: TestApp;
  let org: BuiltOrganization;
  let activityId: string;
  let boss: Awaited<ReturnType<typeof planner>>;
  /** The same planner's session, through the second process. */
  let bossOnB: TestClient;
  let moderator: Awaited<ReturnType<typeof member>>;
  const people: Awaited<ReturnType<typeof member>>[] = [];
  const rnd = random(15);
  const pick = <T>(items: T[]) => items[Math.floor(rnd() * items.length)];
  const base = () => `/api/orgs/${org.slug}/consultations/${activityId}`;
  let edition = 0;
  let latest: Block[] = [];
  const amendmentIds: string[] = [];
  let reportsChecked = 0;

  const ok = <R extends { status: number; body: unknown }>(res: R, ...expected: number[]): R => {
    if (!expected.includes(res.status)) throw new Error(`HTTP ${res.status}: ${JSON.stringify(res.body)}`);
    return res;
  };
  const publish = async () => {
    edition += 1;
    latest = blocksOf(
      await publishEdition(boss.client, org.slug, activityId, `ویرایش ${edition}`, editionBlocks(edition)),
    );
  };
  const comments = async (where: string) =>
    (await a.db.query(
      `SELECT c.id, c.parent_id AS "parentId", c.is_hidden AS "isHidden" FROM comment c
       WHERE c.organization_id = $1 AND c.target_type IN ('paragraph', 'document') ${where} ORDER BY c.created_at, c.id`,
      [org.id],
    )) as { id: string; parentId: string | null; isHidden: boolean }[];

  /** One random change, by a random person through a random process. */
  async function step(): Promise<void> {
    const who = pick(people);
    const roll = rnd();
    if (roll < 0.3) {
      await ok(
        await who.client.post(`/api/orgs/${org.slug}/comments`, {
          targetType: 'paragraph',
          targetId: pick(latest).id,
          body: 'این بند باید روشن‌تر بگوید چه کسی پاسخگوست.',
          ...(rnd() < 0.7 ? { alignment: pick(['agree', 'disagree', 'neutral']) } : {}),
        }),
        201,
      );
    } else if (roll < 0.45) {
      // A reply, also on an earlier edition's thread (those still take replies).
      const parents = await comments(`AND NOT c.is_hidden AND c.depth < 2`);
      if (!parents.length) return;
      const parent = pick(parents);
      const [{ targetType, targetId }] = await a.db.query(
        `SELECT target_type AS "targetType", target_id AS "targetId" FROM comment WHERE id = $1`,
        [parent.id],
      );
      await ok(
        await who.client.post(`/api/orgs/${org.slug}/comments`, {
          targetType,
          targetId,
          parentId: parent.id,
          body: 'موافقم.',
        }),
        201,
      );
    } else if (roll < 0.5) {
      const [{ id }] = await a.db.query(`SELECT id FROM consultation_edition WHERE activity_id = $1 AND number = $2`, [
        activityId,
        edition,
      ]);
      await ok(
        await who.client.post(`/api/orgs/${org.slug}/comments`, {
          targetType: 'document',
          targetId: id,
          body: 'کل سند خوب است.',
        }),
        201,
      );
    } else if (roll < 0.6) {
      const visible = await comments(`AND NOT c.is_hidden`);
      if (visible.length)
        await ok(
          await moderator.client.post(`/api/orgs/${org.slug}/comments/${pick(visible).id}/hide`, {
            reason: 'توهین‌آمیز',
          }),
          200,
        );
    } else if (roll < 0.65) {
      const hidden = await comments(`AND c.is_hidden`);
      if (hidden.length)
        await ok(
          await moderator.client.post(`/api/orgs/${org.slug}/comments/${pick(hidden).id}/restore`, {
            reason: 'بازبینی شد',
          }),
          200,
        );
    } else if (roll < 0.72) {
      // A hidden comment takes no outcome (409 comments.hidden).
      const top = await comments(`AND c.parent_id IS NULL AND NOT c.is_hidden`);
      if (!top.length) return;
      const outcome = pick(['incorporated', 'not_incorporated', null]);
      await ok(
        await boss.client.post(`/api/orgs/${org.slug}/comments/${pick(top).id}/outcome`, {
          outcome,
          ...(outcome ? { reason: 'در ویرایش بعد دیده شد.' } : {}),
        }),
        200,
      );
    } else if (roll < 0.77) {
      // An official answer: the planner replies, then marks the reply official.
      const top = await comments(`AND c.parent_id IS NULL AND NOT c.is_hidden`);
      if (!top.length) return;
      const root = pick(top);
      const [{ targetType, targetId }] = await a.db.query(
        `SELECT target_type AS "targetType", target_id AS "targetId" FROM comment WHERE id = $1`,
        [root.id],
      );
      const reply = await ok(
        await boss.client.post(`/api/orgs/${org.slug}/comments`, {
          targetType,
          targetId,
          parentId: root.id,
          body: 'پاسخ رسمی شهرداری.',
        }),
        201,
      );
      await ok(
        await boss.client.post(`/api/orgs/${org.slug}/comments/${reply.body.id}/official`, { isOfficial: true }),
        200,
      );
    } else if (roll < 0.85) {
      const res = await ok(
        await who.client.post(`${base()}/amendments`, {
          blockId: pick(latest).id,
          proposedText: 'متن پیشنهادی روشن‌تر برای این بند.',
          reason: 'دقیق‌تر است.',
        }),
        201,
      );
      amendmentIds.push(res.body.id);
    } else if (roll < 0.95) {
      if (!amendmentIds.length) return;
      await ok(
        await who.client.post(`${base()}/amendments/${pick(amendmentIds)}/support`, { supported: rnd() < 0.7 }),
        200,
        409,
      );
    } else {
      if (!amendmentIds.length) return;
      await ok(
        await boss.client.post(`${base()}/amendments/${pick(amendmentIds)}/status`, {
          status: pick(['accepted', 'rejected', 'open']),
          reason: 'تصمیم کارگروه',
        }),
        200,
      );
    }
  }

  /** The reading view (fresh for a planner) against the rows, through both processes. */
  async function checkReadingView(): Promise<void> {
    for (const client of [boss.client, bossOnB]) {
      const view = (await ok(await client.get(base()), 200)).body;
      const blocks: ViewBlock[] = view.edition.sections.flatMap((s: { blocks: ViewBlock[] }) => s.blocks);
      const fresh: { id: string; comments: number; amendments: number; earlier: { id: string; comments: number }[] }[] =
        await a.db.query(
          `SELECT b.id,
                  (SELECT count(*) FROM comment c WHERE c.target_type = 'paragraph' AND c.target_id = b.id AND NOT c.is_hidden)::int AS comments,
                  (SELECT count(*) FROM amendment m WHERE m.block_id = b.id)::int AS amendments,
                  coalesce((SELECT json_agg(json_build_object('id', eb.id, 'comments',
                              (SELECT count(*) FROM comment c WHERE c.target_type = 'paragraph' AND c.target_id = eb.id AND NOT c.is_hidden))
                            ORDER BY ee.number DESC)
                   FROM consultation_block eb JOIN consultation_edition ee ON ee.id = eb.edition_id
                   WHERE eb.lineage_id = b.lineage_id AND ee.number < e.number AND ee.activity_id = e.activity_id
                     AND b.change IS DISTINCT FROM 'new'), '[]') AS earlier
           FROM consultation_block b JOIN consultation_edition e ON e.id = b.edition_id
           WHERE e.activity_id = $1 AND e.number = $2 ORDER BY b.position`,
          [activityId, edition],
        );
      expect(
        blocks.map((x) => ({
          id: x.id,
          comments: x.commentCount,
          amendments: x.amendmentCount,
          earlier: x.earlierBlocks.map((e) => ({ id: e.id, comments: e.commentCount })),
          carried: x.carriedCommentCount,
        })),
      ).toEqual(fresh.map((f) => ({ ...f, carried: f.earlier.reduce((sum, e) => sum + e.comments, 0) })));
      const [{ n }] = await a.db.query(
        `SELECT count(*)::int AS n FROM comment WHERE target_type = 'document' AND target_id = $1 AND NOT is_hidden`,
        [view.edition.id],
      );
      expect(view.edition.documentCommentCount).toBe(n);
    }
  }

  /** The served report (kept per change) equals one computed afresh, and its counts equal the rows'. */
  async function checkReport(): Promise<void> {
    for (const [app, client] of [
      [a, boss.client],
      [b, bossOnB],
    ] as const) {
      const served = (await ok(await client.get(`${base()}/report`), 200)).body;
      const fresh = new ConsultationReportService(
        app.app.get(ConsultationsRepository),
        app.app.get(EditionsService),
        app.app.get(CommitteesService),
        new ReportCache(),
      );
      const organization = { id: org.id, slug: org.slug, defaultLocale: 'fa' } as Organization;
      expect(served).toEqual(await fresh.report(organization, activityId, undefined));

      const rows: { id: string; comments: number; amendments: number; unanswered: number; incorporated: number }[] =
        await a.db.query(
          `WITH cur AS (
             SELECT b.id, b.lineage_id, e.number FROM consultation_block b JOIN consultation_edition e ON e.id = b.edition_id
             WHERE e.activity_id = $1 AND e.number = $2
           ), versions AS (
             SELECT cur.id AS current_id, eb.id FROM cur JOIN consultation_block eb ON eb.lineage_id = cur.lineage_id
             JOIN consultation_edition ee ON ee.id = eb.edition_id WHERE ee.activity_id = $1 AND ee.number <= cur.number
           )
           SELECT cur.id,
             (SELECT count(*) FROM comment c JOIN versions v ON v.id = c.target_id
              WHERE v.current_id = cur.id AND c.target_type = 'paragraph' AND NOT c.is_hidden)::int AS comments,
             (SELECT count(*) FROM amendment m JOIN versions v ON v.id = m.block_id WHERE v.current_id = cur.id)::int AS amendments,
             (SELECT count(*) FROM comment c JOIN versions v ON v.id = c.target_id
              WHERE v.current_id = cur.id AND c.target_type = 'paragraph' AND NOT c.is_hidden AND c.parent_id IS NULL
                AND c.outcome IS NULL
                AND NOT EXISTS (SELECT 1 FROM comment r WHERE r.root_id = c.id AND r.id <> c.id AND r.is_official AND NOT r.is_hidden))::int AS unanswered,
             (SELECT count(*) FROM comment c JOIN versions v ON v.id = c.target_id
              WHERE v.current_id = cur.id AND c.target_type = 'paragraph' AND NOT c.is_hidden AND c.outcome = 'incorporated')::int AS incorporated
           FROM cur`,
          [activityId, edition],
        );
      const reported = new Map<string, Record<string, number>>(
        served.sections
          .flatMap((s: { blocks: { id: string; counts: Record<string, number> }[] }) => s.blocks)
          .map((x: { id: string; counts: Record<string, number> }) => [x.id, x.counts]),
      );
      for (const row of rows) {
        expect({ id: row.id, ...reported.get(row.id) }).toMatchObject(row);
      }
      reportsChecked += 1;
    }
  }

  beforeAll(async () => {
    a = await startTestApp();
    b = await startTestApp({}, { url: a.databaseUrl });
    org = await buildOrganization(a.db);
    ({ activityId } = await buildConsultation(a.db, org.id));
    boss = await planner(a, org);
    bossOnB = new TestClient(b.url);
    for (const [name, value] of boss.client.cookies) bossOnB.cookies.set(name, value);
    moderator = await member(b, org, ['moderator'], 'ناظر گفتگو');
    for (const [app, roles] of [
      [a, ['citizen']],
      [b, ['citizen']],
      [a, ['ngo']],
      [b, ['expert']],
    ] as const)
      people.push(await member(app, org, [...roles], 'شهروند'));
    await publish();
  }, 60_000);
  afterAll(async () => {
    await b?.close();
    await a?.close();
  });

  it('after a random mix of changes and three new editions, through either process', async () => {
    for (let i = 1; i <= 120; i++) {
      await step();
      if (i % 30 === 0 && edition < 4) await publish();
      if (i % 10 === 0) {
        await checkReadingView();
        await checkReport();
      }
    }
    await checkReadingView();
    await checkReport();
    expect(reportsChecked).toBe(26);
    const [{ comments: total }] = await a.db.query(
      `SELECT count(*)::int AS comments FROM comment WHERE organization_id = $1 AND NOT is_hidden`,
      [org.id],
    );
    expect(total).toBeGreaterThan(30);
  }, 240_000);
});
