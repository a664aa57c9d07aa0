import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The demands classifier's rules as constraints: at most one training queued or running per
 * municipality (automatic retraining and a planner's "retrain now" coalesce on it), and at most one
 * model ready at a time (a new one retires the old in the same transaction).
 */
export class DemandClassifierTraining1765120000000 implements MigrationInterface {
  name = 'DemandClassifierTraining1765120000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE UNIQUE INDEX uq_demand_classifier_training ON demand_classifier_model (organization_id) WHERE status = 'training'`);
    await q.query(`CREATE UNIQUE INDEX uq_demand_classifier_ready ON demand_classifier_model (organization_id) WHERE status = 'ready'`);
    // The suggestions page reads a municipality's open suggestions by model (replacing them on retraining).
    await q.query(`CREATE INDEX ix_demand_suggestion_model ON demand_suggestion (model_id) WHERE status = 'open'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX ix_demand_suggestion_model`);
    await q.query(`DROP INDEX uq_demand_classifier_ready`);
    await q.query(`DROP INDEX uq_demand_classifier_training`);
  }
}
