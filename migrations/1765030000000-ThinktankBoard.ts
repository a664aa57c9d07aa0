import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The live board of a think-tank session: statements (ids made by the client, so a retried post
 * is the same row), up-votes, clusters, quick polls, opinion votes (agree/disagree/pass) and the
 * stored opinion groups. Every table carries `organization_id` and refers to its session through
 * (organization_id, session_id), so a row can never point into another municipality.
 */
export class ThinktankBoard1765030000000 implements MigrationInterface {
  name = 'ThinktankBoard1765030000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await q.query(`
      CREATE TABLE thinktank_cluster (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL,
        session_id uuid NOT NULL,
        label text NOT NULL,
        position integer NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_thinktank_cluster_session_id UNIQUE (session_id, id),
        CONSTRAINT fk_thinktank_cluster_session FOREIGN KEY (organization_id, session_id)
          REFERENCES thinktank_session(organization_id, id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX ix_thinktank_cluster_session ON thinktank_cluster (session_id, position)`);

    await q.query(`
      CREATE TABLE thinktank_statement (
        -- made by the client: a post retried after a dropped connection carries the same id
        id uuid PRIMARY KEY,
        organization_id uuid NOT NULL,
        session_id uuid NOT NULL,
        author_id uuid REFERENCES account(id) ON DELETE SET NULL,
        text text NOT NULL,
        -- Persian-normalised text (normalizeForSearch): suggested groups by trigram similarity
        text_key text NOT NULL,
        cluster_id uuid,
        is_pinned boolean NOT NULL DEFAULT false,
        is_hidden boolean NOT NULL DEFAULT false,
        upvote_count integer NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_thinktank_statement_session_id UNIQUE (session_id, id),
        CONSTRAINT fk_thinktank_statement_session FOREIGN KEY (organization_id, session_id)
          REFERENCES thinktank_session(organization_id, id) ON DELETE CASCADE,
        CONSTRAINT fk_thinktank_statement_cluster FOREIGN KEY (session_id, cluster_id)
          REFERENCES thinktank_cluster(session_id, id) ON DELETE SET NULL (cluster_id),
        CONSTRAINT ck_thinktank_statement_upvotes CHECK (upvote_count >= 0)
      )`);
    await q.query(`CREATE INDEX ix_thinktank_statement_session ON thinktank_statement (session_id, created_at, id)`);
    // The per-person posting rate is counted from here.
    await q.query(`CREATE INDEX ix_thinktank_statement_author ON thinktank_statement (session_id, author_id, created_at)`);
    await q.query(`CREATE INDEX ix_thinktank_statement_trgm ON thinktank_statement USING gin (text_key gin_trgm_ops)`);

    await q.query(`
      CREATE TABLE thinktank_statement_upvote (
        statement_id uuid NOT NULL REFERENCES thinktank_statement(id) ON DELETE CASCADE,
        account_id uuid NOT NULL REFERENCES account(id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_thinktank_statement_upvote PRIMARY KEY (statement_id, account_id)
      )`);

    await q.query(`
      CREATE TABLE thinktank_opinion_vote (
        organization_id uuid NOT NULL,
        session_id uuid NOT NULL,
        statement_id uuid NOT NULL,
        account_id uuid NOT NULL REFERENCES account(id) ON DELETE CASCADE,
        -- +1 agree, -1 disagree, 0 pass
        vote smallint NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_thinktank_opinion_vote PRIMARY KEY (statement_id, account_id),
        CONSTRAINT fk_thinktank_opinion_vote_statement FOREIGN KEY (session_id, statement_id)
          REFERENCES thinktank_statement(session_id, id) ON DELETE CASCADE,
        CONSTRAINT fk_thinktank_opinion_vote_session FOREIGN KEY (organization_id, session_id)
          REFERENCES thinktank_session(organization_id, id) ON DELETE CASCADE,
        CONSTRAINT ck_thinktank_opinion_vote CHECK (vote IN (-1, 0, 1))
      )`);
    await q.query(`CREATE INDEX ix_thinktank_opinion_vote_session ON thinktank_opinion_vote (session_id, account_id)`);

    await q.query(`
      CREATE TABLE thinktank_poll (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL,
        session_id uuid NOT NULL,
        question text NOT NULL,
        options jsonb NOT NULL,
        closes_at timestamptz NOT NULL,
        closed_at timestamptz,
        created_by uuid REFERENCES account(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_thinktank_poll_session_id UNIQUE (session_id, id),
        CONSTRAINT fk_thinktank_poll_session FOREIGN KEY (organization_id, session_id)
          REFERENCES thinktank_session(organization_id, id) ON DELETE CASCADE,
        CONSTRAINT ck_thinktank_poll_options CHECK (jsonb_typeof(options) = 'array' AND jsonb_array_length(options) BETWEEN 2 AND 8)
      )`);
    await q.query(`CREATE INDEX ix_thinktank_poll_session ON thinktank_poll (session_id, created_at)`);
    await q.query(`
      CREATE TABLE thinktank_poll_answer (
        poll_id uuid NOT NULL REFERENCES thinktank_poll(id) ON DELETE CASCADE,
        account_id uuid NOT NULL REFERENCES account(id) ON DELETE CASCADE,
        option_index smallint NOT NULL,
        answered_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_thinktank_poll_answer PRIMARY KEY (poll_id, account_id),
        CONSTRAINT ck_thinktank_poll_answer_option CHECK (option_index BETWEEN 0 AND 7)
      )`);

    await q.query(`
      CREATE TABLE thinktank_opinion_result (
        session_id uuid PRIMARY KEY,
        organization_id uuid NOT NULL,
        -- set when a computation is queued (debounce: at most one queued per session)
        queued_at timestamptz,
        computed_at timestamptz,
        -- what the board shows (TOpinionGroups)
        result jsonb,
        -- account id → group label, so each person can be told their own group
        member_groups jsonb,
        -- the previous groups' labels, centres and components (by statement id): stable recomputations
        basis jsonb,
        CONSTRAINT fk_thinktank_opinion_result_session FOREIGN KEY (organization_id, session_id)
          REFERENCES thinktank_session(organization_id, id) ON DELETE CASCADE
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE thinktank_opinion_result`);
    await q.query(`DROP TABLE thinktank_poll_answer`);
    await q.query(`DROP TABLE thinktank_poll`);
    await q.query(`DROP TABLE thinktank_opinion_vote`);
    await q.query(`DROP TABLE thinktank_statement_upvote`);
    await q.query(`DROP TABLE thinktank_statement`);
    await q.query(`DROP TABLE thinktank_cluster`);
  }
}
