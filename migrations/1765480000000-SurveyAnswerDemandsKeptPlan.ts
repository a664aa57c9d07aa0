import type { MigrationInterface, QueryRunner } from 'typeorm';
import { surveyAnswerDemandRows, upsertFrom } from './1765110000000-DemandSources';
import { TRACK_SURVEY_ANSWERS_BY_EXECUTE } from './1765470000000-SurveyAnswerDemandsPerStatement';

/**
 * The demands of a submission's open-text answers come from the statement's own new fact rows,
 * with a plan kept per connection, instead of being planned again for every submission.
 *
 * Measured on 3,000 submitted responses (a response's 44 facts inserted again, EXPLAIN ANALYZE,
 * warm): the statement trigger took 1.46 ms through `demand_from_survey_answer` planned by
 * EXECUTE; 0.89–0.97 ms for the upsert below planned by EXECUTE; 0.48 ms for it kept. The rows come
 * from the transition table joined to the response, survey and activity by primary key (the view
 * reads the fact table, which the transition table already holds), with the view's own rules (the
 * text trimmed to 10,000 characters; blank answers are no demands).
 *
 * A kept plan is made once per connection, possibly while the tables are small, when a sequential
 * scan of `survey_response` looks cheapest (the earlier EXECUTE was for that: a plan kept from a
 * fresh installation read every fact, 114 submissions/s instead of 210). The function therefore
 * plans with sequential scans, hash and merge joins off: each row of the transition table is
 * joined by index, whatever the tables' sizes were when the plan was made. The delete branch
 * (an edit, a deleted response) likewise finds the demands by their unique index.
 */
export class SurveyAnswerDemandsKeptPlan1765480000000 implements MigrationInterface {
  name = 'SurveyAnswerDemandsKeptPlan1765480000000';

  async up(q: QueryRunner): Promise<void> {
    const rows = `(${surveyAnswerDemandRows('new_facts')}) v`;
    await q.query(`
      CREATE OR REPLACE FUNCTION demand_track_survey_answers() RETURNS trigger LANGUAGE plpgsql
      SET enable_seqscan = off SET enable_hashjoin = off SET enable_mergejoin = off AS $$
      BEGIN
        IF TG_OP = 'DELETE' THEN
          UPDATE demand d SET source_state = 'deleted', updated_at = now()
            FROM (SELECT DISTINCT organization_id, response_id, question_id FROM old_facts WHERE text IS NOT NULL) o
           WHERE d.organization_id = o.organization_id AND d.source_kind = 'survey_answer' AND d.source_id = o.response_id
             AND coalesce(d.source_key, '') = o.question_id AND d.source_state <> 'deleted';
        ELSE
          ${upsertFrom(rows)};
        END IF;
        RETURN NULL;
      END $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    // Replacing a function replaces its settings too: back to planning on each run, without them.
    await q.query(`CREATE OR REPLACE FUNCTION ${TRACK_SURVEY_ANSWERS_BY_EXECUTE}`);
  }
}
