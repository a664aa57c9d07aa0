import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { z } from 'zod';
import {
  type TCreateThinktankOutput,
  type TPublicThinktankSession,
  type TThinktankMinutesView,
  type TThinktankOutput,
  type TThinktankSession,
  type ThinktankSessionStatus,
  type ZCreateThinktankSession,
  type ZUpdateThinktankSession,
} from '@hamandishi/contracts';
import { renderSafeMarkdown } from '@hamandishi/text';
import { AppError } from '../../common/errors/app-error';
import type { Actor } from '../../common/http/request-context';
import { AuditService } from '../audit/audit.service';
import { MembershipsService } from '../identity/memberships.service';
import type { Organization } from '../organizations/organization.entity';
import { PlansService } from '../plans/plans.service';
import { personHours } from './attendance-math';
import { ThinktankErrors } from './thinktank.errors';
import { type OutputRow, type SessionFields, type SessionRow, ThinktankSessionsRepository } from './thinktank-sessions.repository';

/** Roles that run every session of the municipality (besides each session's facilitator). */
export const SESSION_STAFF_ROLES = ['planner', 'admin'] as const;

/** Who is acting on a session: the actor and whether they run it. */
export type SessionAccess = { session: SessionRow; isStaff: boolean; isFacilitator: boolean };

/**
 * Think-tank sessions: planners schedule them in a plan's stage and committee; the facilitator
 * (or a planner) keeps the minutes, decisions and outputs and publishes the minutes. Invitations,
 * attendance and the dashboard have their own services on the same repository.
 */
@Injectable()
export class ThinktankSessionsService {
  constructor(
    private readonly repository: ThinktankSessionsRepository,
    private readonly plans: PlansService,
    private readonly memberships: MembershipsService,
    private readonly audit: AuditService,
  ) {}

  // ---- planner -----------------------------------------------------------------------------

  /** A plan's sessions, soonest first, optionally of one stage or committee. */
  async list(org: Organization, planId: string, filter: { stageId?: string; committeeId?: string }): Promise<TThinktankSession[]> {
    await this.assertPlan(org, planId);
    return (await this.repository.listOfPlan(org.id, planId, filter)).map(sessionView);
  }

  async create(org: Organization, actor: Actor, planId: string, input: z.output<typeof ZCreateThinktankSession>): Promise<TThinktankSession> {
    const fields = normalise(input);
    await this.assertPlan(org, planId);
    await this.assertFields(org, planId, fields);
    const id = await this.repository.db.transaction(async (m) => {
      await this.plans.lockEditable(m, org.id, planId);
      const created = await this.repository.insert(m, org.id, planId, fields, actor.accountId);
      await this.record(m, org, actor, 'thinktank_session.created', created, null, fields);
      return created;
    });
    return sessionView((await this.repository.find(org.id, id))!);
  }

  async update(org: Organization, actor: Actor, sessionId: string, input: z.output<typeof ZUpdateThinktankSession>): Promise<TThinktankSession> {
    const before = await this.require(org.id, sessionId);
    const merged = {
      ...fieldsOf(before),
      ...Object.fromEntries(Object.entries(normalise(input)).filter(([key]) => key in input)),
    } as SessionFields;
    const status: ThinktankSessionStatus = input.status ?? before.status;
    if (Date.parse(merged.endsAt) <= Date.parse(merged.startsAt)) {
      throw new AppError('common.validation_failed', 400, 'Validation failed', { endsAt: 'invalid_value' });
    }
    await this.assertFields(org, before.planId, merged);
    await this.repository.db.transaction(async (m) => {
      await this.plans.lockEditable(m, org.id, before.planId);
      await this.repository.lock(m, org.id, sessionId);
      await this.repository.update(m, org.id, sessionId, { ...merged, status });
      // More seats: the waiting list moves up at once.
      if (merged.capacity !== before.capacity) await this.repository.promoteWaiting(m, sessionId, merged.capacity);
      if (status === 'closed' && before.status !== 'closed') await this.repository.checkOutEveryone(m, org.id, sessionId, actor.accountId);
      await this.record(m, org, actor, 'thinktank_session.updated', sessionId, { ...fieldsOf(before), status: before.status }, { ...merged, status });
    });
    return sessionView((await this.repository.find(org.id, sessionId))!);
  }

  /** One session for its planners and facilitator. */
  async get(org: Organization, actor: Actor, sessionId: string): Promise<TThinktankSession> {
    const { session } = await this.requireRunner(org, actor, sessionId);
    return sessionView(session);
  }

  // ---- minutes and outputs (facilitator or planner) ------------------------------------------

  async minutes(org: Organization, actor: Actor, sessionId: string): Promise<TThinktankMinutesView> {
    const { session } = await this.requireRunner(org, actor, sessionId);
    return minutesView(session);
  }

  async saveMinutes(org: Organization, actor: Actor, sessionId: string, minutes: string): Promise<TThinktankMinutesView> {
    const { session } = await this.requireRunner(org, actor, sessionId);
    await this.repository.db.transaction(async (m) => {
      await this.repository.saveMinutes(m, org.id, sessionId, minutes);
      await this.record(m, org, actor, 'thinktank_session.minutes_saved', sessionId, { length: session.minutes?.length ?? 0 }, { length: minutes.length });
    });
    return minutesView((await this.repository.find(org.id, sessionId))!);
  }

  /** Publishes (or withdraws) the minutes, decisions and outputs on the session's public page. */
  async publishMinutes(org: Organization, actor: Actor, sessionId: string, published: boolean): Promise<TThinktankMinutesView> {
    const { session } = await this.requireRunner(org, actor, sessionId);
    if (published && !session.minutes?.trim()) throw ThinktankErrors.noMinutes();
    await this.repository.db.transaction(async (m) => {
      await this.repository.setMinutesPublished(m, org.id, sessionId, published);
      await this.record(m, org, actor, published ? 'thinktank_session.minutes_published' : 'thinktank_session.minutes_withdrawn', sessionId, null, null);
    });
    return minutesView((await this.repository.find(org.id, sessionId))!);
  }

  async outputs(org: Organization, actor: Actor, sessionId: string): Promise<TThinktankOutput[]> {
    await this.requireRunner(org, actor, sessionId);
    return (await this.repository.outputsOf(org.id, sessionId)).map(outputView);
  }

  async addOutput(org: Organization, actor: Actor, sessionId: string, input: TCreateThinktankOutput & { body: string }): Promise<TThinktankOutput[]> {
    await this.requireRunner(org, actor, sessionId);
    if (input.themeId && !(await this.repository.themeExists(org.id, input.themeId))) throw ThinktankErrors.themeNotFound();
    if (input.problemId && !(await this.repository.problemExists(org.id, input.problemId))) throw ThinktankErrors.problemNotFound();
    await this.repository.db.transaction(async (m) => {
      const id = await this.repository.insertOutput(m, {
        organizationId: org.id,
        sessionId,
        kind: input.kind,
        body: input.body,
        themeId: input.themeId ?? null,
        problemId: input.problemId ?? null,
        by: actor.accountId,
      });
      await this.record(m, org, actor, 'thinktank_session.output_added', sessionId, null, { id, ...input });
    });
    return (await this.repository.outputsOf(org.id, sessionId)).map(outputView);
  }

  async removeOutput(org: Organization, actor: Actor, sessionId: string, outputId: string): Promise<TThinktankOutput[]> {
    await this.requireRunner(org, actor, sessionId);
    await this.repository.db.transaction(async (m) => {
      if (!(await this.repository.deleteOutput(m, org.id, sessionId, outputId))) throw ThinktankErrors.outputNotFound();
      await this.record(m, org, actor, 'thinktank_session.output_removed', sessionId, { id: outputId }, null);
    });
    return (await this.repository.outputsOf(org.id, sessionId)).map(outputView);
  }

  // ---- public ------------------------------------------------------------------------------

  /** The session's public page: details, and the minutes once published; the viewer's own part. */
  async publicView(org: Organization, sessionId: string, actor?: Actor): Promise<TPublicThinktankSession> {
    const session = await this.require(org.id, sessionId);
    const plan = await this.plans.page(org, session.planId, null);
    const role = actor ? await this.roleOnBoard(org.id, sessionId, actor.accountId) : null;
    const invitation = actor ? await this.repository.invitationOfAccount(org.id, sessionId, actor.accountId) : null;
    const attendance = actor ? await this.repository.attendanceOf(org.id, sessionId, actor.accountId) : null;
    const published = session.minutesPublishedAt !== null;
    const isInvited = role !== null || (invitation !== null && invitation.rsvp !== 'no');
    return {
      ...this.publicDetails(org, session, plan.title, published ? (await this.repository.outputsOf(org.id, sessionId)).map(outputView) : []),
      // The meeting link is for those taking part, not for every visitor of the page.
      onlineUrl: isInvited ? session.onlineUrl : null,
      myRole: role,
      myInvitation: invitation
        ? { rsvp: invitation.rsvp, waitingPosition: invitation.waitingPosition, expiresAt: iso(invitation.expiresAt) }
        : null,
      myAttendance: attendance
        ? { checkedInAt: iso(attendance.checkedInAt), checkedOutAt: attendance.checkedOutAt ? iso(attendance.checkedOutAt) : null }
        : null,
    };
  }

  /** The details anyone may see (the RSVP link's page uses them too). */
  publicDetails(org: Organization, session: SessionRow, planTitle: TPublicThinktankSession['planTitle'], outputs: TThinktankOutput[]) {
    const published = session.minutesPublishedAt !== null;
    return {
      id: session.id,
      organization: { slug: org.slug, name: org.name },
      planId: session.planId,
      planTitle,
      stageTitle: session.stageTitle,
      committeeName: session.committeeName,
      topic: session.topic,
      agenda: session.agenda,
      facilitatorName: session.facilitatorName,
      place: session.place,
      onlineUrl: null as string | null,
      startsAt: iso(session.startsAt),
      endsAt: iso(session.endsAt),
      capacity: session.capacity,
      status: session.status,
      minutesHtml: published ? renderSafeMarkdown(session.minutes ?? '') : null,
      minutesPublishedAt: published ? iso(session.minutesPublishedAt!) : null,
      outputs,
    };
  }

  async planTitle(org: Organization, planId: string): Promise<TPublicThinktankSession['planTitle']> {
    return (await this.plans.page(org, planId, null)).title;
  }

  // ---- the live board asks here ----------------------------------------------------------------

  /**
   * A person's part on the session's live board: `facilitator` for its facilitator and the
   * municipality's planners and admins; `participant` for an invitee who answered yes, or anyone
   * who checked in; otherwise null (also for another organisation's session).
   */
  async roleOnBoard(organizationId: string, sessionId: string, accountId: string): Promise<'facilitator' | 'participant' | null> {
    const session = await this.repository.find(organizationId, sessionId);
    if (!session) return null;
    if (session.facilitatorId === accountId) return 'facilitator';
    if (await this.memberships.hasRole(organizationId, accountId, SESSION_STAFF_ROLES)) return 'facilitator';
    if (await this.repository.attendanceOf(organizationId, sessionId, accountId)) return 'participant';
    const invitation = await this.repository.invitationOfAccount(organizationId, sessionId, accountId);
    return invitation?.rsvp === 'yes' ? 'participant' : null;
  }

  // ---- access ------------------------------------------------------------------------------

  /** The session, if the actor runs it (its facilitator, a planner or admin, a superadmin); else 403. */
  async requireRunner(org: Organization, actor: Actor, sessionId: string): Promise<SessionAccess> {
    const session = await this.require(org.id, sessionId);
    const isFacilitator = session.facilitatorId === actor.accountId;
    const isStaff = actor.isSuperadmin || (await this.memberships.hasRole(org.id, actor.accountId, SESSION_STAFF_ROLES));
    if (!isFacilitator && !isStaff) throw ThinktankErrors.notFacilitator();
    return { session, isStaff, isFacilitator };
  }

  /** The organisation's session; 404 for none or another organisation's. */
  async require(organizationId: string, sessionId: string): Promise<SessionRow> {
    const session = await this.repository.find(organizationId, sessionId);
    if (!session) throw ThinktankErrors.sessionNotFound();
    return session;
  }

  private async assertPlan(org: Organization, planId: string): Promise<void> {
    await this.plans.page(org, planId, null);
  }

  private async assertFields(org: Organization, planId: string, fields: SessionFields): Promise<void> {
    if (!(await this.repository.stageOfPlan(org.id, planId, fields.stageId))) throw ThinktankErrors.stageNotInPlan();
    if (fields.committeeId && !(await this.repository.committeeOfPlan(org.id, planId, fields.committeeId))) throw ThinktankErrors.committeeNotInPlan();
    if (fields.facilitatorId && !(await this.memberships.find(org.id, fields.facilitatorId))) throw ThinktankErrors.facilitatorNotMember();
  }

  private record(m: EntityManager, org: Organization, actor: Actor, action: string, entityId: string, before: unknown, after: unknown) {
    return this.audit.record(m, { organizationId: org.id, actorId: actor.accountId, action, entityType: 'thinktank_session', entityId, before, after });
  }
}

function normalise(input: Partial<z.output<typeof ZCreateThinktankSession>>): SessionFields {
  return {
    stageId: input.stageId!,
    committeeId: input.committeeId ?? null,
    topic: input.topic!,
    agenda: input.agenda?.trim() ? input.agenda : null,
    facilitatorId: input.facilitatorId ?? null,
    place: input.place?.trim() ? input.place : null,
    onlineUrl: input.onlineUrl ?? null,
    startsAt: input.startsAt!,
    endsAt: input.endsAt!,
    capacity: input.capacity ?? null,
  };
}

function fieldsOf(s: SessionRow): SessionFields {
  return {
    stageId: s.stageId,
    committeeId: s.committeeId,
    topic: s.topic,
    agenda: s.agenda,
    facilitatorId: s.facilitatorId,
    place: s.place,
    onlineUrl: s.onlineUrl,
    startsAt: iso(s.startsAt),
    endsAt: iso(s.endsAt),
    capacity: s.capacity,
  };
}

export function iso(value: Date | string): string {
  return new Date(value).toISOString();
}

export function sessionView(s: SessionRow): TThinktankSession {
  return {
    id: s.id,
    planId: s.planId,
    stageId: s.stageId,
    stageTitle: s.stageTitle,
    committeeId: s.committeeId,
    committeeName: s.committeeName,
    topic: s.topic,
    agenda: s.agenda,
    facilitator: s.facilitatorId ? { id: s.facilitatorId, displayName: s.facilitatorName ?? '' } : null,
    place: s.place,
    onlineUrl: s.onlineUrl,
    startsAt: iso(s.startsAt),
    endsAt: iso(s.endsAt),
    capacity: s.capacity,
    status: s.status,
    counts: { invited: s.invited, yes: s.yes, waiting: s.waiting, attended: s.attended },
    personHours: personHours(s.attendedMinutes),
    minutesPublishedAt: s.minutesPublishedAt ? iso(s.minutesPublishedAt) : null,
  };
}

function minutesView(s: SessionRow): TThinktankMinutesView {
  return {
    minutes: s.minutes ?? '',
    minutesHtml: renderSafeMarkdown(s.minutes ?? ''),
    updatedAt: s.minutesUpdatedAt ? iso(s.minutesUpdatedAt) : null,
    publishedAt: s.minutesPublishedAt ? iso(s.minutesPublishedAt) : null,
  };
}

function outputView(o: OutputRow): TThinktankOutput {
  return {
    id: o.id,
    kind: o.kind,
    body: o.body,
    theme: o.themeId && o.themeName ? { id: o.themeId, name: o.themeName } : null,
    problem: o.problemId ? { id: o.problemId, title: o.problemTitle ?? '' } : null,
    createdAt: iso(o.createdAt),
  };
}
