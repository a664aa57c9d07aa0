import type { Client } from 'pg';
import { jalaliYear } from '@hamandishi/text';
import { dayIn } from '../../modules/plans/plan-calendar';

/** The demo plan's Persian title: how the other demo seeds find it. */
export const PLAN_TITLE = 'برنامه راهبردی-عملیاتی شهر اصفهان ۱۴۰۵';
const DAY_MS = 86_400_000;

/** `n` days from today in Tehran, as `YYYY-MM-DD`: the demo always has an open phase. */
function day(n: number): string {
  return new Date(Date.parse(`${dayIn(new Date())}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
}

const COMMITTEES: [fa: string, en: string, themeSlug: string][] = [
  ['حمل‌ونقل عمومی', 'Public transport', 'public-transport'],
  ['مدیریت پسماند', 'Waste management', 'waste'],
  ['فضای سبز', 'Green space', 'green-space'],
  ['منظر شهری', 'City landscape', 'urban-landscape'],
  ['فرهنگ شهروندی', 'Citizenship culture', 'citizenship-culture'],
  ['هدایت آب‌های سطحی', 'Surface-water drainage', 'surface-water'],
  ['مالی', 'Finance', 'finance'],
  ['شهر هوشمند', 'Smart city', 'smart-city'],
];

const DOCUMENTS: { level: string; fa: string; en: string; issuer: string; year: number; directions: [string, string[]][] }[] = [
  {
    level: 'national', fa: 'قانون برنامه هفتم توسعه', en: 'Seventh Development Plan Law', issuer: 'مجلس شورای اسلامی', year: 1403,
    directions: [
      ['گسترش حمل‌ونقل عمومی و کاهش سهم خودروی شخصی در سفرهای شهری', ['public-transport', 'traffic']],
      ['کاهش دفن پسماند و افزایش سهم بازیافت', ['waste', 'recycling']],
      ['هوشمندسازی خدمات شهری و دولت الکترونیک', ['smart-city']],
    ],
  },
  {
    level: 'provincial', fa: 'سند آمایش استان اصفهان', en: 'Isfahan Province Spatial Plan', issuer: 'استانداری اصفهان', year: 1400,
    directions: [
      ['سازگاری با کم‌آبی و مدیریت آب‌های سطحی', ['surface-water', 'environment-crisis']],
      ['حفاظت از منظر تاریخی و محور زاینده‌رود', ['urban-landscape']],
    ],
  },
  {
    level: 'local', fa: 'طرح جامع شهر اصفهان', en: 'Isfahan Master Plan', issuer: 'شورای عالی شهرسازی و معماری', year: 1395,
    directions: [
      ['بازآفرینی بافت فرسوده و تاریخی', ['worn-out-fabric', 'urban-planning']],
      ['توسعه شبکه پیاده‌راه و دوچرخه', ['walking-cycling']],
      ['افزایش سرانه فضای سبز در مناطق کم‌برخوردار', ['green-space', 'parks']],
    ],
  },
];

/**
 * The demo plan of Isfahan with three phases (the first open now), two activities, committees and
 * upstream documents. Idempotent: a second run finds the plan by title and leaves it alone.
 */
export async function seedDemoPlan(client: Client, organizationId: string): Promise<void> {
  const { rows: existing } = await client.query(`SELECT id FROM plan WHERE organization_id = $1 AND title->>'fa' = $2`, [organizationId, PLAN_TITLE]);
  if (existing.length > 0) return;

  const { rows: themes } = await client.query(`SELECT id, slug FROM theme WHERE organization_id = $1`, [organizationId]);
  const themeId = new Map<string, string>(themes.map((t: { id: string; slug: string }) => [t.slug, t.id]));
  const { rows: planners } = await client.query(
    `SELECT m.account_id AS id FROM membership m JOIN account a ON a.id = m.account_id
     WHERE m.organization_id = $1 AND a.email = 'planner@demo.hamandishi.ir'`,
    [organizationId],
  );
  const plannerId: string | null = planners[0]?.id ?? null;

  // Years follow the title (1405), but never leave today outside the strategic horizon.
  const from = Math.min(1405, jalaliYear(new Date(Date.now() - 40 * DAY_MS), 'Asia/Tehran'));
  const { rows: plans } = await client.query(
    `INSERT INTO plan (organization_id, title, kind, strategic_from, strategic_to, operational_from, operational_to, summary, created_by)
     VALUES ($1, $2, 'strategic_operational', $3, $4, $3, $5, $6, $7) RETURNING id`,
    [
      organizationId,
      { fa: PLAN_TITLE, ar: 'الخطة الاستراتيجية-التشغيلية لمدينة أصفهان ١٤٠٥', en: 'Isfahan Strategic-Operational Plan 1405' },
      from, from + 9, from + 4,
      {
        fa: 'برنامه‌ای که با شهروندان نوشته می‌شود: شناخت وضع موجود و خواسته‌های مردم، تحلیل و تمرکز بر مسائل اصلی، و تجویز راهبردها و پروژه‌ها.',
        en: 'A plan written with citizens: recognition, analysis and prescription.',
      },
      plannerId,
    ],
  );
  const planId: string = plans[0].id;
  await client.query(`INSERT INTO plan_status_change (organization_id, plan_id, from_status, to_status, changed_by) VALUES ($1, $2, NULL, 'drafting', $3)`, [
    organizationId, planId, plannerId,
  ]);

  const phases: [string, string, string, string, number, number][] = [
    ['شناخت', 'Recognition', 'وضع موجود شهر چیست و مردم چه می‌خواهند؟', 'What is the state of the city, what do people want?', -30, 60],
    ['تحلیل', 'Analysis', 'نقاط تمرکز، تحلیل محتوای ورودی‌ها و برنامه شهرهای همتا.', 'Focus points, content analysis of inputs, peer cities.', 61, 150],
    ['تجویز', 'Prescription', 'راهبردها، مقاصد و پروژه‌ها.', 'Strategies, goals and projects.', 151, 240],
  ];
  const stageIds: string[] = [];
  for (const [position, [fa, en, dfa, den, start, end]] of phases.entries()) {
    const { rows } = await client.query(
      `INSERT INTO stage (organization_id, plan_id, position, title, description, starts_on, ends_on, announced_opened_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, CASE WHEN $6::date <= now()::date THEN now() END) RETURNING id`,
      [organizationId, planId, position, { fa, en }, { fa: dfa, en: den }, day(start), day(end)],
    );
    stageIds.push(rows[0].id);
  }

  const activities: [string, string, string, object][] = [
    ['problem_collection', 'ثبت مسائل شهر روی نقشه', 'Report the city’s problems on the map', { audience: 'signed_in' }],
    ['consultation', 'نظرخواهی درباره گزارش مرحله شناخت', 'Consultation on the recognition report', { audience: 'signed_in' }],
  ];
  for (const [position, [type, fa, en, participation]] of activities.entries()) {
    await client.query(
      `INSERT INTO activity (organization_id, plan_id, stage_id, type, position, title, participation, announced_opened_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, now())`,
      [organizationId, planId, stageIds[0], type, position, { fa, en }, participation],
    );
  }

  for (const [fa, en, slug] of COMMITTEES) {
    const { rows } = await client.query(
      `INSERT INTO committee (organization_id, plan_id, name, secretary_id) VALUES ($1, $2, $3, $4) RETURNING id`,
      [organizationId, planId, { fa: `کمیته ${fa}`, en: `${en} committee` }, plannerId],
    );
    const theme = themeId.get(slug);
    if (theme) await client.query(`INSERT INTO committee_theme (organization_id, committee_id, theme_id) VALUES ($1, $2, $3)`, [organizationId, rows[0].id, theme]);
    if (plannerId) await client.query(`INSERT INTO committee_member (organization_id, committee_id, account_id) VALUES ($1, $2, $3)`, [organizationId, rows[0].id, plannerId]);
  }

  for (const doc of DOCUMENTS) {
    const { rows } = await client.query(
      `INSERT INTO upstream_document (organization_id, plan_id, level, title, issuer, year) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [organizationId, planId, doc.level, { fa: doc.fa, en: doc.en }, doc.issuer, doc.year],
    );
    for (const [position, [text, slugs]] of doc.directions.entries()) {
      const ids = slugs.map((s) => themeId.get(s)).filter((id): id is string => !!id);
      await client.query(
        `INSERT INTO upstream_direction (organization_id, document_id, position, text, theme_ids) VALUES ($1, $2, $3, $4, $5::uuid[])`,
        [organizationId, rows[0].id, position, text, ids],
      );
    }
  }
}
