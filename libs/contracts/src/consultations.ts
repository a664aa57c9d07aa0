import { z } from 'zod';
import { normalizeForSearch } from '@hamandishi/text';
import { ALIGNMENTS } from './comments';
import { pageOf, ZLocale, ZLocalizedText, ZUuid } from './common';
import { textBlock, textLine, textToken, textVerbatim } from './text';

// Consultations: a stage report with editions, read and commented paragraph by paragraph.
// Routes live under /api/orgs/:slug/consultations/:activityId (see docs/api.md).

/** Most blocks an edition may hold, and the longest text of one block. */
export const MAX_EDITION_BLOCKS = 2000;
export const MAX_BLOCK_TEXT = 20_000;

/** Plain text of a block: never markup; the web shows it as text. */
const ZBlockText = textBlock({ min: 1, max: MAX_BLOCK_TEXT });

/**
 * One block as a planner writes it (in the browser editor or as a .docx converts to). Headings
 * start sections; everything else is a paragraph-like block that can be commented on.
 */
export const ZBlockInput = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('heading'), level: z.number().int().min(1).max(6), text: ZBlockText.max(500) }),
  z.strictObject({ kind: z.literal('paragraph'), text: ZBlockText }),
  z.strictObject({
    kind: z.literal('list'),
    ordered: z.boolean(),
    items: z.array(ZBlockText.max(5000)).min(1).max(200),
  }),
  z.strictObject({
    kind: z.literal('table'),
    rows: z
      .array(
        z
          .array(textBlock({ max: 2000 }))
          .min(1)
          .max(30),
      )
      .min(1)
      .max(500)
      // A table with no text in any cell says nothing to comment on.
      .refine((rows) => rows.some((row) => row.some((cell) => cell !== '')), { message: 'required' }),
  }),
  z.strictObject({ kind: z.literal('image'), attachmentId: ZUuid, alt: textLine({ max: 500 }).default('') }),
]);
/** A block as written. */
export type TBlockInput = z.input<typeof ZBlockInput>;

/** POST /consultations/:activityId/editions (a new draft) and PUT /consultations/:activityId/editions/:number (the draft). */
export const ZSaveEdition = z.strictObject({
  title: textLine({ min: 1, max: 300 }),
  /** What changed since the previous edition, shown above the diff. */
  changeSummary: textBlock({ max: 5000 }).optional(),
  blocks: z.array(ZBlockInput).min(1).max(MAX_EDITION_BLOCKS),
});
/** Save an edition draft. */
export type TSaveEdition = z.input<typeof ZSaveEdition>;

/** POST /consultations/:activityId/editions/import: a .docx uploaded first as an attachment (ownerType 'activity'). */
export const ZImportEdition = z.strictObject({
  attachmentId: ZUuid,
  title: textLine({ min: 1, max: 300 }).optional(),
});

/** How a block stands to the previous published edition. */
export const BLOCK_CHANGES = ['new', 'modified', 'unchanged'] as const;

/** One commentable block of an edition, with its stable anchor (#p-<anchor> deep-links to it). */
export const ZDocumentBlock = z.object({
  id: ZUuid,
  anchor: z.string(),
  kind: z.enum(['paragraph', 'list', 'table', 'image']),
  text: z.string(),
  ordered: z.boolean().nullable(),
  items: z.array(z.string()).nullable(),
  rows: z.array(z.array(z.string())).nullable(),
  image: z.object({ attachmentId: ZUuid, url: z.string(), alt: z.string() }).nullable(),
  /** Visible comments on this block in this edition (replies included). */
  commentCount: z.number().int(),
  /** Visible comments on the same paragraph in earlier editions, carried here. */
  carriedCommentCount: z.number().int(),
  /** The same paragraph in earlier editions, newest first: their comment threads are the carried ones. */
  earlierBlocks: z.array(z.object({ id: ZUuid, editionNumber: z.number().int(), commentCount: z.number().int() })),
  amendmentCount: z.number().int(),
  /** null in the first edition. */
  change: z.enum(BLOCK_CHANGES).nullable(),
});
/** A commentable block. */
export type TDocumentBlock = z.infer<typeof ZDocumentBlock>;

/** A section: a heading (null for text before the first heading) and its blocks. */
export const ZDocumentSection = z.object({
  id: ZUuid,
  anchor: z.string(),
  heading: z.string().nullable(),
  level: z.number().int(),
  blocks: z.array(ZDocumentBlock),
});
/** A section. */
export type TDocumentSection = z.infer<typeof ZDocumentSection>;

/** An edition in a list of editions. */
export const ZEditionSummary = z.object({
  id: ZUuid,
  number: z.number().int(),
  title: z.string(),
  status: z.enum(['draft', 'published']),
  source: z.enum(['editor', 'docx']),
  publishedAt: z.string().nullable(),
  blockCount: z.number().int(),
  commentCount: z.number().int(),
});
/** An edition in a list. */
export type TEditionSummary = z.infer<typeof ZEditionSummary>;

/** GET /consultations/:activityId?edition=N: the reading view (the latest published edition by default). */
export const ZConsultation = z.object({
  activity: z.object({
    id: ZUuid,
    planId: ZUuid,
    stageId: ZUuid,
    title: z.object({ fa: z.string(), ar: z.string().optional(), en: z.string().optional() }),
    opensAt: z.string().nullable(),
    closesAt: z.string().nullable(),
    isOpen: z.boolean(),
  }),
  /** Published editions (and, for planners, the draft), oldest first. */
  editions: z.array(ZEditionSummary),
  /** The edition shown; null before the first is published. */
  edition: z
    .object({
      id: ZUuid,
      number: z.number().int(),
      title: z.string(),
      status: z.enum(['draft', 'published']),
      changeSummary: z.string().nullable(),
      publishedAt: z.string().nullable(),
      isLatest: z.boolean(),
      /** Comments on the edition as a whole (target type 'document', target id = edition id). */
      documentCommentCount: z.number().int(),
      sections: z.array(ZDocumentSection),
    })
    .nullable(),
  /** Whether the viewer may comment on this edition now, and if not, the error code that says why. */
  canComment: z.boolean(),
  cannotCommentReason: z.string().nullable(),
  canManage: z.boolean(),
});
/** The reading view. */
export type TConsultation = z.infer<typeof ZConsultation>;

/** GET /consultations/:activityId/editions/:number/source: the draft's blocks as the editor edits them. */
export const ZEditionSource = z.object({
  number: z.number().int(),
  status: z.enum(['draft', 'published']),
  title: z.string(),
  changeSummary: z.string().nullable(),
  blocks: z.array(ZBlockInput),
});
/** An edition's blocks for the editor. */
export type TEditionSource = z.infer<typeof ZEditionSource>;

/** One run of a word diff. */
export const ZDiffRun = z.object({ op: z.enum(['equal', 'insert', 'delete']), text: z.string() });

/** GET /consultations/:activityId/diff?from=1&to=2: blocks of both editions, aligned. */
export const ZEditionDiff = z.object({
  from: z.number().int(),
  to: z.number().int(),
  changeSummary: z.string().nullable(),
  blocks: z.array(
    z.object({
      change: z.enum(['added', 'removed', 'modified', 'unchanged']),
      /** The section heading the block sits under (in the newer edition, or the older for removed blocks). */
      heading: z.string().nullable(),
      fromAnchor: z.string().nullable(),
      toAnchor: z.string().nullable(),
      /** For 'modified': word runs; otherwise one run with the whole text. */
      runs: z.array(ZDiffRun),
    }),
  ),
  counts: z.object({
    added: z.number().int(),
    removed: z.number().int(),
    modified: z.number().int(),
    unchanged: z.number().int(),
  }),
});
/** A diff between two editions. */
export type TEditionDiff = z.infer<typeof ZEditionDiff>;

/** A proposed rewording of a paragraph, or of a passage in it. */
export const ZCreateAmendment = z.strictObject({
  blockId: ZUuid,
  /** The passage being reworded; absent for the whole paragraph. */
  passage: z
    .strictObject({
      start: z.number().int().min(0),
      end: z.number().int().min(1),
      quote: textVerbatim({ min: 1, max: 5000 }),
    })
    .optional(),
  proposedText: textBlock({ min: 1, max: MAX_BLOCK_TEXT }),
  reason: textBlock({ max: 2000 }).optional(),
});
/** Propose an amendment. */
export type TCreateAmendment = z.input<typeof ZCreateAmendment>;

export const AMENDMENT_STATUSES = ['open', 'accepted', 'rejected'] as const;

/** An amendment as shown. */
export const ZAmendment = z.object({
  id: ZUuid,
  blockId: ZUuid,
  author: z.object({ id: ZUuid, displayName: z.string() }).nullable(),
  passage: z.object({ start: z.number().int(), end: z.number().int(), quote: z.string() }).nullable(),
  proposedText: z.string(),
  reason: z.string().nullable(),
  supportCount: z.number().int(),
  supportedByMe: z.boolean(),
  status: z.enum(AMENDMENT_STATUSES),
  createdAt: z.string(),
});
/** An amendment. */
export type TAmendment = z.infer<typeof ZAmendment>;

/** GET /consultations/:activityId/amendments?blockId= */
export const ZAmendmentQuery = z.strictObject({ blockId: ZUuid });

/** POST /consultations/:activityId/amendments/:amendmentId/support ({supported: false} withdraws). */
export const ZSupportAmendment = z.strictObject({ supported: z.boolean() });

/** POST /consultations/:activityId/amendments/:amendmentId/status (planner). */
export const ZAmendmentStatus = z.strictObject({
  status: z.enum(AMENDMENT_STATUSES),
  reason: textBlock({ max: 2000 }).optional(),
});

/** Counts of comments by alignment ('none' = no alignment given). */
export const ZAlignmentCounts = z.object(
  Object.fromEntries([...ALIGNMENTS, 'none'].map((a) => [a, z.number().int()])) as Record<
    (typeof ALIGNMENTS)[number] | 'none',
    z.ZodNumber
  >,
);

/** Stakeholder capacities counted in the report ('citizen' = an author with none of the other roles). */
export const REPORT_CAPACITIES = ['citizen', 'ngo', 'expert', 'manager', 'planner'] as const;

/** Comments made on one edition, within a row of the consultation report. */
export const ZEditionCounts = z.object({
  number: z.number().int(),
  comments: z.number().int(),
  incorporated: z.number().int(),
  notIncorporated: z.number().int(),
});

/** Counts for one block or section in the consultation report. */
export const ZReportCounts = z.object({
  comments: z.number().int(),
  byAlignment: ZAlignmentCounts,
  byCapacity: z.record(z.enum(REPORT_CAPACITIES), z.number().int()),
  unanswered: z.number().int(),
  incorporated: z.number().int(),
  notIncorporated: z.number().int(),
  amendments: z.number().int(),
  byEdition: z
    .array(ZEditionCounts)
    .describe('The same comments by the edition they were written on (editions with none left out), oldest first.'),
});

/** A committee (working group) as the report names it. */
export const ZReportCommittee = z.object({ id: ZUuid, name: ZLocalizedText });

/**
 * GET /consultations/:activityId/report?edition=N (planner): .csv and .xlsx alongside. The report
 * of an edition (the latest published by default) counts every comment on the consultation up to
 * it: those on earlier editions are counted on the paragraph their thread was carried to (by
 * lineage), and on `droppedParagraphs` when a later edition removed that paragraph.
 */
export const ZConsultationReport = z.object({
  edition: z.object({ id: ZUuid, number: z.number().int(), title: z.string() }),
  /** The editions whose comments are counted, oldest first. */
  editions: z.array(z.object({ number: z.number().int(), title: z.string(), publishedAt: z.string().nullable() })),
  totals: ZReportCounts,
  document: ZReportCounts,
  droppedParagraphs: ZReportCounts.describe('Comments on paragraphs that later editions removed.'),
  sections: z.array(
    z.object({
      id: ZUuid,
      anchor: z.string(),
      heading: z.string().nullable(),
      /** 1, 2, … for sections with a heading, 0 for the text before the first heading. */
      number: z.number().int(),
      /** "Section 2" as printed, in the language asked for. */
      label: z.string(),
      committee: ZReportCommittee.nullable(),
      counts: ZReportCounts,
      blocks: z.array(
        z.object({
          id: ZUuid,
          anchor: z.string(),
          /** 1, 2, … within its section. */
          number: z.number().int(),
          /** "Section 2 › paragraph 3" as printed, in the language asked for. */
          label: z.string(),
          excerpt: z.string(),
          counts: ZReportCounts,
        }),
      ),
    }),
  ),
  /** Per committee responsible for sections (null: sections with none), then every other committee of the plan with zero. */
  committees: z.array(
    z.object({
      committee: ZReportCommittee.nullable(),
      sectionCount: z.number().int(),
      counts: ZReportCounts,
    }),
  ),
  topAmendments: z.array(
    z.object({
      id: ZUuid,
      /** The edition the amendment was proposed on (its anchor links into that edition). */
      editionNumber: z.number().int(),
      blockAnchor: z.string(),
      excerpt: z.string(),
      proposedText: z.string(),
      supportCount: z.number().int(),
      status: z.enum(AMENDMENT_STATUSES),
    }),
  ),
  unansweredComments: z.array(
    z.object({
      commentId: ZUuid,
      /** The edition it was written on. */
      editionNumber: z.number().int(),
      /** The paragraph of the reported edition its thread lives on; null for the document or a removed paragraph. */
      blockId: ZUuid.nullable(),
      blockAnchor: z.string().nullable(),
      /** Where it sits, as printed ("Section 2 › paragraph 3"); null for the document as a whole. */
      blockLabel: z.string().nullable(),
      excerpt: z.string(),
      body: z.string(),
      capacity: z.enum(REPORT_CAPACITIES),
      alignment: z.enum(ALIGNMENTS).nullable(),
      createdAt: z.string(),
    }),
  ),
});
/** The consultation report. */
export type TConsultationReport = z.infer<typeof ZConsultationReport>;

/**
 * GET /consultations/:activityId/report?edition=N&lang=fa: `lang` is the language of labels,
 * dates and headers (the exports speak the planner's language; default: the organisation's).
 */
export const ZReportQuery = z.strictObject({
  edition: z.coerce.number().int().min(1).optional(),
  lang: ZLocale.optional(),
});

/** PUT /consultations/:activityId/sections/:sectionId/committee (planner): null clears it. */
export const ZSectionCommittee = z.strictObject({ committeeId: ZUuid.nullable() });

/** GET /consultations/:activityId/comments/search?q=&cursor= (planner) */
export const ZCommentSearchQuery = z.strictObject({
  q: textLine({ max: 200 })
    // Two letters once folded: a term of invisible marks or diacritics alone would match everything.
    .refine((q) => normalizeForSearch(q).replace(/\s/g, '').length >= 2, { message: 'too_short' }),
  cursor: textToken({ max: 200 }).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});

/** A comment found by a planner's search, with the paragraph it belongs to. */
export const ZCommentSearchHit = z.object({
  commentId: ZUuid,
  /** Whether it is a reply in a thread. */
  isReply: z.boolean(),
  /** The edition it was written on: links go to `?edition=<number>#p-<blockAnchor>`. */
  editionNumber: z.number().int(),
  /** null for a comment on the document as a whole. */
  blockId: ZUuid.nullable(),
  blockAnchor: z.string().nullable(),
  excerpt: z.string(),
  body: z.string(),
  capacity: z.enum(REPORT_CAPACITIES),
  alignment: z.enum(ALIGNMENTS).nullable(),
  outcome: z.enum(['incorporated', 'not_incorporated']).nullable(),
  createdAt: z.string(),
});
/** A search hit. */
export type TCommentSearchHit = z.infer<typeof ZCommentSearchHit>;
/** A page of search hits, newest first. */
export const ZCommentSearchPage = pageOf(ZCommentSearchHit);
/** A page of search hits. */
export type TCommentSearchPage = z.infer<typeof ZCommentSearchPage>;

/** GET /consultations/:activityId?edition=N */
export const ZConsultationQuery = z.strictObject({ edition: z.coerce.number().int().min(1).optional() });

/** GET /consultations/:activityId/diff?from=&to= */
export const ZDiffQuery = z
  .strictObject({ from: z.coerce.number().int().min(1), to: z.coerce.number().int().min(1) })
  .refine((q) => q.from !== q.to, { message: 'invalid_value', path: ['to'] });

/** Settings of a consultation activity. */
export const ZConsultationSettings = z.strictObject({
  /** Whether participants may propose amendments (rewordings) that others support. */
  allowAmendments: z.boolean().default(true),
  /** Whether a comment must say whether it agrees, disagrees or is neutral. */
  requireAlignment: z.boolean().default(false),
});
/** Consultation settings. */
export type TConsultationSettings = z.infer<typeof ZConsultationSettings>;
