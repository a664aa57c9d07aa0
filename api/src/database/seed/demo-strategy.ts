import { randomUUID } from 'node:crypto';
import type { Client } from 'pg';
import { evaluateFormula } from '@hamandishi/contracts';
import { insertRows } from './demo-content';
import { DEMO_DEMAND_GROUPS } from './demo-demands';
import { PLAN_TITLE } from './demo-plan';

const DAY_MS = 86_400_000;
/** One billion rials: budgets read in these. */
const B = 1_000_000_000n;

const VISION = 'اصفهان ۱۴۱۴: شهری زیست‌پذیر، سبز و سازگار با کم‌آبی، با حمل‌ونقل پاک و مدیریتی مشارکتی که میراث تاریخی خود را پاس می‌دارد.';
const MISSION = 'شهرداری اصفهان با برنامه‌ریزی همراه شهروندان، خدمات شهری عادلانه، شفاف و کارآمد را در همه مناطق فراهم می‌کند و نتیجه هر تصمیم را پاسخ‌گو است.';
const VALUES = ['مشارکت شهروندان', 'شفافیت و پاسخ‌گویی', 'عدالت فضایی', 'پاسداشت میراث', 'پایداری محیط زیست'];

const GOALS: [code: string, title: string, description: string][] = [
  ['G1', 'حمل‌ونقل پایدار و پیاده‌مدار', 'جابه‌جایی سفرها از خودروی شخصی به حمل‌ونقل عمومی، پیاده و دوچرخه.'],
  ['G2', 'شهر سبز، پاک و سازگار با کم‌آبی', 'کاهش دفن پسماند، فضای سبز بیشتر با آب کمتر و مهار آب‌های سطحی.'],
  ['G3', 'مدیریت شهری مشارکتی، هوشمند و پاسخ‌گو', 'خدمات الکترونیک و پاسخ به مسائل ثبت‌شده شهروندان.'],
];

const OUTPUTS: [code: string, goal: number, title: string][] = [
  ['O1.1', 0, 'سهم حمل‌ونقل عمومی در سفرهای روزانه افزایش یافته است'],
  ['O1.2', 0, 'معابر شهر ایمن و هموار شده‌اند'],
  ['O1.3', 0, 'شبکه پیوسته پیاده و دوچرخه در دسترس است'],
  ['O2.1', 1, 'پسماند کمتری دفن و بیشتری بازیافت می‌شود'],
  ['O2.2', 1, 'فضای سبز بیشتر با مصرف آب کمتر نگهداری می‌شود'],
  ['O2.3', 1, 'آب‌گرفتگی معابر پس از بارندگی مهار شده است'],
  ['O3.1', 2, 'خدمات شهرداری به‌صورت الکترونیک ارائه می‌شود'],
  ['O3.2', 2, 'مسائل ثبت‌شده شهروندان به موقع پاسخ می‌گیرند'],
];

type Indicator = {
  code: string; output: number; title: string; unit: string; direction: 'increase' | 'decrease'; formula: string;
  variables: { name: string; label: string; unit?: string }[]; of: (value: number) => Record<string, number>;
  baseline: number; targets: number[]; source: string; unitName: string; pace: number;
};

/** A share formula `part / whole * 100` with `whole` fixed: the part that gives `value`. */
const share = (part: string, whole: string, total: number) => (value: number) => ({ [part]: Math.round((value * total) / 100), [whole]: total });

const INDICATORS: Indicator[] = [
  { code: 'I1', output: 0, title: 'سهم سفرهای حمل‌ونقل عمومی', unit: 'درصد', direction: 'increase', formula: 'public_trips / all_trips * 100',
    variables: [{ name: 'public_trips', label: 'سفرهای روزانه با مترو و اتوبوس' }, { name: 'all_trips', label: 'کل سفرهای روزانه درون‌شهری' }],
    of: share('public_trips', 'all_trips', 3_200_000), baseline: 22, targets: [24, 27, 30, 33, 36], source: 'آمارگیری سفر سازمان حمل‌ونقل', unitName: 'معاونت حمل‌ونقل و ترافیک', pace: 1 },
  { code: 'I2', output: 0, title: 'میانگین سرفاصله حرکت اتوبوس‌ها', unit: 'دقیقه', direction: 'decrease', formula: 'wait_minutes / departures',
    variables: [{ name: 'wait_minutes', label: 'مجموع سرفاصله‌ها', unit: 'دقیقه' }, { name: 'departures', label: 'تعداد حرکت‌ها' }],
    of: (v) => ({ wait_minutes: Math.round(v * 12_000), departures: 12_000 }), baseline: 18, targets: [16, 14, 12, 11, 10], source: 'سامانه ناوگان هوشمند', unitName: 'سازمان اتوبوسرانی', pace: 1.1 },
  { code: 'I3', output: 1, title: 'تلفات تصادفات درون‌شهری در هر صد هزار نفر', unit: 'نفر', direction: 'decrease', formula: 'deaths / population * 100000',
    variables: [{ name: 'deaths', label: 'تلفات تصادفات' }, { name: 'population', label: 'جمعیت شهر' }],
    of: (v) => ({ deaths: Math.round((v * 2_250_000) / 100_000), population: 2_250_000 }), baseline: 9.5, targets: [9, 8.5, 8, 7, 6], source: 'پزشکی قانونی استان', unitName: 'پلیس راهور و معاونت ترافیک', pace: 0.4 },
  { code: 'I4', output: 1, title: 'سهم معابر با آسفالت مطلوب', unit: 'درصد', direction: 'increase', formula: 'good_km / total_km * 100',
    variables: [{ name: 'good_km', label: 'طول معابر با آسفالت مطلوب', unit: 'کیلومتر' }, { name: 'total_km', label: 'طول کل معابر', unit: 'کیلومتر' }],
    of: share('good_km', 'total_km', 4_800), baseline: 61, targets: [65, 70, 75, 80, 85], source: 'سامانه مدیریت روسازی', unitName: 'معاونت عمران شهری', pace: 1 },
  { code: 'I5', output: 2, title: 'طول شبکه مسیر دوچرخه', unit: 'کیلومتر', direction: 'increase', formula: 'bike_km',
    variables: [{ name: 'bike_km', label: 'طول مسیرهای دوچرخه بهره‌برداری‌شده', unit: 'کیلومتر' }],
    of: (v) => ({ bike_km: v }), baseline: 48, targets: [55, 65, 75, 85, 100], source: 'معاونت حمل‌ونقل', unitName: 'معاونت حمل‌ونقل و ترافیک', pace: 0.9 },
  { code: 'I6', output: 3, title: 'سهم پسماند بازیافتی', unit: 'درصد', direction: 'increase', formula: 'recycled_t / collected_t * 100',
    variables: [{ name: 'recycled_t', label: 'پسماند بازیافت‌شده', unit: 'تن' }, { name: 'collected_t', label: 'پسماند جمع‌آوری‌شده', unit: 'تن' }],
    of: share('recycled_t', 'collected_t', 1_400), baseline: 12, targets: [15, 18, 22, 26, 30], source: 'سازمان مدیریت پسماند', unitName: 'سازمان مدیریت پسماند', pace: 1.1 },
  { code: 'I7', output: 3, title: 'سرانه روزانه تولید پسماند', unit: 'گرم', direction: 'decrease', formula: 'collected_kg * 1000 / population',
    variables: [{ name: 'collected_kg', label: 'پسماند روزانه', unit: 'کیلوگرم' }, { name: 'population', label: 'جمعیت شهر' }],
    of: (v) => ({ collected_kg: Math.round((v * 2_250_000) / 1000), population: 2_250_000 }), baseline: 780, targets: [760, 740, 720, 700, 680], source: 'سازمان مدیریت پسماند', unitName: 'سازمان مدیریت پسماند', pace: 0.3 },
  { code: 'I8', output: 4, title: 'سرانه فضای سبز', unit: 'متر مربع', direction: 'increase', formula: 'green_m2 / population',
    variables: [{ name: 'green_m2', label: 'مساحت فضای سبز عمومی', unit: 'متر مربع' }, { name: 'population', label: 'جمعیت شهر' }],
    of: (v) => ({ green_m2: Math.round(v * 2_250_000), population: 2_250_000 }), baseline: 29, targets: [30, 31, 32.5, 34, 35], source: 'سازمان پارک‌ها و فضای سبز', unitName: 'سازمان پارک‌ها و فضای سبز', pace: 1 },
  { code: 'I9', output: 4, title: 'سهم آبیاری فضای سبز با پساب', unit: 'درصد', direction: 'increase', formula: 'effluent_m3 / irrigation_m3 * 100',
    variables: [{ name: 'effluent_m3', label: 'آب آبیاری از پساب', unit: 'متر مکعب' }, { name: 'irrigation_m3', label: 'کل آب آبیاری', unit: 'متر مکعب' }],
    of: share('effluent_m3', 'irrigation_m3', 42_000_000), baseline: 35, targets: [40, 48, 55, 62, 70], source: 'شرکت آب و فاضلاب', unitName: 'سازمان پارک‌ها و فضای سبز', pace: 1.2 },
  { code: 'I10', output: 5, title: 'تعداد نقاط حادثه‌خیز آب‌گرفتگی', unit: 'نقطه', direction: 'decrease', formula: 'flood_spots',
    variables: [{ name: 'flood_spots', label: 'نقاط آب‌گرفتگی ثبت‌شده' }],
    of: (v) => ({ flood_spots: v }), baseline: 64, targets: [55, 45, 35, 28, 20], source: 'سامانه مدیریت بحران', unitName: 'معاونت خدمات شهری', pace: 0.5 },
  { code: 'I11', output: 6, title: 'سهم خدمات الکترونیک شهرداری', unit: 'درصد', direction: 'increase', formula: 'e_services / services * 100',
    variables: [{ name: 'e_services', label: 'خدمات قابل ارائه الکترونیک' }, { name: 'services', label: 'کل خدمات شناسنامه‌دار' }],
    of: share('e_services', 'services', 250), baseline: 40, targets: [50, 60, 70, 80, 90], source: 'سازمان فاوا', unitName: 'سازمان فناوری اطلاعات و ارتباطات', pace: 1 },
  { code: 'I12', output: 7, title: 'سهم مسائل شهروندان با پاسخ رسمی', unit: 'درصد', direction: 'increase', formula: 'answered / reported * 100',
    variables: [{ name: 'answered', label: 'مسائل پاسخ‌داده‌شده' }, { name: 'reported', label: 'مسائل ثبت‌شده' }],
    of: share('answered', 'reported', 1_200), baseline: 30, targets: [45, 55, 65, 75, 80], source: 'سامانه هم‌اندیشی', unitName: 'دبیرخانه برنامه', pace: 1.05 },
];

type Project = {
  code: string; output: number; committee: string; title: string; unitName: string; districts: number[]; cost: bigint; sources: string[];
  status: 'planned' | 'in_progress' | 'completed' | 'suspended'; progress: [number, number]; months: [number, number];
};

const CITY = 'درآمد پایدار شهرداری';
const BONDS = 'اوراق مشارکت';
const STATE = 'کمک‌های دولتی';
const PRIVATE = 'مشارکت بخش خصوصی';

const PROJECTS: Project[] = [
  { code: 'P01', output: 0, committee: 'حمل‌ونقل عمومی', title: 'تکمیل خط دوم قطار شهری (بخش شرقی)', unitName: 'سازمان قطار شهری', districts: [6, 7, 8], cost: 18_000n * B, sources: [BONDS, STATE], status: 'in_progress', progress: [22, 31], months: [-10, 40] },
  { code: 'P02', output: 0, committee: 'حمل‌ونقل عمومی', title: 'نصب سایه‌بان و نیمکت در ۳۰۰ ایستگاه اتوبوس', unitName: 'سازمان اتوبوسرانی', districts: [2, 3, 4, 12, 13], cost: 420n * B, sources: [CITY], status: 'in_progress', progress: [35, 58], months: [-6, 12] },
  { code: 'P03', output: 0, committee: 'حمل‌ونقل عمومی', title: 'خط اتوبوس تندرو (BRT) محور شرق به غرب', unitName: 'سازمان اتوبوسرانی', districts: [1, 5, 9], cost: 2_600n * B, sources: [CITY, PRIVATE], status: 'planned', progress: [0, 0], months: [3, 30] },
  { code: 'P04', output: 1, committee: 'حمل‌ونقل عمومی', title: 'ترمیم گسترده آسفالت و چاله‌های معابر', unitName: 'معاونت عمران شهری', districts: [1, 2, 3, 9, 10, 11, 14, 15], cost: 1_900n * B, sources: [CITY], status: 'in_progress', progress: [40, 62], months: [-8, 16] },
  { code: 'P05', output: 1, committee: 'حمل‌ونقل عمومی', title: 'ایمن‌سازی محدوده مدارس و خط‌کشی عابر', unitName: 'معاونت حمل‌ونقل و ترافیک', districts: [4, 6, 12], cost: 180n * B, sources: [CITY], status: 'completed', progress: [80, 100], months: [-12, -1] },
  { code: 'P06', output: 2, committee: 'حمل‌ونقل عمومی', title: 'تکمیل حلقه دوچرخه حاشیه زاینده‌رود', unitName: 'معاونت حمل‌ونقل و ترافیک', districts: [1, 3, 5, 6], cost: 350n * B, sources: [CITY, STATE], status: 'in_progress', progress: [15, 27], months: [-4, 20] },
  { code: 'P07', output: 2, committee: 'منظر شهری', title: 'مناسب‌سازی پیاده‌روها برای افراد دارای معلولیت', unitName: 'معاونت شهرسازی', districts: [3, 7, 8], cost: 260n * B, sources: [CITY], status: 'suspended', progress: [10, 10], months: [-9, 9] },
  { code: 'P08', output: 3, committee: 'مدیریت پسماند', title: 'مخازن زیرزمینی و افزایش نوبت جمع‌آوری پسماند', unitName: 'سازمان مدیریت پسماند', districts: [2, 3, 10, 13], cost: 540n * B, sources: [CITY, PRIVATE], status: 'in_progress', progress: [30, 45], months: [-5, 14] },
  { code: 'P09', output: 3, committee: 'مدیریت پسماند', title: 'غرفه‌های تفکیک از مبدأ در همه محله‌ها', unitName: 'سازمان مدیریت پسماند', districts: [1, 4, 5, 6, 11], cost: 120n * B, sources: [CITY], status: 'in_progress', progress: [50, 71], months: [-7, 6] },
  { code: 'P10', output: 4, committee: 'فضای سبز', title: 'بوستان‌های محله‌ای در زمین‌های بایر', unitName: 'سازمان پارک‌ها و فضای سبز', districts: [12, 13, 14, 15], cost: 610n * B, sources: [CITY, STATE], status: 'in_progress', progress: [12, 24], months: [-3, 24] },
  { code: 'P11', output: 4, committee: 'فضای سبز', title: 'خط انتقال پساب برای آبیاری بوستان‌ها', unitName: 'سازمان پارک‌ها و فضای سبز', districts: [9, 10], cost: 880n * B, sources: [BONDS], status: 'planned', progress: [0, 0], months: [2, 28] },
  { code: 'P12', output: 5, committee: 'هدایت آب‌های سطحی', title: 'لایروبی و بازسازی آبروهای نقاط آب‌گرفتگی', unitName: 'معاونت خدمات شهری', districts: [2, 8, 13, 14], cost: 460n * B, sources: [CITY, STATE], status: 'in_progress', progress: [25, 40], months: [-6, 10] },
  { code: 'P13', output: 5, committee: 'هدایت آب‌های سطحی', title: 'شبکه هوشمند پایش بارش و هشدار آب‌گرفتگی', unitName: 'سازمان فناوری اطلاعات و ارتباطات', districts: [], cost: 95n * B, sources: [CITY], status: 'planned', progress: [0, 0], months: [4, 16] },
  { code: 'P14', output: 6, committee: 'شهر هوشمند', title: 'پنجره واحد خدمات الکترونیک شهرداری', unitName: 'سازمان فناوری اطلاعات و ارتباطات', districts: [], cost: 230n * B, sources: [CITY], status: 'in_progress', progress: [45, 60], months: [-11, 8] },
  { code: 'P15', output: 7, committee: 'فرهنگ شهروندی', title: 'پاسخ‌گویی رسمی به مسائل ثبت‌شده در سامانه هم‌اندیشی', unitName: 'دبیرخانه برنامه', districts: [], cost: 40n * B, sources: [CITY], status: 'in_progress', progress: [30, 52], months: [-2, 12] },
];

/** Which project answers which named demand group (the problem page's "what the plan does about this"). */
const GROUP_PROJECTS: [group: string, project: string][] = [
  [DEMO_DEMAND_GROUPS[0].name, 'P08'],
  [DEMO_DEMAND_GROUPS[2].name, 'P02'],
];

/**
 * The demo plan's structure: vision, mission and values, 3 goals, 8 outputs, 12 indicators (formulas,
 * baselines, yearly targets) with this year's quarterly measurements, 15 projects with budgets, districts,
 * locations and progress reports, and two demand groups traced to projects. Idempotent: skipped once the
 * plan has goals.
 */
export async function seedDemoStrategy(client: Client, organizationId: string): Promise<void> {
  const { rows: plans } = await client.query(
    `SELECT id, operational_from AS "from", operational_to AS "to" FROM plan WHERE organization_id = $1 AND title->>'fa' = $2`,
    [organizationId, PLAN_TITLE],
  );
  const plan: { id: string; from: number; to: number } | undefined = plans[0];
  if (!plan) return;
  const { rows: done } = await client.query(`SELECT 1 FROM strategy_goal WHERE plan_id = $1 LIMIT 1`, [plan.id]);
  if (done.length > 0) return;
  const plannerId: string | null = (await client.query(`SELECT id FROM account WHERE email = 'planner@demo.hamandishi.ir'`)).rows[0]?.id ?? null;
  const { rows: committees } = await client.query(`SELECT id, name->>'fa' AS name FROM committee WHERE plan_id = $1`, [plan.id]);
  const committeeId = new Map<string, string>(committees.map((c: { id: string; name: string }) => [c.name, c.id]));
  const { rows: districts } = await client.query(
    `SELECT id, number, (min_lat + max_lat) / 2 AS lat, (min_lng + max_lng) / 2 AS lng FROM district WHERE organization_id = $1`,
    [organizationId],
  );
  const district = new Map<number, { id: string; lat: number; lng: number }>(
    districts.map((d: { id: string; number: number; lat: number; lng: number }) => [d.number, d]),
  );
  const base = { organizationId, planId: plan.id };
  const years = Array.from({ length: plan.to - plan.from + 1 }, (_, i) => plan.from + i);

  await client.query(
    `INSERT INTO strategy_statement (plan_id, organization_id, vision, mission, "values", updated_by) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (plan_id) DO NOTHING`,
    [plan.id, organizationId, VISION, MISSION, VALUES, plannerId],
  );
  const goalIds = GOALS.map(() => randomUUID());
  await insertRows(client, 'strategy_goal', [['id', 'uuid'], ['organization_id', 'uuid'], ['plan_id', 'uuid'], ['code', 'text'], ['title', 'text'], ['description', 'text'], ['position', 'int4']],
    GOALS.map(([code, title, description], i) => [goalIds[i], base.organizationId, base.planId, code, title, description, i]));
  const outputIds = OUTPUTS.map(() => randomUUID());
  await insertRows(client, 'strategy_output', [['id', 'uuid'], ['organization_id', 'uuid'], ['plan_id', 'uuid'], ['goal_id', 'uuid'], ['code', 'text'], ['title', 'text'], ['position', 'int4']],
    OUTPUTS.map(([code, goal, title], i) => [outputIds[i], base.organizationId, base.planId, goalIds[goal], code, title, i]));

  const indicatorIds = INDICATORS.map(() => randomUUID());
  await insertRows(client, 'strategy_indicator', [
    ['id', 'uuid'], ['organization_id', 'uuid'], ['plan_id', 'uuid'], ['output_id', 'uuid'], ['code', 'text'], ['title', 'text'], ['unit', 'text'],
    ['direction', 'text'], ['formula', 'text'], ['variables', 'jsonb'], ['data_source', 'text'], ['responsible_unit', 'text'],
    ['baseline_year', 'int4'], ['baseline_value', 'numeric'], ['position', 'int4'],
  ], INDICATORS.map((ind, i) => [
    indicatorIds[i], base.organizationId, base.planId, outputIds[ind.output], ind.code, ind.title, ind.unit, ind.direction, ind.formula,
    JSON.stringify(ind.variables), ind.source, ind.unitName, plan.from - 1, ind.baseline, i,
  ]));
  await insertRows(client, 'strategy_indicator_target', [['organization_id', 'uuid'], ['plan_id', 'uuid'], ['indicator_id', 'uuid'], ['year', 'int4'], ['value', 'numeric']],
    INDICATORS.flatMap((ind, i) => years.map((year, y) => [base.organizationId, base.planId, indicatorIds[i], year, ind.targets[Math.min(y, ind.targets.length - 1)]])));

  // This year's first quarters: most on their way to the target, a few lagging (pace below 1).
  const now = Date.now();
  const measurements: unknown[][] = [];
  for (const [i, ind] of INDICATORS.entries()) {
    for (const quarter of [1, 2]) {
      const raw = ind.baseline + (ind.targets[0] - ind.baseline) * (quarter / 4) * ind.pace;
      const value = Math.round(raw * 10) / 10;
      const values = ind.of(value);
      measurements.push([
        base.organizationId, base.planId, indicatorIds[i], plan.from, quarter, JSON.stringify(values), evaluateFormula(ind.formula, values),
        quarter === 2 && ind.pace < 1 ? 'کندتر از برنامه؛ علت در گزارش پایش سه‌ماهه آمده است.' : null, plannerId,
        new Date(now - (quarter === 1 ? 120 : 30) * DAY_MS),
      ]);
    }
  }
  await insertRows(client, 'strategy_measurement', [
    ['organization_id', 'uuid'], ['plan_id', 'uuid'], ['indicator_id', 'uuid'], ['year', 'int4'], ['quarter', 'int2'], ['values', 'jsonb'], ['value', 'numeric'],
    ['comment', 'text'], ['recorded_by', 'uuid'], ['recorded_at', 'timestamptz'],
  ], measurements);

  const day = (months: number) => new Date(now + months * 30 * DAY_MS).toISOString().slice(0, 10);
  const projectIds = new Map<string, string>(PROJECTS.map((p) => [p.code, randomUUID()]));
  await insertRows(client, 'strategy_project', [
    ['id', 'uuid'], ['organization_id', 'uuid'], ['plan_id', 'uuid'], ['output_id', 'uuid'], ['committee_id', 'uuid'], ['code', 'text'], ['title', 'text'],
    ['responsible_unit', 'text'], ['lat', 'float8'], ['lng', 'float8'], ['starts_on', 'date'], ['ends_on', 'date'], ['total_cost', 'int8'],
    ['funding_sources', 'text[]'], ['status', 'text'], ['progress', 'int2'], ['position', 'int4'],
  ], PROJECTS.map((p, i) => {
    const at = p.districts.length > 0 ? district.get(p.districts[0]) : undefined;
    return [
      projectIds.get(p.code), base.organizationId, base.planId, outputIds[p.output], committeeId.get(`کمیته ${p.committee}`) ?? null, p.code, p.title,
      p.unitName, at?.lat ?? null, at?.lng ?? null, day(p.months[0]), day(p.months[1]), p.cost.toString(),
      `{${p.sources.map((s) => `"${s}"`).join(',')}}`, p.status, p.progress[1], i,
    ];
  }));
  await insertRows(client, 'strategy_project_district', [['organization_id', 'uuid'], ['plan_id', 'uuid'], ['project_id', 'uuid'], ['district_id', 'uuid']],
    PROJECTS.flatMap((p) => p.districts.filter((n) => district.has(n)).map((n) => [base.organizationId, base.planId, projectIds.get(p.code), district.get(n)!.id])));
  // The cost spread over the first three years, from each source in turn: 40%, 35%, 25%.
  const shares = [40n, 35n, 25n];
  await insertRows(client, 'strategy_budget_allocation', [['organization_id', 'uuid'], ['plan_id', 'uuid'], ['project_id', 'uuid'], ['year', 'int4'], ['funding_source', 'text'], ['amount', 'int8']],
    PROJECTS.flatMap((p) => shares.map((s, y) => [base.organizationId, base.planId, projectIds.get(p.code), plan.from + y, p.sources[y % p.sources.length], ((p.cost * s) / 100n).toString()])));
  await insertRows(client, 'strategy_project_report', [
    ['organization_id', 'uuid'], ['plan_id', 'uuid'], ['project_id', 'uuid'], ['year', 'int4'], ['quarter', 'int2'], ['progress', 'int2'], ['spent', 'int8'],
    ['comment', 'text'], ['recorded_by', 'uuid'], ['recorded_at', 'timestamptz'],
  ], PROJECTS.filter((p) => p.progress[1] > 0).flatMap((p) => p.progress.map((progress, q) => [
    base.organizationId, base.planId, projectIds.get(p.code), plan.from, q + 1, progress, ((p.cost * 40n * BigInt(progress)) / 10_000n).toString(),
    p.status === 'suspended' && q === 1 ? 'متوقف تا تأمین اعتبار سهم دولتی.' : null, plannerId, new Date(now - (q === 0 ? 110 : 25) * DAY_MS),
  ])));

  for (const [group, code] of GROUP_PROJECTS) {
    await client.query(
      `INSERT INTO strategy_trace_link (organization_id, plan_id, demand_group_id, project_id, created_by)
       SELECT $1, $2, g.id, $4, $5 FROM demand_group g WHERE g.plan_id = $2 AND g.name = $3 ON CONFLICT DO NOTHING`,
      [base.organizationId, base.planId, group, projectIds.get(code), plannerId],
    );
  }
}
