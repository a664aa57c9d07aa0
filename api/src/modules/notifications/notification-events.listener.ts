import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DomainEvents } from '../../common/events/domain-events';
import { JobsService } from '../../jobs/jobs.service';
import { type NotificationCause, NotificationsService } from './notifications.service';

const FAN_OUT_QUEUE = 'notifications.fanout' as const;

/**
 * Turns the plans module's domain events into notifications. The event only enqueues a job, so
 * the planner's request is not held up by a large fan-out, and a crash or a failed query is
 * retried by the queue instead of losing the notifications.
 */
@Injectable()
export class NotificationEventsListener implements OnModuleInit {
  constructor(
    private readonly events: DomainEvents,
    private readonly jobs: JobsService,
    private readonly notifications: NotificationsService,
  ) {}

  onModuleInit(): void {
    this.jobs.register(FAN_OUT_QUEUE, async (cause) => {
      await this.notifications.notifyFollowers(cause);
    });
    const enqueue = (cause: NotificationCause) => this.jobs.enqueue(FAN_OUT_QUEUE, cause).then(() => undefined);
    this.events.on('stage.opened', (e) => enqueue({ kind: 'stage.opened', ...e }));
    this.events.on('stage.closed', (e) => enqueue({ kind: 'stage.closed', ...e }));
    this.events.on('activity.opened', (e) => enqueue({ kind: 'activity.opened', ...e }));
    this.events.on('plan.status_changed', (e) => enqueue({ kind: 'plan.status_changed', ...e }));
  }
}
