import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { TSurveyAudience, TSurveyDefinition } from '@hamandishi/contracts';
import { LRUCache } from 'lru-cache';
import { driverPool } from '../../database/driver-pool';
import { returningRows } from '../../database/returning-rows';
import { demographicCellOf } from './results/demographic-cell';

/** The fact rows of a response as the columns `unnest` takes: question, first, item, sub, value, value2, cell, text, text key. */
export type FactColumns = [string[], boolean[], (string | null)[], (string | null)[], (number | null)[], (number | null)[], (number | null)[], (string | null)[], (string | null)[]];

/** A connection or a transaction's manager. */
export type Queryable = Pick<EntityManager, 'query'> | Pick<DataSource, 'query'>;

/** A survey as the rules need it. */
export type SurveyRow = {
  id: string;
  organizationId: string;
  activityId: string;
  definition: TSurveyDefinition;
  version: number;
  frozenAt: Date | null;
  audience: TSurveyAudience;
  anonymous: boolean;
  askDemographics: boolean;
  updatedAt: Date;
};

/** An invite as the rules need it. */
export type InviteRow = {
  id: string;
  surveyId: string;
  label: string;
  expiresAt: Date;
  usedAt: Date | null;
  revokedAt: Date | null;
  createdAt: Date;
};

/** A response as the rules need it. */
export type ResponseRow = {
  id: string;
  status: 'draft' | 'submitted';
  answers: Record<string, unknown>;
  draftAnswers: Record<string, unknown> | null;
  definitionVersion: number;
  demographicsConsent: boolean;
  submittedAt: Date | null;
  updatedAt: Date;
};

/** Who answers: a person (by key, the account kept unless anonymous) or an invite link. */
export type Respondent = { respondentKey: string | null; accountId: string | null; inviteId: string | null };

/** What a submission writes besides the answers. */
export type SubmissionRow = {
  answers: Record<string, unknown>;
  definitionVersion: number;
  idempotencyKey: string | null;
  demographicsConsent: boolean;
  capacity: string | null;
  districtId: string | null;
  ageBand: string | null;
  gender: string | null;
};

const SURVEY_COLUMNS = `id, organization_id AS "organizationId", activity_id AS "activityId", definition, version,
  frozen_at AS "frozenAt", audience, anonymous, ask_demographics AS "askDemographics", updated_at AS "updatedAt"`;
const INVITE_COLUMNS = `id, survey_id AS "surveyId", label, expires_at AS "expiresAt", used_at AS "usedAt",
  revoked_at AS "revokedAt", created_at AS "createdAt"`;
const RESPONSE_COLUMNS = `id, status, answers, draft_answers AS "draftAnswers", definition_version AS "definitionVersion",
  demographics_consent AS "demographicsConsent", submitted_at AS "submittedAt", updated_at AS "updatedAt"`;

/** The respondent's row: by invite when there is one, else by person key. */
const respondentWhere = (r: Respondent, first: number) =>
  r.inviteId ? { sql: `invite_id = $${first}`, param: r.inviteId } : { sql: `respondent_key = $${first}`, param: r.respondentKey };

/** Parsed definitions per survey, version and last save (see findByActivityCached). */
const definitions = new LRUCache<string, TSurveyDefinition>({ max: 256 });

@Injectable()
export class SurveysRepository {
  constructor(@InjectDataSource() readonly db: DataSource) {}

  /** The survey of an activity, created empty on first use (the activity's type is checked by the caller). */
  async ensureForActivity(q: Queryable, organizationId: string, activityId: string): Promise<SurveyRow> {
    await q.query(`INSERT INTO survey (organization_id, activity_id) VALUES ($1, $2) ON CONFLICT (activity_id) DO NOTHING`, [organizationId, activityId]);
    return (await this.findByActivity(q, organizationId, activityId))!;
  }

  async findByActivity(q: Queryable, organizationId: string, activityId: string, lock: '' | 'FOR UPDATE' | 'FOR SHARE' = ''): Promise<SurveyRow | null> {
    const [row] = await q.query(`SELECT ${SURVEY_COLUMNS} FROM survey WHERE organization_id = $1 AND activity_id = $2 ${lock}`, [organizationId, activityId]);
    return row ?? null;
  }

  /**
   * As findByActivity, with the definition read and parsed once per survey and save (kept per
   * process): the respondent routes read the survey on every request, and its definition is the
   * largest part of the row. A named statement reads the rest (parsed and planned once per
   * connection); the definition is read only when this process has not kept it.
   */
  async findByActivityCached(organizationId: string, activityId: string): Promise<SurveyRow | null> {
    const pool = driverPool(this.db);
    const { rows } = await pool.query({
      name: 'surveys_by_activity',
      text: `SELECT ${SURVEY_COLUMNS.replace('definition, ', '')}, updated_at::text AS stamp FROM survey WHERE organization_id = $1 AND activity_id = $2`,
      values: [organizationId, activityId],
    });
    if (rows.length === 0) return null;
    const { stamp, ...rest } = rows[0] as Omit<SurveyRow, 'definition'> & { stamp: string };
    const key = `${rest.id}:${rest.version}:${stamp}`;
    let definition = definitions.get(key);
    if (!definition) {
      // The definition as it is now: if it was saved since the row above, its stamp moved on and the
      // submission's statement (which checks version and save time) refuses to take the short way.
      const { rows: saved } = await pool.query(`SELECT definition::text AS text FROM survey WHERE id = $1 AND updated_at::text = $2`, [rest.id, stamp]);
      if (saved.length === 0) return this.findByActivity(this.db, organizationId, activityId);
      definition = JSON.parse(saved[0].text) as TSurveyDefinition;
      definitions.set(key, definition);
    }
    return { ...rest, definition };
  }

  async countSubmitted(q: Queryable, surveyId: string): Promise<number> {
    const [row] = await q.query(`SELECT count(*)::int AS n FROM survey_response WHERE survey_id = $1 AND status = 'submitted'`, [surveyId]);
    return row.n;
  }

  async saveDefinition(q: Queryable, surveyId: string, definition: TSurveyDefinition, version: number): Promise<void> {
    await q.query(`UPDATE survey SET definition = $2, version = $3, updated_at = now() WHERE id = $1`, [surveyId, JSON.stringify(definition), version]);
  }

  async keepVersion(q: Queryable, survey: SurveyRow, createdBy: string): Promise<void> {
    await q.query(
      `INSERT INTO survey_version (organization_id, survey_id, version, definition, created_by) VALUES ($1, $2, $3, $4, $5)`,
      [survey.organizationId, survey.id, survey.version, JSON.stringify(survey.definition), createdBy],
    );
  }

  async versions(q: Queryable, surveyId: string): Promise<{ version: number; definition: TSurveyDefinition; createdAt: Date }[]> {
    return q.query(`SELECT version, definition, created_at AS "createdAt" FROM survey_version WHERE survey_id = $1 ORDER BY version DESC`, [surveyId]);
  }

  async saveSettings(q: Queryable, surveyId: string, settings: { audience: TSurveyAudience; anonymous: boolean; askDemographics: boolean }): Promise<void> {
    await q.query(`UPDATE survey SET audience = $2, anonymous = $3, ask_demographics = $4, updated_at = now() WHERE id = $1`, [
      surveyId,
      JSON.stringify(settings.audience),
      settings.anonymous,
      settings.askDemographics,
    ]);
  }

  /** Freezes the survey at its first response (kept as it was afterwards). */
  async freeze(q: Queryable, surveyId: string): Promise<void> {
    await q.query(`UPDATE survey SET frozen_at = now() WHERE id = $1 AND frozen_at IS NULL`, [surveyId]);
  }

  // ---- invites ---------------------------------------------------------------------------

  async createInvites(q: Queryable, survey: SurveyRow, invites: { label: string; tokenHash: Buffer }[], expiresAt: Date, createdBy: string): Promise<InviteRow[]> {
    return q.query(
      `INSERT INTO survey_invite (organization_id, survey_id, label, token_hash, expires_at, created_by)
       SELECT $1, $2, i.label, i.token_hash, $5, $6 FROM unnest($3::text[], $4::bytea[]) WITH ORDINALITY AS i(label, token_hash, n)
       ORDER BY i.n
       RETURNING ${INVITE_COLUMNS}`,
      [survey.organizationId, survey.id, invites.map((i) => i.label), invites.map((i) => i.tokenHash), expiresAt, createdBy],
    );
  }

  async listInvites(q: Queryable, surveyId: string): Promise<InviteRow[]> {
    return q.query(`SELECT ${INVITE_COLUMNS} FROM survey_invite WHERE survey_id = $1 ORDER BY created_at DESC, id`, [surveyId]);
  }

  async findInviteByHash(q: Queryable, surveyId: string, tokenHash: Buffer, lock = false): Promise<InviteRow | null> {
    const [row] = await q.query(`SELECT ${INVITE_COLUMNS} FROM survey_invite WHERE survey_id = $1 AND token_hash = $2 ${lock ? 'FOR UPDATE' : ''}`, [surveyId, tokenHash]);
    return row ?? null;
  }

  async revokeInvite(q: Queryable, surveyId: string, inviteId: string): Promise<InviteRow | null> {
    const rows = returningRows<InviteRow>(
      await q.query(
        `UPDATE survey_invite SET revoked_at = coalesce(revoked_at, now()) WHERE survey_id = $1 AND id = $2 RETURNING ${INVITE_COLUMNS}`,
        [surveyId, inviteId],
      ),
    );
    return rows[0] ?? null;
  }

  async markInviteUsed(q: Queryable, inviteId: string): Promise<void> {
    await q.query(`UPDATE survey_invite SET used_at = coalesce(used_at, now()) WHERE id = $1`, [inviteId]);
  }

  // ---- responses -------------------------------------------------------------------------

  async findResponse(q: Queryable, surveyId: string, respondent: Respondent): Promise<ResponseRow | null> {
    const where = respondentWhere(respondent, 2);
    const [row] = await q.query(`SELECT ${RESPONSE_COLUMNS} FROM survey_response WHERE survey_id = $1 AND ${where.sql}`, [surveyId, where.param]);
    return row ?? null;
  }

  /** Saves a draft: a new row, or the draft of an existing one (a submitted response keeps its answers). */
  async saveDraft(q: Queryable, survey: SurveyRow, respondent: Respondent, draft: Record<string, unknown>): Promise<ResponseRow> {
    const conflict = conflictTarget(respondent);
    const [row] = await q.query(
      `INSERT INTO survey_response (organization_id, survey_id, account_id, invite_id, respondent_key, draft_answers, definition_version)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT ${conflict} DO UPDATE SET draft_answers = EXCLUDED.draft_answers, updated_at = now()
       RETURNING ${RESPONSE_COLUMNS}`,
      [survey.organizationId, survey.id, respondent.accountId, respondent.inviteId, respondent.respondentKey, JSON.stringify(draft), survey.version],
    );
    return row;
  }

  /**
   * Submits: inserts the response, or turns the respondent's draft into it. Returns null when a
   * submitted response exists already: the unique index decides, so concurrent submissions of
   * one person leave exactly one.
   */
  async submit(q: Queryable, survey: SurveyRow, respondent: Respondent, s: SubmissionRow): Promise<ResponseRow | null> {
    const conflict = conflictTarget(respondent);
    const [row] = await q.query(
      `INSERT INTO survey_response (organization_id, survey_id, account_id, invite_id, respondent_key, status, answers, definition_version,
         idempotency_key, demographics_consent, capacity, district_id, age_band, gender, submitted_at)
       VALUES ($1, $2, $3, $4, $5, 'submitted', $6, $7, $8, $9, $10, $11, $12, $13, now())
       ON CONFLICT ${conflict} ${TURN_DRAFT_INTO_SUBMISSION}
       RETURNING ${RESPONSE_COLUMNS}`,
      submissionParams(survey, respondent, s),
    );
    return row ?? null;
  }

  /**
   * A submission in one statement (one round trip, its own transaction): share-locks the survey
   * only if it is still the row the answers were checked against (same version, same last save,
   * to the millisecond), inserts the response as `submit` does, and its fact rows. `locked` is
   * false when the survey changed meanwhile (nothing written: the caller retries the long way);
   * `row` is null when a submitted response exists already.
   */
  async submitWithFacts(survey: SurveyRow, respondent: Respondent, s: SubmissionRow, facts: FactColumns): Promise<{ locked: boolean; row: ResponseRow | null }> {
    // A named statement, one per conflict target: each connection parses and plans it once
    // (measured: parsing and planning it was 0.7 ms of PostgreSQL's CPU per submission).
    const {
      rows: [result],
    } = await driverPool(this.db).query({
      name: `surveys_submit_${respondent.inviteId ? 'invite' : 'person'}`,
      text: `WITH s AS (
         SELECT id FROM survey WHERE id = $2::uuid AND version = $7::int AND updated_at >= $14::timestamptz AND updated_at < $14::timestamptz + interval '1 millisecond'
         FOR SHARE),
       r AS (
         INSERT INTO survey_response (organization_id, survey_id, account_id, invite_id, respondent_key, status, answers, definition_version,
           idempotency_key, demographics_consent, capacity, district_id, age_band, gender, submitted_at)
         SELECT $1::uuid, s.id, $3::uuid, $4::uuid, $5::text, 'submitted', $6::jsonb, $7::int, $8::text, $9::bool, $10::text, $11::uuid, $12::text, $13::text, now()
           FROM s
         ON CONFLICT ${conflictTarget(respondent)} ${TURN_DRAFT_INTO_SUBMISSION}
         RETURNING id, status, definition_version AS "definitionVersion", submitted_at AS "submittedAt", updated_at AS "updatedAt"),
       f AS (
         INSERT INTO survey_answer_fact (organization_id, survey_id, response_id, question_id, first, item, sub, value, value2, cell, text, text_key,
           capacity, district_id, age_band, gender, demographic_cell)
         SELECT $1::uuid, $2::uuid, r.id, u.q, u.f, u.i, u.s, u.v, u.v2, u.c, u.t, u.k, $10::text, $11::uuid, $12::text, $13::text, $24::int
           FROM r, unnest($15::text[], $16::bool[], $17::text[], $18::text[], $19::float8[], $20::float8[], $21::int[], $22::text[], $23::text[])
             AS u(q, f, i, s, v, v2, c, t, k))
       SELECT (SELECT count(*) FROM s) > 0 AS locked, r.* FROM (SELECT 1) one LEFT JOIN r ON true`,
      values: [...submissionParams(survey, respondent, s), survey.updatedAt, ...facts, demographicCellOf(s.districtId, s.gender, s.ageBand)],
    });
    // The receipt's columns only (the answers are the caller's own: not sent back and parsed again).
    const { locked, ...row } = result as { locked: boolean } & Pick<ResponseRow, 'id' | 'status' | 'definitionVersion' | 'submittedAt' | 'updatedAt'>;
    return { locked, row: row.id ? { ...row, answers: s.answers, draftAnswers: null, demographicsConsent: s.demographicsConsent } : null };
  }

  /** Replaces the answers of a submitted response (an edit before the survey closes). */
  async editSubmitted(q: Queryable, surveyId: string, respondent: Respondent, s: SubmissionRow): Promise<ResponseRow | null> {
    const where = respondentWhere(respondent, 2);
    const rows = returningRows<ResponseRow>(
      await q.query(
        `UPDATE survey_response SET answers = $3, draft_answers = NULL, definition_version = $4, demographics_consent = $5,
           capacity = $6, district_id = $7, age_band = $8, gender = $9, updated_at = now()
         WHERE survey_id = $1 AND ${where.sql} AND status = 'submitted'
         RETURNING ${RESPONSE_COLUMNS}`,
        [surveyId, where.param, JSON.stringify(s.answers), s.definitionVersion, s.demographicsConsent, s.capacity, s.districtId, s.ageBand, s.gender],
      ),
    );
    return rows[0] ?? null;
  }

  /** Submitted answers to the given questions with the respondent's consented capacity and district. */
  async openTextAnswers(
    q: Queryable,
    organizationId: string,
    surveyId: string,
    questionIds: string[],
  ): Promise<{ responseId: string; questionId: string; text: string; capacity: string | null; districtId: string | null; submittedAt: Date }[]> {
    return q.query(
      `SELECT r.id AS "responseId", a.key AS "questionId", a.value #>> '{}' AS text, r.capacity, r.district_id AS "districtId",
              r.submitted_at AS "submittedAt"
         FROM survey_response r CROSS JOIN LATERAL jsonb_each(r.answers) AS a(key, value)
        WHERE r.organization_id = $1 AND r.survey_id = $2 AND r.status = 'submitted' AND a.key = ANY($3::text[])
          AND jsonb_typeof(a.value) = 'string'
        ORDER BY r.submitted_at, r.id, a.key`,
      [organizationId, surveyId, questionIds],
    );
  }
}

/** The unique index that keeps one response per invite link, or per person. */
function conflictTarget(respondent: Respondent): string {
  return respondent.inviteId
    ? `(survey_id, invite_id) WHERE invite_id IS NOT NULL`
    : `(survey_id, respondent_key) WHERE respondent_key IS NOT NULL`;
}

/** On conflict with the respondent's row: a draft becomes the submission; a submitted row stays (no row returned). */
const TURN_DRAFT_INTO_SUBMISSION = `DO UPDATE SET status = 'submitted', answers = EXCLUDED.answers, draft_answers = NULL,
  definition_version = EXCLUDED.definition_version, idempotency_key = EXCLUDED.idempotency_key,
  demographics_consent = EXCLUDED.demographics_consent, capacity = EXCLUDED.capacity, district_id = EXCLUDED.district_id,
  age_band = EXCLUDED.age_band, gender = EXCLUDED.gender, submitted_at = now(), updated_at = now()
  WHERE survey_response.status = 'draft'`;

/** $1–$13 of both submit statements, in their column order. */
function submissionParams(survey: SurveyRow, respondent: Respondent, s: SubmissionRow): unknown[] {
  return [
    survey.organizationId,
    survey.id,
    respondent.accountId,
    respondent.inviteId,
    respondent.respondentKey,
    JSON.stringify(s.answers),
    s.definitionVersion,
    s.idempotencyKey,
    s.demographicsConsent,
    s.capacity,
    s.districtId,
    s.ageBand,
    s.gender,
  ];
}
