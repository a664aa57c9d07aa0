import { Injectable, Logger } from '@nestjs/common';

/**
 * Things that happened in one module that others react to (notifications, realtime), raised
 * after the change is committed. In-process only: a listener that must survive a crash
 * enqueues a job.
 */
export type DomainEventMap = {
  'stage.opened': { organizationId: string; planId: string; stageId: string; actorId: string | null };
  'stage.closed': { organizationId: string; planId: string; stageId: string; actorId: string | null };
  'activity.opened': { organizationId: string; planId: string; stageId: string; activityId: string; actorId: string | null };
  'plan.status_changed': { organizationId: string; planId: string; from: string | null; to: string; actorId: string | null };
};

type Listener<E extends keyof DomainEventMap> = (payload: DomainEventMap[E]) => Promise<void> | void;

/** A typed in-process event bus; listeners run one after another, and a failing one is logged, not rethrown. */
@Injectable()
export class DomainEvents {
  private readonly logger = new Logger('domain-events');
  private readonly listeners = new Map<keyof DomainEventMap, Listener<any>[]>();

  on<E extends keyof DomainEventMap>(event: E, listener: Listener<E>): void {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
  }

  async emit<E extends keyof DomainEventMap>(event: E, payload: DomainEventMap[E]): Promise<void> {
    for (const listener of this.listeners.get(event) ?? []) {
      try {
        await listener(payload);
      } catch (error) {
        this.logger.error({ err: error, event }, 'domain event listener failed');
      }
    }
  }
}
