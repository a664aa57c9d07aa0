import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { DemandClassifierStatus, DemandSuggestionStatus, TLocalizedText } from '@hamandishi/contracts';
import { returningRows } from '../../../database/returning-rows';
import type { Prediction } from './classifier.worker';
import type { Sample } from './classifier-split';

type Queryable = Pick<EntityManager, 'query'> | Pick<DataSource, 'query'>;

/** A model row as the rules need it (without its bytes). */
export type ModelRow = {
  id: string;
  organizationId: string;
  status: DemandClassifierStatus;
  sampleCount: number;
  labelCount: number;
  macroF1: number | null;
  metrics: ModelMetrics;
  errorCode: string | null;
  createdAt: Date;
  finishedAt: Date | null;
};

/** What a model row's `metrics` holds. */
export type ModelMetrics = {
  /** Planner-decided tags (demand × theme) when the model was trained: retraining compares with it. */
  tags?: number;
  taggedDemands?: number;
  heldOut?: number;
  trainMs?: number;
  attempts?: number;
  perTheme?: Record<string, { f1: number; support: number; samples: number }>;
  options?: Record<string, number>;
  reason?: string;
  /** Every demand untagged at training time has been given its suggestions. */
  suggested?: boolean;
};

/** A suggestion as the lists show it. */
export type SuggestionRow = {
  demandId: string;
  themeId: string;
  themeName: TLocalizedText;
  themeColour: string;
  confidence: number;
  status: DemandSuggestionStatus;
  decidedAt: Date | null;
};

/** A suggestion locked for a decision. */
export type LockedSuggestion = { demandId: string; themeId: string; status: DemandSuggestionStatus; modelId: string; confidence: number };

const MODEL_COLUMNS = `id, organization_id AS "organizationId", status, sample_count AS "sampleCount", label_count AS "labelCount",
  macro_f1 AS "macroF1", metrics, error_code AS "errorCode", created_at AS "createdAt", finished_at AS "finishedAt"`;

// A demand's theme counts as a positive example unless a planner rejected the same theme as a
// suggestion after it was set (the later word wins). Archived themes are not learnt: they are not
// offered for new items.
const POSITIVES = `
  SELECT dt.demand_id, dt.theme_id FROM demand_theme dt
  JOIN theme t ON t.organization_id = dt.organization_id AND t.id = dt.theme_id AND t.archived_at IS NULL
  WHERE dt.organization_id = $1
    AND NOT EXISTS (SELECT 1 FROM demand_suggestion s WHERE s.demand_id = dt.demand_id AND s.theme_id = dt.theme_id
                      AND s.status = 'rejected' AND s.decided_at > dt.decided_at)`;

const SUGGESTION_COLUMNS = `s.demand_id AS "demandId", s.theme_id AS "themeId", t.name AS "themeName", t.colour AS "themeColour",
  s.confidence, s.status, s.decided_at AS "decidedAt"`;

/** The classifier's queries. Every one is scoped by the municipality. */
@Injectable()
export class DemandClassifierRepository {
  constructor(@InjectDataSource() readonly db: DataSource) {}

  /** Tagged demands, positive tags, and positives per theme. */
  async tagCounts(organizationId: string): Promise<{ taggedDemands: number; tags: number; perTheme: Map<string, number> }> {
    const rows: { themeId: string; n: number; demands: number }[] = await this.db.query(
      `WITH pos AS (${POSITIVES})
       SELECT theme_id AS "themeId", count(*)::int AS n, (SELECT count(DISTINCT demand_id) FROM pos)::int AS demands
       FROM pos GROUP BY theme_id`,
      [organizationId],
    );
    const perTheme = new Map(rows.map((r) => [r.themeId, r.n]));
    return { taggedDemands: rows[0]?.demands ?? 0, tags: rows.reduce((a, r) => a + r.n, 0), perTheme };
  }

  /** Every tagged demand with its positive themes, in a stable order (the split depends on it). */
  trainingSamples(organizationId: string): Promise<Sample[]> {
    return this.db.query(
      `WITH pos AS (${POSITIVES})
       SELECT d.text, array_agg(pos.theme_id::text ORDER BY pos.theme_id) AS labels
       FROM pos JOIN demand d ON d.organization_id = $1 AND d.id = pos.demand_id
       GROUP BY d.id, d.text ORDER BY d.id`,
      [organizationId],
    );
  }

  /**
   * A page of untagged demands without a suggestion of `modelId` yet, oldest first by (created_at, id),
   * optionally only those created after `since`.
   */
  untaggedPage(
    organizationId: string,
    modelId: string,
    after: { at: string; id: string } | null,
    since: Date | null,
    limit: number,
  ): Promise<{ id: string; text: string; at: string }[]> {
    return this.db.query(
      `SELECT d.id, d.text, d.created_at::text AS at FROM demand d
       WHERE d.organization_id = $1
         AND NOT EXISTS (SELECT 1 FROM demand_theme t WHERE t.demand_id = d.id)
         AND NOT EXISTS (SELECT 1 FROM demand_suggestion s WHERE s.demand_id = d.id AND s.model_id = $2)
         AND ($3::timestamptz IS NULL OR d.created_at > $3)
         AND ($4::timestamptz IS NULL OR (d.created_at, d.id) > ($4::timestamptz, $5::uuid))
       ORDER BY d.created_at, d.id LIMIT $6`,
      [organizationId, modelId, since, after?.at ?? null, after?.id ?? null, limit],
    );
  }

  /** Queues a training unless one is queued or running (uq_demand_classifier_training): its id, or null. */
  async insertTraining(organizationId: string, reason: string): Promise<string | null> {
    const rows: { id: string }[] = await this.db.query(
      `INSERT INTO demand_classifier_model (organization_id, status, metrics) VALUES ($1, 'training', $2)
       ON CONFLICT (organization_id) WHERE status = 'training' DO NOTHING RETURNING id`,
      [organizationId, { reason }],
    );
    return rows[0]?.id ?? null;
  }

  async model(modelId: string): Promise<ModelRow | null> {
    const rows: ModelRow[] = await this.db.query(`SELECT ${MODEL_COLUMNS} FROM demand_classifier_model WHERE id = $1`, [modelId]);
    return rows[0] ?? null;
  }

  /** The municipality's recent models, newest first. */
  recentModels(organizationId: string, limit = 5): Promise<ModelRow[]> {
    return this.db.query(
      `SELECT ${MODEL_COLUMNS} FROM demand_classifier_model WHERE organization_id = $1 ORDER BY created_at DESC, id DESC LIMIT $2`,
      [organizationId, limit],
    );
  }

  /** The model that makes suggestions now, with its bytes. */
  async readyModel(organizationId: string): Promise<{ id: string; createdAt: Date; model: Buffer; metrics: ModelMetrics } | null> {
    const rows = await this.db.query(
      `SELECT id, created_at AS "createdAt", model, metrics FROM demand_classifier_model WHERE organization_id = $1 AND status = 'ready'`,
      [organizationId],
    );
    return rows[0] ?? null;
  }

  /** Counts one more attempt of a training; the count after it. */
  async startAttempt(modelId: string): Promise<number> {
    const [row] = returningRows<{ attempts: number }>(await this.db.query(
      `UPDATE demand_classifier_model
       SET metrics = jsonb_set(metrics, '{attempts}', to_jsonb(coalesce((metrics->>'attempts')::int, 0) + 1))
       WHERE id = $1 RETURNING (metrics->>'attempts')::int AS attempts`,
      [modelId],
    ));
    return row?.attempts ?? 1;
  }

  /**
   * The training's outcome: `ready` (with the model, retiring the one before, whose bytes go) or
   * `too_little_data` (also retiring it: no guessing below the threshold, and its open suggestions go).
   */
  async finish(
    modelId: string,
    organizationId: string,
    outcome: { status: 'ready' | 'too_little_data'; sampleCount: number; labelCount: number; macroF1: number | null; metrics: ModelMetrics; model: Uint8Array | null },
  ): Promise<boolean> {
    return this.db.transaction(async (m) => {
      await m.query(
        `UPDATE demand_classifier_model SET status = 'retired', model = NULL
         WHERE organization_id = $1 AND status = 'ready' AND id <> $2`,
        [organizationId, modelId],
      );
      const done = returningRows<{ id: string }>(await m.query(
        `UPDATE demand_classifier_model
         SET status = $3, sample_count = $4, label_count = $5, macro_f1 = $6, metrics = metrics || $7::jsonb, model = $8, finished_at = now()
         WHERE id = $1 AND organization_id = $2 AND status = 'training' RETURNING id`,
        [modelId, organizationId, outcome.status, outcome.sampleCount, outcome.labelCount, outcome.macroF1, outcome.metrics, outcome.model ? Buffer.from(outcome.model) : null],
      ));
      // Below the threshold nothing is suggested: the retired model's open suggestions go.
      if (outcome.status === 'too_little_data') await this.deleteStaleOpen(m, organizationId, null);
      return done.length === 1;
    });
  }

  /** Marks that every demand untagged at training time was given its suggestions. */
  async markSuggested(modelId: string): Promise<void> {
    await this.db.query(`UPDATE demand_classifier_model SET metrics = metrics || '{"suggested": true}'::jsonb WHERE id = $1`, [modelId]);
  }

  /** A failed attempt: the training stays queued while retries remain, else it is failed. */
  async markFailed(modelId: string, isLast: boolean, errorCode: string): Promise<void> {
    await this.db.query(
      `UPDATE demand_classifier_model SET status = CASE WHEN $2 THEN 'failed' ELSE status END, error_code = $3,
         finished_at = CASE WHEN $2 THEN now() ELSE finished_at END
       WHERE id = $1 AND status = 'training'`,
      [modelId, isLast, errorCode],
    );
  }

  /** Stores suggestions of `modelId`; a pair already accepted or rejected keeps its decision. */
  async upsertSuggestions(organizationId: string, modelId: string, predictions: Prediction[]): Promise<void> {
    if (predictions.length === 0) return;
    await this.db.query(
      `INSERT INTO demand_suggestion (organization_id, demand_id, theme_id, model_id, confidence)
       SELECT $1, x.d, x.t, $2, x.c FROM unnest($3::uuid[], $4::uuid[], $5::real[]) AS x(d, t, c)
       JOIN theme th ON th.organization_id = $1 AND th.id = x.t AND th.archived_at IS NULL
       ON CONFLICT (demand_id, theme_id) DO UPDATE SET model_id = excluded.model_id, confidence = excluded.confidence, created_at = now()
       WHERE demand_suggestion.status = 'open'`,
      [organizationId, modelId, predictions.map((p) => p.id), predictions.map((p) => p.theme), predictions.map((p) => p.confidence)],
    );
  }

  /** Removes open suggestions of models other than `keep` (all of them when null). */
  async deleteStaleOpen(q: Queryable, organizationId: string, keep: string | null): Promise<void> {
    await q.query(
      `DELETE FROM demand_suggestion WHERE organization_id = $1 AND status = 'open' AND ($2::uuid IS NULL OR model_id <> $2)`,
      [organizationId, keep],
    );
  }

  async demandExists(organizationId: string, demandId: string): Promise<boolean> {
    return (await this.db.query(`SELECT 1 FROM demand WHERE organization_id = $1 AND id = $2`, [organizationId, demandId])).length > 0;
  }

  /** The open suggestions of demands, themes they already carry left out, most confident first. */
  openOf(organizationId: string, demandIds: string[]): Promise<SuggestionRow[]> {
    return this.db.query(
      `SELECT ${SUGGESTION_COLUMNS} FROM demand_suggestion s
       JOIN theme t ON t.organization_id = s.organization_id AND t.id = s.theme_id
       WHERE s.organization_id = $1 AND s.demand_id = ANY($2::uuid[]) AND s.status = 'open' AND t.archived_at IS NULL
         AND NOT EXISTS (SELECT 1 FROM demand_theme dt WHERE dt.demand_id = s.demand_id AND dt.theme_id = s.theme_id)
       ORDER BY s.demand_id, s.confidence DESC, s.theme_id`,
      [organizationId, demandIds],
    );
  }

  /** Untagged demands with open suggestions, newest first, after the keyset cursor. */
  suggestedDemands(
    organizationId: string,
    after: { at: string; id: string } | null,
    limit: number,
  ): Promise<{ id: string; text: string; occurredAt: Date; at: string }[]> {
    return this.db.query(
      `SELECT d.id, d.text, d.occurred_at AS "occurredAt", d.created_at::text AS at FROM demand d
       WHERE d.organization_id = $1
         AND EXISTS (SELECT 1 FROM demand_suggestion s WHERE s.organization_id = $1 AND s.demand_id = d.id AND s.status = 'open')
         AND NOT EXISTS (SELECT 1 FROM demand_theme t WHERE t.demand_id = d.id)
         AND ($2::timestamptz IS NULL OR (d.created_at, d.id) < ($2::timestamptz, $3::uuid))
       ORDER BY d.created_at DESC, d.id DESC LIMIT $4`,
      [organizationId, after?.at ?? null, after?.id ?? null, limit],
    );
  }

  async openCount(organizationId: string): Promise<number> {
    const [row] = await this.db.query(
      `SELECT count(*)::int AS n FROM demand_suggestion s WHERE s.organization_id = $1 AND s.status = 'open'
         AND NOT EXISTS (SELECT 1 FROM demand_theme t WHERE t.demand_id = s.demand_id)`,
      [organizationId],
    );
    return row.n;
  }

  /** Locks the suggestions to decide, in a fixed order so concurrent decisions cannot deadlock. */
  lockSuggestions(m: EntityManager, organizationId: string, items: { demandId: string; themeId: string }[]): Promise<LockedSuggestion[]> {
    return m.query(
      `SELECT s.demand_id AS "demandId", s.theme_id AS "themeId", s.status, s.model_id AS "modelId", s.confidence
       FROM demand_suggestion s JOIN unnest($2::uuid[], $3::uuid[]) AS x(d, t) ON s.demand_id = x.d AND s.theme_id = x.t
       WHERE s.organization_id = $1 ORDER BY s.demand_id, s.theme_id FOR UPDATE OF s`,
      [organizationId, items.map((i) => i.demandId), items.map((i) => i.themeId)],
    );
  }

  /** Which of the themes are archived. */
  async archivedThemes(m: EntityManager, organizationId: string, themeIds: string[]): Promise<string[]> {
    const rows: { id: string }[] = await m.query(
      `SELECT id FROM theme WHERE organization_id = $1 AND id = ANY($2::uuid[]) AND archived_at IS NOT NULL`,
      [organizationId, themeIds],
    );
    return rows.map((r) => r.id);
  }

  /**
   * Records the decisions: the suggestions' status with who and when, a theme of origin
   * `suggestion` for each accepted one (kept if a planner set it meanwhile), one demand_decision each.
   */
  async decide(m: EntityManager, organizationId: string, actorId: string, decision: 'accept' | 'reject', rows: LockedSuggestion[]): Promise<void> {
    const demandIds = rows.map((r) => r.demandId);
    const themeIds = rows.map((r) => r.themeId);
    await m.query(
      `UPDATE demand_suggestion s SET status = $4, decided_by = $5, decided_at = now()
       FROM unnest($2::uuid[], $3::uuid[]) AS x(d, t)
       WHERE s.organization_id = $1 AND s.demand_id = x.d AND s.theme_id = x.t`,
      [organizationId, demandIds, themeIds, decision === 'accept' ? 'accepted' : 'rejected', actorId],
    );
    if (decision === 'accept') {
      await m.query(
        `INSERT INTO demand_theme (organization_id, demand_id, theme_id, origin, decided_by)
         SELECT $1, x.d, x.t, 'suggestion', $4 FROM unnest($2::uuid[], $3::uuid[]) AS x(d, t)
         ON CONFLICT (demand_id, theme_id) DO NOTHING`,
        [organizationId, demandIds, themeIds, actorId],
      );
    }
    await m.query(
      `INSERT INTO demand_decision (organization_id, demand_id, actor_id, action, detail)
       SELECT $1, x.d, $3, $4, jsonb_build_object('themeId', x.t, 'modelId', x.m, 'confidence', x.c)
       FROM unnest($2::uuid[], $5::uuid[], $6::uuid[], $7::real[]) AS x(d, t, m, c)`,
      [
        organizationId,
        demandIds,
        actorId,
        decision === 'accept' ? 'suggestion_accepted' : 'suggestion_rejected',
        themeIds,
        rows.map((r) => r.modelId),
        rows.map((r) => r.confidence),
      ],
    );
  }

  /** The municipalities the periodic sweep looks at: those with tags or a ready model. */
  async organizationsToSweep(): Promise<string[]> {
    const rows: { id: string }[] = await this.db.query(
      `SELECT DISTINCT organization_id AS id FROM demand_theme
       UNION SELECT organization_id FROM demand_classifier_model WHERE status = 'ready'`,
    );
    return rows.map((r) => r.id);
  }
}
