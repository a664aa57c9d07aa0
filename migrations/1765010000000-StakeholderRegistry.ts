import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The stakeholder registry on top of `stakeholder` / `stakeholder_account`: expertise themes,
 * districts, contacts (staff only), the per-plan assessment (relation, influence, interest,
 * mandatory, role per stage), a problem's optional stakeholder (filed on its behalf by a linked
 * account), and a read-only view of what linked accounts have contributed (engagement history).
 */
export class StakeholderRegistry1765010000000 implements MigrationInterface {
  name = 'StakeholderRegistry1765010000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE stakeholder_theme (
        organization_id uuid NOT NULL,
        stakeholder_id uuid NOT NULL,
        theme_id uuid NOT NULL,
        CONSTRAINT pk_stakeholder_theme PRIMARY KEY (stakeholder_id, theme_id),
        CONSTRAINT fk_stakeholder_theme_stakeholder FOREIGN KEY (organization_id, stakeholder_id)
          REFERENCES stakeholder(organization_id, id) ON DELETE CASCADE,
        CONSTRAINT fk_stakeholder_theme_theme FOREIGN KEY (organization_id, theme_id)
          REFERENCES theme(organization_id, id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX ix_stakeholder_theme_theme ON stakeholder_theme (organization_id, theme_id)`);
    await q.query(`
      CREATE TABLE stakeholder_district (
        organization_id uuid NOT NULL,
        stakeholder_id uuid NOT NULL,
        district_id uuid NOT NULL,
        CONSTRAINT pk_stakeholder_district PRIMARY KEY (stakeholder_id, district_id),
        CONSTRAINT fk_stakeholder_district_stakeholder FOREIGN KEY (organization_id, stakeholder_id)
          REFERENCES stakeholder(organization_id, id) ON DELETE CASCADE,
        CONSTRAINT fk_stakeholder_district_district FOREIGN KEY (organization_id, district_id)
          REFERENCES district(organization_id, id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX ix_stakeholder_district_district ON stakeholder_district (organization_id, district_id)`);
    // Contacts are personal data: only staff (planners, admins) read them, never an export for others.
    await q.query(`
      CREATE TABLE stakeholder_contact (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL,
        stakeholder_id uuid NOT NULL,
        name text NOT NULL,
        role text,
        phone text,
        email text,
        note text,
        created_by uuid REFERENCES account(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT fk_stakeholder_contact_stakeholder FOREIGN KEY (organization_id, stakeholder_id)
          REFERENCES stakeholder(organization_id, id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX ix_stakeholder_contact_stakeholder ON stakeholder_contact (stakeholder_id, created_at)`);
    await q.query(`
      CREATE TABLE stakeholder_assessment (
        organization_id uuid NOT NULL,
        stakeholder_id uuid NOT NULL,
        plan_id uuid NOT NULL,
        relation text NOT NULL,
        influence smallint NOT NULL,
        interest smallint NOT NULL,
        is_mandatory boolean NOT NULL DEFAULT false,
        updated_by uuid REFERENCES account(id) ON DELETE SET NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_stakeholder_assessment PRIMARY KEY (stakeholder_id, plan_id),
        CONSTRAINT fk_stakeholder_assessment_stakeholder FOREIGN KEY (organization_id, stakeholder_id)
          REFERENCES stakeholder(organization_id, id) ON DELETE CASCADE,
        CONSTRAINT fk_stakeholder_assessment_plan FOREIGN KEY (organization_id, plan_id)
          REFERENCES plan(organization_id, id) ON DELETE CASCADE,
        CONSTRAINT ck_stakeholder_assessment_relation CHECK (relation IN ('beneficiary', 'relevant', 'influential')),
        CONSTRAINT ck_stakeholder_assessment_influence CHECK (influence BETWEEN 1 AND 5),
        CONSTRAINT ck_stakeholder_assessment_interest CHECK (interest BETWEEN 1 AND 5)
      )`);
    await q.query(`CREATE INDEX ix_stakeholder_assessment_plan ON stakeholder_assessment (organization_id, plan_id)`);
    // The role a stakeholder plays in one stage of a plan it is assessed for.
    await q.query(`
      CREATE TABLE stakeholder_stage_role (
        organization_id uuid NOT NULL,
        stakeholder_id uuid NOT NULL,
        plan_id uuid NOT NULL,
        stage_id uuid NOT NULL,
        role text NOT NULL,
        CONSTRAINT pk_stakeholder_stage_role PRIMARY KEY (stakeholder_id, stage_id),
        CONSTRAINT fk_stakeholder_stage_role_assessment FOREIGN KEY (stakeholder_id, plan_id)
          REFERENCES stakeholder_assessment(stakeholder_id, plan_id) ON DELETE CASCADE,
        CONSTRAINT fk_stakeholder_stage_role_stage FOREIGN KEY (organization_id, stage_id)
          REFERENCES stage(organization_id, id) ON DELETE CASCADE
      )`);

    // A problem filed on behalf of a registered stakeholder (by one of its linked accounts).
    await q.query(`ALTER TABLE problem ADD COLUMN stakeholder_id uuid`);
    await q.query(`
      ALTER TABLE problem ADD CONSTRAINT fk_problem_stakeholder FOREIGN KEY (organization_id, stakeholder_id)
        REFERENCES stakeholder(organization_id, id) ON DELETE SET NULL (stakeholder_id)`);
    await q.query(`CREATE INDEX ix_problem_stakeholder ON problem (organization_id, stakeholder_id) WHERE stakeholder_id IS NOT NULL`);
    await q.query(`CREATE INDEX ix_stakeholder_account_org_stakeholder ON stakeholder_account (organization_id, stakeholder_id)`);

    // What a stakeholder has contributed: problems filed for it or by its linked accounts, their
    // comments and submitted survey responses, each with the plan and stage it belongs to when
    // known. Hidden items are left out. Sessions attended come from the think-tank module, through
    // StakeholderEngagementSources, not from here.
    await q.query(`
      CREATE VIEW stakeholder_engagement AS
      SELECT p.organization_id, s.stakeholder_id, 'problem'::text AS source, p.id AS item_id, p.plan_id, p.stage_id,
             p.author_id AS account_id, p.title AS summary, p.created_at AS occurred_at
        FROM problem p
        JOIN LATERAL (
          SELECT p.stakeholder_id WHERE p.stakeholder_id IS NOT NULL
          UNION
          SELECT sa.stakeholder_id FROM stakeholder_account sa
           WHERE sa.organization_id = p.organization_id AND sa.account_id = p.author_id
        ) s ON true
       WHERE NOT p.is_hidden
      UNION ALL
      SELECT c.organization_id, sa.stakeholder_id, 'comment', c.id, coalesce(pp.plan_id, ca.plan_id), coalesce(pp.stage_id, ca.stage_id),
             c.author_id, left(c.body, 200), c.created_at
        FROM comment c
        JOIN stakeholder_account sa ON sa.organization_id = c.organization_id AND sa.account_id = c.author_id
        LEFT JOIN problem pp ON c.target_type = 'problem' AND pp.id = c.target_id
        LEFT JOIN consultation_block cb ON c.target_type = 'paragraph' AND cb.id = c.target_id
        LEFT JOIN consultation_edition ce ON ce.id = CASE WHEN c.target_type = 'document' THEN c.target_id ELSE cb.edition_id END
        LEFT JOIN activity ca ON ca.id = ce.activity_id
       WHERE NOT c.is_hidden
      UNION ALL
      SELECT r.organization_id, sa.stakeholder_id, 'survey_response', r.id, a.plan_id, a.stage_id,
             r.account_id, a.title ->> 'fa', r.submitted_at
        FROM survey_response r
        JOIN stakeholder_account sa ON sa.organization_id = r.organization_id AND sa.account_id = r.account_id
        JOIN survey sv ON sv.id = r.survey_id
        JOIN activity a ON a.id = sv.activity_id
       WHERE r.status = 'submitted'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP VIEW stakeholder_engagement`);
    await q.query(`DROP INDEX ix_stakeholder_account_org_stakeholder`);
    await q.query(`DROP INDEX ix_problem_stakeholder`);
    await q.query(`ALTER TABLE problem DROP CONSTRAINT fk_problem_stakeholder`);
    await q.query(`ALTER TABLE problem DROP COLUMN stakeholder_id`);
    await q.query(`DROP TABLE stakeholder_stage_role`);
    await q.query(`DROP TABLE stakeholder_assessment`);
    await q.query(`DROP TABLE stakeholder_contact`);
    await q.query(`DROP TABLE stakeholder_district`);
    await q.query(`DROP TABLE stakeholder_theme`);
  }
}
