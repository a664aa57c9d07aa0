// Loads the benchmark consultation into hm_bench (after generate.mjs): one consultation activity in the
// benchmark municipality with two published editions of 300 paragraphs in 20 sections (edition 2 is
// edition 1 with every tenth paragraph reworded, same lineages), 20,000 comments on edition 2's
// paragraphs (skewed: a few paragraphs with hundreds; 30 % replies; alignments, capacities, quoted
// passages, outcomes, official answers, 1 % hidden) and 5,000 on edition 1's, a few hundred on the
// editions as a whole, 300 amendments with their supports, every counter equal to its rows; and a
// planner account with a session for the report.
// Usage: node api/bench/generate-consultation.mjs [--force]
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DATABASE_URL, ORG_SLUG, ROOT, pg, require } from './common.mjs';

export const SECTIONS = 20;
export const PARAGRAPHS = 300;
export const COMMENTS = 20_000;
export const EARLIER_COMMENTS = 5_000;
const DOCUMENT_COMMENTS = 200;
const AMENDMENTS = 300;
/** Marks the benchmark consultation among the municipality's activities. */
export const CONSULTATION_TITLE = '{"fa":"سند راهبردی شهر (محک)","en":"City strategy (benchmark)"}';
/** The planner's session cookie: 43 characters, the shape sessions.service.ts accepts. */
export const PLANNER_TOKEN = `benchplanner${'0'.repeat(31)}`;
const PLANNER_EMAIL = 'planner@bench.example.test';
const force = process.argv.includes('--force');

const step = (m) => process.stdout.write(`» ${m}\n`);

// Paragraph n of edition 1, and its rewording in edition 2 (every tenth paragraph).
const TEXT = (n) =>
  `'بند ' || (${n}) || '. ' || repeat('شهرداری موظف است برنامه‌های حمل‌ونقل عمومی، فضای سبز و بازآفرینی بافت فرسوده را با مشارکت شهروندان و سازمان‌های مردم‌نهاد تدوین و هر سال گزارش پیشرفت آن را منتشر کند. ', 3)`;
const REWORDED = (n) => `replace(${TEXT(n)}, 'هر سال', 'هر شش ماه')`;

/**
 * Comments on the blocks of one edition, set-based: `top` top-level comments, then `replies`
 * replies to them and `deeper` replies to replies. A paragraph is picked by rank: 60 % of the
 * comments follow u² over the ranks (rank 0 gets about 3.5 %), 40 % are uniform; ranks are
 * scattered over the document by a fixed permutation (rank × 97 mod 300).
 */
async function comments(db, { orgId, editionId, since, top, replies, deeper }) {
  const accounts = `(SELECT array_agg(id ORDER BY email) AS ids, count(*)::int AS n FROM account WHERE email LIKE 'bench-%@example.test')`;
  await db.query(
    `WITH acc AS ${accounts},
          blocks AS (SELECT array_agg(id ORDER BY position) AS ids, array_agg(text ORDER BY position) AS texts FROM consultation_block WHERE edition_id = $2),
          g AS MATERIALIZED (
            SELECT n, gen_random_uuid() AS id, random() AS u1, random() AS u2, random() AS u3, random() AS u4,
                   CASE WHEN random() < 0.6 THEN floor(${PARAGRAPHS} * power(random(), 2))::int ELSE floor(${PARAGRAPHS} * random())::int END AS rank
              FROM generate_series(1, $3::int) n),
          picked AS (SELECT g.*, 1 + (g.rank * 97) % ${PARAGRAPHS} AS bi FROM g)
     INSERT INTO comment (id, organization_id, target_type, target_id, parent_id, root_id, depth, author_id, author_capacity, body, alignment,
                          upvotes, downvotes, is_hidden, hidden_reason, passage_start, passage_end, passage_quote,
                          outcome, outcome_reason, outcome_at, created_at)
     SELECT p.id, $1, 'paragraph', b.ids[p.bi], NULL, p.id, 0, acc.ids[1 + (p.n * 7919) % acc.n],
            (ARRAY[NULL, NULL, NULL, NULL, 'citizen', 'citizen', 'ngo', 'expert', 'manager', 'planner'])[1 + floor(p.u1 * 10)::int],
            'نظر شماره ' || p.n || ': این بند باید روشن‌تر بگوید چه کسی، تا چه زمانی و با چه بودجه‌ای پاسخگوست.',
            CASE WHEN p.u2 < 0.40 THEN 'agree' WHEN p.u2 < 0.65 THEN 'disagree' WHEN p.u2 < 0.85 THEN 'neutral' END,
            floor(power(p.u3, 4) * 40)::int, floor(power(p.u4, 6) * 10)::int,
            p.n % 100 = 17, CASE WHEN p.n % 100 = 17 THEN 'offensive' END,
            CASE WHEN p.n % 10 = 3 THEN 8 END, CASE WHEN p.n % 10 = 3 THEN 40 END, CASE WHEN p.n % 10 = 3 THEN substr(b.texts[p.bi], 9, 32) END,
            CASE WHEN p.n % 50 = 5 THEN 'incorporated' WHEN p.n % 50 = 6 THEN 'not_incorporated' END,
            CASE WHEN p.n % 50 IN (5, 6) THEN 'دلیل تصمیم برنامه‌ریز درباره این نظر' END,
            CASE WHEN p.n % 50 IN (5, 6) THEN now() - interval '1 day' END,
            $4::timestamptz + p.u3 * (now() - interval '1 day' - $4::timestamptz)
       FROM picked p, acc, blocks b`,
    [orgId, editionId, top, since],
  );
  // Replies pick a parent uniformly among the level above, so busy threads get more of them.
  for (const [depth, count] of [
    [1, replies],
    [2, deeper],
  ]) {
    await db.query(
      `WITH acc AS ${accounts},
            parents AS (SELECT array_agg(c.id ORDER BY c.id) AS ids, count(*)::int AS n
                          FROM comment c JOIN consultation_block b ON b.id = c.target_id
                         WHERE c.organization_id = $1 AND c.target_type = 'paragraph' AND b.edition_id = $2 AND c.depth = $4 - 1 AND NOT c.is_hidden),
            g AS MATERIALIZED (SELECT n, random() AS u1, random() AS u2, random() AS u3 FROM generate_series(1, $3::int) n),
            picked AS (SELECT g.*, parents.ids[1 + floor(g.u1 * parents.n)::int] AS parent_id FROM g, parents)
       INSERT INTO comment (organization_id, target_type, target_id, parent_id, root_id, depth, author_id, author_capacity, body, alignment,
                            upvotes, is_official, is_hidden, hidden_reason, created_at)
       SELECT $1, 'paragraph', pc.target_id, pc.id, pc.root_id, $4, acc.ids[1 + (p.n * 104729 + $4) % acc.n],
              CASE WHEN p.n % 20 = 0 THEN 'planner' ELSE (ARRAY[NULL, NULL, 'citizen', 'citizen', 'ngo', 'expert'])[1 + floor(p.u2 * 6)::int] END,
              'پاسخ شماره ' || p.n || ': موافقم، اما نگرانی اصلی هزینه نگهداری است.',
              CASE WHEN p.u3 < 0.3 THEN 'agree' WHEN p.u3 < 0.45 THEN 'disagree' END,
              floor(power(p.u2, 4) * 10)::int, p.n % 20 = 0, p.n % 100 = 51, CASE WHEN p.n % 100 = 51 THEN 'spam' END,
              least(now(), pc.created_at + p.u2 * interval '3 days')
         FROM picked p JOIN comment pc ON pc.id = p.parent_id, acc`,
      [orgId, editionId, count, depth],
    );
  }
}

async function main() {
  const db = new pg.Client({ connectionString: DATABASE_URL });
  await db.connect();
  // A bench database loaded before the consultations migration gets it (and any later one) now.
  const { runMigrations } = require(resolve(ROOT, 'api/dist/api/src/database/migrate.js'));
  await runMigrations(DATABASE_URL);

  const org = (await db.query(`SELECT id FROM organization WHERE slug = $1`, [ORG_SLUG])).rows[0];
  if (!org) throw new Error(`hm_bench has no organisation ${ORG_SLUG}: run api/bench/generate.mjs first`);
  const existing = (
    await db.query(
      `SELECT a.id,
              (SELECT count(*) FROM consultation_edition e WHERE e.activity_id = a.id AND e.status = 'published')::int AS editions,
              (SELECT count(*) FROM comment c JOIN consultation_block b ON b.id = c.target_id JOIN consultation_edition e ON e.id = b.edition_id
                WHERE c.target_type = 'paragraph' AND e.activity_id = a.id)::int AS comments
         FROM activity a WHERE a.organization_id = $1 AND a.type = 'consultation' AND a.title = $2::jsonb`,
      [org.id, CONSULTATION_TITLE],
    )
  ).rows;
  if (
    !force &&
    existing.length === 1 &&
    existing[0].editions === 2 &&
    existing[0].comments === COMMENTS + EARLIER_COMMENTS
  ) {
    step(`hm_bench already holds the benchmark consultation (pass --force to reload it)`);
    await db.end();
    return;
  }
  const t0 = Date.now();
  await db.query('BEGIN');
  for (const old of existing) {
    // Comments name their target without a foreign key: removed by hand before the cascade.
    await db.query(
      `DELETE FROM comment c USING consultation_block b, consultation_edition e
        WHERE c.target_type = 'paragraph' AND c.target_id = b.id AND b.edition_id = e.id AND e.activity_id = $1`,
      [old.id],
    );
    await db.query(
      `DELETE FROM comment c USING consultation_edition e WHERE c.target_type = 'document' AND c.target_id = e.id AND e.activity_id = $1`,
      [old.id],
    );
    await db.query(`DELETE FROM activity WHERE id = $1`, [old.id]);
  }

  step('planner account and session');
  const planner = (
    await db.query(
      `INSERT INTO account (email, display_name) VALUES ($1, 'برنامه‌ریز محک')
       ON CONFLICT (email) DO UPDATE SET display_name = excluded.display_name RETURNING id`,
      [PLANNER_EMAIL],
    )
  ).rows[0];
  await db.query(
    `INSERT INTO session (token_hash, account_id, expires_at) VALUES (sha256(convert_to($1, 'UTF8')), $2, now() + interval '30 days')
     ON CONFLICT (token_hash) DO UPDATE SET expires_at = excluded.expires_at`,
    [PLANNER_TOKEN, planner.id],
  );
  await db.query(
    `INSERT INTO membership (organization_id, account_id, roles) VALUES ($1, $2, '{planner}')
     ON CONFLICT (organization_id, account_id) DO UPDATE SET roles = '{planner}'`,
    [org.id, planner.id],
  );

  step(`consultation: 2 published editions × ${PARAGRAPHS} paragraphs in ${SECTIONS} sections`);
  const stage = (
    await db.query(`SELECT id, plan_id FROM stage WHERE organization_id = $1 ORDER BY position LIMIT 1`, [org.id])
  ).rows[0];
  const activity = (
    await db.query(
      `INSERT INTO activity (organization_id, plan_id, stage_id, type, position, title, participation, settings)
       VALUES ($1, $2, $3, 'consultation', 1, $4::jsonb, '{"audience":"signed_in"}', '{"allowAmendments":true,"requireAlignment":false}') RETURNING id`,
      [org.id, stage.plan_id, stage.id, CONSULTATION_TITLE],
    )
  ).rows[0];
  const editions = [];
  for (const [number, daysAgo] of [
    [1, 60],
    [2, 20],
  ]) {
    const edition = (
      await db.query(
        `INSERT INTO consultation_edition (organization_id, activity_id, number, title, change_summary, status, source, block_count, created_by, published_by, published_at, created_at)
         VALUES ($1, $2, $3, 'پیش‌نویس سند راهبردی، ویرایش ' || $3::int, CASE WHEN $3::int > 1 THEN 'بازنویسی یک دهم بندها پس از نظرهای ویرایش نخست' END,
                 'published', 'editor', ${PARAGRAPHS}, $4, $4, now() - make_interval(days => $5), now() - make_interval(days => $5 + 7))
         RETURNING id, published_at`,
        [org.id, activity.id, number, planner.id, daysAgo],
      )
    ).rows[0];
    editions.push(edition);
    await db.query(
      `INSERT INTO consultation_section (organization_id, edition_id, position, anchor, heading, level)
       SELECT $1, $2, s, 'bakhsh-' || (s + 1), 'بخش ' || (s + 1) || ': محور راهبردی', 1 FROM generate_series(0, ${SECTIONS - 1}) s`,
      [org.id, edition.id],
    );
  }
  const per = PARAGRAPHS / SECTIONS;
  // Edition 1: every paragraph new (change NULL), its own lineage.
  await db.query(
    `WITH ids AS MATERIALIZED (SELECT n, gen_random_uuid() AS id FROM generate_series(0, ${PARAGRAPHS - 1}) n)
     INSERT INTO consultation_block (id, organization_id, edition_id, section_id, position, anchor, kind, text, content, lineage_id, previous_block_id, change)
     SELECT ids.id, $1, $2, s.id, ids.n, 'band-' || (ids.n + 1), 'paragraph', ${TEXT('ids.n + 1')}, '{}', ids.id, NULL, NULL
       FROM ids JOIN consultation_section s ON s.edition_id = $2 AND s.position = ids.n / ${per}`,
    [org.id, editions[0].id],
  );
  // Edition 2: the same paragraphs (same lineage and anchor), every tenth reworded.
  await db.query(
    `INSERT INTO consultation_block (organization_id, edition_id, section_id, position, anchor, kind, text, content, lineage_id, previous_block_id, change)
     SELECT $1, $2, s2.id, b.position, b.anchor, 'paragraph',
            CASE WHEN b.position % 10 = 4 THEN ${REWORDED('b.position + 1')} ELSE b.text END,
            '{}', b.lineage_id, b.id, CASE WHEN b.position % 10 = 4 THEN 'modified' ELSE 'unchanged' END
       FROM consultation_block b
       JOIN consultation_section s1 ON s1.id = b.section_id
       JOIN consultation_section s2 ON s2.edition_id = $2 AND s2.position = s1.position
      WHERE b.edition_id = $3`,
    [org.id, editions[1].id, editions[0].id],
  );

  step(
    `comments: ${COMMENTS} on edition 2's paragraphs, ${EARLIER_COMMENTS} on edition 1's, ${DOCUMENT_COMMENTS + 50} on the editions as a whole`,
  );
  await comments(db, {
    orgId: org.id,
    editionId: editions[1].id,
    since: editions[1].published_at,
    top: 14_000,
    replies: 5_000,
    deeper: 1_000,
  });
  await comments(db, {
    orgId: org.id,
    editionId: editions[0].id,
    since: editions[0].published_at,
    top: 3_500,
    replies: 1_300,
    deeper: 200,
  });
  for (const [edition, count] of [
    [editions[0], 50],
    [editions[1], DOCUMENT_COMMENTS],
  ]) {
    await db.query(
      `WITH g AS MATERIALIZED (SELECT n, gen_random_uuid() AS id, random() AS u FROM generate_series(1, $3::int) n)
       INSERT INTO comment (id, organization_id, target_type, target_id, root_id, depth, author_id, author_capacity, body, alignment, created_at)
       SELECT g.id, $1, 'document', $2, g.id, 0, (SELECT id FROM account WHERE email = 'bench-' || (1 + g.n % 4000) || '@example.test'),
              (ARRAY[NULL, 'citizen', 'ngo', 'expert'])[1 + g.n % 4], 'نظر کلی شماره ' || g.n || ' درباره کل سند',
              (ARRAY['agree', 'disagree', 'neutral', NULL])[1 + floor(g.u * 4)::int], $4::timestamptz + g.u * (now() - $4::timestamptz)
         FROM g`,
      [org.id, edition.id, count, edition.published_at],
    );
  }
  // The counters the reading view shows: visible comments, replies included (as comments.service keeps them).
  await db.query(
    `UPDATE consultation_block b SET comment_count = c.n
       FROM (SELECT target_id, count(*) FILTER (WHERE NOT is_hidden)::int AS n FROM comment
              WHERE organization_id = $1 AND target_type = 'paragraph' GROUP BY target_id) c
      WHERE b.id = c.target_id AND b.organization_id = $1`,
    [org.id],
  );
  await db.query(
    `UPDATE consultation_edition e SET comment_count = (SELECT count(*) FROM comment c WHERE c.organization_id = $1 AND c.target_type = 'document' AND c.target_id = e.id AND NOT c.is_hidden)
      WHERE e.activity_id = $2`,
    [org.id, activity.id],
  );

  step(`amendments (${AMENDMENTS}) and their supports`);
  await db.query(
    `WITH blocks AS (SELECT array_agg(id ORDER BY position) AS ids FROM consultation_block WHERE edition_id = $2),
          g AS MATERIALIZED (SELECT n, random() AS u FROM generate_series(1, $3::int) n)
     INSERT INTO amendment (organization_id, block_id, author_id, proposed_text, reason, status, status_reason, created_at)
     SELECT $1, b.ids[1 + (floor(${PARAGRAPHS} * power(g.u, 2))::int * 97) % ${PARAGRAPHS}],
            (SELECT id FROM account WHERE email = 'bench-' || (1 + (g.n * 13) % 4000) || '@example.test'),
            'پیشنهاد بازنویسی شماره ' || g.n || ': شهرداری هر شش ماه گزارش پیشرفت را منتشر کند.', 'شفافیت بیشتر',
            CASE WHEN g.n % 20 = 1 THEN 'accepted' WHEN g.n % 20 = 2 THEN 'rejected' ELSE 'open' END,
            CASE WHEN g.n % 20 IN (1, 2) THEN 'بررسی شد' END,
            now() - g.u * interval '19 days'
       FROM g, blocks b`,
    [org.id, editions[1].id, AMENDMENTS],
  );
  // Supports: 0-200 distinct people per amendment (u⁴), counters equal to the rows.
  await db.query(
    `WITH acc AS (SELECT array_agg(id ORDER BY email) AS ids, count(*)::int AS n FROM account WHERE email LIKE 'bench-%@example.test'),
          a AS (SELECT a.id, row_number() OVER (ORDER BY a.id) AS k, floor(200 * power(random(), 4))::int AS supports
                  FROM amendment a JOIN consultation_block b ON b.id = a.block_id WHERE b.edition_id = $2)
     INSERT INTO amendment_support (amendment_id, account_id, organization_id)
     SELECT a.id, acc.ids[1 + (a.k * 31 + j) % acc.n], $1 FROM a, acc, generate_series(1, a.supports) j`,
    [org.id, editions[1].id],
  );
  await db.query(
    `UPDATE amendment a SET support_count = s.n FROM (SELECT amendment_id, count(*)::int AS n FROM amendment_support GROUP BY amendment_id) s
      WHERE a.id = s.amendment_id AND a.organization_id = $1`,
    [org.id],
  );
  await db.query(
    `UPDATE consultation_block b SET amendment_count = x.n FROM (SELECT block_id, count(*)::int AS n FROM amendment GROUP BY block_id) x
      WHERE b.id = x.block_id AND b.organization_id = $1`,
    [org.id],
  );
  await db.query('COMMIT');
  for (const table of [
    'comment',
    'consultation_block',
    'consultation_section',
    'consultation_edition',
    'amendment',
    'amendment_support',
    'membership',
    'session',
  ])
    await db.query(`VACUUM ANALYZE ${table}`);

  const stats = (
    await db.query(
      `SELECT e.number, e.comment_count AS "documentComments",
              (SELECT count(*) FROM consultation_block b WHERE b.edition_id = e.id)::int AS blocks,
              (SELECT sum(b.comment_count) FROM consultation_block b WHERE b.edition_id = e.id)::int AS "visibleComments",
              (SELECT count(*) FROM comment c JOIN consultation_block b ON b.id = c.target_id WHERE c.target_type = 'paragraph' AND b.edition_id = e.id)::int AS "commentRows",
              (SELECT count(*) FROM comment c JOIN consultation_block b ON b.id = c.target_id WHERE c.target_type = 'paragraph' AND b.edition_id = e.id AND c.parent_id IS NOT NULL)::int AS replies,
              (SELECT max(b.comment_count) FROM consultation_block b WHERE b.edition_id = e.id) AS "busiestParagraph",
              (SELECT count(*) FROM consultation_block b WHERE b.edition_id = e.id AND b.comment_count >= 100)::int AS "paragraphsWith100+",
              (SELECT count(*) FROM amendment a JOIN consultation_block b ON b.id = a.block_id WHERE b.edition_id = e.id)::int AS amendments
         FROM consultation_edition e WHERE e.activity_id = $1 ORDER BY e.number`,
      [activity.id],
    )
  ).rows;
  step(`done in ${((Date.now() - t0) / 1000).toFixed(1)} s: ${JSON.stringify(stats)}`);
  await db.end();
}

// Run when invoked, not when a benchmark imports the constants above.
if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
