import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { z } from 'zod';
import {
  PLAN_TRANSITIONS,
  type TMyFollow,
  type TPlan,
  type TPlanSummary,
  ZChangePlanStatus,
  ZCreatePlan,
  ZCreatePlanRevision,
  ZUpdatePlan,
} from '@hamandishi/contracts';
import { DomainEvents } from '../../common/events/domain-events';
import type { Actor } from '../../common/http/request-context';
import { AuditService } from '../audit/audit.service';
import type { Organization } from '../organizations/organization.entity';
import { AttachmentsService } from '../attachments/attachments.service';
import { FollowsService } from '../notifications/follows.service';
import { dayIn, horizonDays, stageStatus } from './plan-calendar';
import { type Clock, committeeView, documentView, planSummaryView, stageView } from './plan-views';
import { PlanErrors } from './plans.errors';
import { type PlanRow, PlansRepository, type StageRow } from './plans.repository';

/** A clock reading for one response. */
export function clockNow(): Clock {
  const now = new Date();
  return { now, today: dayIn(now) };
}

/** Plans: creation, edits, the status lifecycle, yearly revisions and the plan page. */
@Injectable()
export class PlansService {
  constructor(
    private readonly repository: PlansRepository,
    private readonly audit: AuditService,
    private readonly events: DomainEvents,
    private readonly attachments: AttachmentsService,
    private readonly follows: FollowsService,
  ) {}

  async list(organization: Organization): Promise<TPlanSummary[]> {
    const plans = await this.repository.listPlans(organization.id);
    if (plans.length === 0) return [];
    const stages = await this.repository.stagesOfPlans(this.repository.db, organization.id, plans.map((p) => p.id));
    const clock = clockNow();
    return plans.map((p) =>
      planSummaryView(p, stages.filter((s) => s.planId === p.id), clock, this.coverUrl(organization, p)),
    );
  }

  /** "My activity": the plans and stages I follow here, latest first, with where each stands now. */
  async followedBy(organization: Organization, actor: Actor): Promise<TMyFollow[]> {
    const follows = await this.follows.followedBy(organization.id, actor.accountId);
    if (follows.length === 0) return [];
    const plans = await this.repository.listPlans(organization.id);
    const stages = await this.repository.stagesOfPlans(this.repository.db, organization.id, plans.map((p) => p.id));
    const planById = new Map(plans.map((p) => [p.id, p]));
    const stageById = new Map(stages.map((s) => [s.id, s]));
    const { today } = clockNow();
    const items: TMyFollow[] = [];
    for (const follow of follows) {
      const stage = follow.targetType === 'stage' ? stageById.get(follow.targetId) : undefined;
      const plan = planById.get(stage ? stage.planId : follow.targetId);
      // A follow of something since deleted has nothing left to show.
      if (!plan || (follow.targetType === 'stage' && !stage)) continue;
      items.push({
        targetType: follow.targetType,
        targetId: follow.targetId,
        planId: plan.id,
        title: stage ? stage.title : plan.title,
        planTitle: plan.title,
        planStatus: plan.status,
        stageStatus: stage ? stageStatus(stage, today) : null,
        followedAt: new Date(follow.createdAt).toISOString(),
      });
    }
    return items;
  }

  async create(organization: Organization, actor: Actor, input: z.output<typeof ZCreatePlan>): Promise<TPlan> {
    const planId = await this.repository.db.transaction(async (m) => {
      const plan = await this.repository.insertPlan(
        m,
        {
          organizationId: organization.id,
          title: input.title,
          kind: input.kind,
          strategicFrom: input.strategicHorizon.from,
          strategicTo: input.strategicHorizon.to,
          operationalFrom: input.operationalHorizon.from,
          operationalTo: input.operationalHorizon.to,
          summary: input.summary ?? null,
        },
        actor.accountId,
      );
      await this.repository.insertStatusChange(m, organization.id, plan.id, null, plan.status, null, actor.accountId);
      await this.record(m, organization, actor, 'plan.created', plan.id, null, plan);
      return plan.id;
    });
    return this.page(organization, planId, actor.accountId);
  }

  async update(organization: Organization, actor: Actor, planId: string, input: z.output<typeof ZUpdatePlan>): Promise<TPlan> {
    if (input.coverAttachmentId) {
      const own = (await this.attachments.listFor(organization.id, 'plan', [planId])).get(planId) ?? [];
      if (!own.some((a) => a.id === input.coverAttachmentId)) throw PlanErrors.attachmentNotFound('coverAttachmentId');
    }
    await this.repository.db.transaction(async (m) => {
      const before = await this.lockEditable(m, organization.id, planId);
      const next: PlanRow = {
        ...before,
        title: input.title ?? before.title,
        kind: input.kind ?? before.kind,
        strategicFrom: input.strategicHorizon?.from ?? before.strategicFrom,
        strategicTo: input.strategicHorizon?.to ?? before.strategicTo,
        operationalFrom: input.operationalHorizon?.from ?? before.operationalFrom,
        operationalTo: input.operationalHorizon?.to ?? before.operationalTo,
        summary: input.summary !== undefined ? input.summary : before.summary,
        coverAttachmentId: input.coverAttachmentId !== undefined ? input.coverAttachmentId : before.coverAttachmentId,
      };
      if (next.operationalFrom < next.strategicFrom || next.operationalTo > next.strategicTo) {
        throw PlanErrors.invalid({ operationalHorizon: 'invalid_value' });
      }
      if (input.strategicHorizon) {
        const { firstDay, lastDay } = horizonDays({ from: next.strategicFrom, to: next.strategicTo });
        const stages = await this.repository.stagesOfPlans(m, organization.id, [planId]);
        if (stages.some((s) => s.startsOn < firstDay || s.endsOn > lastDay)) throw PlanErrors.stageOutsideHorizon('strategicHorizon');
      }
      const after = await this.repository.updatePlan(m, next);
      await this.record(m, organization, actor, 'plan.updated', planId, before, after);
    });
    return this.page(organization, planId, actor.accountId);
  }

  async changeStatus(organization: Organization, actor: Actor, planId: string, input: z.output<typeof ZChangePlanStatus>): Promise<TPlan> {
    const from = await this.repository.db.transaction(async (m) => {
      const before = await this.lockEditable(m, organization.id, planId);
      if (!PLAN_TRANSITIONS[before.status].includes(input.status)) throw PlanErrors.invalidTransition(before.status, input.status);
      const after = await this.repository.updatePlan(m, { ...before, status: input.status });
      await this.repository.insertStatusChange(m, organization.id, planId, before.status, input.status, input.note ?? null, actor.accountId);
      await this.record(m, organization, actor, 'plan.status_changed', planId, { status: before.status }, { status: after.status, note: input.note ?? null });
      return before.status;
    });
    await this.events.emit('plan.status_changed', { organizationId: organization.id, planId, from, to: input.status, actorId: actor.accountId });
    return this.page(organization, planId, actor.accountId);
  }

  async addRevision(organization: Organization, actor: Actor, planId: string, input: z.output<typeof ZCreatePlanRevision>): Promise<TPlan> {
    await this.repository.db.transaction(async (m) => {
      await this.lockEditable(m, organization.id, planId);
      const row = await this.repository.insertRevision(m, organization.id, planId, input.year, input.summary, actor.accountId);
      if (!row) throw PlanErrors.revisionExists();
      await this.record(m, organization, actor, 'plan.revision_added', planId, null, { revisionId: row.id, ...input });
    });
    return this.page(organization, planId, actor.accountId);
  }

  /**
   * The plan page: one query per kind of thing shown (plan, stages, activities, committees,
   * documents, history, revisions, attachments per owner type, follow state per target type),
   * whatever the number of stages and activities.
   */
  async page(organization: Organization, planId: string, accountId: string | null): Promise<TPlan> {
    const plan = await this.repository.findPlan(this.repository.db, organization.id, planId);
    if (!plan) throw PlanErrors.planNotFound();
    const orgId = organization.id;
    const [stages, activities, committees, documents, history, revisions, planFollow] = await Promise.all([
      this.repository.stagesOfPlans(this.repository.db, orgId, [planId]),
      this.repository.activitiesOfPlans(this.repository.db, orgId, [planId]),
      this.repository.committeesOfPlan(orgId, planId),
      this.repository.documentsOfPlan(orgId, planId),
      this.repository.statusHistory(orgId, planId),
      this.repository.revisions(orgId, planId),
      this.follows.followState(accountId, 'plan', [planId]),
    ]);
    const stageIds = stages.map((s) => s.id);
    const documentIds = documents.map((d) => d.id);
    const [planFiles, stageFiles, documentFiles, stageFollows] = await Promise.all([
      this.attachments.listFor(orgId, 'plan', [planId]),
      stageIds.length ? this.attachments.listFor(orgId, 'stage', stageIds) : new Map(),
      documentIds.length ? this.attachments.listFor(orgId, 'upstream_document', documentIds) : new Map(),
      stageIds.length ? this.follows.followState(accountId, 'stage', stageIds) : new Map(),
    ]);
    const clock = clockNow();
    const follow = planFollow.get(planId);
    return {
      ...planSummaryView(plan, stages, clock, this.coverUrl(organization, plan)),
      summary: plan.summary,
      stages: stages.map((s: StageRow) => ({
        ...stageView(s, activities.filter((a) => a.stageId === s.id), stageFiles.get(s.id) ?? [], clock),
        isFollowing: stageFollows.get(s.id)?.following ?? false,
        followerCount: stageFollows.get(s.id)?.followerCount ?? 0,
      })),
      committees: committees.map(committeeView),
      upstreamDocuments: documents.map((d) => documentView(d, documentFiles.get(d.id) ?? [])),
      attachments: planFiles.get(planId) ?? [],
      statusHistory: history.map((h) => ({
        from: h.from,
        to: h.to,
        note: h.note,
        changedBy: h.changedById ? { id: h.changedById, displayName: h.changedByName ?? '' } : null,
        changedAt: new Date(h.changedAt).toISOString(),
      })),
      revisions: revisions.map((r) => ({
        id: r.id,
        year: r.year,
        summary: r.summary,
        createdAt: new Date(r.createdAt).toISOString(),
        createdBy: r.createdById ? { id: r.createdById, displayName: r.createdByName ?? '' } : null,
      })),
      isFollowing: follow?.following ?? false,
      followerCount: follow?.followerCount ?? 0,
    };
  }

  /** Locks the plan row for a change; 404 for another organisation's or no plan, 409 when closed. */
  async lockEditable(m: EntityManager, organizationId: string, planId: string): Promise<PlanRow> {
    const plan = await this.repository.findPlan(m, organizationId, planId, true);
    if (!plan) throw PlanErrors.planNotFound();
    if (plan.status === 'closed') throw PlanErrors.planClosed();
    return plan;
  }

  /** The plan row for another module's read (no lock); 404 for another organisation's or no plan. */
  async findForModule(organizationId: string, planId: string): Promise<PlanRow> {
    const plan = await this.repository.findPlan(this.repository.db, organizationId, planId);
    if (!plan) throw PlanErrors.planNotFound();
    return plan;
  }

  private coverUrl(organization: Organization, plan: PlanRow): string | null {
    return plan.coverAttachmentId ? this.attachments.urlOf(organization.slug, plan.coverAttachmentId) : null;
  }

  private record(m: EntityManager, organization: Organization, actor: Actor, action: string, entityId: string, before: unknown, after: unknown) {
    return this.audit.record(m, { organizationId: organization.id, actorId: actor.accountId, action, entityType: 'plan', entityId, before, after });
  }
}
