import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import type { TCreateTraceLink, TPlanResponse, TPublicProject, TTraceCandidates, TTraceCoverage, TTraceLink } from '@hamandishi/contracts';
import { normalizeForSearch } from '@hamandishi/text';
import { isUniqueViolation } from '../../../database/pg-errors';
import type { Actor } from '../../../common/http/request-context';
import { JobsService } from '../../../jobs/jobs.service';
import { AuditService } from '../../audit/audit.service';
import { NotificationsService } from '../../notifications/notifications.service';
import type { Organization } from '../../organizations/organization.entity';
import { TraceErrors } from './traceability.errors';
import { TraceabilityRepository } from './traceability.repository';

/** Status changes notified per transaction of the job. */
const NOTIFY_BATCH = 50;

/**
 * Traceability: planners link demands, demand groups and focus points to goals, outputs and
 * projects; a problem page shows the projects that answer it, a project page the demands it
 * answers, and the coverage view what no project answers yet. When a linked project's status
 * changes (by whichever path: the trigger logs it), the citizens behind its demands are notified
 * once per change by the `strategy.project_status_notify` job.
 */
@Injectable()
export class TraceabilityService implements OnModuleInit {
  private readonly logger = new Logger('strategy-traceability');

  constructor(
    private readonly repository: TraceabilityRepository,
    private readonly notifications: NotificationsService,
    private readonly jobs: JobsService,
    private readonly audit: AuditService,
  ) {}

  onModuleInit(): void {
    this.jobs.register('strategy.project_status_notify', () => this.notifyStatusChanges().then(() => undefined));
  }

  async links(org: Organization, planId: string): Promise<TTraceLink[]> {
    await this.assertPlan(org, planId);
    return this.repository.links(org.id, planId);
  }

  async link(org: Organization, actor: Actor, planId: string, input: TCreateTraceLink): Promise<TTraceLink[]> {
    await this.assertPlan(org, planId);
    if (!(await this.repository.sourceExists(org.id, planId, input.sourceType, input.sourceId))) throw TraceErrors.sourceNotFound();
    if (!(await this.repository.targetExists(org.id, planId, input.targetType, input.targetId))) throw TraceErrors.targetNotFound();
    try {
      await this.repository.db.transaction(async (m) => {
        const id = await this.repository.insertLink(m, { organizationId: org.id, planId, ...input, accountId: actor.accountId });
        await this.audit.record(m, { organizationId: org.id, actorId: actor.accountId, action: 'strategy.trace_linked', entityType: 'strategy_trace_link', entityId: id, after: input });
      });
    } catch (error) {
      if (isUniqueViolation(error, 'uq_strategy_trace_link')) throw TraceErrors.linkExists();
      throw error;
    }
    return this.repository.links(org.id, planId);
  }

  async unlink(org: Organization, actor: Actor, planId: string, linkId: string): Promise<TTraceLink[]> {
    await this.assertPlan(org, planId);
    await this.repository.db.transaction(async (m) => {
      const removed = await this.repository.deleteLink(m, org.id, planId, linkId);
      if (!removed) throw TraceErrors.linkNotFound();
      await this.audit.record(m, { organizationId: org.id, actorId: actor.accountId, action: 'strategy.trace_unlinked', entityType: 'strategy_trace_link', entityId: linkId, before: removed });
    });
    return this.repository.links(org.id, planId);
  }

  async candidates(org: Organization, planId: string, q: string | undefined): Promise<TTraceCandidates> {
    await this.assertPlan(org, planId);
    const key = q ? normalizeForSearch(q).trim() : '';
    return this.repository.candidates(org.id, planId, key || null);
  }

  async coverage(org: Organization, planId: string): Promise<TTraceCoverage> {
    await this.assertPlan(org, planId);
    return this.repository.coverage(org.id, planId);
  }

  /** "What the plan does about this": the projects answering a problem (public). */
  async planResponse(org: Organization, problemId: string): Promise<TPlanResponse> {
    if (!(await this.repository.problemExists(org.id, problemId))) throw TraceErrors.problemNotFound();
    const projects = await this.repository.projectsForProblem(org.id, problemId);
    return { projects };
  }

  /** A project's public page, with the demands it answers (no person named). */
  async publicProject(org: Organization, projectId: string): Promise<TPublicProject> {
    const project = await this.repository.publicProject(org.id, projectId);
    if (!project) throw TraceErrors.projectNotFound();
    return project;
  }

  /** Asks the job to notify soon (after a change this process made). */
  async statusChangedSoon(): Promise<void> {
    await this.jobs.enqueue('strategy.project_status_notify', {}).catch((error: unknown) => this.logger.warn({ err: error }, 'could not queue the status notifications'));
  }

  /**
   * Notifies the citizens behind each pending project status change, one transaction per batch:
   * the change is marked notified in the transaction that claimed it (rows locked, so two
   * processes never take the same change). Returns how many notifications were written.
   */
  async notifyStatusChanges(): Promise<number> {
    let written = 0;
    for (;;) {
      const handled = await this.repository.db.transaction(async (m) => {
        const changes = await this.repository.claimStatusChanges(m, NOTIFY_BATCH);
        for (const change of changes) {
          const recipients = await this.repository.citizensBehind(m, change.organizationId, change.projectId);
          const project = await this.repository.projectTitle(m, change.projectId);
          const slug = await this.organizationSlug(m, change.organizationId);
          const sent = project
            ? await this.notifications.notifyAccounts(
                change.organizationId,
                recipients,
                'strategy.project_status_changed',
                { planId: change.planId, projectId: change.projectId, code: project.code, title: project.title, from: change.fromStatus, to: change.toStatus },
                slug ? `/${slug}/projects/${change.projectId}` : null,
              )
            : 0;
          written += sent;
          await this.repository.markNotified(m, change.id, sent);
        }
        return changes.length;
      });
      if (handled < NOTIFY_BATCH) return written;
    }
  }

  private async organizationSlug(m: { query: (q: string, p: unknown[]) => Promise<{ slug: string }[]> }, organizationId: string): Promise<string | null> {
    const [row] = await m.query(`SELECT slug FROM organization WHERE id = $1`, [organizationId]);
    return row?.slug ?? null;
  }

  private async assertPlan(org: Organization, planId: string): Promise<void> {
    if (!(await this.repository.planExists(org.id, planId))) throw TraceErrors.planNotFound();
  }
}
