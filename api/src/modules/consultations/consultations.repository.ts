import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { ALIGNMENTS, AMENDMENT_STATUSES } from '@hamandishi/contracts';
import { returningRows } from '../../database/returning-rows';
import type { BlockContent, EditionBlock } from './editions/edition-blocks';

/** A connection or a transaction's manager. */
export type Queryable = Pick<EntityManager, 'query'> | Pick<DataSource, 'query'>;

/** An edition as the rules need it. */
export type EditionRow = {
  id: string;
  activityId: string;
  number: number;
  title: string;
  changeSummary: string | null;
  status: 'draft' | 'published';
  source: 'editor' | 'docx';
  blockCount: number;
  commentCount: number;
  publishedAt: Date | null;
};

/** An edition in the list, with all its comments counted (document and blocks). */
export type EditionListRow = EditionRow & { totalComments: number };

/** A section of an edition. */
export type SectionRow = {
  id: string;
  anchor: string;
  heading: string | null;
  level: number;
  position: number;
  committeeId: string | null;
};

/** A comment found by a planner's search, with the paragraph it belongs to. */
export type CommentSearchRow = {
  id: string;
  parentId: string | null;
  targetType: 'paragraph' | 'document';
  editionNumber: number;
  /** The block it was written on (null for the document), its anchor and text. */
  blockId: string | null;
  blockAnchor: string | null;
  blockText: string | null;
  body: string;
  capacity: string | null;
  alignment: (typeof ALIGNMENTS)[number] | null;
  outcome: 'incorporated' | 'not_incorporated' | null;
  createdAt: Date;
  /** created_at to the microsecond, for the next page's cursor. */
  cursorAt: string;
};

/** A block as the reading view shows it, with its earlier versions. */
export type BlockRow = {
  id: string;
  sectionId: string;
  position: number;
  anchor: string;
  kind: EditionBlock['kind'];
  text: string;
  content: BlockContent;
  lineageId: string;
  change: 'new' | 'modified' | 'unchanged' | null;
  commentCount: number;
  amendmentCount: number;
  earlier: { id: string; editionNumber: number; commentCount: number }[];
};

/** A block of a published edition without its counts: what never changes once it is published. */
export type BlockShapeRow = Omit<BlockRow, 'commentCount' | 'amendmentCount' | 'earlier'> & {
  earlier: { id: string; editionNumber: number }[];
};

/** A block to be stored: ids chosen by the caller so lineages can point at themselves. */
export type NewBlock = EditionBlock & {
  id: string;
  anchor: string;
  lineageId: string;
  previousBlockId: string | null;
  change: 'new' | 'modified' | 'unchanged' | null;
};

/** What commenting on a block needs to know. */
export type BlockTargetRow = {
  blockId: string;
  text: string;
  anchor: string;
  lineageId: string;
  editionId: string;
  editionNumber: number;
  editionStatus: 'draft' | 'published';
  activityId: string;
  isLatest: boolean;
};

/** What commenting on an edition as a whole needs to know. */
export type EditionTargetRow = {
  editionId: string;
  editionNumber: number;
  editionStatus: 'draft' | 'published';
  activityId: string;
  isLatest: boolean;
};

/** An amendment as shown to one viewer. */
export type AmendmentRow = {
  id: string;
  blockId: string;
  authorId: string | null;
  authorName: string | null;
  passageStart: number | null;
  passageEnd: number | null;
  passageQuote: string | null;
  proposedText: string;
  reason: string | null;
  supportCount: number;
  supportedByMe: boolean;
  status: (typeof AMENDMENT_STATUSES)[number];
  createdAt: Date;
};

/** An unanswered comment, listed in the report: on its current paragraph, or its own if that was removed. */
export type ReportCommentRow = {
  id: string;
  /** The paragraph of the reported edition the thread lives on; null for the document or a removed paragraph. */
  blockId: string | null;
  /** The block it was written on, when that paragraph was removed later (its text is quoted). */
  droppedBlockText: string | null;
  editionNumber: number;
  body: string;
  capacity: string | null;
  alignment: (typeof ALIGNMENTS)[number] | null;
  createdAt: Date;
};

/**
 * How many comments share a current paragraph, the edition they were made on, level, alignment,
 * capacity, outcome and answer. `blockId` is the paragraph of the reported edition the comment's
 * thread follows (by lineage); null with `isDropped` for a paragraph later editions removed, null
 * without it for comments on an edition as a whole.
 */
export type ReportCountRow = {
  blockId: string | null;
  isDropped: boolean;
  editionNumber: number;
  isTopLevel: boolean;
  alignment: (typeof ALIGNMENTS)[number] | null;
  capacity: string | null;
  outcome: 'incorporated' | 'not_incorporated' | null;
  answered: boolean;
  n: number;
};

/** Amendments counted per current paragraph (null: a paragraph later editions removed) and edition. */
export type ReportAmendmentCountRow = { blockId: string | null; editionNumber: number; n: number };

// What the report of edition $2 counts: the published editions of its consultation up to it (and
// it, if a planner looks at the draft), every block of those with the paragraph of edition $2 it
// lives on as (same lineage), and the edition targets of comments on a document as a whole.
// Comments stay on the block they were made on, so without following lineage a new edition would
// start the report from zero while its carried threads and their outcomes went on elsewhere.
const REPORT_TARGETS = `
  WITH shown AS (
    SELECT id, number, activity_id FROM consultation_edition WHERE organization_id = $1 AND id = $2
  ), editions AS (
    SELECT e.id, e.number FROM consultation_edition e JOIN shown s ON e.activity_id = s.activity_id
    WHERE e.organization_id = $1 AND e.number <= s.number AND (e.status = 'published' OR e.id = s.id)
  ), current_blocks AS (
    -- one block per lineage (an edition holds a paragraph once; DISTINCT ON guards the count)
    SELECT DISTINCT ON (lineage_id) id, lineage_id FROM consultation_block
    WHERE organization_id = $1 AND edition_id = $2 ORDER BY lineage_id, position
  ), targets AS (
    SELECT 'paragraph'::text AS target_type, b.id AS target_id, e.number AS edition_number,
           cur.id AS block_id, cur.id IS NULL AS is_dropped, b.id AS original_block_id
    FROM consultation_block b JOIN editions e ON e.id = b.edition_id
    LEFT JOIN current_blocks cur ON cur.lineage_id = b.lineage_id
    WHERE b.organization_id = $1
    UNION ALL
    SELECT 'document', e.id, e.number, NULL::uuid, false, NULL::uuid FROM editions e
  )`;

// The visible comments of those targets and the threads with an official reply.
const REPORT_COMMENTS = `${REPORT_TARGETS}, visible AS (
    SELECT c.id, c.root_id, c.parent_id, c.author_capacity, c.alignment, c.outcome, c.is_official,
           t.block_id, t.is_dropped, t.edition_number
    FROM targets t
    JOIN comment c ON c.organization_id = $1 AND c.target_type = t.target_type AND c.target_id = t.target_id
    WHERE NOT c.is_hidden
  ), officially_answered AS (
    SELECT DISTINCT root_id FROM visible WHERE is_official AND parent_id IS NOT NULL
  )`;

const EDITION_COLUMNS = `e.id, e.activity_id AS "activityId", e.number, e.title, e.change_summary AS "changeSummary", e.status, e.source,
  e.block_count AS "blockCount", e.comment_count AS "commentCount", e.published_at AS "publishedAt"`;

/** Purpose-named queries over editions, sections, blocks and amendments. Every query names its organisation. */
@Injectable()
export class ConsultationsRepository {
  constructor(@InjectDataSource() readonly db: DataSource) {}

  // ---- editions ------------------------------------------------------------------------------

  /** The activity's editions, oldest first, with every comment on each counted; drafts only when asked. */
  editions(
    organizationId: string,
    activityId: string,
    withDraft: boolean,
    q: Queryable = this.db,
  ): Promise<EditionListRow[]> {
    return q.query(
      `SELECT ${EDITION_COLUMNS},
              (e.comment_count + coalesce((SELECT sum(b.comment_count) FROM consultation_block b WHERE b.edition_id = e.id), 0))::int AS "totalComments"
       FROM consultation_edition e
       WHERE e.organization_id = $1 AND e.activity_id = $2 AND ($3 OR e.status = 'published')
       ORDER BY e.number`,
      [organizationId, activityId, withDraft],
    );
  }

  async edition(
    q: Queryable,
    organizationId: string,
    activityId: string,
    number: number,
    lock = false,
  ): Promise<EditionRow | null> {
    const [row] = await q.query(
      `SELECT ${EDITION_COLUMNS} FROM consultation_edition e WHERE e.organization_id = $1 AND e.activity_id = $2 AND e.number = $3
       ${lock ? 'FOR UPDATE' : ''}`,
      [organizationId, activityId, number],
    );
    return row ?? null;
  }

  /** Which of these activities have at least one published edition. */
  async activitiesWithPublishedEdition(organizationId: string, activityIds: string[]): Promise<string[]> {
    const rows: { activityId: string }[] = await this.db.query(
      `SELECT DISTINCT e.activity_id AS "activityId" FROM consultation_edition e
       WHERE e.organization_id = $1 AND e.activity_id = ANY($2) AND e.status = 'published'`,
      [organizationId, activityIds],
    );
    return rows.map((r) => r.activityId);
  }

  async latestPublished(q: Queryable, organizationId: string, activityId: string): Promise<EditionRow | null> {
    const [row] = await q.query(
      `SELECT ${EDITION_COLUMNS} FROM consultation_edition e
       WHERE e.organization_id = $1 AND e.activity_id = $2 AND e.status = 'published' ORDER BY e.number DESC LIMIT 1`,
      [organizationId, activityId],
    );
    return row ?? null;
  }

  async draft(q: Queryable, organizationId: string, activityId: string): Promise<EditionRow | null> {
    const [row] = await q.query(
      `SELECT ${EDITION_COLUMNS} FROM consultation_edition e WHERE e.organization_id = $1 AND e.activity_id = $2 AND e.status = 'draft' FOR UPDATE`,
      [organizationId, activityId],
    );
    return row ?? null;
  }

  /** Creates the draft numbered after the last edition: its id and number, or null when a draft already exists. */
  async insertDraft(
    q: Queryable,
    row: {
      organizationId: string;
      activityId: string;
      title: string;
      changeSummary: string | null;
      source: 'editor' | 'docx';
      sourceAttachmentId: string | null;
      createdBy: string;
    },
  ): Promise<{ id: string; number: number } | null> {
    // Serialises drafts of one activity: the unique index would also refuse a second one.
    await q.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 7))`, [row.activityId]);
    const rows = await q.query(
      `INSERT INTO consultation_edition (organization_id, activity_id, number, title, change_summary, source, source_attachment_id, created_by)
       SELECT $1, $2, coalesce(max(number), 0) + 1, $3, $4, $5, $6, $7 FROM consultation_edition WHERE activity_id = $2
       ON CONFLICT (activity_id) WHERE status = 'draft' DO NOTHING
       RETURNING id, number`,
      [
        row.organizationId,
        row.activityId,
        row.title,
        row.changeSummary,
        row.source,
        row.sourceAttachmentId,
        row.createdBy,
      ],
    );
    return rows[0] ?? null;
  }

  async updateDraft(
    q: Queryable,
    organizationId: string,
    editionId: string,
    title: string,
    changeSummary: string | null,
  ): Promise<void> {
    await q.query(
      `UPDATE consultation_edition SET title = $3, change_summary = $4, updated_at = now() WHERE organization_id = $1 AND id = $2 AND status = 'draft'`,
      [organizationId, editionId, title, changeSummary],
    );
  }

  async deleteDraft(q: Queryable, organizationId: string, editionId: string): Promise<boolean> {
    const rows = returningRows<{ id: string }>(
      await q.query(
        `DELETE FROM consultation_edition WHERE organization_id = $1 AND id = $2 AND status = 'draft' RETURNING id`,
        [organizationId, editionId],
      ),
    );
    return rows.length === 1;
  }

  async publish(q: Queryable, organizationId: string, editionId: string, accountId: string): Promise<void> {
    await q.query(
      `UPDATE consultation_edition SET status = 'published', published_at = now(), published_by = $3, updated_at = now()
       WHERE organization_id = $1 AND id = $2 AND status = 'draft'`,
      [organizationId, editionId, accountId],
    );
  }

  /**
   * Replaces an edition's sections and blocks (a draft being saved) in four statements. Each section
   * keeps its committee: the one the draft's section of the same anchor had, else the previous
   * published edition's section of the same anchor, else the one most of its paragraphs came from.
   */
  async replaceContent(
    q: Queryable,
    organizationId: string,
    editionId: string,
    sections: { id: string; anchor: string; heading: string | null; level: number; blocks: NewBlock[] }[],
  ): Promise<void> {
    const removed = returningRows<{ anchor: string; committeeId: string | null }>(
      await q.query(
        `DELETE FROM consultation_section WHERE organization_id = $1 AND edition_id = $2 RETURNING anchor, committee_id AS "committeeId"`,
        [organizationId, editionId],
      ),
    );
    const committeeOf = new Map(removed.filter((r) => r.committeeId).map((r) => [r.anchor, r.committeeId]));
    await q.query(
      `INSERT INTO consultation_section (id, organization_id, edition_id, position, anchor, heading, level, committee_id)
       SELECT s.id, $1, $2, s.position, s.anchor, s.heading, s.level, s.committee_id
       FROM unnest($3::uuid[], $4::int[], $5::text[], $6::text[], $7::smallint[], $8::uuid[])
         AS s(id, position, anchor, heading, level, committee_id)`,
      [
        organizationId,
        editionId,
        sections.map((s) => s.id),
        sections.map((_, i) => i),
        sections.map((s) => s.anchor),
        sections.map((s) => s.heading),
        sections.map((s) => s.level),
        sections.map((s) => committeeOf.get(s.anchor) ?? null),
      ],
    );
    const blocks = sections.flatMap((s) => s.blocks.map((b) => ({ ...b, sectionId: s.id })));
    await q.query(
      `INSERT INTO consultation_block (id, organization_id, edition_id, section_id, position, anchor, kind, text, content, lineage_id, previous_block_id, change)
       SELECT b.id, $1, $2, b.section_id, b.position, b.anchor, b.kind, b.text, b.content, b.lineage_id, b.previous_block_id, b.change
       FROM unnest($3::uuid[], $4::uuid[], $5::int[], $6::text[], $7::text[], $8::text[], $9::jsonb[], $10::uuid[], $11::uuid[], $12::text[])
         AS b(id, section_id, position, anchor, kind, text, content, lineage_id, previous_block_id, change)`,
      [
        organizationId,
        editionId,
        blocks.map((b) => b.id),
        blocks.map((b) => b.sectionId),
        blocks.map((_, i) => i),
        blocks.map((b) => b.anchor),
        blocks.map((b) => b.kind),
        blocks.map((b) => b.text),
        blocks.map((b) => JSON.stringify(b.content)),
        blocks.map((b) => b.lineageId),
        blocks.map((b) => b.previousBlockId),
        blocks.map((b) => b.change),
      ],
    );
    await q.query(
      `UPDATE consultation_edition SET block_count = $3, updated_at = now() WHERE organization_id = $1 AND id = $2`,
      [organizationId, editionId, blocks.length],
    );
    // Committees follow the sections into the new edition, by heading or by the paragraphs' lineage.
    await q.query(
      `UPDATE consultation_section s SET committee_id = coalesce(
         (SELECT ps.committee_id FROM consultation_section ps JOIN consultation_edition pe ON pe.id = ps.edition_id
          WHERE pe.organization_id = $1 AND pe.activity_id = e.activity_id AND pe.status = 'published' AND pe.number < e.number
            AND ps.anchor = s.anchor AND ps.committee_id IS NOT NULL
          ORDER BY pe.number DESC LIMIT 1),
         (SELECT ps.committee_id FROM consultation_block nb
          JOIN consultation_block pb ON pb.id = nb.previous_block_id
          JOIN consultation_section ps ON ps.id = pb.section_id
          WHERE nb.section_id = s.id AND ps.committee_id IS NOT NULL
          GROUP BY ps.committee_id ORDER BY count(*) DESC, min(nb.position) LIMIT 1))
       FROM consultation_edition e
       WHERE s.organization_id = $1 AND s.edition_id = $2 AND e.id = s.edition_id AND s.committee_id IS NULL`,
      [organizationId, editionId],
    );
  }

  /**
   * Assigns a committee to a section (null clears it), and to the draft's section of the same
   * heading, so the next edition does not lose it. False when the section is not the activity's.
   */
  async setSectionCommittee(
    q: Queryable,
    organizationId: string,
    activityId: string,
    sectionId: string,
    committeeId: string | null,
  ): Promise<boolean> {
    const rows = returningRows<{ id: string }>(
      await q.query(
        `WITH target AS (
           SELECT s.id, s.anchor, e.number FROM consultation_section s JOIN consultation_edition e ON e.id = s.edition_id
           WHERE s.organization_id = $1 AND s.id = $3 AND e.activity_id = $2
         )
         UPDATE consultation_section s SET committee_id = $4
         FROM target t
         WHERE s.organization_id = $1 AND (s.id = t.id OR (s.anchor = t.anchor AND s.edition_id IN (
           SELECT id FROM consultation_edition WHERE organization_id = $1 AND activity_id = $2 AND status = 'draft' AND number > t.number)))
         RETURNING s.id`,
        [organizationId, activityId, sectionId, committeeId],
      ),
    );
    return rows.some((r) => r.id === sectionId);
  }

  sections(q: Queryable, organizationId: string, editionId: string): Promise<SectionRow[]> {
    return q.query(
      `SELECT id, anchor, heading, level, position, committee_id AS "committeeId"
       FROM consultation_section WHERE organization_id = $1 AND edition_id = $2 ORDER BY position`,
      [organizationId, editionId],
    );
  }

  /**
   * The blocks of an edition in reading order, each with the same paragraph's versions in earlier
   * published editions (newest first) and their comment counts: one query, whatever the size.
   */
  blocks(q: Queryable, organizationId: string, editionId: string): Promise<BlockRow[]> {
    return q.query(blocksSql(true), [organizationId, editionId]);
  }

  /**
   * What never changes in a published edition: its blocks in reading order, each with the ids and
   * edition numbers of the same paragraph's versions in earlier published editions (newest first).
   * Counts are read apart (blockCounts), so this can be kept for the life of the process.
   */
  blockShapes(q: Queryable, organizationId: string, editionId: string): Promise<BlockShapeRow[]> {
    return q.query(blocksSql(false), [organizationId, editionId]);
  }

  /**
   * The kept comment and amendment counts of every block of these editions, as three parallel
   * arrays in one row: a few hundred integers per edition through ix_consultation_block_edition.
   */
  async blockCounts(
    q: Queryable,
    organizationId: string,
    editionIds: string[],
  ): Promise<{ ids: string[]; comments: number[]; amendments: number[] }> {
    const [row] = await q.query(
      `SELECT coalesce(array_agg(id), '{}') AS ids, coalesce(array_agg(comment_count), '{}') AS comments,
              coalesce(array_agg(amendment_count), '{}') AS amendments
       FROM consultation_block WHERE organization_id = $1 AND edition_id = ANY($2::uuid[])`,
      [organizationId, editionIds],
    );
    return row;
  }

  /**
   * The consultation's change version: the sum of the change counters that triggers keep on its
   * published editions and their blocks (migration ConsultationChangeCounts). Every committed change
   * a published edition's report shows adds one, and nothing ever takes one away (published editions
   * are never deleted; a draft, which may be, is left out), so a report computed in the same
   * snapshot is current while this sum holds.
   */
  async changeVersion(q: Queryable, organizationId: string, activityId: string): Promise<string> {
    const [row] = await q.query(
      `SELECT (coalesce(sum(e.change_count), 0) + coalesce(sum(b.total), 0))::text AS version
       FROM consultation_edition e
       CROSS JOIN LATERAL (SELECT sum(change_count) AS total FROM consultation_block WHERE edition_id = e.id) b
       WHERE e.organization_id = $1 AND e.activity_id = $2 AND e.status = 'published'`,
      [organizationId, activityId],
    );
    return row.version;
  }

  // ---- comment targets -----------------------------------------------------------------------

  async blockTarget(organizationId: string, blockId: string): Promise<BlockTargetRow | null> {
    const [row] = await this.db.query(
      `SELECT b.id AS "blockId", b.text, b.anchor, b.lineage_id AS "lineageId", e.id AS "editionId", e.number AS "editionNumber",
              e.status AS "editionStatus", e.activity_id AS "activityId",
              NOT EXISTS (SELECT 1 FROM consultation_edition later
                          WHERE later.activity_id = e.activity_id AND later.status = 'published' AND later.number > e.number) AS "isLatest"
       FROM consultation_block b JOIN consultation_edition e ON e.id = b.edition_id
       WHERE b.organization_id = $1 AND b.id = $2`,
      [organizationId, blockId],
    );
    return row ?? null;
  }

  async editionTarget(organizationId: string, editionId: string): Promise<EditionTargetRow | null> {
    const [row] = await this.db.query(
      `SELECT e.id AS "editionId", e.number AS "editionNumber", e.status AS "editionStatus", e.activity_id AS "activityId",
              NOT EXISTS (SELECT 1 FROM consultation_edition later
                          WHERE later.activity_id = e.activity_id AND later.status = 'published' AND later.number > e.number) AS "isLatest"
       FROM consultation_edition e WHERE e.organization_id = $1 AND e.id = $2`,
      [organizationId, editionId],
    );
    return row ?? null;
  }

  /** The newest published version of a paragraph (for links to it), or null when it was dropped. */
  async latestVersionOf(organizationId: string, lineageId: string): Promise<{ number: number; anchor: string } | null> {
    const [row] = await this.db.query(
      `SELECT e.number, b.anchor FROM consultation_block b JOIN consultation_edition e ON e.id = b.edition_id
       WHERE b.organization_id = $1 AND b.lineage_id = $2 AND e.status = 'published' ORDER BY e.number DESC LIMIT 1`,
      [organizationId, lineageId],
    );
    return row ?? null;
  }

  async addToBlockComments(q: Queryable, organizationId: string, blockId: string, delta: number): Promise<void> {
    await q.query(
      `UPDATE consultation_block SET comment_count = comment_count + $3 WHERE organization_id = $1 AND id = $2`,
      [organizationId, blockId, delta],
    );
  }

  async addToEditionComments(q: Queryable, organizationId: string, editionId: string, delta: number): Promise<void> {
    await q.query(
      `UPDATE consultation_edition SET comment_count = comment_count + $3 WHERE organization_id = $1 AND id = $2`,
      [organizationId, editionId, delta],
    );
  }

  /** Everyone who commented on or proposed amendments to the activity's published editions before `number`. */
  async earlierParticipants(organizationId: string, activityId: string, number: number): Promise<string[]> {
    const rows: { accountId: string }[] = await this.db.query(
      `WITH editions AS (
         SELECT id FROM consultation_edition WHERE organization_id = $1 AND activity_id = $2 AND status = 'published' AND number < $3
       ), blocks AS (
         SELECT b.id FROM consultation_block b JOIN editions e ON e.id = b.edition_id
       )
       SELECT DISTINCT author_id AS "accountId" FROM (
         SELECT c.author_id FROM comment c JOIN blocks b ON c.target_id = b.id
         WHERE c.organization_id = $1 AND c.target_type = 'paragraph' AND NOT c.is_hidden
         UNION ALL
         SELECT c.author_id FROM comment c JOIN editions e ON c.target_id = e.id
         WHERE c.organization_id = $1 AND c.target_type = 'document' AND NOT c.is_hidden
         UNION ALL
         SELECT a.author_id FROM amendment a JOIN blocks b ON a.block_id = b.id WHERE a.organization_id = $1
       ) x WHERE author_id IS NOT NULL`,
      [organizationId, activityId, number],
    );
    return rows.map((r) => r.accountId);
  }

  async organizationSlug(organizationId: string): Promise<string> {
    const [row] = await this.db.query(`SELECT slug FROM organization WHERE id = $1`, [organizationId]);
    return row.slug;
  }

  // ---- amendments ----------------------------------------------------------------------------

  private amendmentSelect(viewer: string) {
    return `SELECT a.id, a.block_id AS "blockId", a.author_id AS "authorId", acc.display_name AS "authorName",
                   a.passage_start AS "passageStart", a.passage_end AS "passageEnd", a.passage_quote AS "passageQuote",
                   a.proposed_text AS "proposedText", a.reason, a.support_count AS "supportCount", a.status, a.created_at AS "createdAt",
                   EXISTS (SELECT 1 FROM amendment_support s WHERE s.amendment_id = a.id AND s.account_id = ${viewer}::uuid) AS "supportedByMe"
            FROM amendment a LEFT JOIN account acc ON acc.id = a.author_id`;
  }

  amendments(organizationId: string, blockId: string, viewerId: string | null): Promise<AmendmentRow[]> {
    return this.db.query(
      `${this.amendmentSelect('$3')} WHERE a.organization_id = $1 AND a.block_id = $2 ORDER BY a.support_count DESC, a.created_at ASC LIMIT 200`,
      [organizationId, blockId, viewerId],
    );
  }

  async amendment(
    q: Queryable,
    organizationId: string,
    amendmentId: string,
    viewerId: string | null,
  ): Promise<AmendmentRow | null> {
    const [row] = await q.query(`${this.amendmentSelect('$3')} WHERE a.organization_id = $1 AND a.id = $2`, [
      organizationId,
      amendmentId,
      viewerId,
    ]);
    return row ?? null;
  }

  async insertAmendment(
    q: Queryable,
    row: {
      organizationId: string;
      blockId: string;
      authorId: string;
      passage: { start: number; end: number; quote: string } | null;
      proposedText: string;
      reason: string | null;
    },
  ): Promise<string> {
    const [inserted] = await q.query(
      `INSERT INTO amendment (organization_id, block_id, author_id, passage_start, passage_end, passage_quote, proposed_text, reason)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
      [
        row.organizationId,
        row.blockId,
        row.authorId,
        row.passage?.start ?? null,
        row.passage?.end ?? null,
        row.passage?.quote ?? null,
        row.proposedText,
        row.reason,
      ],
    );
    await q.query(
      `UPDATE consultation_block SET amendment_count = amendment_count + 1 WHERE organization_id = $1 AND id = $2`,
      [row.organizationId, row.blockId],
    );
    return inserted.id;
  }

  /** Adds or withdraws one person's support; the counter moves only when the support row did. */
  async setSupport(
    q: Queryable,
    organizationId: string,
    amendmentId: string,
    accountId: string,
    supported: boolean,
  ): Promise<void> {
    const statement = supported
      ? `WITH changed AS (INSERT INTO amendment_support (amendment_id, account_id, organization_id) VALUES ($2, $3, $1)
                          ON CONFLICT DO NOTHING RETURNING 1)
         UPDATE amendment SET support_count = support_count + (SELECT count(*) FROM changed)::int WHERE organization_id = $1 AND id = $2`
      : `WITH changed AS (DELETE FROM amendment_support WHERE amendment_id = $2 AND account_id = $3 RETURNING 1)
         UPDATE amendment SET support_count = support_count - (SELECT count(*) FROM changed)::int WHERE organization_id = $1 AND id = $2`;
    await q.query(statement, [organizationId, amendmentId, accountId]);
  }

  async setAmendmentStatus(
    q: Queryable,
    organizationId: string,
    amendmentId: string,
    status: string,
    reason: string | null,
  ): Promise<void> {
    await q.query(`UPDATE amendment SET status = $3, status_reason = $4 WHERE organization_id = $1 AND id = $2`, [
      organizationId,
      amendmentId,
      status,
      reason,
    ]);
  }

  // ---- report --------------------------------------------------------------------------------

  /**
   * The visible comments on edition $2's consultation up to it, counted in SQL by current
   * paragraph (following lineage), edition, level, alignment, capacity, outcome and whether they
   * were answered: a few hundred rows for tens of thousands of comments, one statement whatever
   * the document's size. Official replies are found in one pass, not per comment.
   */
  reportCounts(organizationId: string, editionId: string, q: Queryable = this.db): Promise<ReportCountRow[]> {
    return q.query(
      `${REPORT_COMMENTS}
       SELECT v.block_id AS "blockId", v.is_dropped AS "isDropped", v.edition_number AS "editionNumber",
              v.parent_id IS NULL AS "isTopLevel", v.alignment, v.author_capacity AS capacity, v.outcome,
              (v.outcome IS NOT NULL OR a.root_id IS NOT NULL) AS answered, count(*)::int AS n
       FROM visible v LEFT JOIN officially_answered a ON a.root_id = v.id
       GROUP BY 1, 2, 3, 4, 5, 6, 7, 8`,
      [organizationId, editionId],
    );
  }

  /** Amendments on edition $2's consultation up to it, by current paragraph and edition: one statement. */
  reportAmendmentCounts(
    organizationId: string,
    editionId: string,
    q: Queryable = this.db,
  ): Promise<ReportAmendmentCountRow[]> {
    return q.query(
      `${REPORT_TARGETS}
       SELECT t.block_id AS "blockId", t.edition_number AS "editionNumber", count(*)::int AS n
       FROM targets t JOIN amendment a ON a.organization_id = $1 AND a.block_id = t.original_block_id
       GROUP BY 1, 2`,
      [organizationId, editionId],
    );
  }

  /** Top-level comments up to edition $2 with no outcome and no official reply, oldest first. */
  unansweredComments(
    organizationId: string,
    editionId: string,
    limit: number,
    q: Queryable = this.db,
  ): Promise<ReportCommentRow[]> {
    // Written against the tables (not the counting CTE) so the planner sees real row counts and
    // answers "no official reply" with an index probe on ix_comment_root per candidate.
    return q.query(
      `${REPORT_TARGETS}
       SELECT c.id, t.block_id AS "blockId", t.edition_number AS "editionNumber",
              CASE WHEN t.is_dropped THEN (SELECT text FROM consultation_block WHERE id = t.original_block_id) END AS "droppedBlockText",
              c.body, c.author_capacity AS capacity, c.alignment, c.created_at AS "createdAt"
       FROM targets t
       JOIN comment c ON c.organization_id = $1 AND c.target_type = t.target_type AND c.target_id = t.target_id
       WHERE c.parent_id IS NULL AND c.outcome IS NULL AND NOT c.is_hidden
         AND NOT EXISTS (SELECT 1 FROM comment r WHERE r.root_id = c.id AND r.id <> c.id AND r.is_official AND NOT r.is_hidden)
       ORDER BY c.created_at, c.id LIMIT $3`,
      [organizationId, editionId, limit],
    );
  }

  /** The most-supported amendments up to edition $2, on the paragraph they were proposed for. */
  topAmendments(
    organizationId: string,
    editionId: string,
    limit: number,
    q: Queryable = this.db,
  ): Promise<(AmendmentRow & { blockAnchor: string; blockText: string; editionNumber: number })[]> {
    return q.query(
      `${REPORT_TARGETS}
       ${this.amendmentSelect('NULL').replace(
         'FROM amendment a',
         `, b.anchor AS "blockAnchor", b.text AS "blockText", t.edition_number AS "editionNumber"
          FROM targets t JOIN amendment a ON a.organization_id = $1 AND a.block_id = t.original_block_id
          JOIN consultation_block b ON b.id = a.block_id`,
       )}
       ORDER BY a.support_count DESC, a.created_at ASC LIMIT $3`,
      [organizationId, editionId, limit],
    );
  }

  /**
   * Visible comments (replies too) on the activity's published editions whose text contains the
   * term, both folded by hamandishi_search_key (Arabic letters, digits, ZWNJ, diacritics), newest
   * first, one page past `before` (created_at, id).
   */
  searchComments(
    organizationId: string,
    activityId: string,
    term: string,
    limit: number,
    before: { createdAt: string; id: string } | null,
  ): Promise<CommentSearchRow[]> {
    return this.db.query(
      `WITH editions AS (
         SELECT id, number FROM consultation_edition WHERE organization_id = $1 AND activity_id = $2 AND status = 'published'
       ), targets AS (
         SELECT 'paragraph'::text AS target_type, b.id AS target_id, e.number, b.id AS block_id, b.anchor, b.text
         FROM consultation_block b JOIN editions e ON e.id = b.edition_id WHERE b.organization_id = $1
         UNION ALL SELECT 'document', e.id, e.number, NULL::uuid, NULL::text, NULL::text FROM editions e
       )
       SELECT c.id, c.parent_id AS "parentId", c.target_type AS "targetType", t.number AS "editionNumber",
              t.block_id AS "blockId", t.anchor AS "blockAnchor", t.text AS "blockText", c.body,
              c.author_capacity AS capacity, c.alignment, c.outcome, c.created_at AS "createdAt",
              c.created_at::text AS "cursorAt"
       FROM targets t
       JOIN comment c ON c.organization_id = $1 AND c.target_type = t.target_type AND c.target_id = t.target_id
       WHERE NOT c.is_hidden
         AND c.search_key LIKE '%' || replace(replace(replace(hamandishi_search_key($3), '\\', '\\\\'), '%', '\\%'), '_', '\\_') || '%'
         AND ($5::timestamptz IS NULL OR (c.created_at, c.id) < ($5::timestamptz, $6::uuid))
       ORDER BY c.created_at DESC, c.id DESC LIMIT $4`,
      [organizationId, activityId, term, limit, before?.createdAt ?? null, before?.id ?? null],
    );
  }
}

/** An edition's blocks with their earlier versions ($1 organisation, $2 edition), with or without the comment counts. */
function blocksSql(withCounts: boolean): string {
  return `SELECT b.id, b.section_id AS "sectionId", b.position, b.anchor, b.kind, b.text, b.content, b.lineage_id AS "lineageId", b.change,
            ${withCounts ? 'b.comment_count AS "commentCount", b.amendment_count AS "amendmentCount",' : ''}
            coalesce(earlier.items, '[]'::json) AS earlier
     FROM consultation_block b
     JOIN consultation_edition e ON e.id = b.edition_id
     LEFT JOIN LATERAL (
       SELECT json_agg(json_build_object('id', eb.id, 'editionNumber', ee.number${withCounts ? ", 'commentCount', eb.comment_count" : ''}) ORDER BY ee.number DESC) AS items
       FROM consultation_block eb
       JOIN consultation_edition ee ON ee.id = eb.edition_id
       WHERE eb.lineage_id = b.lineage_id AND eb.id <> b.id AND ee.activity_id = e.activity_id
         AND ee.status = 'published' AND ee.number < e.number
     ) earlier ON b.change IS DISTINCT FROM 'new' AND b.change IS NOT NULL
     WHERE b.organization_id = $1 AND b.edition_id = $2
     ORDER BY b.position`;
}
