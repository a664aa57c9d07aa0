import type { EntityManager } from 'typeorm';
import { PlanErrors } from '../../src/modules/plans/plans.errors';
import { CommentsService } from '../../src/modules/comments/comments.service';
import type { BuiltOrganization } from '../factories/organization.factory';
import { buildActivity, buildPlan, buildStage, daysFromToday } from '../factories/plan.factory';
import type { TestApp } from '../support/test-app';

/** A problem row as the problems module stores it, in an open problem-collection activity. */
export async function buildProblem(t: TestApp, org: BuiltOrganization, title = 'چاله در خیابان'): Promise<{ id: string }> {
  const plan = await buildPlan(t.db, org.id);
  const stage = await buildStage(t.db, org.id, plan.id, daysFromToday(-10), daysFromToday(30));
  const activity = await buildActivity(t.db, org.id, plan.id, stage.id);
  const [row] = await t.db.query(
    `INSERT INTO problem (organization_id, plan_id, stage_id, activity_id, title, description, search_text, theme_id, district_id)
     VALUES ($1, $2, $3, $4, $5, 'شرح', $5, $6, $7) RETURNING id`,
    [org.id, plan.id, stage.id, activity.id, title, org.themeIds[0], org.districtIds[0]],
  );
  return row;
}

/**
 * Stands in for the problems module: registers 'problem' as a comment target over the problem
 * table, keeps problem.comment_count in the comment's transaction, and refuses comments on the
 * problems in `closed` as a closed activity would.
 */
export function registerProblemTarget(t: TestApp, closed: Set<string>): void {
  t.app.get(CommentsService).registerTarget('problem', {
    exists: async (organizationId, id) =>
      (await t.db.query(`SELECT 1 FROM problem WHERE organization_id = $1 AND id = $2`, [organizationId, id])).length > 0,
    assertCanComment: async (_organizationId, id) => {
      if (closed.has(id)) throw PlanErrors.activityClosed();
    },
    onCountChanged: async (organizationId, id, manager: EntityManager, delta) => {
      await manager.query(`UPDATE problem SET comment_count = comment_count + $3 WHERE organization_id = $1 AND id = $2`, [
        organizationId,
        id,
        delta,
      ]);
    },
  });
}

/** A problem's comment counter as stored. */
export async function commentCountOf(t: TestApp, problemId: string): Promise<number> {
  const [row] = await t.db.query(`SELECT comment_count FROM problem WHERE id = $1`, [problemId]);
  return row.comment_count;
}
