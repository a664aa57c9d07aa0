import { Injectable } from '@nestjs/common';
import type { z } from 'zod';
import {
  ALIGNMENTS,
  type Locale,
  REPORT_CAPACITIES,
  type TCommentSearchPage,
  type TCommittee,
  type TConsultationReport,
  type ZCommentSearchQuery,
  type ZEditionCounts,
  type ZReportCounts,
} from '@hamandishi/contracts';
import { excerpt } from '@hamandishi/text';
import { AppError } from '../../common/errors/app-error';
import type { Table } from '../../common/export/tabular';
import type { Organization } from '../organizations/organization.entity';
import { CommitteesService } from '../plans/committees.service';
import {
  ConsultationsRepository,
  type EditionRow,
  type Queryable,
  type ReportCountRow,
} from './consultations.repository';
import { ConsultationErrors } from './consultations.errors';
import { EditionsService } from './editions.service';
import { ReportCache } from './report-cache';
import { formatReportDate, formatReportNumber, localizedName, reportLabels } from './report-labels';

type Counts = z.infer<typeof ZReportCounts>;
type EditionCounts = z.infer<typeof ZEditionCounts>;
type Capacity = (typeof REPORT_CAPACITIES)[number];
type Report = TConsultationReport;

const UNANSWERED_LISTED = 500;
const TOP_AMENDMENTS = 20;

/**
 * The consultation report for planners: per section and paragraph, comments by alignment and by
 * stakeholder capacity, answered or not, outcomes and amendments, by edition and by committee;
 * the most-supported amendments; the comments still waiting for an answer. No names: it goes into
 * exports. An edition's report counts the whole consultation up to it, each carried thread on the
 * paragraph it was carried to, in a fixed handful of statements whatever the document's size.
 */
@Injectable()
export class ConsultationReportService {
  constructor(
    private readonly repository: ConsultationsRepository,
    private readonly editions: EditionsService,
    private readonly committees: CommitteesService,
    private readonly cache: ReportCache,
  ) {}

  /**
   * The report as JSON bytes. A published edition's report is computed once per change (the version the
   * triggers keep) and language, then served as it is to every planner; a draft's is computed per
   * request (a draft's blocks are rewritten on every save).
   */
  async reportJson(org: Organization, activityId: string, number: number | undefined, lang?: Locale): Promise<Buffer> {
    const locale = lang ?? org.defaultLocale;
    const activity = await this.editions.consultation(org.id, activityId);
    const db = this.repository.db;
    // Committees belong to the plans module: read per request, and part of the key.
    const [edition, version, committees] = await Promise.all([
      number === undefined
        ? this.repository.latestPublished(db, org.id, activityId)
        : this.repository.edition(db, org.id, activityId, number),
      this.repository.changeVersion(db, org.id, activityId),
      this.committees.namesOf(org.id, activity.planId),
    ]);
    if (!edition) throw number === undefined ? ConsultationErrors.noEdition() : ConsultationErrors.editionNotFound();
    if (edition.status === 'draft') {
      return Buffer.from(JSON.stringify(await this.build(db, org.id, activityId, edition, committees, locale)));
    }
    const key = `${org.id}:${edition.id}:${locale}:${JSON.stringify(committees)}`;
    return this.cache.get(key, version, () =>
      // One snapshot for the version and every statement, so the kept answer is exactly that version.
      db.transaction('REPEATABLE READ', async (m) => {
        const seen = await this.repository.changeVersion(m, org.id, activityId);
        const report = await this.build(m, org.id, activityId, edition, committees, locale);
        return { version: seen, json: Buffer.from(JSON.stringify(report)) };
      }),
    );
  }

  /** The report as an object (for the exports). */
  async report(org: Organization, activityId: string, number: number | undefined, lang?: Locale): Promise<Report> {
    return JSON.parse((await this.reportJson(org, activityId, number, lang)).toString('utf8')) as Report;
  }

  private async build(
    q: Queryable,
    organizationId: string,
    activityId: string,
    edition: EditionRow,
    committees: { id: string; name: TCommittee['name'] }[],
    locale: Locale,
  ): Promise<Report> {
    const labels = reportLabels(locale);
    const orgId = organizationId;
    // One after another: inside a transaction they share its connection anyway.
    const editionList = await this.repository.editions(orgId, activityId, edition.status === 'draft', q);
    const sections = await this.repository.sections(q, orgId, edition.id);
    const blocks = await this.repository.blocks(q, orgId, edition.id);
    const counted = await this.repository.reportCounts(orgId, edition.id, q);
    const amendmentCounts = await this.repository.reportAmendmentCounts(orgId, edition.id, q);
    const unanswered = await this.repository.unansweredComments(orgId, edition.id, UNANSWERED_LISTED, q);
    const amendments = await this.repository.topAmendments(orgId, edition.id, TOP_AMENDMENTS, q);

    // Counts per current block; null is the document as a whole, DROPPED the removed paragraphs.
    const DROPPED = 'dropped';
    const byBlock = new Map<string | null, Counts>();
    const countsOf = (blockId: string | null) => {
      let counts = byBlock.get(blockId);
      if (!counts) byBlock.set(blockId, (counts = emptyCounts()));
      return counts;
    };
    for (const row of counted) add(countsOf(row.isDropped ? DROPPED : row.blockId), row);
    for (const row of amendmentCounts) {
      const counts = countsOf(row.blockId ?? DROPPED);
      counts.amendments += row.n;
    }

    const committeeById = new Map(committees.map((c) => [c.id, c]));
    const n = (value: number) => formatReportNumber(value, locale);
    const blockLabels = new Map<string, string>();
    let headed = 0;
    const reportSections = sections.map((section) => {
      const counts = emptyCounts();
      const sectionNumber = section.heading === null ? 0 : ++headed;
      const sectionLabel = sectionNumber === 0 ? labels.introSection : labels.section(n(sectionNumber));
      const sectionBlocks = blocks
        .filter((b) => b.sectionId === section.id)
        .map((b, i) => {
          const blockCounts = countsOf(b.id);
          merge(counts, blockCounts);
          const label = labels.paragraph(sectionLabel, n(i + 1));
          blockLabels.set(b.id, label);
          return {
            id: b.id,
            anchor: b.anchor,
            number: i + 1,
            label,
            excerpt: excerpt(b.text, 120),
            counts: blockCounts,
          };
        });
      const committee = section.committeeId ? (committeeById.get(section.committeeId) ?? null) : null;
      return {
        id: section.id,
        anchor: section.anchor,
        heading: section.heading,
        number: sectionNumber,
        label: sectionLabel,
        committee,
        counts,
        blocks: sectionBlocks,
      };
    });

    const document = countsOf(null);
    const droppedParagraphs = countsOf(DROPPED);
    const totals = emptyCounts();
    merge(totals, document);
    merge(totals, droppedParagraphs);
    for (const section of reportSections) merge(totals, section.counts);

    // Committees responsible for sections first (in the plan's order), then sections with none,
    // then the plan's other committees, so a planner sees who has nothing to answer yet.
    const byCommittee = new Map<string | null, { sectionCount: number; counts: Counts }>();
    for (const section of reportSections) {
      const key = section.committee?.id ?? null;
      const entry = byCommittee.get(key) ?? { sectionCount: 0, counts: emptyCounts() };
      entry.sectionCount += 1;
      merge(entry.counts, section.counts);
      byCommittee.set(key, entry);
    }
    const committeeRows: Report['committees'] = [
      ...committees.filter((c) => byCommittee.has(c.id)).map((c) => ({ committee: c, ...byCommittee.get(c.id)! })),
      ...(byCommittee.has(null) ? [{ committee: null, ...byCommittee.get(null)! }] : []),
      ...committees
        .filter((c) => !byCommittee.has(c.id))
        .map((c) => ({ committee: c, sectionCount: 0, counts: emptyCounts() })),
    ];

    const blockById = new Map(blocks.map((b) => [b.id, b]));
    return {
      edition: { id: edition.id, number: edition.number, title: edition.title },
      editions: editionList
        .filter((e) => e.number <= edition.number)
        .map((e) => ({
          number: e.number,
          title: e.title,
          publishedAt: e.publishedAt ? new Date(e.publishedAt).toISOString() : null,
        })),
      totals,
      document,
      droppedParagraphs,
      sections: reportSections,
      committees: committeeRows,
      topAmendments: amendments.map((a) => ({
        id: a.id,
        editionNumber: a.editionNumber,
        blockAnchor: a.blockAnchor,
        excerpt: excerpt(a.blockText, 120),
        proposedText: a.proposedText,
        supportCount: a.supportCount,
        status: a.status,
      })),
      unansweredComments: unanswered.map((c) => {
        const block = c.blockId ? blockById.get(c.blockId) : undefined;
        return {
          commentId: c.id,
          editionNumber: c.editionNumber,
          blockId: c.blockId,
          blockAnchor: block?.anchor ?? null,
          blockLabel: block ? (blockLabels.get(block.id) ?? null) : c.droppedBlockText !== null ? labels.dropped : null,
          excerpt: block ? excerpt(block.text, 120) : c.droppedBlockText ? excerpt(c.droppedBlockText, 120) : '',
          body: c.body,
          capacity: capacityOf(c),
          alignment: c.alignment,
          createdAt: new Date(c.createdAt).toISOString(),
        };
      }),
    };
  }

  /**
   * The report as sheets for CSV (the first) and XLSX (all), in the planner's language: paragraphs
   * named as printed ("بخش ۲ › بند ۳"), capacities and stances by name, dates in the planner's
   * calendar; committees, amendments and unanswered comments.
   */
  async tables(
    org: Organization,
    activityId: string,
    number: number | undefined,
    lang?: Locale,
  ): Promise<{ report: Report; tables: Table[] }> {
    const locale = lang ?? org.defaultLocale;
    const labels = reportLabels(locale);
    const report = await this.report(org, activityId, number, locale);
    const editionNumbers = report.editions.map((e) => e.number);
    const countHeader = [
      labels.columns.comments,
      ...ALIGNMENTS.map((a) => labels.alignments[a]),
      labels.alignments.none,
      ...REPORT_CAPACITIES.map((k) => labels.capacities[k]),
      labels.columns.unanswered,
      labels.columns.incorporated,
      labels.columns.notIncorporated,
      labels.columns.amendments,
      ...editionNumbers.map((e) => labels.editionComments(formatReportNumber(e, locale))),
    ];
    const countColumns = (c: Counts) => [
      c.comments,
      ...ALIGNMENTS.map((a) => c.byAlignment[a]),
      c.byAlignment.none,
      ...REPORT_CAPACITIES.map((k) => c.byCapacity[k] ?? 0),
      c.unanswered,
      c.incorporated,
      c.notIncorporated,
      c.amendments,
      ...editionNumbers.map((e) => c.byEdition.find((x) => x.number === e)?.comments ?? 0),
    ];
    const committeeName = (committee: Report['sections'][number]['committee']) =>
      committee ? localizedName(committee.name, locale) : '';
    const paragraphs: Table = {
      sheetName: labels.sheets.paragraphs,
      header: [labels.columns.place, labels.columns.committee, labels.columns.text, ...countHeader],
      rows: [
        [labels.document, '', '', ...countColumns(report.document)],
        ...report.sections.flatMap((s) => [
          [s.heading ? `${s.label}: ${s.heading}` : s.label, committeeName(s.committee), '', ...countColumns(s.counts)],
          ...s.blocks.map((b) => [b.label, committeeName(s.committee), b.excerpt, ...countColumns(b.counts)]),
        ]),
        ...(report.droppedParagraphs.comments + report.droppedParagraphs.amendments > 0
          ? [[labels.dropped, '', '', ...countColumns(report.droppedParagraphs)]]
          : []),
        [labels.totals, '', '', ...countColumns(report.totals)],
      ],
    };
    const committees: Table = {
      sheetName: labels.sheets.committees,
      header: [labels.columns.committee, labels.columns.sections, ...countHeader],
      rows: report.committees.map((c) => [
        c.committee ? localizedName(c.committee.name, locale) : labels.noCommittee,
        c.sectionCount,
        ...countColumns(c.counts),
      ]),
    };
    const amendments: Table = {
      sheetName: labels.sheets.amendments,
      header: [
        labels.columns.edition,
        labels.columns.text,
        labels.columns.proposedText,
        labels.columns.support,
        labels.columns.status,
      ],
      rows: report.topAmendments.map((a) => [
        formatReportNumber(a.editionNumber, locale),
        a.excerpt,
        a.proposedText,
        a.supportCount,
        labels.amendmentStatuses[a.status],
      ]),
    };
    const unanswered: Table = {
      sheetName: labels.sheets.unanswered,
      header: [
        labels.columns.place,
        labels.columns.text,
        labels.columns.comment,
        labels.columns.capacity,
        labels.columns.alignment,
        labels.columns.edition,
        labels.columns.date,
      ],
      rows: report.unansweredComments.map((c) => [
        c.blockLabel ?? labels.document,
        c.excerpt,
        c.body,
        labels.capacities[c.capacity],
        labels.alignments[c.alignment ?? 'none'],
        formatReportNumber(c.editionNumber, locale),
        formatReportDate(c.createdAt, locale),
      ]),
    };
    return { report, tables: [paragraphs, committees, amendments, unanswered] };
  }

  /**
   * A planner's search of the consultation's comments (replies too), newest first, each with the
   * paragraph it belongs to. The term and the comments are folded alike (Arabic ي/ك, digits, ZWNJ,
   * diacritics) by the database's hamandishi_search_key.
   */
  async searchComments(
    org: Organization,
    activityId: string,
    query: z.output<typeof ZCommentSearchQuery>,
  ): Promise<TCommentSearchPage> {
    await this.editions.consultation(org.id, activityId);
    const before = query.cursor ? decodeSearchCursor(query.cursor) : null;
    const rows = await this.repository.searchComments(
      org.id,
      activityId,
      query.q.normalize('NFC'),
      query.limit + 1,
      before,
    );
    const page = rows.slice(0, query.limit);
    const last = page[page.length - 1];
    return {
      items: page.map((row) => ({
        commentId: row.id,
        isReply: row.parentId !== null,
        editionNumber: row.editionNumber,
        blockId: row.blockId,
        blockAnchor: row.blockAnchor,
        excerpt: row.blockText ? excerpt(row.blockText, 120) : '',
        body: row.body,
        capacity: capacityOf(row),
        alignment: row.alignment,
        outcome: row.outcome,
        createdAt: new Date(row.createdAt).toISOString(),
      })),
      nextCursor:
        rows.length > query.limit && last
          ? Buffer.from(JSON.stringify([last.cursorAt, last.id])).toString('base64url')
          : null,
    };
  }

  /** Makes a committee of the consultation's plan responsible for a section (null: none). */
  async assignCommittee(
    org: Organization,
    activityId: string,
    sectionId: string,
    committeeId: string | null,
  ): Promise<{ sectionId: string; committeeId: string | null }> {
    const activity = await this.editions.consultation(org.id, activityId);
    if (committeeId !== null) {
      const committees = await this.committees.namesOf(org.id, activity.planId);
      if (!committees.some((c) => c.id === committeeId)) throw ConsultationErrors.committeeNotFound();
    }
    const changed = await this.repository.setSectionCommittee(
      this.repository.db,
      org.id,
      activityId,
      sectionId,
      committeeId,
    );
    if (!changed) throw ConsultationErrors.sectionNotFound();
    return { sectionId, committeeId };
  }
}

function emptyCounts(): Counts {
  return {
    comments: 0,
    byAlignment: { agree: 0, disagree: 0, neutral: 0, none: 0 },
    byCapacity: { citizen: 0, ngo: 0, expert: 0, manager: 0, planner: 0 },
    unanswered: 0,
    incorporated: 0,
    notIncorporated: 0,
    amendments: 0,
    byEdition: [],
  };
}

function editionOf(counts: Counts, number: number): EditionCounts {
  let entry = counts.byEdition.find((e) => e.number === number);
  if (!entry) {
    entry = { number, comments: 0, incorporated: 0, notIncorporated: 0 };
    counts.byEdition.push(entry);
    counts.byEdition.sort((a, b) => a.number - b.number);
  }
  return entry;
}

function add(counts: Counts, row: ReportCountRow): void {
  const edition = editionOf(counts, row.editionNumber);
  counts.comments += row.n;
  edition.comments += row.n;
  counts.byAlignment[row.alignment ?? 'none'] += row.n;
  counts.byCapacity[capacityOf(row)] = (counts.byCapacity[capacityOf(row)] ?? 0) + row.n;
  if (row.isTopLevel && !row.answered) counts.unanswered += row.n;
  if (row.outcome === 'incorporated') {
    counts.incorporated += row.n;
    edition.incorporated += row.n;
  }
  if (row.outcome === 'not_incorporated') {
    counts.notIncorporated += row.n;
    edition.notIncorporated += row.n;
  }
}

function merge(into: Counts, from: Counts): void {
  into.comments += from.comments;
  for (const key of Object.keys(into.byAlignment) as (keyof Counts['byAlignment'])[])
    into.byAlignment[key] += from.byAlignment[key];
  for (const key of REPORT_CAPACITIES) into.byCapacity[key] = (into.byCapacity[key] ?? 0) + (from.byCapacity[key] ?? 0);
  into.unanswered += from.unanswered;
  into.incorporated += from.incorporated;
  into.notIncorporated += from.notIncorporated;
  into.amendments += from.amendments;
  for (const e of from.byEdition) {
    const entry = editionOf(into, e.number);
    entry.comments += e.comments;
    entry.incorporated += e.incorporated;
    entry.notIncorporated += e.notIncorporated;
  }
}

function capacityOf(comment: { capacity: string | null }): Capacity {
  return (REPORT_CAPACITIES as readonly string[]).includes(comment.capacity ?? '')
    ? (comment.capacity as Capacity)
    : 'citizen';
}

function decodeSearchCursor(cursor: string): { createdAt: string; id: string } {
  try {
    const [createdAt, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [unknown, unknown];
    // A timestamptz as Postgres prints it; anything else would reach the query and fail there.
    if (
      typeof createdAt === 'string' &&
      /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{1,6})?[+-]\d{2}(:\d{2})?$/.test(createdAt) &&
      typeof id === 'string' &&
      /^[0-9a-f-]{36}$/i.test(id)
    ) {
      return { createdAt, id };
    }
  } catch {
    // not base64 JSON: refused below
  }
  throw new AppError('common.validation_failed', 400, 'Invalid cursor', { cursor: 'invalid_value' });
}
