import type { Client } from 'pg';
import { PLAN_TITLE } from './demo-plan';

/** Named groups of near-identical demands: problems written from the same complaint in different places. */
export const DEMO_DEMAND_GROUPS: { name: string; titlePrefix: string }[] = [
  { name: 'سرریز مخازن زباله در محله‌ها', titlePrefix: 'سرریز مخازن زباله در' },
  { name: 'آب‌گرفتگی معابر پس از باران', titlePrefix: 'آب‌گرفتگی معبر پس از هر باران در' },
  { name: 'ایستگاه‌های اتوبوس بدون سایه‌بان', titlePrefix: 'ایستگاه اتوبوس بدون سایه‌بان در' },
  { name: 'چاله‌های آسفالت معابر', titlePrefix: 'چاله‌های عمیق آسفالت در' },
];

/**
 * Categorises the demo plan's demands as a planner would: about 60% tagged with a theme (see below), origin
 * 'planner', decided by the demo planner, with a kind; and four named groups of near-identical demands.
 * Set-based (a handful of statements). Idempotent: skipped once the first group exists.
 */
export async function seedDemoDemands(client: Client, organizationId: string): Promise<void> {
  const { rows: plans } = await client.query(`SELECT id FROM plan WHERE organization_id = $1 AND title->>'fa' = $2`, [organizationId, PLAN_TITLE]);
  const planId: string | undefined = plans[0]?.id;
  if (!planId) return;
  const { rows: done } = await client.query(`SELECT 1 FROM demand_group WHERE plan_id = $1 AND name = $2`, [planId, DEMO_DEMAND_GROUPS[0].name]);
  if (done.length > 0) return;
  const plannerId: string | null = (await client.query(`SELECT id FROM account WHERE email = 'planner@demo.hamandishi.ir'`)).rows[0]?.id ?? null;

  // About 60% in all, as a planner works: nearly every reported problem (its own theme), every think-tank
  // statement (by its cluster), and a third of the comments (their problem's theme). Comments are mostly
  // generic ("me too"), so tagging them all would teach the classifier noise.
  await client.query(
    `WITH source AS (
       SELECT d.id, d.created_at, d.source_kind,
              COALESCE(p.theme_id, cp.theme_id, st.id) AS theme_id,
              row_number() OVER (PARTITION BY d.source_kind ORDER BY d.occurred_at, d.id) AS n
       FROM demand d
       LEFT JOIN problem p ON d.source_kind = 'problem' AND p.id = d.source_id
       LEFT JOIN comment c ON d.source_kind = 'comment' AND c.id = d.source_id AND c.target_type = 'problem'
       LEFT JOIN problem cp ON cp.id = c.target_id
       LEFT JOIN thinktank_statement s ON d.source_kind = 'thinktank_statement' AND s.id = d.source_id
       LEFT JOIN thinktank_cluster k ON k.id = s.cluster_id
       LEFT JOIN theme st ON s.id IS NOT NULL AND st.organization_id = d.organization_id
         AND st.slug = CASE k.position WHEN 0 THEN 'public-transport' ELSE 'traffic' END
       WHERE d.organization_id = $1 AND d.plan_id = $2
     )
     INSERT INTO demand_theme (organization_id, demand_id, theme_id, origin, decided_by, decided_at)
     SELECT $1, id, theme_id, 'planner', $3, created_at + interval '2 days' FROM source
     WHERE theme_id IS NOT NULL AND CASE source_kind WHEN 'problem' THEN n % 10 <> 0 WHEN 'comment' THEN n % 3 = 0 ELSE true END
     ON CONFLICT DO NOTHING`,
    [organizationId, planId, plannerId],
  );
  // The tagged ones get a kind too (and the reported problems a priority), as the planner decided them.
  await client.query(
    `WITH tagged AS (
       SELECT d.id, d.source_kind, row_number() OVER (ORDER BY d.occurred_at, d.id) AS n
       FROM demand d WHERE d.organization_id = $1 AND d.plan_id = $2 AND d.kind IS NULL
         AND EXISTS (SELECT 1 FROM demand_theme t WHERE t.demand_id = d.id AND t.origin = 'planner')
     )
     UPDATE demand d SET kind = CASE
         WHEN s.source_kind = 'problem' THEN 'problem'
         WHEN s.n % 11 = 0 THEN 'question'
         WHEN s.n % 13 = 0 THEN 'praise'
         ELSE 'suggestion' END,
       priority = CASE WHEN s.source_kind = 'problem' THEN 1 + s.n % 3 END
     FROM tagged s WHERE d.id = s.id`,
    [organizationId, planId],
  );

  for (const group of DEMO_DEMAND_GROUPS) {
    await client.query(
      `WITH members AS (
         SELECT d.id FROM demand d JOIN problem p ON d.source_kind = 'problem' AND p.id = d.source_id
         WHERE d.organization_id = $1 AND d.plan_id = $2 AND d.group_id IS NULL AND p.title LIKE $4 || '%'
         ORDER BY p.support_count DESC, d.id LIMIT 6
       ), grp AS (
         INSERT INTO demand_group (organization_id, plan_id, name, is_focus_candidate, created_by)
         SELECT $1, $2, $3, true, $5 WHERE EXISTS (SELECT 1 FROM members) RETURNING id
       )
       UPDATE demand SET group_id = (SELECT id FROM grp) WHERE id IN (SELECT id FROM members)`,
      [organizationId, planId, group.name, group.titlePrefix, plannerId],
    );
  }
}
