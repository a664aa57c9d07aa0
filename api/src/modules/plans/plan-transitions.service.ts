import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DomainEvents } from '../../common/events/domain-events';
import { JobsService } from '../../jobs/jobs.service';
import { activityIsOpen, dayIn, nextDay, stageStatus, startOfDay } from './plan-calendar';
import { type ActivityRow, PlansRepository, type StageRow } from './plans.repository';

/** The queue whose jobs wake up when a stage's dates or an activity's opening arrive. */
export const TRANSITION_QUEUE = 'plans.transition' as const;

/**
 * Tells the rest of the app (notifications, realtime) when stages open and close and activities
 * open. Time-based changes arrive as jobs at the moment they happen; the handler re-reads the row
 * and emits only when the change is real and not yet announced. The announced_* columns are
 * flipped with `UPDATE ... WHERE announced_x IS NULL`, so with several processes (or a planner
 * and a job at once) each event is emitted exactly once.
 */
@Injectable()
export class PlanTransitions implements OnModuleInit {
  constructor(
    private readonly jobs: JobsService,
    private readonly repository: PlansRepository,
    private readonly events: DomainEvents,
  ) {}

  onModuleInit(): void {
    this.jobs.register(TRANSITION_QUEUE, async (job) => {
      if (job.kind === 'stage') await this.announceStage(job.stageId, null);
      else if (job.kind === 'activity') await this.announceActivity(job.activityId, null);
    });
  }

  /** Wakes up at the stage's first day and the day after its last (in the organisation's zone), when still ahead. */
  async scheduleStage(stage: Pick<StageRow, 'id' | 'startsOn' | 'endsOn'>, now = new Date()): Promise<void> {
    for (const moment of [startOfDay(stage.startsOn), startOfDay(nextDay(stage.endsOn))]) {
      if (moment > now) await this.jobs.enqueue(TRANSITION_QUEUE, { kind: 'stage', stageId: stage.id }, { runAt: moment });
    }
  }

  /** Wakes up when the activity's window opens, when that is ahead. */
  async scheduleActivity(activity: Pick<ActivityRow, 'id' | 'opensAt'>, now = new Date()): Promise<void> {
    if (activity.opensAt && new Date(activity.opensAt) > now) {
      await this.jobs.enqueue(TRANSITION_QUEUE, { kind: 'activity', activityId: activity.id }, { runAt: new Date(activity.opensAt) });
    }
  }

  /** Emits stage.opened / stage.closed (and activity.opened for its open activities) if due and not yet emitted. */
  async announceStage(stageId: string, actorId: string | null): Promise<void> {
    const stage = await this.repository.findStageForJob(this.repository.db, stageId, false);
    if (!stage) return;
    const now = new Date();
    const status = stageStatus(stage, dayIn(now));
    const base = { organizationId: stage.organizationId, planId: stage.planId, stageId: stage.id, actorId };
    if (status === 'open') {
      if (await this.repository.claimStageAnnouncement(this.repository.db, stage.id, 'opened')) {
        await this.events.emit('stage.opened', base);
      }
      for (const activity of await this.repository.activitiesOfStage(this.repository.db, stage.organizationId, stage.id)) {
        await this.announceOpenActivity(activity, status, now, actorId);
      }
    } else if (status === 'closed') {
      if (await this.repository.claimStageAnnouncement(this.repository.db, stage.id, 'closed')) {
        await this.events.emit('stage.closed', base);
      }
    }
  }

  /** Emits activity.opened if the activity takes input now and that was not yet announced. */
  async announceActivity(activityId: string, actorId: string | null): Promise<void> {
    const activity = await this.repository.findActivityForJob(this.repository.db, activityId);
    if (!activity) return;
    const stage = await this.repository.findStageForJob(this.repository.db, activity.stageId, false);
    if (!stage) return;
    const now = new Date();
    await this.announceOpenActivity(activity, stageStatus(stage, dayIn(now)), now, actorId);
  }

  private async announceOpenActivity(activity: ActivityRow, status: ReturnType<typeof stageStatus>, now: Date, actorId: string | null) {
    if (activity.announcedOpenedAt) return;
    const window = { opensAt: activity.opensAt && new Date(activity.opensAt), closesAt: activity.closesAt && new Date(activity.closesAt) };
    if (!activityIsOpen(window, status, now)) return;
    if (await this.repository.claimActivityAnnouncement(this.repository.db, activity.id)) {
      await this.events.emit('activity.opened', {
        organizationId: activity.organizationId,
        planId: activity.planId,
        stageId: activity.stageId,
        activityId: activity.id,
        actorId,
      });
    }
  }
}
