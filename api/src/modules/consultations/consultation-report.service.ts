import { Injectable } from '@nestjs/common';
import type { z } from 'zod';
import { ALIGNMENTS, REPORT_CAPACITIES, type TConsultationReport, type ZReportCounts } from '@hamandishi/contracts';
import { excerpt } from '@hamandishi/text';
import type { Table } from '../../common/export/tabular';
import type { Organization } from '../organizations/organization.entity';
import { ConsultationsRepository, type ReportCountRow } from './consultations.repository';
import { ConsultationErrors } from './consultations.errors';
import { EditionsService } from './editions.service';

type Counts = z.infer<typeof ZReportCounts>;
type Capacity = (typeof REPORT_CAPACITIES)[number];

const UNANSWERED_LISTED = 500;
const TOP_AMENDMENTS = 20;

/**
 * The consultation report for planners: per section and paragraph, comments by alignment and by
 * stakeholder capacity, answered or not, outcomes and amendments; the most-supported amendments;
 * the comments still waiting for an answer. No names: it goes into exports.
 */
@Injectable()
export class ConsultationReportService {
  constructor(
    private readonly repository: ConsultationsRepository,
    private readonly editions: EditionsService,
  ) {}

  async report(org: Organization, activityId: string, number: number | undefined): Promise<TConsultationReport> {
    await this.editions.consultation(org.id, activityId);
    const db = this.repository.db;
    const edition =
      number === undefined
        ? await this.repository.latestPublished(db, org.id, activityId)
        : await this.repository.edition(db, org.id, activityId, number);
    if (!edition) throw number === undefined ? ConsultationErrors.noEdition() : ConsultationErrors.editionNotFound();
    const [sections, blocks, counted, unanswered, amendments] = await Promise.all([
      this.repository.sections(db, org.id, edition.id),
      this.repository.blocks(db, org.id, edition.id),
      this.repository.reportCounts(org.id, edition.id),
      this.repository.unansweredComments(org.id, edition.id, UNANSWERED_LISTED),
      this.repository.topAmendments(org.id, edition.id, TOP_AMENDMENTS),
    ]);

    const byBlock = new Map<string | null, Counts>();
    const countsOf = (blockId: string | null) => {
      let counts = byBlock.get(blockId);
      if (!counts) byBlock.set(blockId, (counts = emptyCounts()));
      return counts;
    };
    for (const row of counted) add(countsOf(row.blockId), row);
    for (const block of blocks) countsOf(block.id).amendments = block.amendmentCount;

    const anchorOf = new Map(blocks.map((b) => [b.id, b]));
    const totals = emptyCounts();
    const document = countsOf(null);
    merge(totals, document);
    const reportSections = sections.map((section) => {
      const counts = emptyCounts();
      const sectionBlocks = blocks
        .filter((b) => b.sectionId === section.id)
        .map((b) => {
          const blockCounts = countsOf(b.id);
          merge(counts, blockCounts);
          return { id: b.id, anchor: b.anchor, excerpt: excerpt(b.text, 120), counts: blockCounts };
        });
      merge(totals, counts);
      return { anchor: section.anchor, heading: section.heading, counts, blocks: sectionBlocks };
    });

    return {
      edition: { id: edition.id, number: edition.number, title: edition.title },
      totals,
      document,
      sections: reportSections,
      topAmendments: amendments.map((a) => ({
        id: a.id,
        blockAnchor: a.blockAnchor,
        excerpt: excerpt(a.blockText, 120),
        proposedText: a.proposedText,
        supportCount: a.supportCount,
        status: a.status,
      })),
      unansweredComments: unanswered.map((c) => {
        const block = c.blockId ? anchorOf.get(c.blockId) : undefined;
        return {
          commentId: c.id,
          blockId: c.blockId,
          blockAnchor: block?.anchor ?? null,
          excerpt: block ? excerpt(block.text, 120) : '',
          body: c.body,
          capacity: capacityOf(c),
          alignment: c.alignment,
          createdAt: new Date(c.createdAt).toISOString(),
        };
      }),
    };
  }

  /** The report as sheets for CSV (the first) and XLSX (all): paragraphs, amendments, unanswered comments. */
  async tables(
    org: Organization,
    activityId: string,
    number: number | undefined,
  ): Promise<{ report: TConsultationReport; tables: Table[] }> {
    const report = await this.report(org, activityId, number);
    const countColumns = (c: Counts) => [
      c.comments,
      ...ALIGNMENTS.map((a) => c.byAlignment[a]),
      c.byAlignment.none,
      ...REPORT_CAPACITIES.map((k) => c.byCapacity[k] ?? 0),
      c.unanswered,
      c.incorporated,
      c.notIncorporated,
      c.amendments,
    ];
    const paragraphs: Table = {
      sheetName: 'بندها',
      header: [
        'بخش',
        'لنگر',
        'متن بند',
        'نظرها',
        'موافق',
        'مخالف',
        'بی‌طرف',
        'بدون موضع',
        'شهروند',
        'سمن',
        'کارشناس',
        'مدیر',
        'برنامه‌ریز',
        'بی‌پاسخ',
        'به کار رفته',
        'به کار نرفته',
        'پیشنهاد اصلاح',
      ],
      rows: [
        ['کل سند', '', '', ...countColumns(report.document)],
        ...report.sections.flatMap((s) =>
          s.blocks.map((b) => [s.heading ?? '', b.anchor, b.excerpt, ...countColumns(b.counts)]),
        ),
        ['جمع', '', '', ...countColumns(report.totals)],
      ],
    };
    const amendments: Table = {
      sheetName: 'پیشنهادهای اصلاح',
      header: ['لنگر', 'متن بند', 'متن پیشنهادی', 'حمایت', 'وضعیت'],
      rows: report.topAmendments.map((a) => [a.blockAnchor, a.excerpt, a.proposedText, a.supportCount, a.status]),
    };
    const unanswered: Table = {
      sheetName: 'نظرهای بی‌پاسخ',
      header: ['لنگر', 'متن بند', 'نظر', 'جایگاه', 'موضع', 'تاریخ'],
      rows: report.unansweredComments.map((c) => [
        c.blockAnchor ?? '',
        c.excerpt,
        c.body,
        c.capacity,
        c.alignment ?? '',
        c.createdAt,
      ]),
    };
    return { report, tables: [paragraphs, amendments, unanswered] };
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
  };
}

function add(counts: Counts, row: ReportCountRow): void {
  counts.comments += row.n;
  counts.byAlignment[row.alignment ?? 'none'] += row.n;
  counts.byCapacity[capacityOf(row)] = (counts.byCapacity[capacityOf(row)] ?? 0) + row.n;
  if (row.isTopLevel && !row.answered) counts.unanswered += row.n;
  if (row.outcome === 'incorporated') counts.incorporated += row.n;
  if (row.outcome === 'not_incorporated') counts.notIncorporated += row.n;
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
}

function capacityOf(comment: { capacity: string | null }): Capacity {
  return (REPORT_CAPACITIES as readonly string[]).includes(comment.capacity ?? '')
    ? (comment.capacity as Capacity)
    : 'citizen';
}
