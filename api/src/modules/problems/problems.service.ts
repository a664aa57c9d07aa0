import { Injectable } from '@nestjs/common';
import { RateLimiter } from '../../common/rate-limit/rate-limiter.service';
import type { EntityManager } from 'typeorm';
import type { z } from 'zod';
import {
  PROBLEM_TRANSITIONS,
  type ProblemCapacity,
  type Role,
  type TDistrictSummary,
  type TMyProblem,
  type TMySupport,
  type TProblem,
  type TProblemCollectionSettings,
  type TProblemListItem,
  type TProblemPage,
  ZChangeProblemStatus,
  ZCreateProblem,
  ZMergeProblem,
  ZMyActivityQuery,
  ZProblemListQuery,
  ZSimilarProblem,
  ZSimilarQuery,
} from '@hamandishi/contracts';
import { normalizeForSearch, normalizePersian } from '@hamandishi/text';
import { ShortLivedCache } from '../../common/cache/short-lived-cache';
import { AppError } from '../../common/errors/app-error';
import type { Actor } from '../../common/http/request-context';
import { SupportBatcher } from './support-batcher';
import { SupportCountBroadcaster } from './support-count.broadcaster';
import { RealtimeService } from '../../realtime/realtime.service';
import { AuditService } from '../audit/audit.service';
import type { MembershipRow } from '../identity/memberships.repository';
import { MembershipsService } from '../identity/memberships.service';
import { BlocksService } from '../moderation/blocks.service';
import { NotificationsService } from '../notifications/notifications.service';
import type { Organization } from '../organizations/organization.entity';
import { OrganizationsService } from '../organizations/organizations.service';
import { ActivityTypeRegistry } from '../plans/activity-types.registry';
import { ParticipationService } from '../plans/participation.service';
import { StagesService } from '../plans/stages.service';
import { boundaryContains, degreeBox, type Boundary } from './geo';
import { photoUrl, thumbUrl } from './problem-photos.service';
import { StakeholderLinksService } from '../stakeholders/stakeholder-links.service';
import { ProblemErrors } from './problems.errors';
import {
  type ListCursor,
  type ModeratedRow,
  type ProblemListRow,
  type ProblemRow,
  ProblemsRepository,
} from './problems.repository';

/** Who may see hidden problems and anonymous authors. */
export const MODERATORS: readonly Role[] = ['moderator', 'admin'];
/** Which role one needs to file in a capacity (anyone may file as a citizen). */
const CAPACITY_ROLE: Record<ProblemCapacity, Role | null> = {
  citizen: null,
  ngo: 'ngo',
  expert: 'expert',
  manager: 'manager',
};

type Org = Pick<Organization, 'id' | 'slug'>;
/** A district as saved, with the bounding box stored beside its boundary. */
type DistrictBounds = {
  id: string;
  boundary: Boundary | null;
  minLat: number | null;
  minLng: number | null;
  maxLat: number | null;
  maxLng: number | null;
};

/** Plain text for storage: Persian normalised, control characters gone; never HTML (the web escapes). */
export function plainText(input: string, singleLine: boolean): string {
  const text = normalizePersian(input);
  return singleLine ? text.replace(/\s+/g, ' ').trim() : text;
}

/** Base64url JSON, opaque to clients. */
export function encodeCursor(cursor: ListCursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

/** The keyset position of a cursor; 400 for one that is not ours. */
export function decodeCursor(raw: string | undefined): ListCursor | null {
  if (!raw) return null;
  try {
    const value = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
    const uuid = /^[0-9a-f-]{36}$/i;
    if (
      typeof value?.id === 'string' &&
      uuid.test(value.id) &&
      (typeof value.k === 'string' || typeof value.k === 'number')
    ) {
      const valid =
        typeof value.k === 'number'
          ? Number.isInteger(value.k)
          : /^\d{4}-\d{2}-\d{2}[ T][\d:.]+([+-]\d{2}(:?\d{2})?|Z)?$/.test(value.k);
      if (valid) return { k: value.k, id: value.id };
    }
  } catch {
    /* not ours */
  }
  throw new AppError('common.validation_failed', 400, 'Invalid cursor', { cursor: 'invalid_value' });
}

/** A cursor of a list ordered by a time (created or supported), 400 for any other. */
function timeCursor(raw: string | undefined): ListCursor | null {
  const cursor = decodeCursor(raw);
  if (cursor && typeof cursor.k !== 'string')
    throw new AppError('common.validation_failed', 400, 'Invalid cursor', { cursor: 'invalid_value' });
  return cursor;
}

/** The cursor after a page read with one extra row. */
function nextTimeCursor<T extends { createdKey: string }>(
  rows: T[],
  limit: number,
  idOf: (row: T) => string,
): string | null {
  const last = rows[limit - 1];
  return rows.length > limit && last ? encodeCursor({ k: last.createdKey, id: idOf(last) }) : null;
}

/** What became of a problem, from its row. */
function fate(r: {
  status: TMyProblem['status'];
  statusReason: string | null;
  statusChangedAt: Date | null;
  mergedIntoId: string | null;
}) {
  return {
    status: r.status,
    statusReason: r.statusReason,
    statusChangedAt: r.statusChangedAt ? new Date(r.statusChangedAt).toISOString() : null,
    mergedIntoId: r.mergedIntoId,
  };
}

/** Problem statements: submission, duplicates, supports, lists, the page, status workflow and moderation. */
@Injectable()
export class ProblemsService {
  constructor(
    private readonly repository: ProblemsRepository,
    private readonly organizations: OrganizationsService,
    private readonly memberships: MembershipsService,
    private readonly stages: StagesService,
    private readonly participation: ParticipationService,
    private readonly registry: ActivityTypeRegistry,
    private readonly blocks: BlocksService,
    private readonly audit: AuditService,
    private readonly notifications: NotificationsService,
    private readonly realtime: RealtimeService,
    private readonly supportCounts: SupportCountBroadcaster,
    private readonly supportBatcher: SupportBatcher,
    private readonly rateLimiter: RateLimiter,
    private readonly stakeholderLinks: StakeholderLinksService,
  ) {}

  private readonly listAnswers = new ShortLivedCache<TProblemPage>(1_000);

  // ---- submit ----------------------------------------------------------------------------

  async submit(
    org: Org,
    actor: Actor,
    membership: MembershipRow | null,
    activityId: string,
    input: z.output<typeof ZCreateProblem>,
  ): Promise<TProblem> {
    const activity = await this.stages.getActivity(org.id, activityId);
    if (activity.type !== 'problem_collection') throw ProblemErrors.notProblemCollection();
    this.participation.assertCanTakePart(activity, actor, membership);
    await this.blocks.assertNotBlocked(org.id, actor.accountId);
    await this.rateLimiter.hit('problem:account', actor.accountId);

    const settings = this.registry.parseSettings('problem_collection', activity.settings) as TProblemCollectionSettings;
    const neededRole = CAPACITY_ROLE[input.capacity];
    const hasRole = actor.isSuperadmin || neededRole === null || !!membership?.roles.includes(neededRole);
    if (!settings.capacities.includes(input.capacity) || !hasRole) throw ProblemErrors.capacityNotAllowed();
    if (input.isAnonymous && !settings.allowAnonymous) throw ProblemErrors.anonymousNotAllowed();
    if (settings.requirePhoto && input.photoIds.length === 0) throw ProblemErrors.photoRequired();

    await this.organizations.assertTheme(org.id, input.themeId);
    let districtId: string | null;
    if (input.location) {
      districtId = await this.locate(org.id, input.location.lat, input.location.lng);
    } else {
      await this.organizations.assertDistrict(org.id, input.districtId!);
      districtId = input.districtId!;
    }

    // Filing for a registered stakeholder: only its linked accounts may, and its name is shown.
    const stakeholder = input.stakeholderId ? await this.stakeholderLinks.assertLinked(org.id, input.stakeholderId, actor.accountId) : null;
    const title = plainText(input.title, true);
    const description = plainText(input.description, false);
    if (title.length < 5)
      throw new AppError('common.validation_failed', 400, 'Validation failed', { title: 'too_short' });
    const photoIds = [...new Set(input.photoIds)];

    const problemId = await this.repository.db.transaction(async (m) => {
      const id = await this.repository.insert(m, {
        organizationId: org.id,
        planId: activity.planId,
        stageId: activity.stageId,
        activityId: activity.id,
        authorId: actor.accountId,
        capacity: input.capacity,
        onBehalfOf: stakeholder ? stakeholder.name : input.capacity === 'ngo' && input.onBehalfOf ? plainText(input.onBehalfOf, true) : null,
        stakeholderId: stakeholder ? input.stakeholderId : null,
        isAnonymous: input.isAnonymous,
        title,
        description,
        searchText: normalizeForSearch(`${title} ${description}`),
        themeId: input.themeId,
        districtId,
        lat: input.location?.lat ?? null,
        lng: input.location?.lng ?? null,
      });
      const attached = await this.repository.attachPhotos(m, org.id, id, actor.accountId, photoIds);
      if (attached.length !== photoIds.length) throw ProblemErrors.photoNotFound();
      await this.repository.addHistory(m, {
        organizationId: org.id,
        problemId: id,
        from: null,
        to: 'submitted',
        reason: null,
        committeeId: null,
        changedBy: actor.accountId,
      });
      return id;
    });
    return this.page(org, problemId, actor, membership);
  }

  /**
   * Re-derives the district of every located problem of the organisation from `districts` (the
   * boundaries as they will be once the caller's transaction commits), inside that transaction:
   * a problem whose point no boundary holds any more keeps its point and loses its district.
   * Problems placed by district alone (no point) keep theirs. Returns how many problems moved.
   */
  async rederiveDistricts(
    m: EntityManager,
    organizationId: string,
    districts: DistrictBounds[],
  ): Promise<number> {
    const located = districts.filter((d): d is DistrictBounds & { boundary: Boundary } => d.boundary !== null);
    const problems = await this.repository.locatedProblems(m, organizationId);
    const ids: string[] = [];
    const targets: (string | null)[] = [];
    for (const p of problems) {
      // The stored bounding box first (as the point lookup of a new problem), then the polygon.
      const home = located.find(
        (d) =>
          p.lat >= (d.minLat ?? Infinity) && p.lat <= (d.maxLat ?? -Infinity) &&
          p.lng >= (d.minLng ?? Infinity) && p.lng <= (d.maxLng ?? -Infinity) &&
          boundaryContains(d.boundary, p.lng, p.lat),
      );
      const target = home?.id ?? null;
      if (target !== p.districtId) {
        ids.push(p.id);
        targets.push(target);
      }
    }
    await this.repository.moveToDistricts(m, organizationId, ids, targets);
    return ids.length;
  }

  /** How many problems name the district (a district they name cannot be deleted). */
  countInDistrict(m: EntityManager, organizationId: string, districtId: string): Promise<number> {
    return this.repository.countInDistrict(m, organizationId, districtId);
  }

  /** The district whose boundary holds the point; 400 `problems.location_outside` when none does. */
  async locate(organizationId: string, lat: number, lng: number): Promise<string> {
    const candidates = await this.repository.districtsAround(organizationId, lat, lng);
    const district = candidates.find((d) => boundaryContains(d.boundary, lng, lat));
    if (!district) throw ProblemErrors.locationOutside();
    return district.id;
  }

  // ---- reading ---------------------------------------------------------------------------

  /** The problem page; hidden ones are 404 except for moderators. */
  async page(
    org: Org,
    problemId: string,
    actor: Actor | undefined,
    membership?: MembershipRow | null,
  ): Promise<TProblem> {
    const row = await this.repository.find(this.repository.db, org.id, problemId, actor?.accountId ?? null);
    if (!row) throw ProblemErrors.notFound();
    const isModerator = actor ? await this.isModerator(org.id, actor, membership) : false;
    if (row.isHidden && !isModerator) throw ProblemErrors.notFound();
    const [photos, history] = await Promise.all([this.repository.photosOf(row.id), this.repository.historyOf(row.id)]);
    const showAuthor = row.authorId && row.authorName !== null && (!row.isAnonymous || isModerator);
    // The first reason that applies; the page says it beside the disabled "me too".
    const cannotSupportReason: TProblem['cannotSupportReason'] = !actor
      ? null
      : row.authorId === actor.accountId
        ? 'own_problem'
        : row.viewerBlocked
          ? 'blocked'
          : row.status === 'merged'
            ? 'merged'
            : row.isHidden
              ? 'hidden'
              : null;
    const canSupport = !!actor && cannotSupportReason === null;
    return {
      ...this.listItem(org, { ...row, photoId: photos[0]?.id ?? null, createdKey: '' }),
      description: row.description,
      activityId: row.activityId,
      planId: row.planId,
      stageId: row.stageId,
      author: showAuthor ? { id: row.authorId!, displayName: row.authorName! } : null,
      onBehalfOf: row.onBehalfOf,
      photos: photos.map((p) => ({
        id: p.id,
        url: photoUrl(org.slug, p.id),
        thumbUrl: thumbUrl(org.slug, p.id),
        width: p.width,
        height: p.height,
      })),
      committeeId: row.committeeId,
      mergedIntoId: row.mergedIntoId,
      statusReason: row.statusReason,
      statusHistory: history.map((h) => ({
        from: h.from,
        to: h.to,
        reason: h.reason,
        committeeId: h.committeeId,
        changedAt: new Date(h.changedAt).toISOString(),
      })),
      isHidden: row.isHidden,
      isSupported: row.isSupported,
      canSupport,
      cannotSupportReason,
    };
  }

  async list(org: Org, query: z.output<typeof ZProblemListQuery>, actor?: Actor): Promise<TProblemPage> {
    // "Mine" is one person's list: read each time, never shared through the cache below.
    if (query.mine) {
      if (!actor) throw new AppError('identity.unauthenticated', 401, 'Sign in first');
      return this.readList(org, query, actor.accountId);
    }
    // The list is the same for every viewer, and a busy city asks for the same first pages
    // many times a second: answers are kept one second, as the map's are.
    return this.listAnswers.getOrLoad(`${org.id}:${JSON.stringify(query)}`, () => this.readList(org, query));
  }

  /** "My activity": the problems I reported here, with what became of each (keyset pages, newest first). */
  async problemsBy(
    org: Org,
    actor: Actor,
    query: z.output<typeof ZMyActivityQuery>,
  ): Promise<{ items: TMyProblem[]; nextCursor: string | null }> {
    const cursor = timeCursor(query.cursor);
    const rows = await this.repository.problemsBy(org.id, actor.accountId, cursor, query.limit + 1);
    const items = rows.slice(0, query.limit);
    return {
      items: items.map((r) => ({
        id: r.id,
        title: r.title,
        ...fate(r),
        supportCount: r.supportCount,
        commentCount: r.commentCount,
        isHidden: r.isHidden,
        createdAt: new Date(r.createdAt).toISOString(),
      })),
      nextCursor: nextTimeCursor(rows, query.limit, (r) => r.id),
    };
  }

  /** "My activity": the problems I support here, with what became of each (keyset pages, latest support first). */
  async supportedBy(
    org: Org,
    actor: Actor,
    query: z.output<typeof ZMyActivityQuery>,
  ): Promise<{ items: TMySupport[]; nextCursor: string | null }> {
    const cursor = timeCursor(query.cursor);
    const rows = await this.repository.supportedBy(org.id, actor.accountId, cursor, query.limit + 1);
    return {
      items: rows.slice(0, query.limit).map((r) => ({
        problemId: r.problemId,
        title: r.title,
        ...fate(r),
        supportCount: r.supportCount,
        supportedAt: new Date(r.supportedAt).toISOString(),
      })),
      nextCursor: nextTimeCursor(rows, query.limit, (r) => r.problemId),
    };
  }

  private async readList(
    org: Org,
    query: z.output<typeof ZProblemListQuery>,
    authorId?: string,
  ): Promise<TProblemPage> {
    const cursor = decodeCursor(query.cursor);
    if (cursor && typeof cursor.k !== (query.sort === 'newest' ? 'string' : 'number')) {
      throw new AppError('common.validation_failed', 400, 'Invalid cursor', { cursor: 'invalid_value' });
    }
    const { cursor: _c, limit, sort, q, mine: _m, ...filters } = query;
    const qNormalized = q ? normalizeForSearch(q) : undefined;
    const rows = await this.repository.list(
      org.id,
      { ...filters, qNormalized: qNormalized || undefined, authorId },
      sort,
      cursor,
      limit + 1,
    );
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    const nextCursor =
      rows.length > limit && last
        ? encodeCursor({ k: sort === 'newest' ? last.createdKey : last.supportCount, id: last.id })
        : null;
    return { items: items.map((r) => this.listItem(org, r)), nextCursor };
  }

  async similar(org: Org, query: z.output<typeof ZSimilarQuery>): Promise<z.infer<typeof ZSimilarProblem>[]> {
    const text = normalizeForSearch(query.title);
    if (text.length < 3) return [];
    const near =
      query.lat !== undefined && query.lng !== undefined
        ? { lat: query.lat, lng: query.lng, radius: query.radiusMeters, ...degreeBox(query.lat, query.radiusMeters) }
        : null;
    const rows = await this.repository.similar(org.id, text, near);
    return rows.map((r) => ({
      id: r.id,
      title: r.title,
      supportCount: Number(r.supportCount),
      status: r.status,
      similarity: Math.round(Number(r.similarity) * 1000) / 1000,
      distanceMeters: r.distanceMeters === null ? null : Math.round(Number(r.distanceMeters)),
    }));
  }

  async byDistrict(org: Org, filters: { stageId?: string; activityId?: string }): Promise<TDistrictSummary[]> {
    const rows = await this.repository.byDistrict(org.id, filters);
    return rows.map((r) => ({ ...r, total: r.citizenCount + r.managerCount }));
  }

  async moderationQueue(org: Org, query: { hidden?: boolean; cursor?: string; limit: number }) {
    const cursor = decodeCursor(query.cursor);
    if (cursor && typeof cursor.k !== 'string')
      throw new AppError('common.validation_failed', 400, 'Invalid cursor', { cursor: 'invalid_value' });
    const rows = await this.repository.moderationQueue(org.id, !!query.hidden, cursor, query.limit + 1);
    const items = rows.slice(0, query.limit);
    const last = items[items.length - 1];
    return {
      items: items.map((r: ModeratedRow) => ({
        ...this.listItem(org, r),
        description: r.description,
        author: r.authorId && r.authorName !== null ? { id: r.authorId, displayName: r.authorName } : null,
        isAnonymous: r.isAnonymous,
        isHidden: r.isHidden,
        hiddenReason: r.hiddenReason,
      })),
      nextCursor: rows.length > query.limit && last ? encodeCursor({ k: last.createdKey, id: last.id }) : null,
    };
  }

  // ---- supports --------------------------------------------------------------------------

  /** "Me too": idempotent; the count changes only when a row was inserted. */
  async support(org: Org, actor: Actor, problemId: string): Promise<{ supported: boolean; supportCount: number }> {
    const count = await this.supportBatcher.add(org.id, problemId, actor.accountId);
    if (count !== null) {
      this.supportCounts.publish(problemId, count);
      return { supported: true, supportCount: count };
    }
    // Nothing inserted: already supported, or refused. Only this slower path reads.
    const row = await this.repository.find(this.repository.db, org.id, problemId, actor.accountId);
    if (!row || row.isHidden) throw ProblemErrors.notFound();
    if (row.viewerBlocked)
      throw new AppError('moderation.blocked', 403, 'You are blocked from taking part in this organization');
    if (row.isSupported) return { supported: true, supportCount: row.supportCount };
    if (row.status === 'merged') throw ProblemErrors.notSupportable();
    if (row.authorId === actor.accountId) throw ProblemErrors.ownProblem();
    throw ProblemErrors.notSupportable();
  }

  /** Withdraws a support; idempotent. */
  async withdraw(org: Org, actor: Actor, problemId: string): Promise<{ supported: boolean; supportCount: number }> {
    const count = await this.repository.removeSupport(org.id, problemId, actor.accountId);
    if (count !== null) {
      this.supportCounts.publish(problemId, count);
      return { supported: false, supportCount: count };
    }
    const row = await this.repository.find(this.repository.db, org.id, problemId, null);
    if (!row || row.isHidden) throw ProblemErrors.notFound();
    return { supported: false, supportCount: row.supportCount };
  }

  // ---- status workflow -------------------------------------------------------------------

  async changeStatus(
    org: Org,
    actor: Actor,
    problemId: string,
    input: z.output<typeof ZChangeProblemStatus>,
  ): Promise<TProblem> {
    const { before, after } = await this.repository.db.transaction(async (m) => {
      const [row] = await this.repository.lockMany(m, org.id, [problemId]);
      if (!row) throw ProblemErrors.notFound();
      if (!PROBLEM_TRANSITIONS[row.status].includes(input.status))
        throw ProblemErrors.invalidTransition(row.status, input.status);
      if (
        input.status === 'accepted' &&
        !(await this.repository.committeeOfPlan(m, org.id, row.planId, input.committeeId!))
      ) {
        throw ProblemErrors.committeeNotFound();
      }
      const reason = input.reason ? plainText(input.reason, false) : null;
      const committeeId = input.status === 'accepted' ? input.committeeId! : null;
      await this.repository.setStatus(m, row.id, input.status, reason, committeeId);
      await this.repository.addHistory(m, {
        organizationId: org.id,
        problemId: row.id,
        from: row.status,
        to: input.status,
        reason,
        committeeId,
        changedBy: actor.accountId,
      });
      const after = { status: input.status, reason, committeeId: committeeId ?? row.committeeId };
      await this.audit.record(m, {
        organizationId: org.id,
        actorId: actor.accountId,
        action: 'problem.status_changed',
        entityType: 'problem',
        entityId: row.id,
        before: { status: row.status, reason: row.statusReason, committeeId: row.committeeId },
        after,
      });
      return { before: row, after };
    });

    const supporters = await this.repository.supporterIds(problemId);
    const recipients = [...(before.authorId ? [before.authorId] : []), ...supporters.map((s) => s.accountId)].filter(
      (id) => id !== actor.accountId,
    );
    await this.notifications.notifyAccounts(
      org.id,
      recipients,
      'problem.status_changed',
      { title: before.title, status: after.status, problemId },
      `/${org.slug}/problems/${problemId}`,
    );
    this.realtime.toProblem(problemId, 'problem.updated', {
      problemId,
      status: after.status,
      mergedIntoId: before.mergedIntoId,
      isHidden: before.isHidden,
    });
    return this.page(org, problemId, actor);
  }

  // ---- moderation ------------------------------------------------------------------------

  async setHidden(org: Org, actor: Actor, problemId: string, hidden: boolean, reason: string): Promise<TProblem> {
    const row = await this.repository.db.transaction(async (m) => {
      const [row] = await this.repository.lockMany(m, org.id, [problemId]);
      if (!row) throw ProblemErrors.notFound();
      const cleanReason = plainText(reason, false);
      await this.repository.setHidden(m, row.id, hidden, hidden ? cleanReason : null);
      await this.audit.record(m, {
        organizationId: org.id,
        actorId: actor.accountId,
        action: hidden ? 'problem.hidden' : 'problem.restored',
        entityType: 'problem',
        entityId: row.id,
        before: { isHidden: row.isHidden, hiddenReason: row.hiddenReason },
        after: { isHidden: hidden, reason: cleanReason },
      });
      return row;
    });
    this.realtime.toProblem(problemId, 'problem.updated', {
      problemId,
      status: row.status,
      mergedIntoId: row.mergedIntoId,
      isHidden: hidden,
    });
    return this.page(org, problemId, actor);
  }

  /** Merges a duplicate into the problem that stays: supports and comments move, supporters are told. */
  async merge(org: Org, actor: Actor, problemId: string, input: z.output<typeof ZMergeProblem>): Promise<TProblem> {
    if (problemId === input.intoId) throw ProblemErrors.mergeInvalid('A problem cannot be merged into itself');
    const { source, target, supporters } = await this.repository.db.transaction(async (m) => {
      const rows = await this.repository.lockMany(m, org.id, [problemId, input.intoId]);
      const source = rows.find((r) => r.id === problemId);
      const target = rows.find((r) => r.id === input.intoId);
      if (!source) throw ProblemErrors.notFound();
      if (!target) throw ProblemErrors.mergeInvalid('The problem to merge into is not in this organization');
      if (source.status === 'merged') throw ProblemErrors.mergeInvalid('This problem is already merged');
      if (target.status === 'merged' || target.isHidden)
        throw ProblemErrors.mergeInvalid('Cannot merge into a merged or hidden problem');
      const reason = input.reason ? plainText(input.reason, false) : null;
      const supporters = await this.repository.moveSupports(m, source.id, target.id, target.authorId);
      await this.repository.moveComments(m, org.id, source.id, target.id);
      await this.repository.markMerged(m, source.id, target.id, reason);
      await this.repository.addHistory(m, {
        organizationId: org.id,
        problemId: source.id,
        from: source.status,
        to: 'merged',
        reason,
        committeeId: null,
        changedBy: actor.accountId,
      });
      await this.audit.record(m, {
        organizationId: org.id,
        actorId: actor.accountId,
        action: 'problem.merged',
        entityType: 'problem',
        entityId: source.id,
        before: { status: source.status, supportCount: source.supportCount },
        after: { status: 'merged', mergedIntoId: target.id, reason },
      });
      return { source, target, supporters };
    });

    const recipients = [...(source.authorId ? [source.authorId] : []), ...supporters].filter(
      (id) => id !== actor.accountId,
    );
    await this.notifications.notifyAccounts(
      org.id,
      recipients,
      'problem.merged',
      { title: source.title, intoTitle: target.title, problemId: source.id, intoId: target.id },
      `/${org.slug}/problems/${target.id}`,
    );
    const kept = await this.page(org, target.id, actor);
    this.realtime.toProblem(source.id, 'problem.updated', {
      problemId: source.id,
      status: 'merged',
      mergedIntoId: target.id,
      isHidden: source.isHidden,
    });
    this.realtime.toProblem(target.id, 'problem.support_changed', {
      problemId: target.id,
      supportCount: kept.supportCount,
    });
    return kept;
  }

  // ---- themes ------------------------------------------------------------------------------

  /** How many problems carry each theme (for the taxonomy's screen and merge preview). */
  countByTheme(organizationId: string, m?: EntityManager): Promise<Map<string, number>> {
    return this.repository.countByTheme(m ?? this.repository.db, organizationId);
  }

  /** Inside the themes module's transaction: every problem tagged `from` is re-tagged `to`. */
  retagTheme(m: EntityManager, organizationId: string, fromThemeId: string, toThemeId: string): Promise<number> {
    return this.repository.retagTheme(m, organizationId, fromThemeId, toThemeId);
  }

  // ---- comments --------------------------------------------------------------------------

  /** What the comments module calls for target type 'problem'. */
  commentTarget() {
    return {
      exists: async (organizationId: string, problemId: string) => {
        const state = await this.repository.commentState(organizationId, problemId);
        return !!state && !state.isHidden;
      },
      /** Comments are taken while the problem's activity is open, and not on a merged problem. */
      assertCanComment: async (organizationId: string, problemId: string) => {
        const state = await this.repository.commentState(organizationId, problemId);
        if (!state || state.isHidden) throw ProblemErrors.notFound();
        if (state.status === 'merged') throw ProblemErrors.merged();
        const activity = await this.stages.getActivity(organizationId, state.activityId);
        if (!activity.isOpen) throw ProblemErrors.activityClosed();
      },
      onCountChanged: (organizationId: string, problemId: string, manager: EntityManager, delta: number) =>
        this.repository.addToCommentCount(manager, organizationId, problemId, delta),
      /** A commenter's own list names the problem and links to it (not a hidden one). */
      places: async (organization: { id: string; slug: string }, problemIds: string[]) => {
        const rows = await this.repository.titlesOf(organization.id, problemIds);
        return new Map(
          rows
            .filter((r) => !r.isHidden)
            .map((r) => [r.id, { title: { fa: r.title }, link: `/${organization.slug}/problems/${r.id}` }]),
        );
      },
      // The problem page gives each comment the id `comment-<id>`.
      locate: async (organization: { id: string; slug: string }, problemId: string, commentId: string) =>
        `/${organization.slug}/problems/${problemId}#comment-${commentId}`,
    };
  }

  // ---- helpers ---------------------------------------------------------------------------

  private async isModerator(organizationId: string, actor: Actor, membership?: MembershipRow | null): Promise<boolean> {
    if (actor.isSuperadmin) return true;
    const m = membership === undefined ? await this.memberships.find(organizationId, actor.accountId) : membership;
    return !!m && m.roles.some((r) => MODERATORS.includes(r));
  }

  private listItem(org: Org, r: ProblemListRow | (ProblemRow & { photoId: string | null })): TProblemListItem {
    return {
      id: r.id,
      title: r.title,
      status: r.status,
      themeId: r.themeId,
      districtId: r.districtId,
      location: r.lat === null || r.lng === null ? null : { lat: r.lat, lng: r.lng },
      capacity: r.capacity,
      supportCount: Number(r.supportCount),
      commentCount: Number(r.commentCount),
      thumbUrl: r.photoId ? thumbUrl(org.slug, r.photoId) : null,
      createdAt: new Date(r.createdAt).toISOString(),
    };
  }
}
