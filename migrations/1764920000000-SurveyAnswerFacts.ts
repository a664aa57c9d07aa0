import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The results of a survey are read from a fact table filled in the submit's transaction: one row
 * per atomic part of an answer (a choice, a ranked option, a matrix cell, a number, a map cell)
 * with the respondent's consented demographics copied in, so every aggregate of the results page
 * is a GROUP BY over one question's rows. The covering index makes those index-only scans; the
 * open texts, which are long, stay out of it and have their own index.
 */
export class SurveyAnswerFacts1764920000000 implements MigrationInterface {
  name = 'SurveyAnswerFacts1764920000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE survey_answer_fact (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        organization_id uuid NOT NULL REFERENCES organization (id) ON DELETE CASCADE,
        survey_id uuid NOT NULL REFERENCES survey (id) ON DELETE CASCADE,
        response_id uuid NOT NULL REFERENCES survey_response (id) ON DELETE CASCADE,
        question_id text NOT NULL,
        first boolean NOT NULL,
        item text,
        sub text,
        value double precision,
        value2 double precision,
        cell integer,
        text text,
        text_key text,
        capacity text,
        district_id uuid,
        age_band text,
        gender text
      )`);
    await q.query(`
      CREATE INDEX ix_survey_answer_fact_question ON survey_answer_fact (survey_id, question_id)
        INCLUDE (first, item, sub, value, value2, cell, district_id, gender, age_band, capacity)`);
    await q.query(`CREATE INDEX ix_survey_answer_fact_response ON survey_answer_fact (response_id)`);
    await q.query(`CREATE INDEX ix_survey_answer_fact_text ON survey_answer_fact (survey_id, question_id, response_id) WHERE text IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE survey_answer_fact`);
  }
}
