import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { z } from 'zod';
import {
  type TActivity,
  type TOpenActivity,
  type TStage,
  ZCreateActivity,
  ZCreateStage,
  ZReorderStages,
  ZUpdateActivity,
  ZUpdateStage,
} from '@hamandishi/contracts';
import type { Actor } from '../../common/http/request-context';
import { AuditService } from '../audit/audit.service';
import type { Organization } from '../organizations/organization.entity';
import { ActivityTypeRegistry } from './activity-types.registry';
import { AttachmentsService } from '../attachments/attachments.service';
import { activityIsOpen, horizonDays, stageStatus } from './plan-calendar';
import { PlanTransitions } from './plan-transitions.service';
import { activityView, auditedActivity, auditedStage, stageView } from './plan-views';
import { mapConstraintError, PlanErrors } from './plans.errors';
import { type ActivityRow, type PlanRow, PlansRepository, type StageRow } from './plans.repository';
import { clockNow, PlansService } from './plans.service';

/** An activity with the ids other modules need to scope their own rows. */
export type ActivityInfo = TActivity & { organizationId: string; planId: string };

/** Stages of a plan and the activities they hold. */
@Injectable()
export class StagesService {
  constructor(
    private readonly repository: PlansRepository,
    private readonly plans: PlansService,
    private readonly audit: AuditService,
    private readonly registry: ActivityTypeRegistry,
    private readonly transitions: PlanTransitions,
    private readonly attachments: AttachmentsService,
  ) {}

  // ---- stages ------------------------------------------------------------------------------

  async get(organization: Organization, stageId: string): Promise<TStage> {
    const stage = await this.repository.findStage(this.repository.db, organization.id, stageId);
    if (!stage) throw PlanErrors.stageNotFound();
    return this.view(organization, stage);
  }

  async create(organization: Organization, actor: Actor, planId: string, input: z.output<typeof ZCreateStage>): Promise<TStage> {
    const stage = await this.change(async (m) => {
      const plan = await this.plans.lockEditable(m, organization.id, planId);
      assertInsideHorizon(plan, input.startsOn, input.endsOn);
      let row = await this.repository.insertStage(m, {
        organizationId: organization.id,
        planId,
        title: input.title,
        description: input.description ?? null,
        startsOn: input.startsOn,
        endsOn: input.endsOn,
      });
      // A stage entered after it ended is history: nothing to announce.
      if (stageStatus(row, clockNow().today) === 'closed') {
        const now = new Date();
        row = await this.repository.updateStage(m, { ...row, announcedOpenedAt: now, announcedClosedAt: now });
      }
      await this.record(m, organization, actor, 'stage.created', 'stage', row.id, null, auditedStage(row));
      return row;
    });
    await this.afterStageChange(stage, actor);
    return this.view(organization, stage);
  }

  async update(organization: Organization, actor: Actor, stageId: string, input: z.output<typeof ZUpdateStage>): Promise<TStage> {
    const stage = await this.change(async (m) => {
      const before = await this.lockStage(m, organization.id, stageId);
      const plan = await this.plans.lockEditable(m, organization.id, before.planId);
      const next: StageRow = {
        ...before,
        title: input.title ?? before.title,
        description: input.description !== undefined ? input.description : before.description,
        startsOn: input.startsOn ?? before.startsOn,
        endsOn: input.endsOn ?? before.endsOn,
        statusOverride: input.statusOverride !== undefined ? input.statusOverride : before.statusOverride,
      };
      if (next.endsOn < next.startsOn) throw PlanErrors.invalid({ endsOn: 'invalid_value' });
      assertInsideHorizon(plan, next.startsOn, next.endsOn);
      // When the stage goes back to upcoming (or reopens), its next opening (closing) is news again.
      const status = stageStatus(next, clockNow().today);
      if (status === 'upcoming') Object.assign(next, { announcedOpenedAt: null, announcedClosedAt: null });
      if (status === 'open') next.announcedClosedAt = null;
      const after = await this.repository.updateStage(m, next);
      await this.record(m, organization, actor, 'stage.updated', 'stage', stageId, auditedStage(before), auditedStage(after));
      return after;
    });
    await this.afterStageChange(stage, actor);
    return this.view(organization, stage);
  }

  async remove(organization: Organization, actor: Actor, stageId: string): Promise<void> {
    await this.change(async (m) => {
      const before = await this.lockStage(m, organization.id, stageId);
      await this.plans.lockEditable(m, organization.id, before.planId);
      await this.repository.deleteStage(m, organization.id, stageId);
      await this.record(m, organization, actor, 'stage.deleted', 'stage', stageId, auditedStage(before), null);
    });
    await this.attachments.deleteFor(organization.id, 'stage', [stageId]);
  }

  /** Puts the plan's stages in the given order; every stage id of the plan exactly once, else 400. */
  async reorder(organization: Organization, actor: Actor, planId: string, input: z.output<typeof ZReorderStages>): Promise<TStage[]> {
    await this.change(async (m) => {
      await this.plans.lockEditable(m, organization.id, planId);
      const stages = await this.repository.stagesOfPlans(m, organization.id, [planId]);
      const current = new Set(stages.map((s) => s.id));
      const given = new Set(input.stageIds);
      if (given.size !== input.stageIds.length || given.size !== current.size || ![...given].every((id) => current.has(id))) {
        throw PlanErrors.invalid({ stageIds: 'invalid_value' });
      }
      await this.repository.setStagePositions(m, organization.id, planId, input.stageIds);
      await this.record(m, organization, actor, 'stage.reordered', 'plan', planId, { stageIds: stages.map((s) => s.id) }, { stageIds: input.stageIds });
    });
    const stages = await this.repository.stagesOfPlans(this.repository.db, organization.id, [planId]);
    const activities = await this.repository.activitiesOfPlans(this.repository.db, organization.id, [planId]);
    const files = stages.length ? await this.attachments.listFor(organization.id, 'stage', stages.map((s) => s.id)) : new Map();
    const clock = clockNow();
    return stages.map((s) => stageView(s, activities.filter((a) => a.stageId === s.id), files.get(s.id) ?? [], clock));
  }

  // ---- activities --------------------------------------------------------------------------

  /**
   * What people can take part in now across the municipality's plans, closing soonest first: open
   * activities of open stages, of kinds a module runs, and ready (see ActivityTypeRegistry).
   */
  async openNow(organization: Organization): Promise<TOpenActivity[]> {
    const plans = await this.repository.listPlans(organization.id);
    if (plans.length === 0) return [];
    const planIds = plans.map((p) => p.id);
    const [stages, activities] = await Promise.all([
      this.repository.stagesOfPlans(this.repository.db, organization.id, planIds),
      this.repository.activitiesOfPlans(this.repository.db, organization.id, planIds),
    ]);
    const clock = clockNow();
    const stageById = new Map(stages.map((s) => [s.id, s]));
    const planById = new Map(plans.map((p) => [p.id, p]));
    const open = activities.filter((a) => {
      const stage = stageById.get(a.stageId);
      return stage && activityView(a, stageStatus(stage, clock.today), clock).isOpen;
    });
    const ready = await this.registry.readyAmong(organization.id, open);
    const items = open
      .filter((a) => ready.has(a.id))
      .map((a): TOpenActivity => {
        const stage = stageById.get(a.stageId)!;
        return {
          id: a.id,
          type: a.type,
          title: a.title,
          planId: a.planId,
          planTitle: planById.get(a.planId)!.title,
          stageId: stage.id,
          stageTitle: stage.title,
          closesAt: a.closesAt ? new Date(a.closesAt).toISOString() : null,
          stageEndsOn: stage.endsOn,
          participation: a.participation,
        };
      });
    // Closing soonest first; an activity's own end before its stage's last day on a tie.
    const endOf = (item: TOpenActivity) => item.closesAt?.slice(0, 10) ?? item.stageEndsOn;
    return items.sort((x, y) => endOf(x).localeCompare(endOf(y)) || x.id.localeCompare(y.id));
  }

  /** An activity for other modules (problems, consultations...): 404 `plans.activity_not_found` unless in this organisation. */
  async getActivity(organizationId: string, activityId: string): Promise<ActivityInfo> {
    const found = await this.repository.findActivityWithStage(organizationId, activityId);
    if (!found) throw PlanErrors.activityNotFound();
    const { activity, stage } = found;
    const clock = clockNow();
    return { ...activityView(activity, stageStatus(stage, clock.today), clock), organizationId, planId: activity.planId };
  }

  async createActivity(organization: Organization, actor: Actor, stageId: string, input: z.output<typeof ZCreateActivity>): Promise<TActivity> {
    const settings = this.registry.parseSettings(input.type, input.settings);
    const activity = await this.change(async (m) => {
      const stage = await this.lockStage(m, organization.id, stageId);
      await this.plans.lockEditable(m, organization.id, stage.planId);
      const row = await this.repository.insertActivity(m, {
        organizationId: organization.id,
        planId: stage.planId,
        stageId,
        type: input.type,
        title: input.title,
        description: input.description ?? null,
        opensAt: input.opensAt ? new Date(input.opensAt) : null,
        closesAt: input.closesAt ? new Date(input.closesAt) : null,
        participation: input.participation,
        settings,
      });
      await this.record(m, organization, actor, 'activity.created', 'activity', row.id, null, auditedActivity(row));
      return row;
    });
    await this.afterActivityChange(activity, actor);
    return this.activityResponse(organization.id, activity.id);
  }

  async updateActivity(organization: Organization, actor: Actor, activityId: string, input: z.output<typeof ZUpdateActivity>): Promise<TActivity> {
    const activity = await this.change(async (m) => {
      const { before, stage } = await this.lockActivity(m, organization.id, activityId);
      const next: ActivityRow = {
        ...before,
        title: input.title ?? before.title,
        description: input.description !== undefined ? input.description : before.description,
        opensAt: input.opensAt !== undefined ? (input.opensAt ? new Date(input.opensAt) : null) : before.opensAt,
        closesAt: input.closesAt !== undefined ? (input.closesAt ? new Date(input.closesAt) : null) : before.closesAt,
        participation: input.participation ?? before.participation,
        settings: input.settings !== undefined ? this.registry.parseSettings(before.type, input.settings) : before.settings,
      };
      if (next.opensAt && next.closesAt && new Date(next.closesAt) <= new Date(next.opensAt)) throw PlanErrors.invalid({ closesAt: 'invalid_value' });
      this.resetAnnouncementIfShut(next, stage);
      const after = await this.repository.updateActivity(m, next);
      await this.record(m, organization, actor, 'activity.updated', 'activity', activityId, auditedActivity(before), auditedActivity(after));
      return after;
    });
    await this.afterActivityChange(activity, actor);
    return this.activityResponse(organization.id, activityId);
  }

  /**
   * Opens the window now: opensAt becomes now (and a past closesAt is cleared). The stage must be
   * open (409 `plans.stage_not_open`): an activity takes input only inside an open stage.
   */
  async openActivity(organization: Organization, actor: Actor, activityId: string): Promise<TActivity> {
    const activity = await this.change(async (m) => {
      const { before, stage } = await this.lockActivity(m, organization.id, activityId);
      const now = new Date();
      if (stageStatus(stage, clockNow().today) !== 'open') throw PlanErrors.stageNotOpen();
      const closesAt = before.closesAt && new Date(before.closesAt) > now ? before.closesAt : null;
      const after = await this.repository.updateActivity(m, { ...before, opensAt: now, closesAt });
      await this.record(m, organization, actor, 'activity.opened', 'activity', activityId, auditedActivity(before), auditedActivity(after));
      return after;
    });
    await this.transitions.announceActivity(activity.id, actor.accountId);
    return this.activityResponse(organization.id, activityId);
  }

  /** Closes the window now: closesAt becomes now (an opensAt still ahead moves to now as well). */
  async closeActivity(organization: Organization, actor: Actor, activityId: string): Promise<TActivity> {
    await this.change(async (m) => {
      const { before } = await this.lockActivity(m, organization.id, activityId);
      const now = new Date();
      const opensAt = before.opensAt && new Date(before.opensAt) < now ? before.opensAt : before.opensAt ? new Date(now.getTime() - 1) : null;
      const after = await this.repository.updateActivity(m, { ...before, opensAt, closesAt: now, announcedOpenedAt: null });
      await this.record(m, organization, actor, 'activity.closed', 'activity', activityId, auditedActivity(before), auditedActivity(after));
    });
    return this.activityResponse(organization.id, activityId);
  }

  // ---- helpers -----------------------------------------------------------------------------

  private async activityResponse(organizationId: string, activityId: string): Promise<TActivity> {
    const { organizationId: _o, planId: _p, ...view } = await this.getActivity(organizationId, activityId);
    return view;
  }

  private resetAnnouncementIfShut(next: ActivityRow, stage: StageRow): void {
    const clock = clockNow();
    const window = { opensAt: next.opensAt && new Date(next.opensAt), closesAt: next.closesAt && new Date(next.closesAt) };
    if (!activityIsOpen(window, stageStatus(stage, clock.today), clock.now)) next.announcedOpenedAt = null;
  }

  private async afterStageChange(stage: StageRow, actor: Actor): Promise<void> {
    await this.transitions.scheduleStage(stage);
    await this.transitions.announceStage(stage.id, actor.accountId);
  }

  private async afterActivityChange(activity: ActivityRow, actor: Actor): Promise<void> {
    await this.transitions.scheduleActivity(activity);
    await this.transitions.announceActivity(activity.id, actor.accountId);
  }

  private async view(organization: Organization, stage: StageRow): Promise<TStage> {
    const [activities, files] = await Promise.all([
      this.repository.activitiesOfStage(this.repository.db, organization.id, stage.id),
      this.attachments.listFor(organization.id, 'stage', [stage.id]),
    ]);
    return stageView(stage, activities, files.get(stage.id) ?? [], clockNow());
  }

  private async lockStage(m: EntityManager, organizationId: string, stageId: string): Promise<StageRow> {
    const stage = await this.repository.findStage(m, organizationId, stageId);
    if (!stage) throw PlanErrors.stageNotFound();
    return stage;
  }

  private async lockActivity(m: EntityManager, organizationId: string, activityId: string): Promise<{ before: ActivityRow; stage: StageRow }> {
    const before = await this.repository.findActivity(m, organizationId, activityId);
    if (!before) throw PlanErrors.activityNotFound();
    await this.plans.lockEditable(m, organizationId, before.planId);
    const stage = (await this.repository.findStage(m, organizationId, before.stageId))!;
    return { before, stage };
  }

  private async change<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    try {
      return await this.repository.db.transaction(work);
    } catch (error) {
      mapConstraintError(error);
    }
  }

  private record(m: EntityManager, organization: Organization, actor: Actor, action: string, entityType: string, entityId: string, before: unknown, after: unknown) {
    return this.audit.record(m, { organizationId: organization.id, actorId: actor.accountId, action, entityType, entityId, before, after });
  }
}

/** 400 `plans.stage_outside_horizon` unless both dates lie in the plan's strategic horizon. */
function assertInsideHorizon(plan: PlanRow, startsOn: string, endsOn: string): void {
  const { firstDay, lastDay } = horizonDays({ from: plan.strategicFrom, to: plan.strategicTo });
  if (startsOn < firstDay || startsOn > lastDay) throw PlanErrors.stageOutsideHorizon('startsOn');
  if (endsOn > lastDay || endsOn < firstDay) throw PlanErrors.stageOutsideHorizon('endsOn');
}
