import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Plans with their stages, activities, committees and upstream documents; status history,
 * yearly revisions; the audit log. Every child row carries organization_id and points at its
 * parent through (organization_id, id), so a row can never hang under another tenant's plan.
 */
export class Plans1763720000000 implements MigrationInterface {
  name = 'Plans1763720000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE plan (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organization(id) ON DELETE CASCADE,
        title jsonb NOT NULL,
        kind text NOT NULL,
        strategic_from integer NOT NULL,
        strategic_to integer NOT NULL,
        operational_from integer NOT NULL,
        operational_to integer NOT NULL,
        summary jsonb,
        cover_attachment_id uuid,
        status text NOT NULL DEFAULT 'drafting',
        created_by uuid REFERENCES account(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_plan_org_id UNIQUE (organization_id, id),
        CONSTRAINT ck_plan_kind CHECK (kind IN ('strategic_operational', 'city_development', 'municipality_transformation')),
        CONSTRAINT ck_plan_status CHECK (
          status IN ('drafting', 'council_review', 'approved', 'conformity_checked', 'in_execution', 'closed')),
        CONSTRAINT ck_plan_strategic CHECK (strategic_to >= strategic_from),
        -- the operational level lies inside the strategic one
        CONSTRAINT ck_plan_operational CHECK (
          operational_to >= operational_from AND operational_from >= strategic_from AND operational_to <= strategic_to)
      )`);
    await q.query(`CREATE INDEX ix_plan_org ON plan (organization_id, created_at DESC)`);

    await q.query(`
      CREATE TABLE plan_status_change (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL,
        plan_id uuid NOT NULL,
        from_status text,
        to_status text NOT NULL,
        note text,
        changed_by uuid REFERENCES account(id) ON DELETE SET NULL,
        changed_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT fk_plan_status_change_plan FOREIGN KEY (organization_id, plan_id)
          REFERENCES plan(organization_id, id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX ix_plan_status_change_plan ON plan_status_change (plan_id, changed_at)`);

    await q.query(`
      CREATE TABLE plan_revision (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL,
        plan_id uuid NOT NULL,
        year integer NOT NULL,
        summary text NOT NULL,
        created_by uuid REFERENCES account(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        -- a rolling plan is revised once a year
        CONSTRAINT uq_plan_revision_year UNIQUE (plan_id, year),
        CONSTRAINT fk_plan_revision_plan FOREIGN KEY (organization_id, plan_id)
          REFERENCES plan(organization_id, id) ON DELETE CASCADE
      )`);

    await q.query(`
      CREATE TABLE stage (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL,
        plan_id uuid NOT NULL,
        position integer NOT NULL,
        title jsonb NOT NULL,
        description jsonb,
        starts_on date NOT NULL,
        ends_on date NOT NULL,
        status_override text,
        -- when stage.opened / stage.closed was emitted, so each is emitted once across processes
        announced_opened_at timestamptz,
        announced_closed_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_stage_org_id UNIQUE (organization_id, id),
        CONSTRAINT uq_stage_position UNIQUE (plan_id, position) DEFERRABLE INITIALLY DEFERRED,
        CONSTRAINT fk_stage_plan FOREIGN KEY (organization_id, plan_id)
          REFERENCES plan(organization_id, id) ON DELETE CASCADE,
        CONSTRAINT ck_stage_dates CHECK (ends_on >= starts_on),
        CONSTRAINT ck_stage_status_override CHECK (status_override IN ('upcoming', 'open', 'closed')),
        -- the stages of one plan never overlap (both ends inclusive)
        CONSTRAINT ex_stage_overlap EXCLUDE USING gist (plan_id WITH =, daterange(starts_on, ends_on, '[]') WITH &&)
      )`);

    await q.query(`
      CREATE TABLE activity (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL,
        plan_id uuid NOT NULL,
        stage_id uuid NOT NULL,
        type text NOT NULL,
        position integer NOT NULL,
        title jsonb NOT NULL,
        description jsonb,
        opens_at timestamptz,
        closes_at timestamptz,
        participation jsonb NOT NULL,
        settings jsonb NOT NULL DEFAULT '{}',
        announced_opened_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_activity_org_id UNIQUE (organization_id, id),
        CONSTRAINT fk_activity_stage FOREIGN KEY (organization_id, stage_id)
          REFERENCES stage(organization_id, id) ON DELETE CASCADE,
        CONSTRAINT fk_activity_plan FOREIGN KEY (organization_id, plan_id)
          REFERENCES plan(organization_id, id) ON DELETE CASCADE,
        CONSTRAINT ck_activity_type CHECK (type IN ('problem_collection', 'consultation', 'survey', 'thinktank_series')),
        CONSTRAINT ck_activity_window CHECK (opens_at IS NULL OR closes_at IS NULL OR closes_at > opens_at)
      )`);
    await q.query(`CREATE INDEX ix_activity_stage ON activity (stage_id, position)`);
    await q.query(`CREATE INDEX ix_activity_plan ON activity (plan_id)`);

    await q.query(`
      CREATE TABLE committee (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL,
        plan_id uuid NOT NULL,
        name jsonb NOT NULL,
        description jsonb,
        secretary_id uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_committee_org_id UNIQUE (organization_id, id),
        CONSTRAINT fk_committee_plan FOREIGN KEY (organization_id, plan_id)
          REFERENCES plan(organization_id, id) ON DELETE CASCADE,
        -- the secretary is a member of the same organisation
        CONSTRAINT fk_committee_secretary FOREIGN KEY (organization_id, secretary_id)
          REFERENCES membership(organization_id, account_id) ON DELETE SET NULL (secretary_id)
      )`);
    await q.query(`CREATE INDEX ix_committee_plan ON committee (plan_id, created_at)`);

    await q.query(`
      CREATE TABLE committee_theme (
        organization_id uuid NOT NULL,
        committee_id uuid NOT NULL,
        theme_id uuid NOT NULL,
        PRIMARY KEY (committee_id, theme_id),
        CONSTRAINT fk_committee_theme_committee FOREIGN KEY (organization_id, committee_id)
          REFERENCES committee(organization_id, id) ON DELETE CASCADE,
        CONSTRAINT fk_committee_theme_theme FOREIGN KEY (organization_id, theme_id)
          REFERENCES theme(organization_id, id) ON DELETE CASCADE
      )`);

    await q.query(`
      CREATE TABLE committee_member (
        organization_id uuid NOT NULL,
        committee_id uuid NOT NULL,
        account_id uuid NOT NULL,
        position integer NOT NULL DEFAULT 0,
        PRIMARY KEY (committee_id, account_id),
        CONSTRAINT fk_committee_member_committee FOREIGN KEY (organization_id, committee_id)
          REFERENCES committee(organization_id, id) ON DELETE CASCADE,
        -- members are members of the organisation; leaving it leaves the committee
        CONSTRAINT fk_committee_member_membership FOREIGN KEY (organization_id, account_id)
          REFERENCES membership(organization_id, account_id) ON DELETE CASCADE
      )`);

    await q.query(`
      CREATE TABLE upstream_document (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL,
        plan_id uuid NOT NULL,
        level text NOT NULL,
        title jsonb NOT NULL,
        issuer text NOT NULL,
        year integer,
        url text,
        attachment_id uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_upstream_document_org_id UNIQUE (organization_id, id),
        CONSTRAINT fk_upstream_document_plan FOREIGN KEY (organization_id, plan_id)
          REFERENCES plan(organization_id, id) ON DELETE CASCADE,
        CONSTRAINT ck_upstream_document_level CHECK (level IN ('national', 'provincial', 'local'))
      )`);
    await q.query(`CREATE INDEX ix_upstream_document_plan ON upstream_document (plan_id, created_at)`);

    await q.query(`
      CREATE TABLE upstream_direction (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL,
        document_id uuid NOT NULL,
        position integer NOT NULL,
        text text NOT NULL,
        theme_ids uuid[] NOT NULL DEFAULT '{}',
        CONSTRAINT fk_upstream_direction_document FOREIGN KEY (organization_id, document_id)
          REFERENCES upstream_document(organization_id, id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX ix_upstream_direction_document ON upstream_direction (document_id, position)`);

    await q.query(`
      CREATE TABLE audit_entry (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organization(id) ON DELETE CASCADE,
        actor_id uuid REFERENCES account(id) ON DELETE SET NULL,
        action text NOT NULL,
        entity_type text NOT NULL,
        entity_id uuid NOT NULL,
        before jsonb,
        after jsonb,
        created_at timestamptz NOT NULL DEFAULT clock_timestamp()
      )`);
    await q.query(`CREATE INDEX ix_audit_entry_org ON audit_entry (organization_id, created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX ix_audit_entry_entity ON audit_entry (organization_id, entity_type, entity_id, created_at DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE audit_entry`);
    await q.query(`DROP TABLE upstream_direction`);
    await q.query(`DROP TABLE upstream_document`);
    await q.query(`DROP TABLE committee_member`);
    await q.query(`DROP TABLE committee_theme`);
    await q.query(`DROP TABLE committee`);
    await q.query(`DROP TABLE activity`);
    await q.query(`DROP TABLE stage`);
    await q.query(`DROP TABLE plan_revision`);
    await q.query(`DROP TABLE plan_status_change`);
    await q.query(`DROP TABLE plan`);
  }
}
