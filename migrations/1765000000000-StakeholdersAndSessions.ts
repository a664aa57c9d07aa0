import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The stakeholder registry's core row and the think-tank session's core row. The registry's
 * per-plan assessment, contacts and imports, and the sessions' invitations, attendance and live
 * board, add their own tables in later migrations on top of these two.
 */
export class StakeholdersAndSessions1765000000000 implements MigrationInterface {
  name = 'StakeholdersAndSessions1765000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await q.query(`
      CREATE TABLE stakeholder (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organization(id) ON DELETE CASCADE,
        form text NOT NULL,
        kind text NOT NULL,
        name text NOT NULL,
        -- Persian-normalised name (normalizeForSearch of libs/text): search and duplicate suggestions
        name_key text NOT NULL,
        description text,
        is_verified boolean NOT NULL DEFAULT false,
        verified_by uuid REFERENCES account(id) ON DELETE SET NULL,
        verified_at timestamptz,
        archived_at timestamptz,
        created_by uuid REFERENCES account(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_stakeholder_org_id UNIQUE (organization_id, id),
        CONSTRAINT ck_stakeholder_form CHECK (form IN ('organization', 'person')),
        CONSTRAINT ck_stakeholder_kind CHECK (kind IN ('ngo', 'academic', 'executive_agency', 'city_council',
          'municipal_affiliate', 'private_sector', 'religious_volunteer', 'media', 'citizen_group'))
      )`);
    // One live stakeholder per normalised name and kind in a municipality: a duplicate is refused, not merged silently.
    await q.query(
      `CREATE UNIQUE INDEX uq_stakeholder_name ON stakeholder (organization_id, kind, name_key) WHERE archived_at IS NULL`,
    );
    await q.query(`CREATE INDEX ix_stakeholder_name_trgm ON stakeholder USING gin (name_key gin_trgm_ops)`);
    // Accounts that act on a stakeholder's behalf (an NGO's representatives).
    await q.query(`
      CREATE TABLE stakeholder_account (
        organization_id uuid NOT NULL,
        stakeholder_id uuid NOT NULL,
        account_id uuid NOT NULL REFERENCES account(id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_stakeholder_account PRIMARY KEY (stakeholder_id, account_id),
        CONSTRAINT fk_stakeholder_account_stakeholder FOREIGN KEY (organization_id, stakeholder_id)
          REFERENCES stakeholder(organization_id, id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX ix_stakeholder_account_account ON stakeholder_account (organization_id, account_id)`);

    await q.query(`
      CREATE TABLE thinktank_session (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL,
        plan_id uuid NOT NULL,
        stage_id uuid NOT NULL,
        activity_id uuid,
        committee_id uuid,
        topic text NOT NULL,
        agenda text,
        facilitator_id uuid REFERENCES account(id) ON DELETE SET NULL,
        place text,
        online_url text,
        starts_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL,
        capacity integer,
        status text NOT NULL DEFAULT 'scheduled',
        board_status text NOT NULL DEFAULT 'not_started',
        created_by uuid REFERENCES account(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_thinktank_session_org_id UNIQUE (organization_id, id),
        CONSTRAINT fk_thinktank_session_plan FOREIGN KEY (organization_id, plan_id) REFERENCES plan(organization_id, id) ON DELETE CASCADE,
        CONSTRAINT fk_thinktank_session_stage FOREIGN KEY (organization_id, stage_id) REFERENCES stage(organization_id, id) ON DELETE CASCADE,
        CONSTRAINT fk_thinktank_session_activity FOREIGN KEY (organization_id, activity_id) REFERENCES activity(organization_id, id) ON DELETE SET NULL (activity_id),
        CONSTRAINT fk_thinktank_session_committee FOREIGN KEY (organization_id, committee_id) REFERENCES committee(organization_id, id) ON DELETE SET NULL (committee_id),
        CONSTRAINT ck_thinktank_session_time CHECK (ends_at > starts_at),
        CONSTRAINT ck_thinktank_session_capacity CHECK (capacity IS NULL OR capacity > 0),
        CONSTRAINT ck_thinktank_session_status CHECK (status IN ('scheduled', 'in_progress', 'closed', 'cancelled')),
        CONSTRAINT ck_thinktank_session_board CHECK (board_status IN ('not_started', 'open', 'closed'))
      )`);
    await q.query(`CREATE INDEX ix_thinktank_session_plan ON thinktank_session (organization_id, plan_id, starts_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE thinktank_session`);
    await q.query(`DROP TABLE stakeholder_account`);
    await q.query(`DROP TABLE stakeholder`);
  }
}
