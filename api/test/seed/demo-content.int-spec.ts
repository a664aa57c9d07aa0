import { seedDemo } from '../../src/database/seed/demo-seed';
import { DEMO_PROBLEM_COUNT } from '../../src/database/seed/demo-content';
import { DEMO_DEMAND_GROUPS } from '../../src/database/seed/demo-demands';
import { boundaryContains } from '../../src/modules/problems/geo';
import { startTestApp, type TestApp } from '../support/test-app';
import { TestClient } from '../support/test-client';

/** Row counts of everything the demo content writes: a second run must leave them as they are. */
async function contentCounts(t: TestApp) {
  const [row] = await t.db.query(
    `SELECT (SELECT count(*) FROM problem)::int AS problems, (SELECT count(*) FROM problem_support)::int AS supports,
            (SELECT count(*) FROM comment)::int AS comments, (SELECT count(*) FROM account)::int AS accounts,
            (SELECT count(*) FROM membership)::int AS memberships, (SELECT count(*) FROM audit_entry)::int AS audit,
            (SELECT count(*) FROM problem_status_change)::int AS history,
            (SELECT count(*) FROM stakeholder)::int AS stakeholders, (SELECT count(*) FROM stakeholder_assessment)::int AS assessments,
            (SELECT count(*) FROM stakeholder_theme)::int AS stakeholder_themes, (SELECT count(*) FROM stakeholder_account)::int AS stakeholder_accounts,
            (SELECT count(*) FROM thinktank_session)::int AS sessions, (SELECT count(*) FROM thinktank_invitation)::int AS invitations,
            (SELECT count(*) FROM thinktank_attendance)::int AS attendance, (SELECT count(*) FROM thinktank_statement)::int AS statements,
            (SELECT count(*) FROM thinktank_statement_upvote)::int AS upvotes, (SELECT count(*) FROM thinktank_opinion_vote)::int AS opinion_votes,
            (SELECT count(*) FROM demand)::int AS demands, (SELECT count(*) FROM demand_theme)::int AS demand_themes,
            (SELECT count(*) FROM demand_group)::int AS demand_groups, (SELECT count(*) FILTER (WHERE kind IS NOT NULL)::int FROM demand) AS demand_kinds,
            (SELECT count(*) FROM strategy_goal)::int AS goals, (SELECT count(*) FROM strategy_indicator)::int AS indicators,
            (SELECT count(*) FROM strategy_project)::int AS projects, (SELECT count(*) FROM strategy_budget_allocation)::int AS budgets,
            (SELECT count(*) FROM strategy_measurement)::int AS measurements, (SELECT count(*) FROM strategy_project_report)::int AS reports,
            (SELECT count(*) FROM strategy_trace_link)::int AS trace_links`,
  );
  return row as Record<string, number>;
}

describe('the demo seed: a living Isfahan', () => {
  let t: TestApp;
  let firstRunMs = 0;

  beforeAll(async () => {
    t = await startTestApp();
    const started = Date.now();
    await seedDemo(t.databaseUrl);
    firstRunMs = Date.now() - started;
  }, 60_000);
  afterAll(() => t.close());

  it('seeds about 300 problems over every district, in several statuses, quickly', async () => {
    const [{ count }] = await t.db.query(`SELECT count(*)::int AS count FROM problem`);
    expect(count).toBe(DEMO_PROBLEM_COUNT);
    // Argon2 for the role accounts takes most of this; the content itself is a handful of inserts.
    expect(firstRunMs).toBeLessThan(15_000);

    const perDistrict: { number: number; n: number }[] = await t.db.query(
      `SELECT d.number, count(p.id)::int AS n FROM district d LEFT JOIN problem p ON p.district_id = d.id GROUP BY d.number ORDER BY d.number`,
    );
    expect(perDistrict).toHaveLength(15);
    expect(perDistrict.every((d) => d.n >= 10)).toBe(true);

    const statuses: { status: string; n: number }[] = await t.db.query(`SELECT status, count(*)::int AS n FROM problem GROUP BY status`);
    const byStatus = Object.fromEntries(statuses.map((s) => [s.status, s.n]));
    for (const status of ['submitted', 'under_review', 'accepted', 'addressed', 'out_of_scope', 'merged']) expect(byStatus[status]).toBeGreaterThan(0);
    expect(byStatus.submitted).toBeGreaterThan(byStatus.addressed);

    const themes: { n: number }[] = await t.db.query(`SELECT count(DISTINCT theme_id)::int AS n FROM problem`);
    expect(themes[0].n).toBeGreaterThanOrEqual(12);
    const [{ oldest, newest }] = await t.db.query(
      `SELECT extract(epoch FROM now() - min(created_at)) / 86400 AS oldest, extract(epoch FROM now() - max(created_at)) / 86400 AS newest FROM problem`,
    );
    expect(Number(oldest)).toBeGreaterThan(60);
    expect(Number(newest)).toBeLessThan(7);
  });

  it('puts every point inside its own district, and writes Persian text people can read', async () => {
    const rows: { lat: number | null; lng: number | null; boundary: never; title: string; description: string }[] = await t.db.query(
      `SELECT p.lat, p.lng, d.boundary, p.title, p.description FROM problem p JOIN district d ON d.id = p.district_id`,
    );
    const located = rows.filter((r) => r.lat !== null);
    expect(located.length).toBeGreaterThan(DEMO_PROBLEM_COUNT * 0.85);
    expect(located.every((r) => boundaryContains(r.boundary, r.lng!, r.lat!))).toBe(true);
    expect(rows.every((r) => /[\u0600-\u06FF]/.test(r.title) && !r.title.includes('{place}') && r.description.length > 40)).toBe(true);
    expect(new Set(rows.map((r) => r.title)).size).toBeGreaterThan(DEMO_PROBLEM_COUNT * 0.9);
  });

  it('keeps support and comment counters equal to their rows, with replies and official answers', async () => {
    const [mismatch] = await t.db.query(
      `SELECT count(*)::int AS n FROM problem p
       WHERE p.support_count <> (SELECT count(*) FROM problem_support s WHERE s.problem_id = p.id)
          OR p.comment_count <> (SELECT count(*) FROM comment c WHERE c.target_type = 'problem' AND c.target_id = p.id AND NOT c.is_hidden)`,
    );
    expect(mismatch.n).toBe(0);
    const [supports] = await t.db.query(
      `SELECT count(*)::int AS n, count(*) FILTER (WHERE s.account_id = p.author_id)::int AS own,
              count(*) FILTER (WHERE p.status = 'merged')::int AS merged
       FROM problem_support s JOIN problem p ON p.id = s.problem_id`,
    );
    expect(supports.n).toBeGreaterThan(1000);
    expect(supports.own).toBe(0);
    expect(supports.merged).toBe(0);
    const [comments] = await t.db.query(
      `SELECT count(*) FILTER (WHERE depth = 0)::int AS top, count(*) FILTER (WHERE depth = 1)::int AS replies,
              count(*) FILTER (WHERE is_official)::int AS official, count(DISTINCT target_id)::int AS problems FROM comment WHERE target_type = 'problem'`,
    );
    expect(comments.top).toBeGreaterThan(100);
    expect(comments.replies).toBeGreaterThan(20);
    expect(comments.official).toBeGreaterThan(0);
    expect(comments.problems).toBeGreaterThan(DEMO_PROBLEM_COUNT * 0.25);
  });

  it('keeps personal data fake: reserved mobiles, .example e-mails', async () => {
    const people: { mobile: string; email: string }[] = await t.db.query(
      `SELECT DISTINCT a.mobile, a.email FROM account a JOIN problem_support s ON s.account_id = a.id`,
    );
    expect(people.length).toBeGreaterThan(30);
    expect(people.every((p) => /^\+989120001\d{3}$/.test(p.mobile) && p.email.endsWith('@demo.hamandishi.example'))).toBe(true);
  });

  it('shows them on the list, the map and the district summary of isfahan', async () => {
    const client = new TestClient(t.url);
    const list = await client.get('/api/orgs/isfahan/problems?limit=20');
    expect(list.status).toBe(200);
    expect(list.body.items).toHaveLength(20);
    expect(list.body.nextCursor).not.toBeNull();
    const top = await client.get('/api/orgs/isfahan/problems?sort=most_supported&limit=1');
    expect(top.body.items[0].supportCount).toBeGreaterThan(15);

    const map = await client.get('/api/orgs/isfahan/problems/map?bbox=51.5,32.5,51.9,32.8&zoom=12');
    expect(map.status).toBe(200);
    const [{ visible }] = await t.db.query(`SELECT count(*)::int AS visible FROM problem WHERE lat IS NOT NULL AND status <> 'merged' AND NOT is_hidden`);
    expect(map.body.total).toBe(visible);

    const summary = await client.get('/api/orgs/isfahan/problems/by-district');
    expect(summary.status).toBe(200);
    expect(summary.body).toHaveLength(15);
    expect(summary.body.every((d: { total: number }) => d.total > 0)).toBe(true);

    const one = await client.get(`/api/orgs/isfahan/problems/${list.body.items[0].id}`);
    expect(one.status).toBe(200);
    expect(one.body.statusHistory.length).toBeGreaterThan(0);
  });

  it('registers about 25 stakeholders of every kind, assessed over the grid, some mandatory, a few linked to demo accounts', async () => {
    const [s] = await t.db.query(
      `SELECT count(*)::int AS n, count(DISTINCT kind)::int AS kinds, count(DISTINCT form)::int AS forms,
              bool_and(name ~ '[\u0600-\u06FF]') AS persian FROM stakeholder`,
    );
    expect(s.n).toBeGreaterThanOrEqual(24);
    expect(s.kinds).toBe(9);
    expect(s.forms).toBe(2);
    expect(s.persian).toBe(true);
    const [a] = await t.db.query(
      `SELECT count(*)::int AS n, count(DISTINCT (influence, interest))::int AS cells, count(*) FILTER (WHERE is_mandatory)::int AS mandatory,
              count(DISTINCT relation)::int AS relations,
              count(*) FILTER (WHERE influence >= 3 AND interest >= 3)::int AS manage, count(*) FILTER (WHERE influence < 3 AND interest < 3)::int AS monitor
       FROM stakeholder_assessment`,
    );
    expect(a.n).toBe(s.n);
    expect(a.cells).toBeGreaterThanOrEqual(12);
    expect(a.mandatory).toBeGreaterThanOrEqual(4);
    expect(a.relations).toBe(3);
    expect(a.manage).toBeGreaterThan(0);
    expect(a.monitor).toBeGreaterThan(0);
    const linked: { email: string }[] = await t.db.query(`SELECT a.email FROM stakeholder_account sa JOIN account a ON a.id = sa.account_id ORDER BY a.email`);
    expect(linked.map((l) => l.email)).toEqual(['expert@demo.hamandishi.ir', 'manager@demo.hamandishi.ir', 'ngo@demo.hamandishi.ir']);
    const [links] = await t.db.query(`SELECT (SELECT count(*) FROM stakeholder_theme)::int AS themes, (SELECT count(*) FROM stakeholder_district)::int AS districts`);
    expect(links.themes).toBeGreaterThan(30);
    expect(links.districts).toBeGreaterThan(10);
  });

  it('holds a think-tank session last week (attendance, statements, two opinion camps, minutes) and invites to one next week', async () => {
    const sessions: { id: string; status: string; past: boolean; published: boolean }[] = await t.db.query(
      `SELECT id, status, ends_at < now() AS past, minutes_published_at IS NOT NULL AS published FROM thinktank_session ORDER BY starts_at`,
    );
    expect(sessions).toHaveLength(2);
    const [held, next] = sessions;
    expect(held).toMatchObject({ status: 'closed', past: true, published: true });
    expect(next).toMatchObject({ status: 'scheduled', past: false, published: false });
    const [inv] = await t.db.query(
      `SELECT count(*) FILTER (WHERE session_id = $1)::int AS held, count(*) FILTER (WHERE session_id = $2)::int AS next,
              count(DISTINCT rsvp) FILTER (WHERE session_id = $1)::int AS answers FROM thinktank_invitation`,
      [held.id, next.id],
    );
    expect(inv.held).toBeGreaterThanOrEqual(12);
    expect(inv.next).toBeGreaterThan(0);
    expect(inv.answers).toBe(3);
    const [att] = await t.db.query(
      `SELECT count(*)::int AS n, sum(extract(epoch FROM checked_out_at - checked_in_at) / 3600)::float AS hours FROM thinktank_attendance WHERE session_id = $1`,
      [held.id],
    );
    expect(att.n).toBe(12);
    expect(att.hours).toBeGreaterThan(20);
    const [st] = await t.db.query(
      `SELECT count(*)::int AS n, count(DISTINCT cluster_id)::int AS clusters,
              bool_and(upvote_count = (SELECT count(*) FROM thinktank_statement_upvote u WHERE u.statement_id = s.id)) AS counted,
              sum(upvote_count)::int AS upvotes FROM thinktank_statement s WHERE session_id = $1`,
      [held.id],
    );
    expect(st.n).toBeGreaterThanOrEqual(15);
    expect(st.n).toBeLessThanOrEqual(25);
    expect(st.clusters).toBe(2);
    expect(st.counted).toBe(true);
    expect(st.upvotes).toBeGreaterThan(50);
    const voters: { n: number }[] = await t.db.query(`SELECT count(*)::int AS n FROM thinktank_opinion_vote WHERE session_id = $1 GROUP BY account_id`, [held.id]);
    expect(voters).toHaveLength(12);
    expect(voters.every((v) => v.n >= 7)).toBe(true);
    const [opinion] = await t.db.query(`SELECT result->>'status' AS status, result FROM thinktank_opinion_result WHERE session_id = $1`, [held.id]);
    expect(opinion.status).toBe('ready');
    expect(opinion.result.groups.length).toBeGreaterThanOrEqual(2);
    // Statements became demands through the trigger.
    const [{ fromStatements }] = await t.db.query(`SELECT count(*)::int AS "fromStatements" FROM demand WHERE source_kind = 'thinktank_statement'`);
    expect(fromStatements).toBe(st.n);
  });

  it('tags about 60% of the demands with themes and kinds, enough for the classifier, and groups near-identical ones', async () => {
    const [d] = await t.db.query(
      `SELECT count(*)::int AS n, count(*) FILTER (WHERE EXISTS (SELECT 1 FROM demand_theme t WHERE t.demand_id = d.id))::int AS tagged,
              count(*) FILTER (WHERE kind IS NOT NULL)::int AS kinds FROM demand d`,
    );
    expect(d.tagged / d.n).toBeGreaterThan(0.5);
    expect(d.tagged / d.n).toBeLessThan(0.7);
    expect(d.kinds).toBe(d.tagged);
    const [origin] = await t.db.query(
      `SELECT bool_and(dt.origin = 'planner' AND a.email = 'planner@demo.hamandishi.ir') AS planner FROM demand_theme dt JOIN account a ON a.id = dt.decided_by`,
    );
    expect(origin.planner).toBe(true);
    const [mismatch] = await t.db.query(
      `SELECT count(*)::int AS n FROM demand_theme dt JOIN demand d ON d.id = dt.demand_id JOIN problem p ON d.source_kind = 'problem' AND p.id = d.source_id
       WHERE p.theme_id <> dt.theme_id`,
    );
    expect(mismatch.n).toBe(0);
    const learnable: { n: number }[] = await t.db.query(`SELECT count(*)::int AS n FROM demand_theme GROUP BY theme_id HAVING count(*) >= 5`);
    expect(learnable.length).toBeGreaterThanOrEqual(10);
    const groups: { name: string; n: number }[] = await t.db.query(
      `SELECT g.name, count(d.id)::int AS n FROM demand_group g JOIN demand d ON d.group_id = g.id GROUP BY g.name`,
    );
    expect(groups.map((g) => g.name).sort()).toEqual(DEMO_DEMAND_GROUPS.map((g) => g.name).sort());
    expect(groups.every((g) => g.n >= 2)).toBe(true);
  });

  it('builds the plan structure with figures the accountability dashboard draws', async () => {
    const [plan] = await t.db.query(`SELECT id FROM plan`);
    const [c] = await t.db.query(
      `SELECT (SELECT count(*) FROM strategy_goal)::int AS goals, (SELECT count(*) FROM strategy_output)::int AS outputs,
              (SELECT count(*) FROM strategy_indicator)::int AS indicators, (SELECT count(*) FROM strategy_project)::int AS projects,
              (SELECT count(DISTINCT indicator_id) FROM strategy_indicator_target)::int AS targeted,
              (SELECT count(DISTINCT project_id) FROM strategy_budget_allocation)::int AS budgeted,
              (SELECT count(*) FROM strategy_measurement)::int AS measurements, (SELECT count(*) FROM strategy_project_report)::int AS reports,
              (SELECT count(*) FROM strategy_project WHERE lat IS NOT NULL)::int AS located,
              (SELECT count(DISTINCT project_id) FROM strategy_project_district)::int AS districted,
              (SELECT count(*) FROM strategy_trace_link WHERE demand_group_id IS NOT NULL AND project_id IS NOT NULL)::int AS traced,
              (SELECT bool_and(total_cost >= (SELECT coalesce(sum(amount), 0) FROM strategy_budget_allocation b WHERE b.project_id = p.id)) FROM strategy_project p) AS within`,
    );
    expect(c).toMatchObject({ goals: 3, outputs: 8, indicators: 12, projects: 15, targeted: 12, budgeted: 15, traced: 2, within: true });
    expect(c.measurements).toBeGreaterThanOrEqual(12);
    expect(c.reports).toBeGreaterThanOrEqual(10);
    expect(c.located).toBeGreaterThanOrEqual(10);
    expect(c.districted).toBeGreaterThanOrEqual(10);

    const client = new TestClient(t.url);
    const dashboard = await client.get(`/api/orgs/isfahan/plans/${plan.id}/accountability`);
    expect(dashboard.status).toBe(200);
    expect(JSON.stringify(dashboard.body)).toContain('سهم سفرهای حمل‌ونقل عمومی');
  });

  it('a second run adds nothing', async () => {
    const before = await contentCounts(t);
    await seedDemo(t.databaseUrl);
    expect(await contentCounts(t)).toEqual(before);
  });
});
