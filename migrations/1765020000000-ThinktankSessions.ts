import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Think-tank sessions beyond their core row: the door's QR secret, minutes and their
 * publication, personal invitations with RSVP and a waiting list, attendance (check-in and
 * check-out, the source of person-hours), and the decisions and outputs a session produces.
 */
export class ThinktankSessions1765020000000 implements MigrationInterface {
  name = 'ThinktankSessions1765020000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE thinktank_session
        -- Signs the door's QR code (HMAC); never leaves the server. Two random UUIDs (244 random
        -- bits) hashed: core PostgreSQL, no pgcrypto needed.
        ADD COLUMN qr_secret bytea NOT NULL DEFAULT sha256((gen_random_uuid()::text || gen_random_uuid()::text)::bytea),
        ADD COLUMN minutes text,
        ADD COLUMN minutes_updated_at timestamptz,
        ADD COLUMN minutes_published_at timestamptz`);
    await q.query(`CREATE INDEX ix_thinktank_session_committee ON thinktank_session (organization_id, committee_id, starts_at)`);
    await q.query(`CREATE INDEX ix_thinktank_session_stage ON thinktank_session (organization_id, stage_id, starts_at)`);

    await q.query(`
      CREATE TABLE thinktank_invitation (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL,
        session_id uuid NOT NULL,
        -- The invited account; a contact-only invitation gets it when the person answers signed in.
        account_id uuid REFERENCES account(id) ON DELETE CASCADE,
        stakeholder_id uuid,
        channel text,
        contact text,
        -- sha256 of the personal RSVP link's token (the token itself is only in the message).
        token_hash bytea NOT NULL,
        expires_at timestamptz NOT NULL,
        rsvp text NOT NULL DEFAULT 'pending',
        rsvp_at timestamptz,
        -- Order of the waiting list: who said yes first when the session was full is promoted first.
        waiting_since timestamptz,
        reminded_at timestamptz,
        invited_by uuid REFERENCES account(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_thinktank_invitation_token UNIQUE (token_hash),
        CONSTRAINT fk_thinktank_invitation_session FOREIGN KEY (organization_id, session_id)
          REFERENCES thinktank_session(organization_id, id) ON DELETE CASCADE,
        CONSTRAINT fk_thinktank_invitation_stakeholder FOREIGN KEY (organization_id, stakeholder_id)
          REFERENCES stakeholder(organization_id, id) ON DELETE SET NULL (stakeholder_id),
        CONSTRAINT ck_thinktank_invitation_rsvp CHECK (rsvp IN ('pending', 'yes', 'no', 'waiting')),
        CONSTRAINT ck_thinktank_invitation_channel CHECK (channel IS NULL OR channel IN ('sms', 'email')),
        CONSTRAINT ck_thinktank_invitation_target CHECK (account_id IS NOT NULL OR (channel IS NOT NULL AND contact IS NOT NULL)),
        CONSTRAINT ck_thinktank_invitation_waiting CHECK ((rsvp = 'waiting') = (waiting_since IS NOT NULL))
      )`);
    // One invitation per person per session: inviting again re-sends, never duplicates.
    await q.query(`CREATE UNIQUE INDEX uq_thinktank_invitation_account ON thinktank_invitation (session_id, account_id) WHERE account_id IS NOT NULL`);
    await q.query(
      `CREATE UNIQUE INDEX uq_thinktank_invitation_contact ON thinktank_invitation (session_id, contact) WHERE account_id IS NULL AND contact IS NOT NULL`,
    );
    await q.query(`CREATE INDEX ix_thinktank_invitation_waiting ON thinktank_invitation (session_id, waiting_since, id) WHERE rsvp = 'waiting'`);
    await q.query(`CREATE INDEX ix_thinktank_invitation_account ON thinktank_invitation (organization_id, account_id)`);

    await q.query(`
      CREATE TABLE thinktank_attendance (
        organization_id uuid NOT NULL,
        session_id uuid NOT NULL,
        account_id uuid NOT NULL REFERENCES account(id) ON DELETE CASCADE,
        -- On whose behalf the person attended (an invitation's stakeholder or a linked one): person-hours by kind.
        stakeholder_id uuid,
        checked_in_at timestamptz NOT NULL,
        checked_in_by uuid REFERENCES account(id) ON DELETE SET NULL,
        check_in_method text NOT NULL,
        checked_out_at timestamptz,
        checked_out_by uuid REFERENCES account(id) ON DELETE SET NULL,
        -- One row per person and session: a second check-in changes nothing and counts nothing.
        CONSTRAINT pk_thinktank_attendance PRIMARY KEY (session_id, account_id),
        CONSTRAINT fk_thinktank_attendance_session FOREIGN KEY (organization_id, session_id)
          REFERENCES thinktank_session(organization_id, id) ON DELETE CASCADE,
        CONSTRAINT fk_thinktank_attendance_stakeholder FOREIGN KEY (organization_id, stakeholder_id)
          REFERENCES stakeholder(organization_id, id) ON DELETE SET NULL (stakeholder_id),
        CONSTRAINT ck_thinktank_attendance_method CHECK (check_in_method IN ('qr', 'list')),
        CONSTRAINT ck_thinktank_attendance_order CHECK (checked_out_at IS NULL OR checked_out_at >= checked_in_at)
      )`);
    await q.query(`CREATE INDEX ix_thinktank_attendance_account ON thinktank_attendance (organization_id, account_id)`);

    await q.query(`
      CREATE TABLE thinktank_output (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL,
        session_id uuid NOT NULL,
        kind text NOT NULL,
        body text NOT NULL,
        theme_id uuid,
        problem_id uuid,
        created_by uuid REFERENCES account(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT fk_thinktank_output_session FOREIGN KEY (organization_id, session_id)
          REFERENCES thinktank_session(organization_id, id) ON DELETE CASCADE,
        CONSTRAINT fk_thinktank_output_theme FOREIGN KEY (organization_id, theme_id)
          REFERENCES theme(organization_id, id) ON DELETE SET NULL (theme_id),
        CONSTRAINT fk_thinktank_output_problem FOREIGN KEY (organization_id, problem_id)
          REFERENCES problem(organization_id, id) ON DELETE SET NULL (problem_id),
        CONSTRAINT ck_thinktank_output_kind CHECK (kind IN ('decision', 'output'))
      )`);
    await q.query(`CREATE INDEX ix_thinktank_output_session ON thinktank_output (organization_id, session_id, created_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE thinktank_output`);
    await q.query(`DROP TABLE thinktank_attendance`);
    await q.query(`DROP TABLE thinktank_invitation`);
    await q.query(`DROP INDEX ix_thinktank_session_stage`);
    await q.query(`DROP INDEX ix_thinktank_session_committee`);
    await q.query(`ALTER TABLE thinktank_session DROP COLUMN qr_secret, DROP COLUMN minutes, DROP COLUMN minutes_updated_at,
      DROP COLUMN minutes_published_at`);
  }
}
