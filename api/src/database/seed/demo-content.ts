import { randomUUID } from 'node:crypto';
import type { Client } from 'pg';
import type { ProblemStatus } from '@hamandishi/contracts';
import { normalizeForSearch } from '@hamandishi/text';
import { boundaryContains, type Boundary } from '../../modules/problems/geo';
import {
  ACCEPTED_REASON, ADDRESSED_REASON, COMMENTS, DESCRIPTION_ENDINGS, FIRST_NAMES, LAST_NAMES, MERGED_REASON,
  OFFICIAL_REPLIES, OUT_OF_SCOPE_REASONS, PLACES_BY_DISTRICT, PROBLEM_TEMPLATES, REPLIES,
} from './demo-content-text';

/** How many problems the demo shows on its map and list. */
export const DEMO_PROBLEM_COUNT = 300;
/** How many invented citizens report, support and comment. */
export const DEMO_CITIZEN_COUNT = 60;
/** The domain of the invented citizens' e-mails (reserved `.example`: never delivered). */
export const DEMO_CITIZEN_EMAIL_DOMAIN = 'demo.hamandishi.example';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

/** A small seeded generator (mulberry32): the same demo on every fresh database. */
function generator(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let x = state;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)];
  const sample = <T>(items: readonly T[], n: number): T[] => {
    const copy = [...items];
    for (let i = copy.length - 1; i > 0; i--) {
      const j = int(i + 1);
      [copy[i], copy[j]] = [copy[j], copy[i]];
    }
    return copy.slice(0, n);
  };
  return { next, int, pick, sample };
}

type Person = { id: string; capacity: 'citizen' | 'ngo' | 'manager'; onBehalfOf: string | null };
type District = { id: string; number: number; boundary: Boundary; minLat: number; minLng: number; maxLat: number; maxLng: number };
type Problem = {
  id: string; districtIndex: number; themeId: string; author: Person; title: string; description: string;
  lat: number | null; lng: number | null; createdAt: Date; status: ProblemStatus;
};

/**
 * Fills the demo municipality with a living platform: about 300 problems over the districts, in
 * every status of the triage flow, with supports from invented citizens and comments (some with
 * replies), created over the last three months. Idempotent: it does nothing once the invented
 * citizens have reported anything. Runs inside seedDemo's transaction, with multi-row inserts,
 * so the whole content commits at once in about a second.
 */
export async function seedDemoContent(client: Client, organizationId: string): Promise<void> {
  const { rows: done } = await client.query(
    `SELECT 1 FROM problem p JOIN account a ON a.id = p.author_id
     WHERE p.organization_id = $1 AND a.email LIKE $2 LIMIT 1`,
    [organizationId, `%@${DEMO_CITIZEN_EMAIL_DOMAIN}`],
  );
  if (done.length > 0) return;

  const { rows: activities } = await client.query(
    `SELECT id, plan_id AS "planId", stage_id AS "stageId" FROM activity
     WHERE organization_id = $1 AND type = 'problem_collection' ORDER BY created_at LIMIT 1`,
    [organizationId],
  );
  const activity: { id: string; planId: string; stageId: string } | undefined = activities[0];
  if (!activity) return;

  const random = generator(1405);
  const citizens = await upsertCitizens(client, organizationId, random);
  const staff = await demoStaff(client, organizationId);
  const districts: District[] = (
    await client.query(
      `SELECT id, number, boundary, min_lat AS "minLat", min_lng AS "minLng", max_lat AS "maxLat", max_lng AS "maxLng"
       FROM district WHERE organization_id = $1 ORDER BY number`,
      [organizationId],
    )
  ).rows;
  const { rows: themes } = await client.query(`SELECT id, slug, parent_id AS "parentId" FROM theme WHERE organization_id = $1`, [organizationId]);
  const themeBySlug = new Map<string, { id: string; parentId: string | null }>(
    themes.map((t: { id: string; slug: string; parentId: string | null }) => [t.slug, t]),
  );
  const { rows: committeeRows } = await client.query(
    `SELECT c.id, array_agg(ct.theme_id) FILTER (WHERE ct.theme_id IS NOT NULL) AS "themeIds"
     FROM committee c LEFT JOIN committee_theme ct ON ct.committee_id = c.id
     WHERE c.organization_id = $1 AND c.plan_id = $2 GROUP BY c.id ORDER BY c.id`,
    [organizationId, activity.planId],
  );
  const committees: { id: string; themeIds: string[] | null }[] = committeeRows;
  const committeeFor = (themeId: string): string | null => {
    const parentId = themes.find((t: { id: string }) => t.id === themeId)?.parentId ?? null;
    const match = committees.find((c) => c.themeIds?.includes(themeId)) ?? committees.find((c) => parentId && c.themeIds?.includes(parentId));
    return (match ?? committees[0])?.id ?? null;
  };

  const now = Date.now();
  const authors: Person[] = [
    ...citizens,
    ...(staff.ngo ? [{ id: staff.ngo, capacity: 'ngo' as const, onBehalfOf: 'انجمن دوستداران زاینده‌رود' }] : []),
    ...(staff.manager ? [{ id: staff.manager, capacity: 'manager' as const, onBehalfOf: null }] : []),
    ...(staff.citizen ? [{ id: staff.citizen, capacity: 'citizen' as const, onBehalfOf: null }] : []),
  ];
  const templates = PROBLEM_TEMPLATES.filter((t) => themeBySlug.has(t.theme));
  const usedTitles = new Set<string>();
  const problems: Problem[] = [];
  // Central districts (the old city) get more reports than the edges, as in a real city.
  const weights = districts.map((d) => ([7, 8, 9].includes(d.number) ? 3 : [2, 3, 4, 12, 13, 14].includes(d.number) ? 2 : 1));
  const totalWeight = weights.reduce((a, b) => a + b, 0);
  const base = Math.floor((DEMO_PROBLEM_COUNT * 0.5) / districts.length);
  const districtOf = (i: number): number => {
    if (i < base * districts.length) return i % districts.length;
    let r = random.int(totalWeight);
    for (const [index, w] of weights.entries()) if ((r -= w) < 0) return index;
    return 0;
  };

  for (let i = 0; i < DEMO_PROBLEM_COUNT; i++) {
    const districtIndex = districtOf(i);
    const district = districts[districtIndex];
    const places = PLACES_BY_DISTRICT[(district.number - 1) % PLACES_BY_DISTRICT.length];
    // Each (template, place) reads once: two identical titles would look like a copy.
    let template = random.pick(templates);
    let place = random.pick(places);
    for (let tries = 0; usedTitles.has(`${template.title}|${place}`) && tries < 20; tries++) {
      template = random.pick(templates);
      place = random.pick(places);
    }
    usedTitles.add(`${template.title}|${place}`);
    const fill = (s: string) => s.replaceAll('{place}', place);
    const ending = random.next() < 0.45 ? ` ${random.pick(DESCRIPTION_ENDINGS)}` : '';
    const point = random.next() < 0.93 ? pointIn(district, random.next) : null;
    // Skewed towards recent weeks: more people join as the stage goes on.
    const ageDays = 1 + Math.floor(Math.pow(random.next(), 1.6) * 95);
    problems.push({
      id: randomUUID(),
      districtIndex,
      themeId: themeBySlug.get(template.theme)!.id,
      author: random.next() < 0.9 ? random.pick(citizens) : random.pick(authors),
      title: fill(template.title),
      description: fill(template.description) + ending,
      lat: point?.lat ?? null,
      lng: point?.lng ?? null,
      createdAt: new Date(now - ageDays * DAY_MS - random.int(12) * HOUR_MS),
      status: pickStatus(random.next(), ageDays),
    });
  }
  // A merged problem points at an older open one of the same theme; without one it stays submitted.
  const mergeTargets = new Map<string, string>();
  for (const p of problems.filter((p) => p.status === 'merged')) {
    const target = problems.find((q) => q.themeId === p.themeId && q.status !== 'merged' && q.createdAt < p.createdAt);
    if (target) mergeTargets.set(p.id, target.id);
    else p.status = 'submitted';
  }

  const history: { problemId: string; from: ProblemStatus | null; to: ProblemStatus; reason: string | null; committeeId: string | null; by: string | null; at: Date }[] = [];
  const finals = new Map<string, { reason: string | null; committeeId: string | null; updatedAt: Date }>();
  for (const p of problems) {
    history.push({ problemId: p.id, from: null, to: 'submitted', reason: null, committeeId: null, by: p.author.id, at: p.createdAt });
    const path = statusPath(p.status);
    let at = p.createdAt.getTime();
    let from: ProblemStatus = 'submitted';
    let committeeId: string | null = null;
    let reason: string | null = null;
    for (const to of path) {
      // Each step a day or a few later, never in the future.
      at = Math.min(at + (1 + random.int(4)) * DAY_MS + random.int(8) * HOUR_MS, now - HOUR_MS);
      reason =
        to === 'accepted' ? ACCEPTED_REASON : to === 'addressed' ? ADDRESSED_REASON
        : to === 'out_of_scope' ? random.pick(OUT_OF_SCOPE_REASONS) : to === 'merged' ? MERGED_REASON : null;
      if (to === 'accepted') committeeId = committeeFor(p.themeId);
      history.push({ problemId: p.id, from, to, reason, committeeId: to === 'accepted' ? committeeId : null, by: staff.planner, at: new Date(at) });
      from = to;
    }
    finals.set(p.id, { reason, committeeId, updatedAt: new Date(at) });
  }

  // merged_into_id points into the same insert: a foreign key is checked at the end of the statement.
  await insertRows(client, 'problem', [
    ['id', 'uuid'], ['organization_id', 'uuid'], ['plan_id', 'uuid'], ['stage_id', 'uuid'], ['activity_id', 'uuid'], ['author_id', 'uuid'],
    ['capacity', 'text'], ['on_behalf_of', 'text'], ['title', 'text'], ['description', 'text'], ['search_text', 'text'],
    ['theme_id', 'uuid'], ['district_id', 'uuid'], ['lat', 'float8'], ['lng', 'float8'], ['status', 'text'], ['status_reason', 'text'],
    ['committee_id', 'uuid'], ['merged_into_id', 'uuid'], ['created_at', 'timestamptz'], ['updated_at', 'timestamptz'],
  ], problems.map((p) => {
    const final = finals.get(p.id)!;
    return [
      p.id, organizationId, activity.planId, activity.stageId, activity.id, p.author.id,
      p.author.capacity, p.author.onBehalfOf, p.title, p.description, normalizeForSearch(`${p.title} ${p.description}`),
      p.themeId, districts[p.districtIndex].id, p.lat, p.lng, p.status, final.reason,
      final.committeeId, mergeTargets.get(p.id) ?? null, p.createdAt, final.updatedAt,
    ];
  }));

  await insertRows(client, 'problem_status_change', [
    ['organization_id', 'uuid'], ['problem_id', 'uuid'], ['from_status', 'text'], ['to_status', 'text'], ['reason', 'text'],
    ['committee_id', 'uuid'], ['changed_by', 'uuid'], ['changed_at', 'timestamptz'],
  ], history.map((h) => [organizationId, h.problemId, h.from, h.to, h.reason, h.committeeId, h.by, h.at]));

  // The planner's triage is audited, as the service audits it.
  await insertRows(client, 'audit_entry', [
    ['organization_id', 'uuid'], ['actor_id', 'uuid'], ['action', 'text'], ['entity_type', 'text'], ['entity_id', 'uuid'],
    ['before', 'jsonb'], ['after', 'jsonb'], ['created_at', 'timestamptz'],
  ], auditOfHistory(history, mergeTargets).map((a) => [organizationId, staff.planner, a.action, 'problem', a.problemId, JSON.stringify(a.before), JSON.stringify(a.after), a.at]));

  // Supports: a few problems gather many, most a handful; never the author's own, never a merged one.
  const supports: [string, string, Date][] = [];
  for (const p of problems) {
    if (p.status === 'merged') continue;
    // A problem gathers support over its first weeks: yesterday's report has only a few.
    const ageDays = (now - p.createdAt.getTime()) / DAY_MS;
    const ripeness = Math.min(1, (ageDays + 2) / 21);
    const wanted = Math.round((Math.pow(random.next(), 2.2) * 40 + (p.status === 'accepted' || p.status === 'addressed' ? 6 : 0)) * ripeness);
    for (const supporter of random.sample(citizens.filter((c) => c.id !== p.author.id), wanted)) {
      supports.push([p.id, supporter.id, between(p.createdAt.getTime(), now, random.next)]);
    }
  }
  await insertRows(client, 'problem_support', [['problem_id', 'uuid'], ['account_id', 'uuid'], ['organization_id', 'uuid'], ['created_at', 'timestamptz']],
    supports.map(([problemId, accountId, at]) => [problemId, accountId, organizationId, at]));

  // Comments on about four problems in ten; a thread sometimes gets replies, now and then the planner's official answer.
  const comments: { id: string; problemId: string; parentId: string | null; rootId: string; depth: number; authorId: string; capacity: string | null; body: string; official: boolean; at: Date }[] = [];
  for (const p of problems) {
    if (p.status === 'merged' || random.next() > 0.42) continue;
    const threads = 1 + random.int(random.next() < 0.25 ? 5 : 2);
    let at = p.createdAt.getTime();
    for (const body of random.sample(COMMENTS, threads)) {
      at = between(at, now, random.next).getTime();
      const root = randomUUID();
      const commenter = random.pick(citizens.filter((c) => c.id !== p.author.id));
      comments.push({ id: root, problemId: p.id, parentId: null, rootId: root, depth: 0, authorId: commenter.id, capacity: 'citizen', body, official: false, at: new Date(at) });
      if (random.next() < 0.35) {
        at = between(at, now, random.next).getTime();
        comments.push({ id: randomUUID(), problemId: p.id, parentId: root, rootId: root, depth: 1, authorId: p.author.id, capacity: p.author.capacity, body: random.pick(REPLIES), official: false, at: new Date(at) });
      }
      if (staff.planner && p.status !== 'submitted' && random.next() < 0.3) {
        at = between(at, now, random.next).getTime();
        comments.push({ id: randomUUID(), problemId: p.id, parentId: root, rootId: root, depth: 1, authorId: staff.planner, capacity: null, body: random.pick(OFFICIAL_REPLIES), official: true, at: new Date(at) });
      }
    }
  }
  await insertRows(client, 'comment', [
    ['id', 'uuid'], ['organization_id', 'uuid'], ['target_type', 'text'], ['target_id', 'uuid'], ['parent_id', 'uuid'], ['root_id', 'uuid'],
    ['depth', 'int2'], ['author_id', 'uuid'], ['author_capacity', 'text'], ['body', 'text'], ['is_official', 'bool'], ['created_at', 'timestamptz'],
  ], comments.map((c) => [c.id, organizationId, 'problem', c.problemId, c.parentId, c.rootId, c.depth, c.authorId, c.capacity, c.body, c.official, c.at]));

  // The counters the pages show, derived from the rows just written (never guessed).
  await client.query(
    `UPDATE problem p SET
       support_count = (SELECT count(*) FROM problem_support s WHERE s.problem_id = p.id),
       comment_count = (SELECT count(*) FROM comment c WHERE c.organization_id = p.organization_id AND c.target_type = 'problem'
                          AND c.target_id = p.id AND NOT c.is_hidden)
     WHERE p.organization_id = $1 AND p.id = ANY($2::uuid[])`,
    [organizationId, problems.map((p) => p.id)],
  );
}

/** The invented citizens (created once, found again by e-mail), members of the demo with a home district. */
async function upsertCitizens(client: Client, organizationId: string, random: ReturnType<typeof generator>): Promise<Person[]> {
  const people = Array.from({ length: DEMO_CITIZEN_COUNT }, (_, i) => ({
    displayName: `${FIRST_NAMES[i % FIRST_NAMES.length]} ${LAST_NAMES[(i * 7 + Math.floor(i / FIRST_NAMES.length)) % LAST_NAMES.length]}`,
    // +98 912 000 1xxx: next to the role accounts' +98 912 000 000x, a block the demo keeps for itself.
    mobile: `+98912000${1000 + i}`,
    email: `citizen-${String(i + 1).padStart(2, '0')}@${DEMO_CITIZEN_EMAIL_DOMAIN}`,
  }));
  await insertRows(client, 'account', [['mobile', 'text'], ['email', 'text'], ['display_name', 'text'], ['locale', 'text']],
    people.map((p) => [p.mobile, p.email, p.displayName, 'fa']), 'ON CONFLICT DO NOTHING');
  const { rows } = await client.query(`SELECT id FROM account WHERE email = ANY($1) ORDER BY email`, [people.map((p) => p.email)]);
  const { rows: districts } = await client.query(`SELECT id FROM district WHERE organization_id = $1`, [organizationId]);
  await insertRows(client, 'membership', [['organization_id', 'uuid'], ['account_id', 'uuid'], ['roles', 'text[]'], ['district_id', 'uuid']],
    rows.map((r: { id: string }) => [organizationId, r.id, '{citizen}', districts.length ? random.pick(districts).id : null]),
    'ON CONFLICT (organization_id, account_id) DO NOTHING');
  return rows.map((r: { id: string }) => ({ id: r.id, capacity: 'citizen' as const, onBehalfOf: null }));
}

/** The demo's role accounts that take part: the planner triages, the NGO and the manager report too. */
async function demoStaff(client: Client, organizationId: string) {
  const { rows } = await client.query(
    `SELECT a.id, a.email FROM account a JOIN membership m ON m.account_id = a.id AND m.organization_id = $1
     WHERE a.email = ANY($2)`,
    [organizationId, ['planner', 'ngo', 'manager', 'citizen'].map((r) => `${r}@demo.hamandishi.ir`)],
  );
  const id = (role: string): string | null => rows.find((r: { email: string }) => r.email === `${role}@demo.hamandishi.ir`)?.id ?? null;
  return { planner: id('planner'), ngo: id('ngo'), manager: id('manager'), citizen: id('citizen') };
}

/** Where a problem of a given age stands: young ones are mostly still waiting, old ones triaged. */
function pickStatus(r: number, ageDays: number): ProblemStatus {
  if (ageDays < 7) return r < 0.75 ? 'submitted' : 'under_review';
  if (r < 0.3) return 'submitted';
  if (r < 0.5) return 'under_review';
  if (r < 0.72) return 'accepted';
  if (r < 0.84) return ageDays > 20 ? 'addressed' : 'accepted';
  if (r < 0.94) return 'out_of_scope';
  return 'merged';
}

/** The steps after `submitted` that lead to a status, along PROBLEM_TRANSITIONS. */
function statusPath(status: ProblemStatus): ProblemStatus[] {
  switch (status) {
    case 'submitted': return [];
    case 'under_review': return ['under_review'];
    case 'accepted': return ['under_review', 'accepted'];
    case 'addressed': return ['under_review', 'accepted', 'addressed'];
    case 'out_of_scope': return ['under_review', 'out_of_scope'];
    case 'merged': return ['merged'];
  }
}

/** The audit entries the problems service writes for the same steps (status changes and merges). */
function auditOfHistory(
  history: { problemId: string; from: ProblemStatus | null; to: ProblemStatus; reason: string | null; committeeId: string | null; at: Date }[],
  mergeTargets: Map<string, string>,
) {
  const previous = new Map<string, { reason: string | null; committeeId: string | null }>();
  const entries: { action: string; problemId: string; before: object; after: object; at: Date }[] = [];
  for (const h of history) {
    const before = previous.get(h.problemId) ?? { reason: null, committeeId: null };
    if (h.from !== null) {
      const committeeId = h.committeeId ?? before.committeeId;
      entries.push(
        h.to === 'merged'
          ? { action: 'problem.merged', problemId: h.problemId, before: { status: h.from, supportCount: 0 }, after: { status: 'merged', mergedIntoId: mergeTargets.get(h.problemId), reason: h.reason }, at: h.at }
          : { action: 'problem.status_changed', problemId: h.problemId, before: { status: h.from, reason: before.reason, committeeId: before.committeeId }, after: { status: h.to, reason: h.reason, committeeId }, at: h.at },
      );
      previous.set(h.problemId, { reason: h.reason, committeeId });
    }
  }
  return entries;
}

/** A random point inside the district's boundary (its box, tried until one falls inside). */
function pointIn(district: District, next: () => number): { lat: number; lng: number } {
  for (let tries = 0; tries < 100; tries++) {
    const lat = Number((district.minLat + next() * (district.maxLat - district.minLat)).toFixed(6));
    const lng = Number((district.minLng + next() * (district.maxLng - district.minLng)).toFixed(6));
    if (boundaryContains(district.boundary, lng, lat)) return { lat, lng };
  }
  throw new Error(`no point found inside district ${district.number}`);
}

/** An instant between two others (ms), for a support or comment after the problem appeared. */
function between(from: number, to: number, next: () => number): Date {
  return new Date(from + next() * Math.max(0, to - from) * 0.8 + HOUR_MS * next());
}

/**
 * One INSERT of many rows: each column travels as one array, unnest() turns them back into rows.
 * Arrays of arrays (text[]) are passed as their literal, cast per column.
 */
export async function insertRows(client: Client, table: string, columns: [name: string, type: string][], rows: unknown[][], suffix = ''): Promise<void> {
  if (rows.length === 0) return;
  const arrays = columns.map((_, c) => rows.map((r) => r[c]));
  const select = columns.map(([, type], c) => (type.endsWith('[]') ? `u.c${c}::${type}` : `u.c${c}`));
  const unnest = columns.map(([, type], c) => `$${c + 1}::${type.endsWith('[]') ? 'text' : type}[]`);
  await client.query(
    `INSERT INTO ${table} (${columns.map(([name]) => name).join(', ')})
     SELECT ${select.join(', ')} FROM unnest(${unnest.join(', ')}) AS u(${columns.map((_, c) => `c${c}`).join(', ')}) ${suffix}`,
    arrays,
  );
}
