import { randomUUID } from 'node:crypto';
import type { Client } from 'pg';
import type { TBlockInput } from '@hamandishi/contracts';
import { alignBlocks, anchorsFor, sectionAnchors } from '../../modules/consultations/editions/block-alignment';
import { type BlockInput, sectionsOf } from '../../modules/consultations/editions/edition-blocks';

/** The recognition-stage report the demo consultation asks citizens about (edition 1). */
const REPORT: TBlockInput[] = [
  { kind: 'heading', level: 1, text: 'کلیات' },
  {
    kind: 'paragraph',
    text: 'این گزارش جمع‌بندی مرحلهٔ شناخت برنامهٔ راهبردی-عملیاتی شهر اصفهان است: آنچه از آمار، اسناد بالادست و مسائل ثبت‌شده به دست شهروندان دریافتیم.',
  },
  {
    kind: 'paragraph',
    text: 'نظر شما دربارهٔ هر بند، پیش از انتشار ویرایش دوم، در متن نهایی بررسی می‌شود و نتیجهٔ آن به شما اطلاع داده خواهد شد.',
  },
  { kind: 'heading', level: 1, text: 'حمل و نقل و ترافیک' },
  {
    kind: 'paragraph',
    text: 'ترافیک محور چهارباغ و خیابان‌های اطراف میدان امام در ساعات اوج، زمان سفر را تا دو برابر افزایش می‌دهد.',
  },
  {
    kind: 'paragraph',
    text: 'پیشنهاد می‌شود خط دوم قطار شهری تا سال ۱۴۰۸ تکمیل و ایستگاه‌های آن با خطوط اتوبوس تندرو یکپارچه شود.',
  },
  {
    kind: 'list',
    ordered: false,
    items: [
      'گسترش شبکهٔ دوچرخه در حاشیهٔ زاینده‌رود',
      'نورپردازی و ایمن‌سازی پیاده‌راه‌ها',
      'ساماندهی پارک حاشیه‌ای در بافت تاریخی',
    ],
  },
  { kind: 'heading', level: 1, text: 'محیط زیست و آب' },
  {
    kind: 'paragraph',
    text: 'خشکی زاینده‌رود و فرونشست زمین در جنوب شرق شهر، مهم‌ترین تهدیدهای زیست‌محیطی اصفهان در افق برنامه‌اند.',
  },
  {
    kind: 'table',
    rows: [
      ['شاخص', 'وضع موجود', 'هدف ۱۴۱۴'],
      ['سرانهٔ فضای سبز (متر مربع)', '۲۹', '۳۵'],
      ['روزهای پاک هوا در سال', '۱۲۰', '۲۰۰'],
    ],
  },
  { kind: 'heading', level: 1, text: 'مسکن و بافت فرسوده' },
  {
    kind: 'paragraph',
    text: 'نوسازی بافت فرسوده با مشارکت ساکنان و بدون جابه‌جایی اجباری آنان، یکی از اولویت‌های پیشنهادی این گزارش است.',
  },
];

/**
 * Publishes edition 1 of the report in the demo plan's consultation activity, once, with a passage
 * comment from the demo citizen and a reply from the demo NGO, so the reading view has something to show.
 */
export async function seedDemoConsultation(client: Client, organizationId: string): Promise<void> {
  const { rows: activities } = await client.query(
    `SELECT a.id FROM activity a JOIN plan p ON p.id = a.plan_id
     WHERE a.organization_id = $1 AND a.type = 'consultation' AND a.title->>'fa' = 'نظرخواهی درباره گزارش مرحله شناخت'
     ORDER BY a.position LIMIT 1`,
    [organizationId],
  );
  const activityId: string | undefined = activities[0]?.id;
  if (!activityId) return;
  const { rows: existing } = await client.query(`SELECT 1 FROM consultation_edition WHERE activity_id = $1`, [
    activityId,
  ]);
  if (existing.length > 0) return;
  const account = async (role: string): Promise<string | null> =>
    (await client.query(`SELECT id FROM account WHERE email = $1`, [`${role}@demo.hamandishi.ir`])).rows[0]?.id ?? null;
  const [plannerId, citizenId, ngoId] = [await account('planner'), await account('citizen'), await account('ngo')];

  const sections = sectionsOf(REPORT as BlockInput[]);
  const blocks = sections.flatMap((s) => s.blocks);
  const anchors = anchorsFor(blocks, alignBlocks([], blocks).matches, []);
  const headingAnchors = sectionAnchors(sections.map((s) => s.heading));
  const { rows: editions } = await client.query(
    `INSERT INTO consultation_edition (organization_id, activity_id, number, title, status, source, block_count, created_by, published_by, published_at)
     VALUES ($1, $2, 1, 'گزارش مرحلهٔ شناخت، ویرایش نخست', 'published', 'editor', $3, $4, $4, now()) RETURNING id`,
    [organizationId, activityId, blocks.length, plannerId],
  );
  const editionId: string = editions[0].id;
  let at = 0;
  const blockIds: string[] = [];
  for (const [position, section] of sections.entries()) {
    const { rows } = await client.query(
      `INSERT INTO consultation_section (organization_id, edition_id, position, anchor, heading, level) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [organizationId, editionId, position, headingAnchors[position], section.heading, section.level],
    );
    for (const block of section.blocks) {
      const id = randomUUID();
      blockIds.push(id);
      await client.query(
        `INSERT INTO consultation_block (id, organization_id, edition_id, section_id, position, anchor, kind, text, content, lineage_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $1)`,
        [
          id,
          organizationId,
          editionId,
          rows[0].id,
          at,
          anchors[at],
          block.kind,
          block.text,
          JSON.stringify(block.content),
        ],
      );
      at++;
    }
  }

  // The metro paragraph: a citizen quotes a passage, an NGO replies.
  const metro = blocks.findIndex((b) => b.text.includes('خط دوم قطار شهری'));
  if (metro < 0 || !citizenId || !ngoId) return;
  const quote = 'خط دوم قطار شهری';
  const start = blocks[metro].text.indexOf(quote);
  const commentId = randomUUID();
  await client.query(
    `INSERT INTO comment (id, organization_id, target_type, target_id, root_id, depth, author_id, body, alignment, passage_start, passage_end, passage_quote)
     VALUES ($1, $2, 'paragraph', $3, $1, 0, $4, $5, 'agree', $6, $7, $8)`,
    [
      commentId,
      organizationId,
      blockIds[metro],
      citizenId,
      'تکمیل خط دوم برای محله‌های شرقی حیاتی است؛ لطفاً زودتر از ۱۴۰۸.',
      start,
      start + quote.length,
      quote,
    ],
  );
  await client.query(
    `INSERT INTO comment (organization_id, target_type, target_id, parent_id, root_id, depth, author_id, author_capacity, body)
     VALUES ($1, 'paragraph', $2, $3, $3, 1, $4, 'ngo', $5)`,
    [
      organizationId,
      blockIds[metro],
      commentId,
      ngoId,
      'موافقیم؛ ایستگاه‌ها باید برای افراد دارای معلولیت هم دسترس‌پذیر باشند.',
    ],
  );
  await client.query(`UPDATE consultation_block SET comment_count = 2 WHERE id = $1`, [blockIds[metro]]);
}
