// Times the survey results page on 100,000 submitted responses to a 30-question survey of every
// type (map points and drawn areas included): each question's aggregate, the whole page, the
// weighted page, a filtered cross-tab, the representativeness table and an open-text search,
// through the real SurveyResultsService and its SQL, each "cold" (first call in a fresh process,
// nothing cached by the application). In the same run, the bare-SQL figure: the same aggregate as
// one hand-written query, on the fact table and on the responses' jsonb (what a per-request scan costs).
//
// Run: npx ts-node --transpile-only api/bench/survey-results.bench.ts [--responses 100000] [--force]
// Uses its own database (BENCH_SURVEY_DATABASE_URL, default hm_bench_survey) so it never disturbs
// the other benches' hm_bench; reloads only when the count differs or with --force.
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import {
  SURVEY_MAP_GRID,
  type TDistrictPopulation,
  type TSurveyDefinition,
  type TSurveyQuestion,
} from '@hamandishi/contracts';
import { runMigrations } from '../src/database/migrate';
import { demographicCellOf } from '../src/modules/surveys/results/demographic-cell';
import { factsOf } from '../src/modules/surveys/results/facts';
import { SurveyResultsRepository } from '../src/modules/surveys/results/survey-results.repository';
import { SurveyResultsService } from '../src/modules/surveys/results/survey-results.service';
import { SurveysRepository } from '../src/modules/surveys/surveys.repository';
import { buildOpenActivity } from '../test/factories/plan.factory';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const RESPONSES = arg('responses', 100_000);
const FORCE = process.argv.includes('--force');
const ADMIN_URL = process.env.BENCH_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const URL_ = process.env.BENCH_SURVEY_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/hm_bench_survey';
const DISTRICTS = 10;
const CENTRE = { lat: 32.65, lng: 51.67 };
const grid = { minLat: CENTRE.lat - 0.5, maxLat: CENTRE.lat + 0.5, minLng: CENTRE.lng - 0.5, maxLng: CENTRE.lng + 0.5, size: SURVEY_MAP_GRID };

const step = (m: string) => process.stdout.write(`» ${m}\n`);

// A seeded generator, so every run loads the same data.
let seed = 42;
const random = () => {
  seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
  return seed / 2_147_483_648;
};
const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)];
const skewed = <T>(items: readonly T[]) => items[Math.min(items.length - 1, Math.floor(random() ** 1.7 * items.length))];

const text = (fa: string) => ({ fa });
const options = (n: number, prefix = 'o') => Array.from({ length: n }, (_, i) => ({ id: `${prefix}${i + 1}`, label: text(`گزینه ${i + 1}`) }));

/** 30 questions of every type. */
function definition(): TSurveyDefinition {
  const q: TSurveyQuestion[] = [];
  for (let i = 1; i <= 4; i++) q.push({ id: `single${i}`, type: 'single_choice', title: text(`تک‌گزینه ${i}`), options: options(5), allowOther: i === 1 });
  for (let i = 1; i <= 3; i++) q.push({ id: `multi${i}`, type: 'multiple_choice', title: text(`چندگزینه ${i}`), options: options(6), allowOther: i === 1 });
  for (let i = 1; i <= 4; i++) q.push({ id: `likert${i}`, type: 'likert', title: text(`طیف ${i}`), points: i % 2 ? 5 : 7 });
  q.push({ id: 'rating1', type: 'rating', title: text('امتیاز ۱'), max: 5 }, { id: 'rating2', type: 'rating', title: text('امتیاز ۲'), max: 10 });
  q.push({ id: 'rank1', type: 'ranking', title: text('رتبه ۱'), options: options(5) }, { id: 'rank2', type: 'ranking', title: text('رتبه ۲'), options: options(6), topK: 3 });
  q.push({ id: 'matrix1', type: 'matrix_single', title: text('ماتریس ۱'), rows: options(4, 'r'), columns: options(5, 'c') });
  q.push({ id: 'matrix2', type: 'matrix_single', title: text('ماتریس ۲'), rows: options(3, 'r'), columns: options(3, 'c') });
  q.push({ id: 'matrix3', type: 'matrix_multiple', title: text('ماتریس ۳'), rows: options(3, 'r'), columns: options(4, 'c') });
  q.push({ id: 'number1', type: 'number', title: text('عدد ۱'), min: 0, max: 100 }, { id: 'number2', type: 'number', title: text('عدد ۲'), min: 1, max: 20, integer: true });
  q.push({ id: 'date1', type: 'date', title: text('تاریخ ۱') }, { id: 'date2', type: 'date', title: text('تاریخ ۲') });
  q.push({ id: 'short1', type: 'short_text', title: text('کوتاه') }, { id: 'short2', type: 'short_text', title: text('کوتاه ۲') }, { id: 'long1', type: 'long_text', title: text('بلند') });
  q.push({ id: 'point1', type: 'map_point', title: text('نقطه ۱') }, { id: 'point2', type: 'map_point', title: text('نقطه ۲') });
  q.push({ id: 'area1', type: 'map_area', title: text('محدوده ۱') }, { id: 'area2', type: 'map_area', title: text('محدوده ۲') });
  q.push({ id: 'file1', type: 'file', title: text('عکس') });
  if (q.length !== 30) throw new Error(`expected 30 questions, got ${q.length}`);
  return { sections: [{ id: 's1', questions: q }] };
}

const WORDS = ['پارک', 'مدرسه', 'ترافیک', 'آلودگی', 'پیاده‌رو', 'درمانگاه', 'روشنایی', 'فضای سبز', 'اتوبوس', 'پسماند'];
const gauss = () => (random() + random() + random() - 1.5) / 1.5;
const point = () => ({ lat: CENTRE.lat + gauss() * 0.2, lng: CENTRE.lng + gauss() * 0.2 });
function area() {
  const c = point();
  const r = 0.01 + random() * 0.05;
  const n = 5 + Math.floor(random() * 5);
  return Array.from({ length: n }, (_, i) => {
    const a = (i / n) * 2 * Math.PI;
    return { lat: c.lat + Math.sin(a) * r, lng: c.lng + Math.cos(a) * r * 1.2 };
  });
}
const shuffled = <T>(items: T[]) => {
  const a = [...items];
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a;
};

/** A plausible answer to every question (some left out, as people do). */
function answersOf(def: TSurveyDefinition): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const q of def.sections[0].questions) {
    if (random() < 0.08) continue;
    switch (q.type) {
      case 'single_choice':
        out[q.id] = q.allowOther && random() < 0.05 ? { choice: '_other', other: 'دیگر' } : { choice: skewed(q.options).id };
        break;
      case 'multiple_choice':
        out[q.id] = { choices: q.options.filter(() => random() < 0.35).map((o) => o.id).concat(q.options[0].id).filter((v, i, a) => a.indexOf(v) === i) };
        break;
      case 'likert':
        out[q.id] = 1 + Math.floor(random() * q.points);
        break;
      case 'rating':
        out[q.id] = 1 + Math.floor(random() * q.max);
        break;
      case 'ranking':
        out[q.id] = shuffled(q.options.map((o) => o.id)).slice(0, q.topK ?? q.options.length);
        break;
      case 'matrix_single':
        out[q.id] = Object.fromEntries(q.rows.map((r) => [r.id, skewed(q.columns).id]));
        break;
      case 'matrix_multiple':
        out[q.id] = Object.fromEntries(q.rows.map((r) => [r.id, q.columns.filter(() => random() < 0.4).map((c) => c.id).concat(q.columns[0].id).filter((v, i, a) => a.indexOf(v) === i)]));
        break;
      case 'number':
        out[q.id] = q.integer ? 1 + Math.floor(random() * 8) : Math.round(random() * 1000) / 10;
        break;
      case 'date':
        out[q.id] = `2025-${String(1 + Math.floor(random() * 12)).padStart(2, '0')}-${String(1 + Math.floor(random() * 28)).padStart(2, '0')}`;
        break;
      case 'short_text':
      case 'long_text':
        out[q.id] = `${pick(WORDS)} ${pick(WORDS)} ${q.type === 'long_text' ? `و ${pick(WORDS)} در محله ما` : ''}`.trim();
        break;
      case 'map_point':
        out[q.id] = point();
        break;
      case 'map_area':
        out[q.id] = area();
        break;
      case 'file':
        out[q.id] = randomUUID();
        break;
    }
  }
  return out;
}

const CAPACITIES = ['citizen', 'citizen', 'citizen', 'ngo', 'expert', 'manager'];

async function load(db: DataSource): Promise<{ organizationId: string; activityId: string; surveyId: string; districtIds: string[] }> {
  const [org] = await db.query(
    `INSERT INTO organization (slug, name, default_locale, map_center_lat, map_center_lng, map_zoom) VALUES ('bench-survey', $1, 'fa', $2, $3, 12) RETURNING id`,
    [{ fa: 'شهرداری آزمون' }, CENTRE.lat, CENTRE.lng],
  );
  const districtIds: string[] = [];
  for (let i = 0; i < DISTRICTS; i++) {
    const lng = CENTRE.lng - 0.25 + i * 0.05;
    const boundary = { type: 'Polygon', coordinates: [[[lng, 32.6], [lng + 0.05, 32.6], [lng + 0.05, 32.7], [lng, 32.7], [lng, 32.6]]] };
    const [d] = await db.query(
      `INSERT INTO district (organization_id, number, name, boundary, min_lat, min_lng, max_lat, max_lng) VALUES ($1, $2, $3, $4, 32.6, $5, 32.7, $6) RETURNING id`,
      [org.id, i + 1, { fa: `منطقه ${i + 1}` }, boundary, lng, lng + 0.05],
    );
    districtIds.push(d.id);
    const total = 50_000 + i * 15_000;
    await db.query(
      `INSERT INTO district_population (district_id, organization_id, source_year, total, male, female, age_under_18, age_18_29, age_30_44, age_45_59, age_60_plus)
       VALUES ($1, $2, 1405, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [d.id, org.id, total, Math.round(total * 0.49), Math.round(total * 0.49), Math.round(total * 0.25), Math.round(total * 0.22), Math.round(total * 0.24), Math.round(total * 0.17), Math.round(total * 0.12)],
    );
  }
  const { activityId } = await buildOpenActivity(db, org.id, 'survey');
  const def = definition();
  const [survey] = await db.query(`INSERT INTO survey (organization_id, activity_id, definition, ask_demographics, frozen_at) VALUES ($1, $2, $3, true, now()) RETURNING id`, [
    org.id,
    activityId,
    JSON.stringify(def),
  ]);

  const BATCH = 1000;
  let facts = 0;
  for (let done = 0; done < RESPONSES; done += BATCH) {
    const n = Math.min(BATCH, RESPONSES - done);
    const r = { id: [] as string[], key: [] as string[], answers: [] as string[], consent: [] as boolean[], capacity: [] as (string | null)[], district: [] as (string | null)[], age: [] as (string | null)[], gender: [] as (string | null)[] };
    const f: Record<string, unknown[]> = { response: [], q: [], first: [], item: [], sub: [], v: [], v2: [], cell: [], text: [], key: [], capacity: [], district: [], age: [], gender: [], demographicCell: [] };
    for (let i = 0; i < n; i++) {
      const id = randomUUID();
      const answers = answersOf(def);
      const consent = random() < 0.7;
      // Respondents over-represent the first districts, women and the middle ages: weights have work to do.
      const demo = consent
        ? { capacity: pick(CAPACITIES), district: skewed(districtIds), age: skewed(['30_44', '18_29', '45_59', '60_plus', 'under_18']), gender: random() < 0.04 ? 'other' : random() < 0.58 ? 'female' : 'male' }
        : { capacity: null, district: null, age: null, gender: null };
      r.id.push(id);
      r.key.push(randomUUID());
      r.answers.push(JSON.stringify(answers));
      r.consent.push(consent);
      r.capacity.push(demo.capacity);
      r.district.push(demo.district);
      r.age.push(demo.age);
      r.gender.push(demo.gender);
      for (const fact of factsOf(def, answers, grid)) {
        f.response.push(id);
        f.q.push(fact.questionId);
        f.first.push(fact.first);
        f.item.push(fact.item);
        f.sub.push(fact.sub);
        f.v.push(fact.value);
        f.v2.push(fact.value2);
        f.cell.push(fact.cell);
        f.text.push(fact.text);
        f.key.push(fact.textKey);
        f.capacity.push(demo.capacity);
        f.district.push(demo.district);
        f.age.push(demo.age);
        f.gender.push(demo.gender);
        f.demographicCell.push(demographicCellOf(demo.district, demo.gender, demo.age));
      }
    }
    await db.query(
      `INSERT INTO survey_response (id, organization_id, survey_id, respondent_key, status, answers, demographics_consent, capacity, district_id, age_band, gender, submitted_at)
       SELECT u.id, $1, $2, u.k, 'submitted', u.a, u.c, u.cap, u.d, u.age, u.g, now() - random() * interval '20 days'
         FROM unnest($3::uuid[], $4::text[], $5::jsonb[], $6::bool[], $7::text[], $8::uuid[], $9::text[], $10::text[]) AS u(id, k, a, c, cap, d, age, g)`,
      [org.id, survey.id, r.id, r.key, r.answers, r.consent, r.capacity, r.district, r.age, r.gender],
    );
    await db.query(
      `INSERT INTO survey_answer_fact (organization_id, survey_id, response_id, question_id, first, item, sub, value, value2, cell, text, text_key, capacity, district_id, age_band, gender,
         demographic_cell)
       SELECT $1, $2, u.r, u.q, u.f, u.i, u.s, u.v, u.v2, u.c, u.t, u.k, u.cap, u.d, u.age, u.g, u.dc
         FROM unnest($3::uuid[], $4::text[], $5::bool[], $6::text[], $7::text[], $8::float8[], $9::float8[], $10::int[], $11::text[], $12::text[], $13::text[], $14::uuid[], $15::text[], $16::text[],
           $17::int[])
           AS u(r, q, f, i, s, v, v2, c, t, k, cap, d, age, g, dc)`,
      [org.id, survey.id, f.response, f.q, f.first, f.item, f.sub, f.v, f.v2, f.cell, f.text, f.key, f.capacity, f.district, f.age, f.gender, f.demographicCell],
    );
    facts += f.q.length;
    if ((done / BATCH) % 10 === 0) step(`${done + n} responses, ${facts} facts`);
  }
  step('VACUUM ANALYZE (autovacuum does this in production; index-only scans need the visibility map)');
  await db.query(`VACUUM ANALYZE survey_response`);
  await db.query(`VACUUM ANALYZE survey_answer_fact`);
  return { organizationId: org.id, activityId, surveyId: survey.id, districtIds };
}

async function prepare(): Promise<DataSource> {
  const admin = new Client({ connectionString: ADMIN_URL });
  await admin.connect();
  const name = new URL(URL_).pathname.slice(1);
  const exists = (await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount! > 0;
  let reuse = false;
  if (exists && !FORCE) {
    const c = new Client({ connectionString: URL_ });
    await c.connect();
    const n = await c.query(`SELECT count(*)::int AS n FROM survey_response`).catch(() => ({ rows: [{ n: -1 }] }));
    await c.end();
    reuse = n.rows[0].n === RESPONSES;
  }
  if (!reuse) {
    if (exists) await admin.query(`DROP DATABASE ${name} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${name}`);
  }
  await admin.end();
  if (reuse) step(`${name} already holds ${RESPONSES} responses (pass --force to regenerate); applying any newer migrations`);
  else step('applying migrations');
  await runMigrations(URL_);
  const db = new DataSource({ type: 'postgres', url: URL_, entities: [], extra: { max: 4 } });
  await db.initialize();
  // A migration may have rewritten the facts: index-only scans need the visibility map again.
  if (reuse) await db.query('VACUUM ANALYZE survey_answer_fact');
  if (!reuse) {
    step(`generating ${RESPONSES} responses`);
    const started = performance.now();
    await load(db);
    step(`loaded in ${Math.round((performance.now() - started) / 1000)} s`);
  }
  return db;
}

const ms = (t0: number) => Math.round(performance.now() - t0);
async function timed<T>(label: string, run: () => Promise<T>, rows: string[]): Promise<T> {
  const t0 = performance.now();
  const out = await run();
  const took = ms(t0);
  rows.push(`${label.padEnd(58)} ${String(took).padStart(6)} ms ${took <= 1000 ? '' : '  (over 1 s)'}`);
  return out;
}

async function main() {
  const db = await prepare();
  const [org] = await db.query(`SELECT id, map_center_lat AS "mapCenterLat", map_center_lng AS "mapCenterLng" FROM organization WHERE slug = 'bench-survey'`);
  const [survey] = await db.query(`SELECT id, activity_id AS "activityId", definition FROM survey WHERE organization_id = $1`, [org.id]);
  const [counts] = await db.query(
    `SELECT (SELECT count(*)::int FROM survey_response WHERE survey_id = $1) AS responses, (SELECT count(*)::int FROM survey_answer_fact WHERE survey_id = $1) AS facts,
            pg_size_pretty(pg_total_relation_size('survey_answer_fact')) AS size`,
    [survey.id],
  );
  const [district] = await db.query(`SELECT id FROM district WHERE organization_id = $1 ORDER BY number LIMIT 1`, [org.id]);
  const populations = new Map<string, TDistrictPopulation>(
    (
      await db.query(
        `SELECT district_id AS "districtId", source_year AS "sourceYear", total, male, female, age_under_18 AS "ageUnder18", age_18_29 AS "age18to29",
                age_30_44 AS "age30to44", age_45_59 AS "age45to59", age_60_plus AS "age60plus", updated_at::text AS "updatedAt"
           FROM district_population WHERE organization_id = $1`,
        [org.id],
      )
    ).map((p: TDistrictPopulation) => [p.districtId, p]),
  );
  // The real service and repositories; the activity check and the population figures (other modules) are stubbed.
  const stages = { getActivity: async () => ({ type: 'survey' }) };
  const districts = { populationsOf: async () => populations };
  const service = new SurveyResultsService(new SurveyResultsRepository(db), new SurveysRepository(db), stages as never, districts as never);
  const organization = org as never;

  const rows: string[] = [];
  const def = survey.definition as TSurveyDefinition;
  const repo = new SurveyResultsRepository(db);
  const page = await timed('results page: all 30 aggregates + respondents', () => service.results(organization, survey.activityId, {}), rows);
  await timed('results page, weighted', () => service.results(organization, survey.activityId, { weighted: true }), rows);
  await timed('results page, filtered (gender=female, district 1)', () => service.results(organization, survey.activityId, { gender: 'female', district: district.id }), rows);
  await timed('crosstab single1 × district, filter gender=female', () => service.crosstab(organization, survey.activityId, { question: 'single1', by: 'district', gender: 'female', limit: 0 } as never), rows);
  await timed('crosstab matrix1 × age band, filter capacity, weighted', () => service.crosstab(organization, survey.activityId, { question: 'matrix1', by: 'age_band', capacity: 'citizen', weighted: true } as never), rows);
  await timed('crosstab area-free likert1 × gender', () => service.crosstab(organization, survey.activityId, { question: 'likert1', by: 'gender' } as never), rows);
  await timed('representativeness + weights', () => service.representativeness(organization, survey.activityId), rows);
  await timed('texts: search "ترافیک" in short1, first page + total', () => service.texts(organization, survey.activityId, { question: 'short1', q: 'ترافيک', limit: 50 } as never), rows);
  // Each question's aggregate alone, unweighted and unfiltered, after the page (its plans cached by PostgreSQL, nothing by us).
  for (const q of def.sections[0].questions) {
    await timed(`aggregate ${q.id} (${q.type})`, () => (service as any).aggregate(organization, survey.id, q, {}, null), rows);
  }
  void repo;

  // Bare SQL in the same run: the same aggregates as one hand-written query each.
  const bare: string[] = [];
  await timed(
    'bare SQL on facts: single1 counts per option',
    () => db.query(`SELECT item, count(*) FROM survey_answer_fact WHERE survey_id = $1 AND question_id = 'single1' GROUP BY item`, [survey.id]),
    bare,
  );
  await timed(
    'bare SQL on facts: crosstab single1 × district, gender=female',
    () =>
      db.query(
        `SELECT item, district_id, count(*) FROM survey_answer_fact WHERE survey_id = $1 AND question_id = 'single1' AND gender = 'female' AND district_id IS NOT NULL GROUP BY 1, 2`,
        [survey.id],
      ),
    bare,
  );
  await timed(
    'bare SQL on facts: area1 overlap heat-map',
    () => db.query(`SELECT cell, count(*) FROM survey_answer_fact WHERE survey_id = $1 AND question_id = 'area1' GROUP BY cell`, [survey.id]),
    bare,
  );
  await timed(
    'bare SQL on jsonb: single1 counts per option',
    () => db.query(`SELECT answers->'single1'->>'choice' AS c, count(*) FROM survey_response WHERE survey_id = $1 AND status = 'submitted' GROUP BY 1`, [survey.id]),
    bare,
  );
  await timed(
    'bare SQL on jsonb: crosstab single1 × district, gender=female',
    () =>
      db.query(
        `SELECT answers->'single1'->>'choice' AS c, district_id, count(*) FROM survey_response
          WHERE survey_id = $1 AND status = 'submitted' AND gender = 'female' AND district_id IS NOT NULL GROUP BY 1, 2`,
        [survey.id],
      ),
    bare,
  );
  await timed(
    'bare SQL on jsonb: all 30 questions, one pass (jsonb_each)',
    () =>
      db.query(
        `SELECT a.key, jsonb_typeof(a.value), count(*) FROM survey_response r CROSS JOIN LATERAL jsonb_each(r.answers) a(key, value)
          WHERE r.survey_id = $1 AND r.status = 'submitted' GROUP BY 1, 2`,
        [survey.id],
      ),
    bare,
  );

  console.log(`\nSUMMARY survey results: ${counts.responses} responses, 30 questions, ${counts.facts} fact rows (${counts.size}); ${page.respondents} respondents`);
  console.log(rows.join('\n'));
  console.log('-- bare SQL, same run --');
  console.log(bare.join('\n'));
  await db.destroy();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
