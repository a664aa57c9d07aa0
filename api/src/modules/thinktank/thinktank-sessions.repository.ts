import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { StakeholderKind, ThinktankRsvp, ThinktankSessionStatus, TLocalizedText } from '@hamandishi/contracts';
import { returningRows } from '../../database/returning-rows';

type Db = DataSource | EntityManager;

/**
 * Attended minutes of attendance row `a` in session `s` (whole minutes inside the session's
 * window, up to now while present): the SQL twin of attendedMinutes() in attendance-math.ts.
 */
export const ATTENDED_MINUTES_SQL = `GREATEST(0, floor(extract(epoch FROM
  LEAST(COALESCE(a.checked_out_at, now()), s.ends_at) - GREATEST(a.checked_in_at, s.starts_at)) / 60))::int`;

/** A session row as the services use it (never the QR secret, unless asked for). */
export type SessionRow = {
  id: string;
  organizationId: string;
  planId: string;
  stageId: string;
  stageTitle: TLocalizedText;
  committeeId: string | null;
  committeeName: TLocalizedText | null;
  topic: string;
  agenda: string | null;
  facilitatorId: string | null;
  facilitatorName: string | null;
  place: string | null;
  onlineUrl: string | null;
  startsAt: Date;
  endsAt: Date;
  capacity: number | null;
  status: ThinktankSessionStatus;
  minutes: string | null;
  minutesUpdatedAt: Date | null;
  minutesPublishedAt: Date | null;
  invited: number;
  yes: number;
  waiting: number;
  attended: number;
  attendedMinutes: number;
};

const SESSION_SELECT = `
  SELECT s.id, s.organization_id AS "organizationId", s.plan_id AS "planId", s.stage_id AS "stageId", st.title AS "stageTitle",
         s.committee_id AS "committeeId", c.name AS "committeeName", s.topic, s.agenda,
         s.facilitator_id AS "facilitatorId", f.display_name AS "facilitatorName", s.place, s.online_url AS "onlineUrl",
         s.starts_at AS "startsAt", s.ends_at AS "endsAt", s.capacity, s.status, s.minutes,
         s.minutes_updated_at AS "minutesUpdatedAt", s.minutes_published_at AS "minutesPublishedAt",
         (SELECT count(*)::int FROM thinktank_invitation i WHERE i.session_id = s.id) AS invited,
         (SELECT count(*)::int FROM thinktank_invitation i WHERE i.session_id = s.id AND i.rsvp = 'yes') AS yes,
         (SELECT count(*)::int FROM thinktank_invitation i WHERE i.session_id = s.id AND i.rsvp = 'waiting') AS waiting,
         (SELECT count(*)::int FROM thinktank_attendance a WHERE a.session_id = s.id) AS attended,
         (SELECT COALESCE(sum(${ATTENDED_MINUTES_SQL}), 0)::int FROM thinktank_attendance a WHERE a.session_id = s.id) AS "attendedMinutes"
  FROM thinktank_session s
  JOIN stage st ON st.organization_id = s.organization_id AND st.id = s.stage_id
  LEFT JOIN committee c ON c.organization_id = s.organization_id AND c.id = s.committee_id
  LEFT JOIN account f ON f.id = s.facilitator_id`;

/** The columns a planner sets on a session. */
export type SessionFields = {
  stageId: string;
  committeeId: string | null;
  topic: string;
  agenda: string | null;
  facilitatorId: string | null;
  place: string | null;
  onlineUrl: string | null;
  startsAt: string;
  endsAt: string;
  capacity: number | null;
};

export type InvitationRow = {
  id: string;
  sessionId: string;
  accountId: string | null;
  accountName: string | null;
  accountMobile: string | null;
  accountEmail: string | null;
  stakeholderId: string | null;
  stakeholderName: string | null;
  stakeholderKind: StakeholderKind | null;
  channel: 'sms' | 'email' | null;
  contact: string | null;
  rsvp: ThinktankRsvp;
  rsvpAt: Date | null;
  waitingSince: Date | null;
  waitingPosition: number | null;
  remindedAt: Date | null;
  expiresAt: Date;
  createdAt: Date;
};

const INVITATION_SELECT = `
  SELECT i.id, i.session_id AS "sessionId", i.account_id AS "accountId", a.display_name AS "accountName",
         a.mobile AS "accountMobile", a.email AS "accountEmail",
         i.stakeholder_id AS "stakeholderId", sh.name AS "stakeholderName", sh.kind AS "stakeholderKind",
         i.channel, i.contact, i.rsvp, i.rsvp_at AS "rsvpAt", i.waiting_since AS "waitingSince",
         CASE WHEN i.rsvp = 'waiting' THEN (SELECT count(*)::int FROM thinktank_invitation w
           WHERE w.session_id = i.session_id AND w.rsvp = 'waiting' AND (w.waiting_since, w.id) <= (i.waiting_since, i.id)) END AS "waitingPosition",
         i.reminded_at AS "remindedAt", i.expires_at AS "expiresAt", i.created_at AS "createdAt"
  FROM thinktank_invitation i
  LEFT JOIN account a ON a.id = i.account_id
  LEFT JOIN stakeholder sh ON sh.organization_id = i.organization_id AND sh.id = i.stakeholder_id`;

export type AttendanceRow = {
  accountId: string;
  accountName: string;
  stakeholderId: string | null;
  stakeholderName: string | null;
  stakeholderKind: StakeholderKind | null;
  rsvp: ThinktankRsvp | null;
  checkedInAt: Date | null;
  checkedOutAt: Date | null;
  method: 'qr' | 'list' | null;
  minutes: number;
};

export type OutputRow = {
  id: string;
  kind: 'decision' | 'output';
  body: string;
  themeId: string | null;
  themeName: TLocalizedText | null;
  problemId: string | null;
  problemTitle: string | null;
  createdAt: Date;
};

/** Purpose-named queries on think-tank sessions. Every query names its organisation. */
@Injectable()
export class ThinktankSessionsRepository {
  constructor(@InjectDataSource() readonly db: DataSource) {}

  // ---- sessions ----------------------------------------------------------------------------

  async find(organizationId: string, sessionId: string, db: Db = this.db): Promise<SessionRow | null> {
    const [row] = await db.query(`${SESSION_SELECT} WHERE s.organization_id = $1 AND s.id = $2`, [organizationId, sessionId]);
    return row ?? null;
  }

  /** Locks the session row: RSVPs, promotions and check-ins of one session happen one at a time. */
  async lock(m: EntityManager, organizationId: string, sessionId: string): Promise<boolean> {
    const rows = await m.query(`SELECT 1 FROM thinktank_session WHERE organization_id = $1 AND id = $2 FOR UPDATE`, [organizationId, sessionId]);
    return rows.length > 0;
  }

  async qrSecret(organizationId: string, sessionId: string): Promise<Buffer | null> {
    const [row] = await this.db.query(`SELECT qr_secret AS "secret" FROM thinktank_session WHERE organization_id = $1 AND id = $2`, [
      organizationId,
      sessionId,
    ]);
    return row?.secret ?? null;
  }

  listOfPlan(organizationId: string, planId: string, filter: { stageId?: string; committeeId?: string }): Promise<SessionRow[]> {
    return this.db.query(
      `${SESSION_SELECT}
       WHERE s.organization_id = $1 AND s.plan_id = $2
         AND ($3::uuid IS NULL OR s.stage_id = $3) AND ($4::uuid IS NULL OR s.committee_id = $4)
       ORDER BY s.starts_at, s.id`,
      [organizationId, planId, filter.stageId ?? null, filter.committeeId ?? null],
    );
  }

  async insert(m: EntityManager, organizationId: string, planId: string, fields: SessionFields, actorId: string): Promise<string> {
    const [row] = await m.query(
      `INSERT INTO thinktank_session (organization_id, plan_id, stage_id, committee_id, topic, agenda, facilitator_id, place, online_url,
                                      starts_at, ends_at, capacity, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id`,
      [organizationId, planId, fields.stageId, fields.committeeId, fields.topic, fields.agenda, fields.facilitatorId, fields.place,
        fields.onlineUrl, fields.startsAt, fields.endsAt, fields.capacity, actorId],
    );
    return row.id;
  }

  async update(m: EntityManager, organizationId: string, sessionId: string, fields: SessionFields & { status: ThinktankSessionStatus }): Promise<void> {
    await m.query(
      `UPDATE thinktank_session SET stage_id = $3, committee_id = $4, topic = $5, agenda = $6, facilitator_id = $7, place = $8,
              online_url = $9, starts_at = $10, ends_at = $11, capacity = $12, status = $13, updated_at = now()
       WHERE organization_id = $1 AND id = $2`,
      [organizationId, sessionId, fields.stageId, fields.committeeId, fields.topic, fields.agenda, fields.facilitatorId, fields.place,
        fields.onlineUrl, fields.startsAt, fields.endsAt, fields.capacity, fields.status],
    );
    // A personal link works until the session ends, wherever it moves.
    await m.query(`UPDATE thinktank_invitation SET expires_at = $3 WHERE organization_id = $1 AND session_id = $2`, [
      organizationId,
      sessionId,
      fields.endsAt,
    ]);
  }

  /** Checks out everyone still present (closing the session ends their attendance, at the latest at its end). */
  async checkOutEveryone(m: EntityManager, organizationId: string, sessionId: string, by: string): Promise<void> {
    await m.query(
      `UPDATE thinktank_attendance a SET checked_out_at = GREATEST(a.checked_in_at, LEAST(now(), s.ends_at)), checked_out_by = $3
         FROM thinktank_session s
        WHERE a.organization_id = $1 AND a.session_id = $2 AND s.id = a.session_id AND a.checked_out_at IS NULL`,
      [organizationId, sessionId, by],
    );
  }

  async stageOfPlan(organizationId: string, planId: string, stageId: string): Promise<boolean> {
    return (await this.db.query(`SELECT 1 FROM stage WHERE organization_id = $1 AND plan_id = $2 AND id = $3`, [organizationId, planId, stageId])).length > 0;
  }

  async committeeOfPlan(organizationId: string, planId: string, committeeId: string): Promise<boolean> {
    return (await this.db.query(`SELECT 1 FROM committee WHERE organization_id = $1 AND plan_id = $2 AND id = $3`, [organizationId, planId, committeeId]))
      .length > 0;
  }

  async saveMinutes(m: EntityManager, organizationId: string, sessionId: string, minutes: string): Promise<void> {
    await m.query(`UPDATE thinktank_session SET minutes = $3, minutes_updated_at = now() WHERE organization_id = $1 AND id = $2`, [
      organizationId,
      sessionId,
      minutes,
    ]);
  }

  async setMinutesPublished(m: EntityManager, organizationId: string, sessionId: string, published: boolean): Promise<void> {
    await m.query(
      `UPDATE thinktank_session SET minutes_published_at = CASE WHEN $3 THEN COALESCE(minutes_published_at, now()) END
       WHERE organization_id = $1 AND id = $2`,
      [organizationId, sessionId, published],
    );
  }

  // ---- invitations -------------------------------------------------------------------------

  invitationsOf(organizationId: string, sessionId: string): Promise<InvitationRow[]> {
    return this.db.query(
      `${INVITATION_SELECT} WHERE i.organization_id = $1 AND i.session_id = $2
       ORDER BY CASE i.rsvp WHEN 'yes' THEN 0 WHEN 'waiting' THEN 1 WHEN 'pending' THEN 2 ELSE 3 END, i.waiting_since, i.created_at, i.id`,
      [organizationId, sessionId],
    );
  }

  async invitationByTokenHash(tokenHash: Buffer, db: Db = this.db): Promise<(InvitationRow & { organizationId: string }) | null> {
    const [row] = await db.query(
      INVITATION_SELECT.replace('SELECT i.id,', 'SELECT i.id, i.organization_id AS "organizationId",') + ` WHERE i.token_hash = $1`,
      [tokenHash],
    );
    return row ?? null;
  }

  async invitationOfAccount(organizationId: string, sessionId: string, accountId: string, db: Db = this.db): Promise<InvitationRow | null> {
    const [row] = await db.query(`${INVITATION_SELECT} WHERE i.organization_id = $1 AND i.session_id = $2 AND i.account_id = $3`, [
      organizationId,
      sessionId,
      accountId,
    ]);
    return row ?? null;
  }

  async invitationById(organizationId: string, id: string, db: Db = this.db): Promise<InvitationRow | null> {
    const [row] = await db.query(`${INVITATION_SELECT} WHERE i.organization_id = $1 AND i.id = $2`, [organizationId, id]);
    return row ?? null;
  }

  /**
   * Creates the invitation of an account or a contact, or renews the existing one's link (the
   * partial unique indexes make it an upsert): its answer stays as it was.
   */
  async upsertInvitation(
    m: EntityManager,
    input: {
      organizationId: string;
      sessionId: string;
      accountId: string | null;
      stakeholderId: string | null;
      channel: 'sms' | 'email' | null;
      contact: string | null;
      tokenHash: Buffer;
      expiresAt: Date;
      invitedBy: string;
    },
  ): Promise<string> {
    const conflict = input.accountId
      ? `(session_id, account_id) WHERE account_id IS NOT NULL`
      : `(session_id, contact) WHERE account_id IS NULL AND contact IS NOT NULL`;
    const [row] = await m.query(
      `INSERT INTO thinktank_invitation (organization_id, session_id, account_id, stakeholder_id, channel, contact, token_hash, expires_at, invited_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT ${conflict} DO UPDATE
         SET token_hash = EXCLUDED.token_hash, expires_at = EXCLUDED.expires_at,
             stakeholder_id = COALESCE(EXCLUDED.stakeholder_id, thinktank_invitation.stakeholder_id)
       RETURNING id`,
      [input.organizationId, input.sessionId, input.accountId, input.stakeholderId, input.channel, input.contact, input.tokenHash,
        input.expiresAt, input.invitedBy],
    );
    return row.id;
  }

  /** Gives a contact-only invitation its account (the person answered signed in); false when that account already has one. */
  async bindAccount(m: EntityManager, invitationId: string, accountId: string): Promise<boolean> {
    const taken = await m.query(
      `SELECT 1 FROM thinktank_invitation WHERE session_id = (SELECT session_id FROM thinktank_invitation WHERE id = $1) AND account_id = $2`,
      [invitationId, accountId],
    );
    if (taken.length > 0) return false;
    await m.query(`UPDATE thinktank_invitation SET account_id = $2 WHERE id = $1 AND account_id IS NULL`, [invitationId, accountId]);
    return true;
  }

  async setRsvp(m: EntityManager, invitationId: string, rsvp: ThinktankRsvp): Promise<void> {
    await m.query(
      `UPDATE thinktank_invitation
          SET rsvp = $2, rsvp_at = now(), waiting_since = CASE WHEN $2 = 'waiting' THEN COALESCE(waiting_since, now()) END
        WHERE id = $1`,
      [invitationId, rsvp],
    );
  }

  async countYes(m: EntityManager, sessionId: string): Promise<number> {
    const [row] = await m.query(`SELECT count(*)::int AS n FROM thinktank_invitation WHERE session_id = $1 AND rsvp = 'yes'`, [sessionId]);
    return row.n;
  }

  /**
   * Moves people from the waiting list to the free seats, first come first served (the session
   * row is locked by the caller). Returns the promoted invitations' ids.
   */
  async promoteWaiting(m: EntityManager, sessionId: string, capacity: number | null): Promise<string[]> {
    const rows = returningRows<{ id: string }>(
      await m.query(
        `WITH next AS (
           SELECT id FROM thinktank_invitation
            WHERE session_id = $1 AND rsvp = 'waiting'
            ORDER BY waiting_since, id
            LIMIT CASE WHEN $2::int IS NULL THEN NULL
                       ELSE GREATEST(0, $2::int - (SELECT count(*) FROM thinktank_invitation WHERE session_id = $1 AND rsvp = 'yes')) END)
         UPDATE thinktank_invitation i SET rsvp = 'yes', rsvp_at = now(), waiting_since = NULL
          FROM next WHERE i.id = next.id RETURNING i.id`,
        [sessionId, capacity],
      ),
    );
    return rows.map((r) => r.id);
  }

  /**
   * Claims the invitations to remind now: sessions starting within `withinHours`, answered yes or
   * not yet, not reminded before. The claim is this UPDATE, so two processes never remind twice.
   */
  async claimReminders(withinHours: number, limit: number): Promise<(InvitationRow & { organizationId: string })[]> {
    const rows = returningRows<{ id: string }>(
      await this.db.query(
        `WITH due AS (
           SELECT i.id FROM thinktank_invitation i JOIN thinktank_session s ON s.id = i.session_id
            WHERE i.reminded_at IS NULL AND i.rsvp IN ('pending', 'yes') AND s.status = 'scheduled'
              AND s.starts_at > now() AND s.starts_at <= now() + make_interval(hours => $1)
            ORDER BY s.starts_at, i.id LIMIT $2 FOR UPDATE OF i SKIP LOCKED)
         UPDATE thinktank_invitation i SET reminded_at = now() FROM due WHERE i.id = due.id RETURNING i.id`,
        [withinHours, limit],
      ),
    );
    if (rows.length === 0) return [];
    return this.db.query(
      INVITATION_SELECT.replace('SELECT i.id,', 'SELECT i.id, i.organization_id AS "organizationId",') + ` WHERE i.id = ANY($1::uuid[])`,
      [rows.map((r) => r.id)],
    );
  }

  // ---- stakeholders and members (read-only look-ups) ----------------------------------------

  /** Of `ids`, the stakeholders of the organisation (live) with their linked accounts. */
  async stakeholdersWithAccounts(organizationId: string, ids: string[]): Promise<{ id: string; accountIds: string[] }[]> {
    return this.db.query(
      `SELECT s.id, COALESCE(array_agg(sa.account_id ORDER BY sa.created_at) FILTER (WHERE sa.account_id IS NOT NULL), '{}') AS "accountIds"
         FROM stakeholder s LEFT JOIN stakeholder_account sa ON sa.organization_id = s.organization_id AND sa.stakeholder_id = s.id
        WHERE s.organization_id = $1 AND s.id = ANY($2::uuid[]) AND s.archived_at IS NULL
        GROUP BY s.id`,
      [organizationId, ids],
    );
  }

  /** Live stakeholders whose normalised name contains `key`, with their linked-account counts. */
  findStakeholders(organizationId: string, key: string, limit: number): Promise<{ id: string; name: string; kind: StakeholderKind; linkedAccounts: number }[]> {
    return this.db.query(
      `SELECT s.id, s.name, s.kind,
              (SELECT count(*)::int FROM stakeholder_account sa WHERE sa.organization_id = s.organization_id AND sa.stakeholder_id = s.id) AS "linkedAccounts"
         FROM stakeholder s
        WHERE s.organization_id = $1 AND s.archived_at IS NULL AND s.name_key LIKE '%' || $2 || '%'
        ORDER BY s.name_key, s.id LIMIT $3`,
      [organizationId, key.replace(/[\\%_]/g, (c) => `\\${c}`), limit],
    );
  }

  /** The stakeholder an account acts for in this organisation (its oldest link), if any. */
  async stakeholderOfAccount(organizationId: string, accountId: string, db: Db = this.db): Promise<string | null> {
    const [row] = await db.query(
      `SELECT sa.stakeholder_id AS id FROM stakeholder_account sa JOIN stakeholder s ON s.organization_id = sa.organization_id AND s.id = sa.stakeholder_id
        WHERE sa.organization_id = $1 AND sa.account_id = $2 AND s.archived_at IS NULL ORDER BY sa.created_at LIMIT 1`,
      [organizationId, accountId],
    );
    return row?.id ?? null;
  }

  // ---- attendance --------------------------------------------------------------------------

  /**
   * Records a check-in; a second one for the same person changes nothing (the primary key).
   * Returns whether this call created the row.
   */
  async checkIn(
    m: EntityManager,
    input: { organizationId: string; sessionId: string; accountId: string; stakeholderId: string | null; by: string; method: 'qr' | 'list' },
  ): Promise<boolean> {
    const rows = await m.query(
      `INSERT INTO thinktank_attendance (organization_id, session_id, account_id, stakeholder_id, checked_in_at, checked_in_by, check_in_method)
       VALUES ($1, $2, $3, $4, now(), $5, $6) ON CONFLICT ON CONSTRAINT pk_thinktank_attendance DO NOTHING RETURNING account_id`,
      [input.organizationId, input.sessionId, input.accountId, input.stakeholderId, input.by, input.method],
    );
    return rows.length > 0;
  }

  /** Records the check-out (the first one counts); null when the person never checked in. */
  async checkOut(m: EntityManager, organizationId: string, sessionId: string, accountId: string, by: string): Promise<boolean | null> {
    const [row] = await m.query(
      `SELECT checked_out_at AS "checkedOutAt" FROM thinktank_attendance WHERE organization_id = $1 AND session_id = $2 AND account_id = $3 FOR UPDATE`,
      [organizationId, sessionId, accountId],
    );
    if (!row) return null;
    if (row.checkedOutAt) return false;
    await m.query(
      `UPDATE thinktank_attendance SET checked_out_at = GREATEST(now(), checked_in_at), checked_out_by = $4
        WHERE organization_id = $1 AND session_id = $2 AND account_id = $3`,
      [organizationId, sessionId, accountId, by],
    );
    return true;
  }

  async attendanceOf(organizationId: string, sessionId: string, accountId: string): Promise<{ checkedInAt: Date; checkedOutAt: Date | null } | null> {
    const [row] = await this.db.query(
      `SELECT checked_in_at AS "checkedInAt", checked_out_at AS "checkedOutAt" FROM thinktank_attendance
        WHERE organization_id = $1 AND session_id = $2 AND account_id = $3`,
      [organizationId, sessionId, accountId],
    );
    return row ?? null;
  }

  /** Everyone invited by account or present, with their answer and minutes. */
  attendanceList(organizationId: string, sessionId: string): Promise<AttendanceRow[]> {
    return this.db.query(
      `WITH people AS (
         SELECT account_id FROM thinktank_invitation WHERE organization_id = $1 AND session_id = $2 AND account_id IS NOT NULL
         UNION SELECT account_id FROM thinktank_attendance WHERE organization_id = $1 AND session_id = $2)
       SELECT p.account_id AS "accountId", acc.display_name AS "accountName",
              COALESCE(a.stakeholder_id, i.stakeholder_id) AS "stakeholderId", sh.name AS "stakeholderName", sh.kind AS "stakeholderKind",
              i.rsvp, a.checked_in_at AS "checkedInAt", a.checked_out_at AS "checkedOutAt", a.check_in_method AS method,
              CASE WHEN a.account_id IS NULL THEN 0 ELSE ${ATTENDED_MINUTES_SQL} END AS minutes
         FROM people p
         JOIN account acc ON acc.id = p.account_id
         JOIN thinktank_session s ON s.organization_id = $1 AND s.id = $2
         LEFT JOIN thinktank_invitation i ON i.session_id = $2 AND i.account_id = p.account_id
         LEFT JOIN thinktank_attendance a ON a.session_id = $2 AND a.account_id = p.account_id
         LEFT JOIN stakeholder sh ON sh.organization_id = $1 AND sh.id = COALESCE(a.stakeholder_id, i.stakeholder_id)
        ORDER BY (a.account_id IS NULL), acc.display_name, p.account_id`,
      [organizationId, sessionId],
    );
  }

  // ---- outputs -----------------------------------------------------------------------------

  outputsOf(organizationId: string, sessionId: string): Promise<OutputRow[]> {
    return this.db.query(
      `SELECT o.id, o.kind, o.body, o.theme_id AS "themeId", t.name AS "themeName", o.problem_id AS "problemId", p.title AS "problemTitle",
              o.created_at AS "createdAt"
         FROM thinktank_output o
         LEFT JOIN theme t ON t.organization_id = o.organization_id AND t.id = o.theme_id
         LEFT JOIN problem p ON p.organization_id = o.organization_id AND p.id = o.problem_id
        WHERE o.organization_id = $1 AND o.session_id = $2
        ORDER BY o.created_at, o.id`,
      [organizationId, sessionId],
    );
  }

  async insertOutput(
    m: EntityManager,
    input: { organizationId: string; sessionId: string; kind: string; body: string; themeId: string | null; problemId: string | null; by: string },
  ): Promise<string> {
    const [row] = await m.query(
      `INSERT INTO thinktank_output (organization_id, session_id, kind, body, theme_id, problem_id, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
      [input.organizationId, input.sessionId, input.kind, input.body, input.themeId, input.problemId, input.by],
    );
    return row.id;
  }

  async deleteOutput(m: EntityManager, organizationId: string, sessionId: string, outputId: string): Promise<boolean> {
    const rows = returningRows(
      await m.query(`DELETE FROM thinktank_output WHERE organization_id = $1 AND session_id = $2 AND id = $3 RETURNING id`, [
        organizationId,
        sessionId,
        outputId,
      ]),
    );
    return rows.length > 0;
  }

  async themeExists(organizationId: string, themeId: string): Promise<boolean> {
    return (await this.db.query(`SELECT 1 FROM theme WHERE organization_id = $1 AND id = $2`, [organizationId, themeId])).length > 0;
  }

  async problemExists(organizationId: string, problemId: string): Promise<boolean> {
    return (await this.db.query(`SELECT 1 FROM problem WHERE organization_id = $1 AND id = $2`, [organizationId, problemId])).length > 0;
  }
}
