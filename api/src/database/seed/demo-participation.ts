import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Client } from 'pg';
import { normalizeForSearch } from '@hamandishi/text';
import { DEMO_CITIZEN_EMAIL_DOMAIN, insertRows } from './demo-content';
import { PLAN_TITLE } from './demo-plan';
import { computeOpinionGroups, decodeVotes } from '../../modules/thinktank/opinion/opinion-math';
import { toView } from '../../modules/thinktank/opinion/opinion.service';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

type StakeholderSeed = {
  name: string; form: 'organization' | 'person'; kind: string; relation: 'beneficiary' | 'relevant' | 'influential';
  influence: number; interest: number; mandatory?: boolean; themes: string[]; districts: number[]; account?: string; description: string;
};

/** About 25 actors of the plan, of every kind, spread over the influence/interest grid. */
const STAKEHOLDERS: StakeholderSeed[] = [
  { name: 'انجمن دوستداران زاینده‌رود', form: 'organization', kind: 'ngo', relation: 'beneficiary', influence: 2, interest: 5, themes: ['surface-water', 'environment-crisis'], districts: [1, 5], account: 'ngo', description: 'سمن فعال در حفاظت از رودخانه و محیط زیست شهری.' },
  { name: 'دکتر علی کارشناس', form: 'person', kind: 'academic', relation: 'relevant', influence: 3, interest: 4, themes: ['public-transport', 'traffic'], districts: [], account: 'expert', description: 'استاد برنامه‌ریزی حمل‌ونقل دانشگاه اصفهان.' },
  { name: 'شهرداری منطقه ۳', form: 'organization', kind: 'municipal_affiliate', relation: 'relevant', influence: 4, interest: 4, mandatory: true, themes: ['worn-out-fabric', 'urban-landscape'], districts: [3], account: 'manager', description: 'مدیریت منطقه تاریخی و بافت فرسوده مرکز شهر.' },
  { name: 'شورای اسلامی شهر اصفهان', form: 'organization', kind: 'city_council', relation: 'influential', influence: 5, interest: 4, mandatory: true, themes: ['finance', 'urban-planning'], districts: [], description: 'تصویب‌کننده برنامه و بودجه سالانه شهرداری.' },
  { name: 'استانداری اصفهان', form: 'organization', kind: 'executive_agency', relation: 'influential', influence: 5, interest: 2, mandatory: true, themes: ['urban-planning'], districts: [], description: 'دبیرخانه هیأت تطبیق مصوبات شورا.' },
  { name: 'شرکت آب و فاضلاب استان اصفهان', form: 'organization', kind: 'executive_agency', relation: 'relevant', influence: 4, interest: 3, mandatory: true, themes: ['surface-water'], districts: [], description: 'مسئول شبکه آب، فاضلاب و هماهنگی حفاری‌ها.' },
  { name: 'اداره کل حفاظت محیط زیست استان', form: 'organization', kind: 'executive_agency', relation: 'relevant', influence: 4, interest: 3, themes: ['environment-crisis'], districts: [], description: 'پایش کیفیت هوا و مجوزهای زیست‌محیطی.' },
  { name: 'سازمان قطار شهری اصفهان', form: 'organization', kind: 'municipal_affiliate', relation: 'relevant', influence: 4, interest: 5, mandatory: true, themes: ['public-transport'], districts: [7, 8, 9], description: 'بهره‌بردار خطوط مترو و توسعه خط دوم.' },
  { name: 'سازمان مدیریت پسماند شهرداری', form: 'organization', kind: 'municipal_affiliate', relation: 'relevant', influence: 3, interest: 5, mandatory: true, themes: ['waste-collection', 'recycling'], districts: [], description: 'جمع‌آوری، تفکیک و پردازش پسماند شهری.' },
  { name: 'سازمان پارک‌ها و فضای سبز', form: 'organization', kind: 'municipal_affiliate', relation: 'relevant', influence: 3, interest: 4, themes: ['parks', 'urban-trees'], districts: [], description: 'نگهداری بوستان‌ها و درختان شهری.' },
  { name: 'دانشگاه اصفهان، دانشکده شهرسازی', form: 'organization', kind: 'academic', relation: 'relevant', influence: 3, interest: 3, themes: ['urban-planning', 'worn-out-fabric'], districts: [], description: 'پژوهش‌های کاربردی در بازآفرینی شهری.' },
  { name: 'دانشگاه صنعتی اصفهان', form: 'organization', kind: 'academic', relation: 'relevant', influence: 2, interest: 3, themes: ['smart-city'], districts: [], description: 'همکاری در طرح‌های شهر هوشمند.' },
  { name: 'دکتر زهرا محیط‌بان', form: 'person', kind: 'academic', relation: 'relevant', influence: 2, interest: 4, themes: ['environment-crisis', 'urban-trees'], districts: [], description: 'پژوهشگر اقلیم و کم‌آبی.' },
  { name: 'اتاق بازرگانی اصفهان', form: 'organization', kind: 'private_sector', relation: 'influential', influence: 4, interest: 2, themes: ['finance', 'smart-city'], districts: [], description: 'نماینده فعالان اقتصادی و سرمایه‌گذاران.' },
  { name: 'انجمن صنفی کسبه بازار', form: 'organization', kind: 'private_sector', relation: 'beneficiary', influence: 3, interest: 4, themes: ['urban-landscape', 'traffic'], districts: [3], description: 'کسبه بازار بزرگ و محور چهارباغ.' },
  { name: 'شرکت نوپای دوچرخه اشتراکی', form: 'organization', kind: 'private_sector', relation: 'beneficiary', influence: 1, interest: 4, themes: ['walking-cycling', 'smart-city'], districts: [1, 3, 6], description: 'استارت‌آپ دوچرخه اشتراکی.' },
  { name: 'هیأت امنای مسجد محله جلفا', form: 'organization', kind: 'religious_volunteer', relation: 'beneficiary', influence: 2, interest: 3, themes: ['citizenship-culture', 'social-cultural'], districts: [5], description: 'فعالیت‌های داوطلبانه محله‌ای.' },
  { name: 'گروه داوطلبان هلال‌احمر محله', form: 'organization', kind: 'religious_volunteer', relation: 'beneficiary', influence: 1, interest: 3, themes: ['environment-crisis'], districts: [2, 14], description: 'آموزش آمادگی در برابر زلزله.' },
  { name: 'روزنامه زاینده‌رود', form: 'organization', kind: 'media', relation: 'influential', influence: 3, interest: 2, themes: ['citizenship-culture'], districts: [], description: 'رسانه محلی و پیگیر اخبار شهری.' },
  { name: 'خبرگزاری محلی نصف جهان', form: 'organization', kind: 'media', relation: 'influential', influence: 2, interest: 2, themes: [], districts: [], description: 'پوشش خبری جلسات شورا.' },
  { name: 'شورایاری محله ملک‌شهر', form: 'organization', kind: 'citizen_group', relation: 'beneficiary', influence: 2, interest: 5, themes: ['parks', 'road-paving'], districts: [12], description: 'نمایندگان منتخب ساکنان محله.' },
  { name: 'شورایاری محله زینبیه', form: 'organization', kind: 'citizen_group', relation: 'beneficiary', influence: 1, interest: 5, themes: ['waste-collection', 'surface-water'], districts: [13], description: 'پیگیری مسائل محله در کمیسیون‌ها.' },
  { name: 'انجمن حمایت از معلولان', form: 'organization', kind: 'ngo', relation: 'beneficiary', influence: 1, interest: 4, themes: ['walking-cycling', 'public-transport'], districts: [], description: 'مناسب‌سازی معابر برای افراد دارای معلولیت.' },
  { name: 'جمعیت دوستداران میراث فرهنگی', form: 'organization', kind: 'ngo', relation: 'beneficiary', influence: 2, interest: 3, themes: ['urban-landscape', 'worn-out-fabric'], districts: [3], description: 'پاسداشت بافت و بناهای تاریخی.' },
  { name: 'مهندس حمید راه‌ساز', form: 'person', kind: 'citizen_group', relation: 'beneficiary', influence: 1, interest: 1, themes: ['road-paving'], districts: [9], description: 'مدیر بازنشسته عمران شهری.' },
  { name: 'اداره کل راه و شهرسازی استان', form: 'organization', kind: 'executive_agency', relation: 'influential', influence: 5, interest: 1, themes: ['urban-planning'], districts: [], description: 'طرح‌های جامع و تفصیلی.' },
];

const SESSION_TOPIC = 'جلسه هم‌اندیشی: آینده حمل‌ونقل عمومی محور چهارباغ';
const NEXT_SESSION_TOPIC = 'جلسه هم‌اندیشی: سازگاری با کم‌آبی و آب‌های سطحی';

/** Statements of the held session: the first ten favour public transport and walking, the rest the car and parking. */
const STATEMENTS: string[] = [
  'خیابان چهارباغ عباسی باید کاملاً پیاده‌راه شود و فقط اتوبوس برقی از آن عبور کند.',
  'تکمیل خط دوم مترو باید مقدم بر هر پروژه عمرانی دیگری در بودجه باشد.',
  'ایستگاه‌های اتوبوس تندرو باید سایه‌بان، نیمکت و تابلوی زمان رسیدن داشته باشند.',
  'دوچرخه اشتراکی در کنار ایستگاه‌های مترو، سفرهای کوتاه را از خودرو جدا می‌کند.',
  'طرح ترافیک مرکز شهر با عوارض ورود خودرو، درآمد پایدار برای حمل‌ونقل عمومی می‌سازد.',
  'پیاده‌روها باید برای ویلچر و کالسکه رمپ و سطح یکنواخت داشته باشند.',
  'بلیت یکپارچه مترو و اتوبوس با کارت بانکی، استفاده از حمل‌ونقل عمومی را آسان می‌کند.',
  'سرعت مجاز در محله‌های مسکونی باید به سی کیلومتر بر ساعت کاهش یابد.',
  'خطوط اتوبوس تغذیه‌کننده باید محله‌های حاشیه‌ای را به ایستگاه‌های مترو برسانند.',
  'داده‌های لحظه‌ای اتوبوس‌ها باید به‌صورت داده باز منتشر شود.',
  'بدون ساخت پارکینگ‌های طبقاتی، پیاده‌راه‌سازی کسب‌وکار بازار را نابود می‌کند.',
  'عریض‌کردن خیابان‌های اصلی، ترافیک ساعات اوج را کاهش می‌دهد.',
  'عوارض ورود به مرکز شهر فشار مالی بر خانواده‌های کم‌درآمد است.',
  'کسبه باید اجازه بارگیری در تمام ساعات روز را داشته باشند.',
  'ساخت پل‌های روگذر در تقاطع‌های پرترافیک اولویت دارد.',
  'پارک حاشیه‌ای رایگان در اطراف بافت تاریخی باید افزایش یابد.',
  'تاکسی‌های اینترنتی جایگزین مناسب‌تری از توسعه اتوبوس هستند.',
  'بودجه مترو بهتر است صرف آسفالت معابر فرسوده شود.',
  'هر تغییری در محور چهارباغ باید پیش از اجرا با کسبه مشورت شود.',
  'آموزش فرهنگ ترافیک در مدارس باید بخشی از برنامه باشد.',
];

/**
 * The stakeholder registry and two think-tank sessions of the demo plan: one held last week (invitations,
 * attendance with check-in/out, statements with up-votes, opinion votes of two camps, clusters, published
 * minutes) and one next week (invitations). Idempotent: each part is skipped once it exists.
 */
export async function seedDemoParticipation(client: Client, organizationId: string): Promise<void> {
  const { rows: plans } = await client.query(`SELECT id FROM plan WHERE organization_id = $1 AND title->>'fa' = $2`, [organizationId, PLAN_TITLE]);
  const planId: string | undefined = plans[0]?.id;
  if (!planId) return;
  const account = async (role: string): Promise<string | null> =>
    (await client.query(`SELECT id FROM account WHERE email = $1`, [`${role}@demo.hamandishi.ir`])).rows[0]?.id ?? null;
  const staff = { planner: await account('planner'), expert: await account('expert'), ngo: await account('ngo'), manager: await account('manager'), citizen: await account('citizen') };
  await seedStakeholders(client, organizationId, planId, staff);
  await seedSessions(client, organizationId, planId, staff);
}

type Staff = Record<'planner' | 'expert' | 'ngo' | 'manager' | 'citizen', string | null>;

async function seedStakeholders(client: Client, organizationId: string, planId: string, staff: Staff): Promise<void> {
  const { rows: done } = await client.query(`SELECT 1 FROM stakeholder WHERE organization_id = $1 AND name_key = $2`, [
    organizationId, normalizeForSearch(STAKEHOLDERS[3].name),
  ]);
  if (done.length > 0) return;
  const { rows: themes } = await client.query(`SELECT id, slug FROM theme WHERE organization_id = $1`, [organizationId]);
  const themeId = new Map<string, string>(themes.map((t: { id: string; slug: string }) => [t.slug, t.id]));
  const { rows: districts } = await client.query(`SELECT id, number FROM district WHERE organization_id = $1`, [organizationId]);
  const districtId = new Map<number, string>(districts.map((d: { id: string; number: number }) => [d.number, d.id]));
  // Someone may have registered one of these names by hand: it keeps theirs and gets no second one.
  const { rows: taken } = await client.query(`SELECT kind, name_key FROM stakeholder WHERE organization_id = $1 AND archived_at IS NULL`, [organizationId]);
  const takenKeys = new Set(taken.map((r: { kind: string; name_key: string }) => `${r.kind}|${r.name_key}`));
  const seeds = STAKEHOLDERS.filter((s) => !takenKeys.has(`${s.kind}|${normalizeForSearch(s.name)}`)).map((s) => ({ ...s, id: randomUUID() }));
  const now = Date.now();
  await insertRows(client, 'stakeholder', [
    ['id', 'uuid'], ['organization_id', 'uuid'], ['form', 'text'], ['kind', 'text'], ['name', 'text'], ['name_key', 'text'], ['description', 'text'],
    ['is_verified', 'bool'], ['verified_by', 'uuid'], ['verified_at', 'timestamptz'], ['created_by', 'uuid'], ['created_at', 'timestamptz'],
  ], seeds.map((s, i) => {
    const verified = i % 3 !== 2;
    const at = new Date(now - (40 - i) * DAY_MS);
    return [s.id, organizationId, s.form, s.kind, s.name, normalizeForSearch(s.name), s.description, verified, verified ? staff.planner : null, verified ? at : null, staff.planner, at];
  }));
  await insertRows(client, 'stakeholder_assessment', [
    ['organization_id', 'uuid'], ['stakeholder_id', 'uuid'], ['plan_id', 'uuid'], ['relation', 'text'], ['influence', 'int2'], ['interest', 'int2'],
    ['is_mandatory', 'bool'], ['updated_by', 'uuid'],
  ], seeds.map((s) => [organizationId, s.id, planId, s.relation, s.influence, s.interest, s.mandatory ?? false, staff.planner]));
  await insertRows(client, 'stakeholder_theme', [['organization_id', 'uuid'], ['stakeholder_id', 'uuid'], ['theme_id', 'uuid']],
    seeds.flatMap((s) => s.themes.filter((t) => themeId.has(t)).map((t) => [organizationId, s.id, themeId.get(t)])));
  await insertRows(client, 'stakeholder_district', [['organization_id', 'uuid'], ['stakeholder_id', 'uuid'], ['district_id', 'uuid']],
    seeds.flatMap((s) => s.districts.filter((d) => districtId.has(d)).map((d) => [organizationId, s.id, districtId.get(d)])));
  await insertRows(client, 'stakeholder_account', [['organization_id', 'uuid'], ['stakeholder_id', 'uuid'], ['account_id', 'uuid']],
    seeds.flatMap((s) => {
      const accountId = s.account ? staff[s.account as keyof Staff] : null;
      return accountId ? [[organizationId, s.id, accountId]] : [];
    }), 'ON CONFLICT DO NOTHING');
}

async function seedSessions(client: Client, organizationId: string, planId: string, staff: Staff): Promise<void> {
  const { rows: done } = await client.query(`SELECT 1 FROM thinktank_session WHERE organization_id = $1 AND plan_id = $2 AND topic = $3`, [
    organizationId, planId, SESSION_TOPIC,
  ]);
  if (done.length > 0) return;
  const { rows: stages } = await client.query(`SELECT id FROM stage WHERE plan_id = $1 ORDER BY position LIMIT 1`, [planId]);
  if (!stages[0]) return;
  const stageId: string = stages[0].id;
  const committee = async (fa: string): Promise<string | null> =>
    (await client.query(`SELECT id FROM committee WHERE plan_id = $1 AND name->>'fa' = $2`, [planId, fa])).rows[0]?.id ?? null;
  const { rows: citizens } = await client.query(`SELECT id FROM account WHERE email LIKE $1 ORDER BY mobile LIMIT 12`, [`%@${DEMO_CITIZEN_EMAIL_DOMAIN}`]);
  const { rows: links } = await client.query(`SELECT account_id, stakeholder_id FROM stakeholder_account WHERE organization_id = $1`, [organizationId]);
  const stakeholderOf = new Map<string, string>(links.map((l: { account_id: string; stakeholder_id: string }) => [l.account_id, l.stakeholder_id]));
  const invented: string[] = citizens.map((c: { id: string }) => c.id);
  // Twelve who came (two camps of six), two who declined, two who never answered.
  const named = [staff.expert, staff.ngo, staff.manager, staff.citizen].filter((id): id is string => !!id);
  const people = [...named, ...invented].slice(0, 16);
  const came = people.slice(0, 12);

  const day = (n: number) => new Date(Math.floor(Date.now() / DAY_MS) * DAY_MS + n * DAY_MS);
  const heldStart = new Date(day(-7).getTime() + 6.5 * HOUR_MS); // 10:00 in Tehran
  const heldEnd = new Date(heldStart.getTime() + 3 * HOUR_MS);
  const nextStart = new Date(day(7).getTime() + 6.5 * HOUR_MS);
  const heldId = randomUUID();
  const nextId = randomUUID();
  const minutes = [
    'جمع‌بندی جلسه هم‌اندیشی حمل‌ونقل عمومی محور چهارباغ',
    '',
    '۱. حاضران بر تکمیل خط دوم مترو و یکپارچگی آن با اتوبوس تندرو توافق داشتند.',
    '۲. درباره پیاده‌راه‌سازی کامل چهارباغ دو دیدگاه روشن شکل گرفت: گروهی آن را فرصت و گروهی (به‌ویژه کسبه) تهدید می‌دانند.',
    '۳. مقرر شد پیش از هر تصمیم، مطالعه پارک حاشیه‌ای و بارگیری کسبه در کمیته حمل‌ونقل عمومی بررسی شود.',
  ].join('\n');
  await insertRows(client, 'thinktank_session', [
    ['id', 'uuid'], ['organization_id', 'uuid'], ['plan_id', 'uuid'], ['stage_id', 'uuid'], ['committee_id', 'uuid'], ['topic', 'text'], ['agenda', 'text'],
    ['facilitator_id', 'uuid'], ['place', 'text'], ['starts_at', 'timestamptz'], ['ends_at', 'timestamptz'], ['capacity', 'int4'], ['status', 'text'],
    ['board_status', 'text'], ['created_by', 'uuid'], ['created_at', 'timestamptz'], ['minutes', 'text'], ['minutes_updated_at', 'timestamptz'], ['minutes_published_at', 'timestamptz'],
  ], [
    [heldId, organizationId, planId, stageId, await committee('کمیته حمل‌ونقل عمومی'), SESSION_TOPIC,
      'مرور مسائل ثبت‌شده محور چهارباغ، طرح ایده‌ها روی تابلوی زنده، رأی‌گیری دیدگاه‌ها و جمع‌بندی.', staff.planner,
      'سالن شورای شهرداری مرکزی، خیابان استانداری', heldStart, heldEnd, 30, 'closed', 'closed', staff.planner, day(-14), minutes, heldEnd, new Date(heldEnd.getTime() + DAY_MS)],
    [nextId, organizationId, planId, stageId, await committee('کمیته هدایت آب‌های سطحی'), NEXT_SESSION_TOPIC,
      'آب‌گرفتگی معابر پس از بارندگی، بازچرخانی آب و آبیاری فضای سبز با پساب.', staff.planner,
      'دانشکده عمران دانشگاه اصفهان، سالن کنفرانس', nextStart, new Date(nextStart.getTime() + 2.5 * HOUR_MS), 25, 'scheduled', 'not_started', staff.planner, day(-2), null, null, null],
  ]);

  const invitations: unknown[][] = [];
  for (const [i, accountId] of people.entries()) {
    const rsvp = i < 12 ? 'yes' : i < 14 ? 'no' : 'pending';
    invitations.push([organizationId, heldId, accountId, stakeholderOf.get(accountId) ?? null, tokenHash(), heldEnd, rsvp, rsvp === 'pending' ? null : day(-12), staff.planner, day(-13)]);
  }
  for (const [i, accountId] of people.slice(0, 10).entries()) {
    const rsvp = i < 5 ? 'yes' : i === 5 ? 'no' : 'pending';
    invitations.push([organizationId, nextId, accountId, stakeholderOf.get(accountId) ?? null, tokenHash(), new Date(nextStart.getTime() + 3 * HOUR_MS), rsvp, rsvp === 'pending' ? null : day(-1), staff.planner, day(-2)]);
  }
  // The token only ever travels in the invitation message; the demo keeps the hash of a random one.
  await insertRows(client, 'thinktank_invitation', [
    ['organization_id', 'uuid'], ['session_id', 'uuid'], ['account_id', 'uuid'], ['stakeholder_id', 'uuid'], ['token_hash', 'bytea'], ['expires_at', 'timestamptz'],
    ['rsvp', 'text'], ['rsvp_at', 'timestamptz'], ['invited_by', 'uuid'], ['created_at', 'timestamptz'],
  ], invitations);

  await insertRows(client, 'thinktank_attendance', [
    ['organization_id', 'uuid'], ['session_id', 'uuid'], ['account_id', 'uuid'], ['stakeholder_id', 'uuid'], ['checked_in_at', 'timestamptz'],
    ['checked_in_by', 'uuid'], ['check_in_method', 'text'], ['checked_out_at', 'timestamptz'], ['checked_out_by', 'uuid'],
  ], came.map((accountId, i) => [
    organizationId, heldId, accountId, stakeholderOf.get(accountId) ?? null, new Date(heldStart.getTime() + (i % 5) * 4 * 60_000),
    i % 3 === 0 ? staff.planner : null, i % 3 === 0 ? 'list' : 'qr', new Date(heldEnd.getTime() - (i % 4) * 10 * 60_000), i % 3 === 0 ? staff.planner : null,
  ]));

  const clusters = [randomUUID(), randomUUID()];
  await insertRows(client, 'thinktank_cluster', [['id', 'uuid'], ['organization_id', 'uuid'], ['session_id', 'uuid'], ['label', 'text'], ['position', 'int4']], [
    [clusters[0], organizationId, heldId, 'حمل‌ونقل عمومی و پیاده‌مداری', 0],
    [clusters[1], organizationId, heldId, 'خودرو، پارکینگ و کسب‌وکار', 1],
  ]);
  const statements = STATEMENTS.map((text, i) => ({
    id: randomUUID(), text, author: came[i % came.length], cluster: i % 4 === 3 ? null : clusters[i < 10 ? 0 : 1],
    at: new Date(heldStart.getTime() + (10 + i * 7) * 60_000),
  }));
  // Camp A (the first six) favours statements 0-9, camp B (the other six) 10-19; each passes now and then.
  const upvotes: unknown[][] = [];
  const votes: unknown[][] = [];
  for (const [s, statement] of statements.entries()) {
    for (const [p, accountId] of came.entries()) {
      const campA = p < 6;
      const favours = s < 10 ? campA : !campA;
      const shared = s === 18 || s === 19; // consultation and schooling: everyone agrees
      const vote = (s + p) % 7 === 0 ? 0 : shared || favours ? 1 : -1;
      votes.push([organizationId, heldId, statement.id, accountId, vote, new Date(statement.at.getTime() + (5 + p) * 60_000)]);
      if (vote === 1 && (s + 2 * p) % 3 !== 0) upvotes.push([statement.id, accountId, new Date(statement.at.getTime() + (2 + p) * 60_000)]);
    }
  }
  const upvoteCount = new Map<string, number>();
  for (const [statementId] of upvotes) upvoteCount.set(statementId as string, (upvoteCount.get(statementId as string) ?? 0) + 1);
  await insertRows(client, 'thinktank_statement', [
    ['id', 'uuid'], ['organization_id', 'uuid'], ['session_id', 'uuid'], ['author_id', 'uuid'], ['text', 'text'], ['text_key', 'text'], ['cluster_id', 'uuid'],
    ['is_pinned', 'bool'], ['upvote_count', 'int4'], ['created_at', 'timestamptz'],
  ], statements.map((s, i) => [s.id, organizationId, heldId, s.author, s.text, normalizeForSearch(s.text), s.cluster, i === 1, upvoteCount.get(s.id) ?? 0, s.at]));
  await insertRows(client, 'thinktank_statement_upvote', [['statement_id', 'uuid'], ['account_id', 'uuid'], ['created_at', 'timestamptz']], upvotes);
  await insertRows(client, 'thinktank_opinion_vote', [
    ['organization_id', 'uuid'], ['session_id', 'uuid'], ['statement_id', 'uuid'], ['account_id', 'uuid'], ['vote', 'int2'], ['updated_at', 'timestamptz'],
  ], votes);
  // The opinion groups as the closing of the session computed them (the same pure computation as the job).
  const participants = [...came].sort().map((accountId) => ({
    accountId,
    votes: votes.filter((v) => v[3] === accountId).map((v) => `${statements.findIndex((st) => st.id === v[2])}:${v[4]}`).join(','),
  }));
  const sessionVotes = { statementIds: statements.map((st) => st.id), participants };
  const result = computeOpinionGroups(decodeVotes(participants.map((p) => p.votes), statements.length), { previous: null, seed: 42 });
  const { view, memberGroups, nextBasis } = toView(result, sessionVotes);
  await client.query(
    `INSERT INTO thinktank_opinion_result (session_id, organization_id, computed_at, result, member_groups, basis) VALUES ($1, $2, $3, $4, $5, $6)`,
    [heldId, organizationId, heldEnd, JSON.stringify(view), JSON.stringify(memberGroups), nextBasis ? JSON.stringify(nextBasis) : null],
  );
  await insertRows(client, 'thinktank_output', [['organization_id', 'uuid'], ['session_id', 'uuid'], ['kind', 'text'], ['body', 'text'], ['created_by', 'uuid']], [
    [organizationId, heldId, 'decision', 'مطالعه پارک حاشیه‌ای و زمان‌بندی بارگیری کسبه پیش از طرح پیاده‌راه چهارباغ در کمیته بررسی شود.', staff.planner],
    [organizationId, heldId, 'output', 'اولویت تکمیل خط دوم مترو و یکپارچگی بلیت با اتوبوس به کارگروه حمل‌ونقل عمومی پیشنهاد شد.', staff.planner],
  ]);
}

function tokenHash(): Buffer {
  return createHash('sha256').update(randomBytes(32)).digest();
}
