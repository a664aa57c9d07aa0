// Type-only: the payload of the fan-out job is the notification cause itself, defined once there.
import type { NotificationCause } from '../modules/notifications/notifications.service';

/** What each queue's job carries. The one place where a queue name and its payload are declared. */
export type JobPayloads = {
  housekeeping: Record<string, never>;
  'messaging.deliver': { messageId: string };
  'notifications.digest': Record<string, never>;
  'notifications.fanout': NotificationCause;
  'plans.transition': { kind: 'stage'; stageId: string } | { kind: 'activity'; activityId: string };
  'problems.prune_photos': Record<string, never>;
  'surveys.export': { exportId: string };
  'surveys.prune_exports': Record<string, never>;
  'demands.classifier_train': { modelId: string };
  'demands.classifier_suggest': { organizationId: string };
  'demands.classifier_sweep': Record<string, never>;
  'thinktank.remind': Record<string, never>;
  'thinktank.opinion': { organizationId: string; sessionId: string };
  'demands.catch_up': Record<string, never>;
  'demands.export': { exportId: string };
  'demands.prune_exports': Record<string, never>;
  'strategy.project_status_notify': Record<string, never>;
};

/** A queue's name. */
export type QueueName = keyof JobPayloads;

/** How pg-boss treats a queue's jobs. */
export type QueueSpec = {
  /** Retries after the first failure; the job then stays `failed` (kept for inspection). */
  retryLimit: number;
  /** Seconds before the first retry; doubled (with jitter) on each further one. */
  retryDelay: number;
  /**
   * How long a run may go without a heartbeat before it is taken for a dead process's and
   * retried elsewhere. A live run beats every third of this (jobs.service), so it may run
   * longer; this is how soon a crashed process's job is picked up again.
   */
  expireInSeconds: number;
  /**
   * `stately` for recurring work: at most one run waiting and one running, so a slow run is
   * never overlapped by the next and missed runs do not pile up.
   */
  policy: 'standard' | 'stately';
  /** Cron (UTC) for recurring work. Each run is a new job: a failed run never stops the next. */
  schedule?: string;
};

const MINUTE = 60;

/** Every queue and its rules. Recurring work is spread over the hour so runs do not coincide. */
export const JOB_QUEUES: Record<QueueName, QueueSpec> = {
  housekeeping: {
    schedule: '5 * * * *',
    policy: 'stately',
    retryLimit: 2,
    retryDelay: MINUTE,
    expireInSeconds: 30 * MINUTE,
  },
  'notifications.digest': {
    schedule: '0 * * * *',
    policy: 'stately',
    retryLimit: 2,
    retryDelay: MINUTE,
    expireInSeconds: 60 * MINUTE,
  },
  'problems.prune_photos': {
    schedule: '35 * * * *',
    policy: 'stately',
    retryLimit: 2,
    retryDelay: MINUTE,
    expireInSeconds: 30 * MINUTE,
  },
  'surveys.prune_exports': {
    schedule: '50 * * * *',
    policy: 'stately',
    retryLimit: 2,
    retryDelay: MINUTE,
    expireInSeconds: 10 * MINUTE,
  },
  // A run beats its expiry while alive (jobs.service); a dead process's export is retried, from scratch, after it.
  'surveys.export': { policy: 'standard', retryLimit: 2, retryDelay: 10, expireInSeconds: 5 * MINUTE },
  // 6 tries over about five minutes, as the outbox counts them (messaging.service MAX_ATTEMPTS).
  'messaging.deliver': { policy: 'standard', retryLimit: 5, retryDelay: 5, expireInSeconds: 5 * MINUTE },
  'notifications.fanout': { policy: 'standard', retryLimit: 5, retryDelay: 10, expireInSeconds: 30 * MINUTE },
  'plans.transition': { policy: 'standard', retryLimit: 5, retryDelay: 30, expireInSeconds: 10 * MINUTE },
  // A training of 50,000 demands takes under a minute; a dead process's is retried after its expiry.
  'demands.classifier_train': { policy: 'standard', retryLimit: 2, retryDelay: 30, expireInSeconds: 10 * MINUTE },
  'demands.classifier_suggest': { policy: 'standard', retryLimit: 3, retryDelay: 10, expireInSeconds: 5 * MINUTE },
  // Retrains where tags grew and suggests for demands that arrived since; every quarter hour, off the others' minutes.
  'demands.classifier_sweep': {
    schedule: '7,22,37,52 * * * *',
    policy: 'stately',
    retryLimit: 1,
    retryDelay: MINUTE,
    expireInSeconds: 30 * MINUTE,
  },
  // Reminds invitees of sessions starting within a day, once each; every quarter hour, off the others' minutes.
  'thinktank.remind': {
    schedule: '12,27,42,57 * * * *',
    policy: 'stately',
    retryLimit: 2,
    retryDelay: MINUTE,
    expireInSeconds: 10 * MINUTE,
  },
  // Demands exports and the supporting-document report; a dead process's export is retried, from scratch, after its expiry.
  'demands.export': { policy: 'standard', retryLimit: 2, retryDelay: 10, expireInSeconds: 5 * MINUTE },
  'demands.prune_exports': {
    schedule: '55 * * * *',
    policy: 'stately',
    retryLimit: 2,
    retryDelay: MINUTE,
    expireInSeconds: 10 * MINUTE,
  },
  // Opinion groups of a live board, debounced per session (opinion.service); 1M votes take seconds.
  'thinktank.opinion': { policy: 'standard', retryLimit: 2, retryDelay: 5, expireInSeconds: 5 * MINUTE },
  // Daily: every source row (problem, comment, survey answer) has its demand, in case a trigger was bypassed.
  'demands.catch_up': {
    schedule: '43 2 * * *',
    policy: 'stately',
    retryLimit: 2,
    retryDelay: MINUTE,
    expireInSeconds: 60 * MINUTE,
  },
  // Citizens behind a linked project hear of its status changes: queued by monitoring's own
  // changes, and every few minutes for changes made elsewhere (editor, import), logged by a trigger.
  'strategy.project_status_notify': {
    schedule: '*/5 * * * *',
    policy: 'stately',
    retryLimit: 3,
    retryDelay: MINUTE,
    expireInSeconds: 10 * MINUTE,
  },
};
