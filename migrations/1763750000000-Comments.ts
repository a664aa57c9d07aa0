import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Comments on anything commentable (problems now; paragraphs, documents, projects later), their
 * votes, reports and moderation history. The target is (target_type, target_id) without a foreign
 * key: the owning module registers its target type with the comments service.
 */
export class Comments1763750000000 implements MigrationInterface {
  name = 'Comments1763750000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE comment (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organization(id) ON DELETE CASCADE,
        target_type text NOT NULL,
        target_id uuid NOT NULL,
        parent_id uuid,
        -- the top-level comment of the thread (itself at depth 0): replies of a page load in one query
        root_id uuid NOT NULL,
        depth smallint NOT NULL DEFAULT 0,
        author_id uuid REFERENCES account(id) ON DELETE SET NULL,
        author_capacity text,
        body text NOT NULL,
        alignment text,
        upvotes integer NOT NULL DEFAULT 0,
        downvotes integer NOT NULL DEFAULT 0,
        is_official boolean NOT NULL DEFAULT false,
        is_hidden boolean NOT NULL DEFAULT false,
        hidden_reason text,
        hidden_by uuid REFERENCES account(id) ON DELETE SET NULL,
        edited_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_comment_thread UNIQUE (organization_id, target_type, target_id, id),
        -- a reply belongs to the same organisation and target as its parent
        CONSTRAINT fk_comment_parent FOREIGN KEY (organization_id, target_type, target_id, parent_id)
          REFERENCES comment (organization_id, target_type, target_id, id) ON DELETE CASCADE,
        CONSTRAINT fk_comment_root FOREIGN KEY (organization_id, target_type, target_id, root_id)
          REFERENCES comment (organization_id, target_type, target_id, id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
        CONSTRAINT ck_comment_target_type CHECK (target_type IN ('problem', 'paragraph', 'document', 'project')),
        CONSTRAINT ck_comment_depth CHECK (depth BETWEEN 0 AND 2),
        CONSTRAINT ck_comment_top_level CHECK ((depth = 0) = (parent_id IS NULL) AND (depth > 0 OR root_id = id)),
        CONSTRAINT ck_comment_alignment CHECK (alignment IN ('agree', 'disagree', 'neutral')),
        -- the contract allows 5000 characters; normalisation may spell a letter with two code points
        CONSTRAINT ck_comment_body CHECK (char_length(body) BETWEEN 1 AND 6000),
        CONSTRAINT ck_comment_votes CHECK (upvotes >= 0 AND downvotes >= 0),
        CONSTRAINT ck_comment_hidden CHECK (is_hidden = (hidden_reason IS NOT NULL))
      )`);
    await q.query(`
      CREATE INDEX ix_comment_top_level ON comment (organization_id, target_type, target_id, created_at, id)
      WHERE parent_id IS NULL`);
    await q.query(`CREATE INDEX ix_comment_root ON comment (root_id, created_at, id)`);
    await q.query(`CREATE INDEX ix_comment_parent ON comment (parent_id) WHERE parent_id IS NOT NULL`);
    await q.query(`CREATE INDEX ix_comment_newest ON comment (organization_id, created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX ix_comment_author ON comment (author_id)`);

    await q.query(`
      CREATE TABLE comment_vote (
        comment_id uuid NOT NULL REFERENCES comment(id) ON DELETE CASCADE,
        account_id uuid NOT NULL REFERENCES account(id) ON DELETE CASCADE,
        organization_id uuid NOT NULL,
        value smallint NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        -- one vote per person per comment
        CONSTRAINT pk_comment_vote PRIMARY KEY (comment_id, account_id),
        CONSTRAINT ck_comment_vote_value CHECK (value IN (-1, 1))
      )`);
    await q.query(`CREATE INDEX ix_comment_vote_account ON comment_vote (account_id)`);

    await q.query(`
      CREATE TABLE comment_report (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organization(id) ON DELETE CASCADE,
        comment_id uuid NOT NULL REFERENCES comment(id) ON DELETE CASCADE,
        account_id uuid NOT NULL REFERENCES account(id) ON DELETE CASCADE,
        reason text NOT NULL,
        note text,
        created_at timestamptz NOT NULL DEFAULT now(),
        -- one report per person per comment
        CONSTRAINT uq_comment_report UNIQUE (comment_id, account_id),
        CONSTRAINT ck_comment_report_reason CHECK (reason IN ('spam', 'offensive', 'personal_data', 'off_topic', 'illegal', 'other'))
      )`);
    await q.query(`CREATE INDEX ix_comment_report_org ON comment_report (organization_id, created_at DESC)`);

    await q.query(`
      CREATE TABLE comment_moderation (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organization(id) ON DELETE CASCADE,
        comment_id uuid NOT NULL REFERENCES comment(id) ON DELETE CASCADE,
        action text NOT NULL,
        reason text NOT NULL,
        moderator_id uuid REFERENCES account(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT ck_comment_moderation_action CHECK (action IN ('hide', 'restore'))
      )`);
    await q.query(`CREATE INDEX ix_comment_moderation_comment ON comment_moderation (comment_id, created_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE comment_moderation`);
    await q.query(`DROP TABLE comment_report`);
    await q.query(`DROP TABLE comment_vote`);
    await q.query(`DROP TABLE comment`);
  }
}
