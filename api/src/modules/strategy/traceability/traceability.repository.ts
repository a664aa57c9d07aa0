import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { TTraceLink } from '@hamandishi/contracts';
import { normalizeForSearch } from '@hamandishi/text';
import { returningRows } from '../../../database/returning-rows';

/** Column of a link's source or target by type. */
export const SOURCE_COLUMN = { demand: 'demand_id', demand_group: 'demand_group_id', focus_point: 'focus_point_id' } as const;
export const TARGET_COLUMN = { goal: 'goal_id', output: 'output_id', project: 'project_id' } as const;

/** A pending change of a project's status (logged by the strategy_project trigger). */
export type StatusChangeRow = { id: string; organizationId: string; planId: string; projectId: string; fromStatus: string; toStatus: string };

// The demands "behind" a project: linked directly, through their group, or through the group of a
// linked focus point. Parameters: $1 organisation, $2 project ids.
const DEMANDS_OF_PROJECTS = `
  SELECT l.project_id, d.id AS demand_id FROM strategy_trace_link l JOIN demand d ON d.id = l.demand_id
  WHERE l.organization_id = $1 AND l.project_id = ANY($2::uuid[])
  UNION
  SELECT l.project_id, d.id FROM strategy_trace_link l JOIN demand d ON d.group_id = l.demand_group_id AND d.organization_id = l.organization_id
  WHERE l.organization_id = $1 AND l.project_id = ANY($2::uuid[])
  UNION
  SELECT l.project_id, d.id FROM strategy_trace_link l
  JOIN strategy_focus_point f ON f.id = l.focus_point_id
  JOIN demand d ON d.group_id = f.demand_group_id AND d.organization_id = l.organization_id
  WHERE l.organization_id = $1 AND l.project_id = ANY($2::uuid[])`;

/**
 * Traceability's queries: links between what was asked (demands, demand groups, focus points)
 * and what the plan does (goals, outputs, projects). The demand tables are read here because the
 * demands hub exposes no read service for them yet; nothing here writes them.
 */
@Injectable()
export class TraceabilityRepository {
  constructor(@InjectDataSource() readonly db: DataSource) {}

  async planExists(organizationId: string, planId: string): Promise<boolean> {
    return (await this.db.query(`SELECT 1 FROM plan WHERE organization_id = $1 AND id = $2`, [organizationId, planId])).length > 0;
  }

  async sourceExists(organizationId: string, planId: string, type: keyof typeof SOURCE_COLUMN, id: string): Promise<boolean> {
    const table = type === 'demand' ? 'demand' : type === 'demand_group' ? 'demand_group' : 'strategy_focus_point';
    const rows = await this.db.query(`SELECT 1 FROM ${table} WHERE organization_id = $1 AND plan_id = $2 AND id = $3`, [organizationId, planId, id]);
    return rows.length > 0;
  }

  async targetExists(organizationId: string, planId: string, type: keyof typeof TARGET_COLUMN, id: string): Promise<boolean> {
    const table = `strategy_${type}`;
    const rows = await this.db.query(`SELECT 1 FROM ${table} WHERE organization_id = $1 AND plan_id = $2 AND id = $3 AND archived_at IS NULL`, [
      organizationId,
      planId,
      id,
    ]);
    return rows.length > 0;
  }

  async insertLink(
    m: EntityManager,
    l: { organizationId: string; planId: string; sourceType: keyof typeof SOURCE_COLUMN; sourceId: string; targetType: keyof typeof TARGET_COLUMN; targetId: string; accountId: string },
  ): Promise<string> {
    const [row] = await m.query(
      `INSERT INTO strategy_trace_link (organization_id, plan_id, ${SOURCE_COLUMN[l.sourceType]}, ${TARGET_COLUMN[l.targetType]}, created_by)
       VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [l.organizationId, l.planId, l.sourceId, l.targetId, l.accountId],
    );
    return row.id;
  }

  async deleteLink(m: EntityManager, organizationId: string, planId: string, linkId: string): Promise<Record<string, unknown> | null> {
    const [row] = returningRows<Record<string, unknown>>(
      await m.query(`DELETE FROM strategy_trace_link WHERE organization_id = $1 AND plan_id = $2 AND id = $3 RETURNING *`, [organizationId, planId, linkId]),
    );
    return row ?? null;
  }

  async links(organizationId: string, planId: string): Promise<TTraceLink[]> {
    const rows = await this.db.query(
      `SELECT l.id,
              CASE WHEN l.demand_id IS NOT NULL THEN 'demand' WHEN l.demand_group_id IS NOT NULL THEN 'demand_group' ELSE 'focus_point' END AS "sourceType",
              coalesce(l.demand_id, l.demand_group_id, l.focus_point_id) AS "sourceId",
              coalesce(left(d.text, 200), dg.name, f.code || ' ' || f.title, '') AS "sourceLabel",
              CASE WHEN l.goal_id IS NOT NULL THEN 'goal' WHEN l.output_id IS NOT NULL THEN 'output' ELSE 'project' END AS "targetType",
              coalesce(l.goal_id, l.output_id, l.project_id) AS "targetId",
              coalesce(g.code, o.code, p.code) AS "targetCode",
              coalesce(g.title, o.title, p.title) AS "targetTitle",
              l.created_at AS "createdAt"
       FROM strategy_trace_link l
       LEFT JOIN demand d ON d.id = l.demand_id
       LEFT JOIN demand_group dg ON dg.id = l.demand_group_id
       LEFT JOIN strategy_focus_point f ON f.id = l.focus_point_id
       LEFT JOIN strategy_goal g ON g.id = l.goal_id
       LEFT JOIN strategy_output o ON o.id = l.output_id
       LEFT JOIN strategy_project p ON p.id = l.project_id
       WHERE l.organization_id = $1 AND l.plan_id = $2
       ORDER BY l.created_at DESC, l.id`,
      [organizationId, planId],
    );
    return rows.map((r: TTraceLink & { createdAt: Date }) => ({ ...r, createdAt: new Date(r.createdAt).toISOString() }));
  }

  /**
   * Demand groups, demands and focus points of the plan matching a search (at most 20 of each).
   * `key` is normalised for search; demands are matched on their stored search key, groups and
   * focus points (a few hundred per plan at most) on their normalised names here.
   */
  async candidates(organizationId: string, planId: string, key: string | null) {
    // Spaces are ignored on both sides: a ZWNJ compound (آب‌گرفتگی) loses its ZWNJ in the key, and one typed with a space should still find it.
    const compact = key ? key.replace(/ /g, '') : null;
    const pattern = compact ? `%${compact.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
    const [groups, demands, points] = await Promise.all([
      this.db.query(
        `SELECT g.id, g.name, (SELECT count(*)::int FROM demand d WHERE d.group_id = g.id) AS "demandCount"
         FROM demand_group g WHERE g.organization_id = $1 AND g.plan_id = $2 ORDER BY g.name NULLS LAST, g.id`,
        [organizationId, planId],
      ),
      this.db.query(
        `SELECT d.id, left(d.text, 300) AS text, d.kind, d.group_id AS "groupId"
         FROM demand d WHERE d.organization_id = $1 AND d.plan_id = $2 AND ($3::text IS NULL OR replace(d.text_key, ' ', '') ILIKE $3)
         ORDER BY d.occurred_at DESC, d.id LIMIT 20`,
        [organizationId, planId, pattern],
      ),
      this.db.query(
        `SELECT f.id, f.code, f.title FROM strategy_focus_point f
         WHERE f.organization_id = $1 AND f.plan_id = $2 AND f.archived_at IS NULL ORDER BY f.position, f.code`,
        [organizationId, planId],
      ),
    ]);
    const matches = (text: string | null) => !compact || normalizeForSearch(text ?? '').replace(/ /g, '').includes(compact);
    return {
      demandGroups: groups.filter((g: { name: string | null }) => matches(g.name)).slice(0, 20),
      demands,
      focusPoints: points.filter((f: { code: string; title: string }) => matches(`${f.code} ${f.title}`)).slice(0, 20),
    };
  }

  /**
   * Focus points and demand groups with how many projects answer each: linked to the project
   * directly, or (a focus point) through the demand group it was made from.
   */
  async coverage(organizationId: string, planId: string) {
    const [focusPoints, demandGroups] = await Promise.all([
      this.db.query(
        `SELECT f.id, f.code, f.title,
                (SELECT count(DISTINCT l.project_id)::int FROM strategy_trace_link l
                 WHERE l.project_id IS NOT NULL AND (l.focus_point_id = f.id OR (f.demand_group_id IS NOT NULL AND l.demand_group_id = f.demand_group_id))) AS "projectCount"
         FROM strategy_focus_point f WHERE f.organization_id = $1 AND f.plan_id = $2 AND f.archived_at IS NULL
         ORDER BY "projectCount", f.position, f.code`,
        [organizationId, planId],
      ),
      this.db.query(
        `SELECT g.id, g.name, (SELECT count(*)::int FROM demand d WHERE d.group_id = g.id) AS "demandCount",
                (SELECT count(DISTINCT l.project_id)::int FROM strategy_trace_link l
                 LEFT JOIN strategy_focus_point f ON f.id = l.focus_point_id
                 WHERE l.project_id IS NOT NULL AND (l.demand_group_id = g.id OR f.demand_group_id = g.id)) AS "projectCount"
         FROM demand_group g WHERE g.organization_id = $1 AND g.plan_id = $2
         ORDER BY "projectCount", g.name NULLS LAST, g.id`,
        [organizationId, planId],
      ),
    ]);
    return { focusPoints, demandGroups };
  }

  /** Whether the problem exists in the organisation. */
  async problemExists(organizationId: string, problemId: string): Promise<boolean> {
    return (await this.db.query(`SELECT 1 FROM problem WHERE organization_id = $1 AND id = $2`, [organizationId, problemId])).length > 0;
  }

  /** The projects answering a problem: through its demand, that demand's group, or a focus point made from that group. */
  async projectsForProblem(organizationId: string, problemId: string) {
    return this.db.query(
      `WITH d AS (SELECT id, group_id FROM demand WHERE organization_id = $1 AND source_kind = 'problem' AND source_id = $2),
       projects AS (
         SELECT l.project_id FROM strategy_trace_link l JOIN d ON l.demand_id = d.id WHERE l.project_id IS NOT NULL
         UNION SELECT l.project_id FROM strategy_trace_link l JOIN d ON l.demand_group_id = d.group_id WHERE l.project_id IS NOT NULL
         UNION SELECT l.project_id FROM strategy_trace_link l JOIN strategy_focus_point f ON f.id = l.focus_point_id JOIN d ON f.demand_group_id = d.group_id
               WHERE l.project_id IS NOT NULL
       )
       SELECT p.id, p.plan_id AS "planId", p.code, p.title, p.status, p.progress
       FROM strategy_project p JOIN projects x ON x.project_id = p.id
       WHERE p.organization_id = $1 AND p.archived_at IS NULL
       ORDER BY p.code`,
      [organizationId, problemId],
    );
  }

  async publicProject(organizationId: string, projectId: string) {
    const [row] = await this.db.query(
      `SELECT p.id, p.plan_id AS "planId", p.code, p.title, p.description, p.status, p.progress, p.total_cost AS "totalCost",
              to_char(p.starts_on, 'YYYY-MM-DD') AS "startsOn", to_char(p.ends_on, 'YYYY-MM-DD') AS "endsOn", p.lat, p.lng,
              json_build_object('code', g.code, 'title', g.title) AS goal, json_build_object('code', o.code, 'title', o.title) AS output,
              coalesce((SELECT json_agg(json_build_object('id', di.id, 'name', di.name) ORDER BY di.number)
                        FROM strategy_project_district pd JOIN district di ON di.id = pd.district_id WHERE pd.project_id = p.id), '[]') AS districts
       FROM strategy_project p JOIN strategy_output o ON o.id = p.output_id JOIN strategy_goal g ON g.id = o.goal_id
       WHERE p.organization_id = $1 AND p.id = $2 AND p.archived_at IS NULL`,
      [organizationId, projectId],
    );
    if (!row) return null;
    const [demandGroups, demands] = await Promise.all([
      this.db.query(
        `SELECT g.id, g.name, (SELECT count(*)::int FROM demand d WHERE d.group_id = g.id) AS "demandCount"
         FROM demand_group g WHERE g.id IN (
           SELECT l.demand_group_id FROM strategy_trace_link l WHERE l.organization_id = $1 AND l.project_id = $2 AND l.demand_group_id IS NOT NULL
           UNION SELECT f.demand_group_id FROM strategy_trace_link l JOIN strategy_focus_point f ON f.id = l.focus_point_id
                 WHERE l.organization_id = $1 AND l.project_id = $2 AND f.demand_group_id IS NOT NULL)
         ORDER BY g.name NULLS LAST`,
        [organizationId, projectId],
      ),
      // Only the demand's text and kind: never who wrote it.
      this.db.query(
        `SELECT d.id, left(d.text, 500) AS text, d.kind FROM strategy_trace_link l JOIN demand d ON d.id = l.demand_id
         WHERE l.organization_id = $1 AND l.project_id = $2 AND d.source_state NOT IN ('hidden', 'deleted')
         ORDER BY d.occurred_at DESC LIMIT 50`,
        [organizationId, projectId],
      ),
    ]);
    return { ...row, totalCost: Number(row.totalCost), demandGroups, demands };
  }

  // ---- status changes ----------------------------------------------------------------------

  /** Pending status changes, locked for this run (another process skips them). */
  async claimStatusChanges(m: EntityManager, limit: number): Promise<StatusChangeRow[]> {
    return m.query(
      `SELECT id, organization_id AS "organizationId", plan_id AS "planId", project_id AS "projectId", from_status AS "fromStatus", to_status AS "toStatus"
       FROM strategy_project_status_change WHERE notified_at IS NULL ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED`,
      [limit],
    );
  }

  async markNotified(m: EntityManager, id: string, recipients: number): Promise<void> {
    await m.query(`UPDATE strategy_project_status_change SET notified_at = now(), recipients = $2 WHERE id = $1`, [id, recipients]);
  }

  /** The authors of the demands behind a project (each once). */
  async citizensBehind(m: EntityManager, organizationId: string, projectId: string): Promise<string[]> {
    const rows: { accountId: string }[] = await m.query(
      `SELECT DISTINCT d.author_id AS "accountId" FROM (${DEMANDS_OF_PROJECTS}) x JOIN demand d ON d.id = x.demand_id WHERE d.author_id IS NOT NULL`,
      [organizationId, [projectId]],
    );
    return rows.map((r) => r.accountId);
  }

  async projectTitle(m: EntityManager, projectId: string): Promise<{ code: string; title: string } | null> {
    const [row] = await m.query(`SELECT code, title FROM strategy_project WHERE id = $1`, [projectId]);
    return row ?? null;
  }
}
