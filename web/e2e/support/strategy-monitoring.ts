import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import { SLUG } from './accounts';

// The fixture of the accountability e2e: a small plan structure, a citizen's problem and the
// demand (in a demand group) made from it, written straight into the server's database. The
// problem's demand is made by the database trigger; the fixture only puts it in the group. The
// demands hub that turns problems into demands is another branch's work; the structure could be
// imported through the editor (web/e2e/support/strategy.ts when it lands), but the test is about
// linking and monitoring, not importing.

/** The database the e2e server uses: DATABASE_URL, else the embedded one it started. */
function databaseUrl(): string {
  if (process.env.DATABASE_URL) return process.env.DATABASE_URL;
  const file = path.resolve(__dirname, '../../../.data/postgres.json');
  if (!existsSync(file)) throw new Error(`no ${file}: is the e2e server running on the embedded database?`);
  // The file names the server; the app's database on it is `hamandishi` (api/src/database/database-url.ts).
  const url = new URL((JSON.parse(readFileSync(file, 'utf8')) as { url: string }).url);
  url.pathname = '/hamandishi';
  return url.toString();
}

export type MonitoringFixture = {
  planId: string;
  year: number;
  projectId: string;
  indicatorId: string;
  problemId: string;
  groupName: string;
  projectTitle: string;
};

/** Builds the fixture for the citizen named `citizenName` (signed up already). */
export async function buildMonitoringFixture(citizenName: string): Promise<MonitoringFixture> {
  const db = new Client({ connectionString: databaseUrl() });
  await db.connect();
  try {
    const tag = Math.random().toString(36).slice(2, 7);
    const [where] = (
      await db.query(
        `SELECT a.organization_id AS "organizationId", a.plan_id AS "planId", a.stage_id AS "stageId", a.id AS "activityId",
                p.operational_from AS "from", p.operational_to AS "to",
                (SELECT id FROM theme t WHERE t.organization_id = a.organization_id ORDER BY t.position NULLS LAST, t.id LIMIT 1) AS "themeId",
                (SELECT id FROM district d WHERE d.organization_id = a.organization_id ORDER BY d.number LIMIT 1) AS "districtId"
         FROM activity a JOIN plan p ON p.id = a.plan_id JOIN organization o ON o.id = a.organization_id
         WHERE o.slug = $1 AND a.type = 'problem_collection' ORDER BY a.position LIMIT 1`,
        [SLUG],
      )
    ).rows;
    const [{ id: citizenId }] = (await db.query(`SELECT id FROM account WHERE display_name = $1`, [citizenName])).rows;
    const org = where.organizationId;
    const planId = where.planId;
    const year = Number(where.from) + 1 <= Number(where.to) ? Number(where.from) + 1 : Number(where.from);
    const one = async (sql: string, params: unknown[]) => (await db.query(sql, params)).rows[0];

    const goal = await one(`INSERT INTO strategy_goal (organization_id, plan_id, code, title) VALUES ($1, $2, $3, 'شهری بدون آب‌گرفتگی') RETURNING id`, [org, planId, `G-${tag}`]);
    const output = await one(`INSERT INTO strategy_output (organization_id, plan_id, goal_id, code, title) VALUES ($1, $2, $3, $4, 'شبکه آبروهای کامل') RETURNING id`, [
      org,
      planId,
      goal.id,
      `O-${tag}`,
    ]);
    const indicator = await one(
      `INSERT INTO strategy_indicator (organization_id, plan_id, output_id, code, title, unit, formula, variables, responsible_unit, baseline_year, baseline_value)
       VALUES ($1, $2, $3, $4, 'سهم معابر با آبرو', 'درصد', 'a / b * 100', $5, 'معاونت عمرانی', $6, 20) RETURNING id`,
      [org, planId, output.id, `I-${tag}`, JSON.stringify([{ name: 'a', label: 'معابر با آبرو' }, { name: 'b', label: 'همه معابر' }]), year - 1],
    );
    await db.query(`INSERT INTO strategy_indicator_target (organization_id, plan_id, indicator_id, year, value) VALUES ($1, $2, $3, $4, 40), ($1, $2, $3, $5, 60)`, [
      org,
      planId,
      indicator.id,
      year,
      year + 1,
    ]);
    const projectTitle = `لایروبی آبروهای محله ${tag}`;
    const project = await one(
      `INSERT INTO strategy_project (organization_id, plan_id, output_id, code, title, responsible_unit, total_cost, lat, lng)
       VALUES ($1, $2, $3, $4, $5, 'معاونت عمرانی', 5000000000, 32.65, 51.67) RETURNING id`,
      [org, planId, output.id, `P-${tag}`, projectTitle],
    );
    const problem = await one(
      `INSERT INTO problem (organization_id, plan_id, stage_id, activity_id, author_id, capacity, title, description, search_text, theme_id, district_id, lat, lng)
       VALUES ($1, $2, $3, $4, $5, 'citizen', 'آب‌گرفتگی کوچه پس از هر باران', 'هر بار که باران می‌بارد کوچه ما پر از آب می‌شود.', 'اب گرفتگی کوچه', $6, $7, 32.65, 51.67)
       RETURNING id`,
      [org, planId, where.stageId, where.activityId, citizenId, where.themeId, where.districtId],
    );
    const groupName = `آب‌گرفتگی معابر ${tag}`;
    const group = await one(`INSERT INTO demand_group (organization_id, plan_id, name) VALUES ($1, $2, $3) RETURNING id`, [org, planId, groupName]);
    await db.query(
      `INSERT INTO demand (organization_id, plan_id, source_kind, source_id, text, text_key, author_id, group_id, kind)
       VALUES ($1, $2, 'problem', $3, 'آب‌گرفتگی کوچه پس از هر باران', 'ابگرفتگی کوچه پس از هر باران', $4, $5, 'problem')
       ON CONFLICT (organization_id, source_kind, source_id, (coalesce(source_key, ''))) WHERE source_id IS NOT NULL
       DO UPDATE SET group_id = EXCLUDED.group_id, kind = EXCLUDED.kind`,
      [org, planId, problem.id, citizenId, group.id],
    );
    return { planId, year, projectId: project.id, indicatorId: indicator.id, problemId: problem.id, groupName, projectTitle };
  } finally {
    await db.end();
  }
}
