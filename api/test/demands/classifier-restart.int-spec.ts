import { JobsService } from '../../src/jobs/jobs.service';
import { DemandClassifierService } from '../../src/modules/demands/classifier/classifier.service';
import { buildCorpus, CORPUS_THEMES } from '../../bench/demands-corpus';
import { buildOrganization } from '../factories/organization.factory';
import { buildPlan } from '../factories/plan.factory';
import { makeJobsDue, waitingJobs } from '../support/jobs';
import { startTestApp, type TestApp } from '../support/test-app';
import { createTestDatabase } from '../support/test-database';
import { buildThemes, insertDemands } from './classifier-helpers';

describe('demands classifier: a training survives a restart; new demands get suggestions', () => {
  let database: { url: string; drop: () => Promise<void> };
  let app: TestApp | null = null;

  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await app?.close();
    await database.drop();
  });

  it('picks the training job up again after a failed attempt and a restart, and finishes it', async () => {
    app = await startTestApp({}, database);
    const org = await buildOrganization(app.db);
    const themes = await buildThemes(app.db, org.id, CORPUS_THEMES.slice(0, 4));
    const plan = await buildPlan(app.db, org.id);
    const [planner] = await app.db.query(`INSERT INTO account (email, display_name) VALUES ('planner@example.org', 'کارشناس') RETURNING id`);
    await insertDemands(app.db, org.id, plan.id, buildCorpus(80, 3, { themes: 4 }), themes, planner.id);
    await insertDemands(app.db, org.id, plan.id, buildCorpus(10, 4, { themes: 4 }), themes, null);

    // The first attempt dies after training, before the model is stored.
    const service = app.app.get(DemandClassifierService);
    const spy = jest.spyOn(service, 'afterTraining').mockImplementationOnce(async () => {
      throw new Error('the process died');
    });
    const modelId = await service.requestTraining(org.id, 'planner', 0);
    await app.app.get(JobsService).drain();
    spy.mockRestore();
    const [afterFailure] = await app.db.query(`SELECT status, metrics->>'attempts' AS attempts FROM demand_classifier_model WHERE id = $1`, [modelId]);
    expect(afterFailure).toEqual({ status: 'training', attempts: '1' });
    expect(await waitingJobs(app.db, 'demands.classifier_train', { modelId })).toHaveLength(1);

    // The process stops; another starts on the same database and picks the job row up again.
    await app.close();
    app = await startTestApp({}, database);
    await makeJobsDue(app.db, 'demands.classifier_train', { modelId });
    await app.app.get(JobsService).drain();
    const [done] = await app.db.query(
      `SELECT status, sample_count AS "sampleCount", macro_f1 > 0 AS "hasF1", metrics->>'attempts' AS attempts FROM demand_classifier_model WHERE id = $1`,
      [modelId],
    );
    expect(done).toEqual({ status: 'ready', sampleCount: 80, hasF1: true, attempts: '2' });
    const [{ n }] = await app.db.query(`SELECT count(*)::int AS n FROM demand_suggestion WHERE model_id = $1`, [modelId]);
    expect(n).toBeGreaterThan(0);

    // Demands that arrive later get their suggestions from a job, with the stored model.
    const arrived = await insertDemands(app.db, org.id, plan.id, buildCorpus(5, 6, { themes: 4, multiShare: 0 }), themes, null);
    await app.app.get(DemandClassifierService).demandsArrived(org.id);
    await app.app.get(JobsService).drain();
    const [{ m }] = await app.db.query(
      `SELECT count(DISTINCT demand_id)::int AS m FROM demand_suggestion WHERE model_id = $1 AND demand_id = ANY($2::uuid[])`,
      [modelId, arrived],
    );
    expect(m).toBeGreaterThanOrEqual(4);
  }, 120_000);
});
