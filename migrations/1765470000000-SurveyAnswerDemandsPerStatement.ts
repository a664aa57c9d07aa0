import type { MigrationInterface, QueryRunner } from 'typeorm';
import { SURVEY_ANSWER_ROW_TRIGGERS, upsertFromView } from './1765110000000-DemandSources';

/** A SQL string literal of `text`. */
const literal = (text: string) => `'${text.replace(/'/g, "''")}'`;

/** The statement triggers' function as this migration creates it (after `CREATE FUNCTION` or `CREATE OR REPLACE FUNCTION`). */
export const TRACK_SURVEY_ANSWERS_BY_EXECUTE = `
      demand_track_survey_answers() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' THEN
          -- EXECUTE (both branches): planned for the tables as they are now. A statement written here
          -- would keep the plan made when the tables were small (a sequential scan) for the life of the connection.
          EXECUTE $q$
            UPDATE demand d SET source_state = 'deleted', updated_at = now()
              FROM (SELECT DISTINCT organization_id, response_id, question_id FROM old_facts WHERE text IS NOT NULL) o
             WHERE d.organization_id = o.organization_id AND d.source_kind = 'survey_answer' AND d.source_id = o.response_id
               AND coalesce(d.source_key, '') = o.question_id AND d.source_state <> 'deleted' $q$;
        ELSE
          EXECUTE ${literal(upsertFromView('survey_answer', `(v.source_id, v.source_key) IN (SELECT response_id, question_id FROM new_facts WHERE text IS NOT NULL)`))};
        END IF;
        RETURN NULL;
      END $$`;

/** The two statement triggers on the facts (insert and delete), both calling `demand_track_survey_answers()`. */
export const SURVEY_ANSWERS_STATEMENT_TRIGGERS = [
  `CREATE TRIGGER tr_survey_answers_demand AFTER INSERT ON survey_answer_fact
   REFERENCING NEW TABLE AS new_facts FOR EACH STATEMENT EXECUTE FUNCTION demand_track_survey_answers()`,
  `CREATE TRIGGER tr_survey_answers_demand_gone AFTER DELETE ON survey_answer_fact
   REFERENCING OLD TABLE AS old_facts FOR EACH STATEMENT EXECUTE FUNCTION demand_track_survey_answers()`,
];

/**
 * A submission's open-text answers become demands once per statement instead of once per answer.
 *
 * Measured (auto_explain, a 30-question survey with 5 open-text answers, 44 fact rows): the row
 * trigger `tr_survey_answer_demand` took 2.8 ms of the submission's 3.9 ms in PostgreSQL, 0.56 ms
 * per answer, most of it planning the upsert from `demand_from_survey_answer` again for each row.
 * The statement triggers below run the same upsert (the same view, the same `upsertFromView`) once
 * for all the rows a statement inserted, from its transition table, and mark the demands of deleted
 * rows in one update. The upsert is planned on each run (EXECUTE), as the SQL function was: a plan
 * kept by PL/pgSQL from a fresh installation's first submissions read every fact of the table
 * (measured: 114 submissions/s instead of 210). An edit still deletes and inserts its facts in one transaction: the delete
 * marks the demands, the insert brings them back (`edited` when the text changed), as before.
 *
 * The facts' own references to the organisation and the survey go: a fact belongs to its response
 * (still referenced, ON DELETE CASCADE), and the response references both with ON DELETE CASCADE,
 * so they protected nothing and cost two index probes per fact (0.34 ms per submission).
 */
export class SurveyAnswerDemandsPerStatement1765470000000 implements MigrationInterface {
  name = 'SurveyAnswerDemandsPerStatement1765470000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER tr_survey_answer_demand ON survey_answer_fact`);
    await q.query(`DROP TRIGGER tr_survey_answer_demand_gone ON survey_answer_fact`);
    await q.query(`CREATE FUNCTION ${TRACK_SURVEY_ANSWERS_BY_EXECUTE}`);
    for (const sql of SURVEY_ANSWERS_STATEMENT_TRIGGERS) await q.query(sql);
    await q.query(`ALTER TABLE survey_answer_fact DROP CONSTRAINT survey_answer_fact_organization_id_fkey`);
    await q.query(`ALTER TABLE survey_answer_fact DROP CONSTRAINT survey_answer_fact_survey_id_fkey`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE survey_answer_fact ADD CONSTRAINT survey_answer_fact_survey_id_fkey FOREIGN KEY (survey_id) REFERENCES survey (id) ON DELETE CASCADE`,
    );
    await q.query(
      `ALTER TABLE survey_answer_fact ADD CONSTRAINT survey_answer_fact_organization_id_fkey FOREIGN KEY (organization_id) REFERENCES organization (id) ON DELETE CASCADE`,
    );
    await q.query(`DROP TRIGGER tr_survey_answers_demand_gone ON survey_answer_fact`);
    await q.query(`DROP TRIGGER tr_survey_answers_demand ON survey_answer_fact`);
    await q.query(`DROP FUNCTION demand_track_survey_answers()`);
    for (const sql of SURVEY_ANSWER_ROW_TRIGGERS) await q.query(sql);
  }
}
