import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import type {
  TDecideSuggestions,
  TDemandClassifierModel,
  TDemandClassifierState,
  TDemandSuggestion,
  TDemandSuggestionList,
  TPageQuery,
  TSuggestedDemandPage,
  TSuggestionDecisionResult,
} from '@hamandishi/contracts';
import { decodeKeysetCursor, encodeKeysetCursor } from '../../../common/pagination/keyset-cursor';
import type { Actor } from '../../../common/http/request-context';
import { JOB_QUEUES } from '../../../jobs/job-queues';
import { JobsService } from '../../../jobs/jobs.service';
import type { Organization } from '../../organizations/organization.entity';
import { ClassifierErrors, TRAINING_FAILED } from './classifier.errors';
import { DemandClassifierRepository, type ModelRow, type SuggestionRow } from './classifier.repository';
import type { TrainResult } from './classifier.worker';
import { DemandClassifierRunner } from './classifier-runner';
import { learnableThemes, MIN_PER_THEME, MIN_TAGGED_DEMANDS, MIN_THEMES, shouldRetrain } from './classifier-policy';

/** Demands sent to the worker per prediction batch. */
const PREDICT_PAGE = 5_000;
/** Automatic retraining waits this long, so a planner tagging a batch triggers one training, not ten. */
export const RETRAIN_DEBOUNCE_SECONDS = 60;

/**
 * Suggested themes for untagged demands, from a fastText model trained on the municipality's own
 * tagged demands. Training runs in a worker thread from a job (`demands.classifier_train`), never on
 * a request; it is queued when planner-decided tags grew enough since the last model (debounced, at
 * most one queued per municipality by a constraint) or when a planner asks. Below the threshold
 * the model is `too_little_data` and nothing is suggested. Accepting a suggestion makes it a theme
 * of the demand (origin `suggestion`), rejecting it keeps it from being learnt as a positive; both
 * are recorded with who and when and count as tag growth for the next training.
 */
@Injectable()
export class DemandClassifierService implements OnModuleInit {
  private readonly logger = new Logger('demands-classifier');

  constructor(
    private readonly repository: DemandClassifierRepository,
    private readonly runner: DemandClassifierRunner,
    private readonly jobs: JobsService,
  ) {}

  onModuleInit(): void {
    this.jobs.register('demands.classifier_train', ({ modelId }) => this.runTraining(modelId));
    this.jobs.register('demands.classifier_suggest', ({ organizationId }) => this.suggestNew(organizationId));
    this.jobs.register('demands.classifier_sweep', () => this.sweep());
  }

  // ---- planners ------------------------------------------------------------------------------

  /** The classifier's state for the status card. */
  async state(org: Organization): Promise<TDemandClassifierState> {
    const [models, counts, openSuggestions] = await Promise.all([
      this.repository.recentModels(org.id),
      this.repository.tagCounts(org.id),
      this.repository.openCount(org.id),
    ]);
    const finished = models.filter((m) => m.status !== 'training');
    const shown = finished.find((m) => m.status === 'ready') ?? finished[0] ?? null;
    const learnable = learnableThemes(counts.perTheme, counts.taggedDemands);
    return {
      model: shown ? modelView(shown) : null,
      isTraining: models.some((m) => m.status === 'training'),
      isEnoughData: learnable.isEnough,
      taggedDemands: counts.taggedDemands,
      learnableThemes: learnable.themes.length,
      minTaggedDemands: MIN_TAGGED_DEMANDS,
      minPerTheme: MIN_PER_THEME,
      minThemes: MIN_THEMES,
      openSuggestions,
    };
  }

  /** A planner's "retrain now": queued at once (joining one already queued). */
  async retrainNow(org: Organization): Promise<TDemandClassifierState> {
    await this.requestTraining(org.id, 'planner', 0);
    return this.state(org);
  }

  /** The open suggestions of one demand, most confident first. */
  async suggestionsOf(org: Organization, demandId: string): Promise<TDemandSuggestionList> {
    if (!(await this.repository.demandExists(org.id, demandId))) throw ClassifierErrors.demandNotFound();
    return { items: (await this.repository.openOf(org.id, [demandId])).map(suggestionView) };
  }

  /** Untagged demands with open suggestions, newest first (keyset pages). */
  async suggestedDemands(org: Organization, query: TPageQuery): Promise<TSuggestedDemandPage> {
    const after = query.cursor ? decodeKeysetCursor(query.cursor) : null;
    const rows = await this.repository.suggestedDemands(org.id, after, query.limit + 1);
    const page = rows.slice(0, query.limit);
    const suggestions = await this.repository.openOf(org.id, page.map((r) => r.id));
    const byDemand = new Map<string, TDemandSuggestion[]>();
    for (const s of suggestions) byDemand.set(s.demandId, [...(byDemand.get(s.demandId) ?? []), suggestionView(s)]);
    const last = page[page.length - 1];
    return {
      items: page.map((r) => ({ demandId: r.id, text: r.text, occurredAt: r.occurredAt.toISOString(), suggestions: byDemand.get(r.id) ?? [] })),
      nextCursor: rows.length > query.limit && last ? encodeKeysetCursor(last.at, last.id) : null,
    };
  }

  /**
   * Accepts or rejects suggestions, all or none: an unknown one is 404, one already decided 409, an
   * archived theme 409, and then nothing changes. Each decision feeds the next training.
   */
  async decide(org: Organization, actor: Actor, input: TDecideSuggestions): Promise<TSuggestionDecisionResult> {
    const items = [...new Map(input.items.map((i) => [`${i.demandId}:${i.themeId}`, i])).values()];
    const decided = await this.repository.db.transaction(async (m) => {
      const rows = await this.repository.lockSuggestions(m, org.id, items);
      if (rows.length !== items.length) throw ClassifierErrors.suggestionNotFound();
      if (rows.some((r) => r.status !== 'open')) throw ClassifierErrors.alreadyDecided();
      if (input.decision === 'accept') {
        const archived = await this.repository.archivedThemes(m, org.id, [...new Set(rows.map((r) => r.themeId))]);
        if (archived.length > 0) throw ClassifierErrors.themeArchived();
      }
      await this.repository.decide(m, org.id, actor.accountId, input.decision, rows);
      return rows.length;
    });
    await this.tagsChanged(org.id);
    return { decided };
  }

  // ---- other modules (the demands hub) --------------------------------------------------------

  /**
   * Tell the classifier that planners tagged demands: retrains (debounced) when the tags grew by
   * 10 % or by 50 since the last model. The periodic sweep does the same, so a missed call only delays.
   */
  async tagsChanged(organizationId: string): Promise<void> {
    try {
      const [counts, models] = await Promise.all([this.repository.tagCounts(organizationId), this.repository.recentModels(organizationId)]);
      const last = models.find((m) => m.status === 'ready' || m.status === 'too_little_data');
      if (shouldRetrain(counts.tags, last ? (last.metrics.tags ?? 0) : null)) {
        await this.requestTraining(organizationId, 'tags_grew', RETRAIN_DEBOUNCE_SECONDS);
      }
    } catch (error) {
      // The planner's decision is saved; the sweep retries what this could not queue.
      this.logger.warn({ err: error, organizationId }, 'could not check whether to retrain');
    }
  }

  /** Tell the classifier that demands arrived: suggestions for them are made by a job. */
  async demandsArrived(organizationId: string): Promise<void> {
    await this.jobs.enqueue('demands.classifier_suggest', { organizationId });
  }

  // ---- jobs -----------------------------------------------------------------------------------

  /** Queues a training unless one is queued; the job runs after `delaySeconds`. */
  async requestTraining(organizationId: string, reason: string, delaySeconds: number): Promise<string | null> {
    const modelId = await this.repository.insertTraining(organizationId, reason);
    if (!modelId) return null;
    try {
      await this.jobs.enqueue('demands.classifier_train', { modelId }, delaySeconds > 0 ? { runAt: new Date(Date.now() + delaySeconds * 1000) } : {});
    } catch (error) {
      await this.repository.markFailed(modelId, true, TRAINING_FAILED);
      throw error;
    }
    return modelId;
  }

  /**
   * The training job: one attempt from scratch (a retried one, after a failure or a dead process,
   * reads the tags again). A failure is reported to pg-boss while retries remain; after the last
   * the model is `failed` and the previous one keeps suggesting.
   */
  async runTraining(modelId: string): Promise<void> {
    const row = await this.repository.model(modelId);
    if (!row || row.status !== 'training') return;
    const attempt = await this.repository.startAttempt(modelId);
    try {
      await this.train(row);
    } catch (error) {
      const isLast = attempt > JOB_QUEUES['demands.classifier_train'].retryLimit;
      this.logger.warn({ modelId, attempt, err: error }, isLast ? 'classifier training failed' : 'classifier training attempt failed; retried');
      await this.repository.markFailed(modelId, isLast, TRAINING_FAILED);
      if (!isLast) throw error;
    }
  }

  /** Called once the model is trained, before it is stored (a seam where tests stop a run). */
  async afterTraining(_modelId: string, _result: TrainResult): Promise<void> {}

  /** Suggestions with the ready model for untagged demands that arrived since it was trained. */
  async suggestNew(organizationId: string): Promise<void> {
    const ready = await this.repository.readyModel(organizationId);
    if (!ready) return;
    // A training whose process died after storing the model but before suggesting for every
    // untagged demand is completed here; otherwise only demands that arrived since are looked at.
    await this.suggestAll(organizationId, ready.id, new Uint8Array(ready.model), ready.metrics.suggested ? ready.createdAt : null);
    if (!ready.metrics.suggested) await this.repository.markSuggested(ready.id);
  }

  /** The schedule: retrain where tags grew, suggest for demands that arrived. */
  async sweep(): Promise<void> {
    for (const organizationId of await this.repository.organizationsToSweep()) {
      await this.tagsChanged(organizationId);
      await this.suggestNew(organizationId);
    }
  }

  private async train(row: ModelRow): Promise<void> {
    const counts = await this.repository.tagCounts(row.organizationId);
    const learnable = learnableThemes(counts.perTheme, counts.taggedDemands);
    const base = { tags: counts.tags, taggedDemands: counts.taggedDemands };
    if (!learnable.isEnough) {
      await this.repository.finish(row.id, row.organizationId, {
        status: 'too_little_data',
        sampleCount: counts.taggedDemands,
        labelCount: learnable.themes.length,
        macroF1: null,
        metrics: base,
        model: null,
      });
      return;
    }
    const samples = await this.repository.trainingSamples(row.organizationId);
    const result = await this.runner.train(samples, learnable.themes);
    await this.afterTraining(row.id, result);
    const perTheme: Record<string, { f1: number; support: number; samples: number }> = {};
    for (const [theme, score] of Object.entries(result.evaluation.perLabel)) {
      perTheme[theme] = { f1: round(score.f1), support: score.support, samples: counts.perTheme.get(theme) ?? 0 };
    }
    const stored = await this.repository.finish(row.id, row.organizationId, {
      status: 'ready',
      sampleCount: result.trainCount + result.testCount,
      labelCount: learnable.themes.length,
      macroF1: round(result.evaluation.macroF1),
      metrics: { ...base, heldOut: result.testCount, trainMs: result.trainMs, perTheme, options: result.options },
      model: result.model,
    });
    if (!stored) return;
    await this.suggestAll(row.organizationId, row.id, result.model, null);
    await this.repository.deleteStaleOpen(this.repository.db, row.organizationId, row.id);
    await this.repository.markSuggested(row.id);
  }

  /** Predicts for every untagged demand without a suggestion of this model, a page at a time. */
  private async suggestAll(organizationId: string, modelId: string, model: Uint8Array, since: Date | null): Promise<void> {
    let after: { at: string; id: string } | null = null;
    for (;;) {
      const page = await this.repository.untaggedPage(organizationId, modelId, after, since, PREDICT_PAGE);
      if (page.length === 0) return;
      const predictions = await this.runner.predict(modelId, model, page.map((d) => ({ id: d.id, text: d.text })));
      await this.repository.upsertSuggestions(organizationId, modelId, predictions);
      const last = page[page.length - 1];
      after = { at: last.at, id: last.id };
      if (page.length < PREDICT_PAGE) return;
    }
  }
}

const round = (x: number) => Math.round(x * 10_000) / 10_000;

function modelView(m: ModelRow): TDemandClassifierModel {
  return {
    id: m.id,
    status: m.status,
    sampleCount: m.sampleCount,
    labelCount: m.labelCount,
    macroF1: m.macroF1,
    heldOutCount: m.metrics.heldOut ?? null,
    errorCode: m.errorCode,
    createdAt: m.createdAt.toISOString(),
    finishedAt: m.finishedAt?.toISOString() ?? null,
  };
}

function suggestionView(s: SuggestionRow): TDemandSuggestion {
  return {
    demandId: s.demandId,
    themeId: s.themeId,
    themeName: s.themeName,
    themeColour: s.themeColour,
    confidence: s.confidence,
    status: s.status,
    decidedAt: s.decidedAt?.toISOString() ?? null,
  };
}
