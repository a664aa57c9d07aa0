import { Injectable, Logger } from '@nestjs/common';
import type { TNotification, TNotificationPreferences } from '@hamandishi/contracts';
import { RealtimeService } from '../../realtime/realtime.service';
import type { NotificationKind } from './notification.entities';
import type { NotificationTextSource } from './notification-text';
import { type NotificationRow, NotificationsRepository } from './notifications.repository';
import { SqlNotificationTextSource } from './sql-notification-text.source';

/** What happened, as the fan-out job carries it (from the plans module's domain events). */
export type NotificationCause =
  | { kind: 'stage.opened' | 'stage.closed'; organizationId: string; planId: string; stageId: string; actorId: string | null }
  | { kind: 'activity.opened'; organizationId: string; planId: string; stageId: string; activityId: string; actorId: string | null }
  | { kind: 'plan.status_changed'; organizationId: string; planId: string; from: string | null; to: string; actorId: string | null };

/** A page of the bell. */
export type NotificationPage = { items: TNotification[]; nextCursor: string | null; unreadCount: number };

/** The bell: notifications written for followers, pushed live, listed and marked read. */
@Injectable()
export class NotificationsService {
  private readonly logger = new Logger('notifications');
  private textSource: NotificationTextSource;

  constructor(
    private readonly repository: NotificationsRepository,
    private readonly realtime: RealtimeService,
    sqlTextSource: SqlNotificationTextSource,
  ) {
    this.textSource = sqlTextSource;
  }

  /** Replaces where titles come from (the default reads the plan, stage and activity tables). */
  useTextSource(source: NotificationTextSource): void {
    this.textSource = source;
  }

  /**
   * Writes one notification per follower of the stage and of its plan (or of the plan alone for a
   * status change), never to the actor, then pushes each to its person's tabs. Returns how many.
   */
  async notifyFollowers(cause: NotificationCause): Promise<number> {
    const stageId = 'stageId' in cause ? cause.stageId : undefined;
    const activityId = 'activityId' in cause ? cause.activityId : undefined;
    const titles = await this.textSource.titles(cause.organizationId, { planId: cause.planId, stageId, activityId });
    const params: Record<string, string | number> = { planId: cause.planId };
    if (titles.planTitle) params.planTitle = titles.planTitle;
    if (stageId) params.stageId = stageId;
    if (titles.stageTitle) params.stageTitle = titles.stageTitle;
    if (activityId) params.activityId = activityId;
    if (titles.activityTitle) params.activityTitle = titles.activityTitle;
    if (cause.kind === 'plan.status_changed') {
      if (cause.from) params.from = cause.from;
      params.to = cause.to;
    }
    const slug = titles.organizationSlug;
    const link = slug ? `/${slug}/plans/${cause.planId}${stageId ? `/stages/${stageId}` : ''}` : null;
    const targets: { type: 'plan' | 'stage'; id: string }[] = [{ type: 'plan', id: cause.planId }];
    if (stageId) targets.push({ type: 'stage', id: stageId });

    const rows = await this.repository.fanOut({
      organizationId: cause.organizationId,
      targets,
      exceptAccountId: cause.actorId,
      kind: cause.kind,
      params,
      link,
    });
    for (const row of rows) {
      this.realtime.toAccount(row.accountId, 'notification.created', {
        id: row.id,
        kind: cause.kind,
        organizationSlug: slug,
        params,
        createdAt: new Date(row.createdAt).toISOString(),
      });
    }
    this.logger.debug({ kind: cause.kind, recipients: rows.length }, 'notified followers');
    return rows.length;
  }

  /**
   * Writes one notification to each of `accountIds` (duplicates and inactive accounts skipped) in
   * one INSERT…SELECT, then pushes each live. For modules that know their recipients (a problem's
   * submitter and supporters). Returns how many were written.
   */
  async notifyAccounts(
    organizationId: string,
    accountIds: string[],
    kind: NotificationKind,
    params: Record<string, string | number>,
    link: string | null,
  ): Promise<number> {
    if (accountIds.length === 0) return 0;
    const rows = await this.repository.insertForAccounts({ organizationId, accountIds, kind, params, link });
    const slug = await this.repository.organizationSlug(organizationId);
    for (const row of rows) {
      this.realtime.toAccount(row.accountId, 'notification.created', {
        id: row.id,
        kind,
        organizationSlug: slug,
        params,
        createdAt: new Date(row.createdAt).toISOString(),
      });
    }
    this.logger.debug({ kind, recipients: rows.length }, 'notified accounts');
    return rows.length;
  }

  async page(accountId: string, cursor: string | null, limit: number): Promise<NotificationPage> {
    const [rows, unreadCount] = await Promise.all([
      this.repository.page(accountId, cursor, limit + 1),
      this.repository.unreadCount(accountId),
    ]);
    const items = rows.slice(0, limit).map(toNotification);
    return { items, nextCursor: rows.length > limit ? items[items.length - 1].id : null, unreadCount };
  }

  /** Marks the given notifications read, or all of them when `ids` is absent. */
  markRead(accountId: string, ids: string[] | undefined): Promise<void> {
    return this.repository.markRead(accountId, ids ?? null);
  }

  preferences(accountId: string): Promise<TNotificationPreferences> {
    return this.repository.preferences(accountId);
  }

  async savePreferences(accountId: string, input: TNotificationPreferences): Promise<TNotificationPreferences> {
    await this.repository.savePreferences(accountId, input.digest, input.channel);
    return this.repository.preferences(accountId);
  }
}

function toNotification(row: NotificationRow): TNotification {
  return {
    id: row.id,
    kind: row.kind as NotificationKind,
    organizationSlug: row.organizationSlug,
    params: row.params,
    link: row.link,
    readAt: row.readAt ? new Date(row.readAt).toISOString() : null,
    createdAt: new Date(row.createdAt).toISOString(),
  };
}
