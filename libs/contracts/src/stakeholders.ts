import { z } from 'zod';
import { ZUuid } from './common';
import { textBlock, textLine, textToken } from './text';

/** Whether a stakeholder is an organisation or a single person. */
export const STAKEHOLDER_FORMS = ['organization', 'person'] as const;
/** A stakeholder's form. */
export type StakeholderForm = (typeof STAKEHOLDER_FORMS)[number];

/**
 * The kinds of stakeholder a plan draws on (the database checks the same list): NGO,
 * academic/expert, executive agency, city council, municipal deputy/district/affiliated
 * organisation, private sector/start-up, religious or volunteer group, media, citizen group.
 */
export const STAKEHOLDER_KINDS = [
  'ngo',
  'academic',
  'executive_agency',
  'city_council',
  'municipal_affiliate',
  'private_sector',
  'religious_volunteer',
  'media',
  'citizen_group',
] as const;
/** A kind of stakeholder. */
export type StakeholderKind = (typeof STAKEHOLDER_KINDS)[number];

// ---- the registry (issue 12) -------------------------------------------------------------------

/** A stakeholder's relation to a plan: beneficiary (ذی‌نفع), relevant (ذی‌ربط), influential (ذی‌نفوذ). */
export const STAKEHOLDER_RELATIONS = ['beneficiary', 'relevant', 'influential'] as const;
/** A stakeholder's relation to a plan. */
export type StakeholderRelation = (typeof STAKEHOLDER_RELATIONS)[number];

/** Influence and interest are scored 1 (low) to 5 (high). */
export const ZStakeholderScore = z.coerce.number().int().min(1).max(5);

const ZBooleanText = z.enum(['true', 'false']).transform((v) => v === 'true');

/** POST /api/orgs/:slug/stakeholders (planner, admin). */
export const ZCreateStakeholder = z.strictObject({
  name: textLine({ min: 2, max: 200 }),
  form: z.enum(STAKEHOLDER_FORMS),
  kind: z.enum(STAKEHOLDER_KINDS),
  description: textBlock({ max: 2000 }).nullable().optional(),
  themeIds: z.array(ZUuid).max(30).default([]),
  districtIds: z.array(ZUuid).max(50).default([]),
});
/** Register a stakeholder. */
export type TCreateStakeholder = z.input<typeof ZCreateStakeholder>;

/** PATCH /api/orgs/:slug/stakeholders/:id: any of the registration fields. */
export const ZUpdateStakeholder = z.strictObject({
  name: textLine({ min: 2, max: 200 }).optional(),
  form: z.enum(STAKEHOLDER_FORMS).optional(),
  kind: z.enum(STAKEHOLDER_KINDS).optional(),
  description: textBlock({ max: 2000 }).nullable().optional(),
  themeIds: z.array(ZUuid).max(30).optional(),
  districtIds: z.array(ZUuid).max(50).optional(),
});
/** Change a stakeholder. */
export type TUpdateStakeholder = z.input<typeof ZUpdateStakeholder>;

/** PUT /api/orgs/:slug/stakeholders/:id/verified (staff, audited). */
export const ZSetStakeholderVerified = z.strictObject({ isVerified: z.boolean() });
/** Set or clear the verified flag. */
export type TSetStakeholderVerified = z.input<typeof ZSetStakeholderVerified>;

/** The role a stakeholder plays in one stage of the plan. */
export const ZStakeholderStageRole = z.strictObject({ stageId: ZUuid, role: textLine({ min: 1, max: 200 }) });

/** PUT /api/orgs/:slug/stakeholders/:id/assessments/:planId: the stakeholder as this plan sees it. */
export const ZStakeholderAssessmentInput = z.strictObject({
  relation: z.enum(STAKEHOLDER_RELATIONS),
  influence: z.number().int().min(1).max(5),
  interest: z.number().int().min(1).max(5),
  isMandatory: z.boolean(),
  stageRoles: z.array(ZStakeholderStageRole).max(30).default([]),
});
/** A per-plan assessment. */
export type TStakeholderAssessmentInput = z.input<typeof ZStakeholderAssessmentInput>;

/** A per-plan assessment as read. */
export const ZStakeholderAssessment = z.object({
  planId: ZUuid,
  planTitle: z.record(z.string(), z.string()),
  relation: z.enum(STAKEHOLDER_RELATIONS),
  influence: z.number().int(),
  interest: z.number().int(),
  isMandatory: z.boolean(),
  stageRoles: z.array(z.object({ stageId: ZUuid, stageTitle: z.record(z.string(), z.string()), role: z.string() })),
  updatedAt: z.string(),
});
/** A per-plan assessment. */
export type TStakeholderAssessment = z.infer<typeof ZStakeholderAssessment>;

/** POST /api/orgs/:slug/stakeholders/:id/contacts (staff). */
export const ZCreateStakeholderContact = z.strictObject({
  name: textLine({ min: 2, max: 150 }),
  role: textLine({ max: 150 }).nullable().optional(),
  phone: textLine({ max: 40 }).nullable().optional(),
  email: z.email().max(254).nullable().optional(),
  note: textBlock({ max: 1000 }).nullable().optional(),
});
/** A contact to add. */
export type TCreateStakeholderContact = z.input<typeof ZCreateStakeholderContact>;

/** A contact person of a stakeholder (staff only). */
export const ZStakeholderContact = z.object({
  id: ZUuid,
  name: z.string(),
  role: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  note: z.string().nullable(),
  createdAt: z.string(),
});
/** A contact person. */
export type TStakeholderContact = z.infer<typeof ZStakeholderContact>;

/** POST /api/orgs/:slug/stakeholders/:id/accounts: a member found by mobile or e-mail acts on the stakeholder's behalf. */
export const ZLinkStakeholderAccount = z.strictObject({ q: textLine({ min: 3, max: 100 }) });
/** Link an account. */
export type TLinkStakeholderAccount = z.input<typeof ZLinkStakeholderAccount>;

/** GET /api/orgs/:slug/stakeholders: filters, Persian-normalised search, keyset pagination. */
export const ZStakeholderListQuery = z.strictObject({
  q: textLine({ max: 200 }).optional(),
  kind: z.enum(STAKEHOLDER_KINDS).optional(),
  /** The plan whose assessment is shown and filtered by (relation, mandatory). */
  planId: ZUuid.optional(),
  relation: z.enum(STAKEHOLDER_RELATIONS).optional(),
  mandatory: ZBooleanText.optional(),
  themeId: ZUuid.optional(),
  districtId: ZUuid.optional(),
  verified: ZBooleanText.optional(),
  cursor: textToken({ max: 500 }).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});
/** The list's query. */
export type TStakeholderListQuery = z.input<typeof ZStakeholderListQuery>;

/** A stakeholder in the list. */
export const ZStakeholderListItem = z.object({
  id: ZUuid,
  name: z.string(),
  form: z.enum(STAKEHOLDER_FORMS),
  kind: z.enum(STAKEHOLDER_KINDS),
  isVerified: z.boolean(),
  themeIds: z.array(ZUuid),
  districtIds: z.array(ZUuid),
  linkedAccounts: z.number().int(),
  /** The assessment for the query's plan (null without a plan or when not assessed). */
  assessment: z
    .object({ relation: z.enum(STAKEHOLDER_RELATIONS), influence: z.number().int(), interest: z.number().int(), isMandatory: z.boolean() })
    .nullable(),
});
/** A stakeholder in the list. */
export type TStakeholderListItem = z.infer<typeof ZStakeholderListItem>;

/** A page of the list. */
export const ZStakeholderPage = z.object({ items: z.array(ZStakeholderListItem), nextCursor: z.string().nullable() });
/** A page of the list. */
export type TStakeholderPage = z.infer<typeof ZStakeholderPage>;

/** GET /api/orgs/:slug/stakeholders/:id: the profile. `contacts` is null for readers who are not staff. */
export const ZStakeholder = ZStakeholderListItem.omit({ assessment: true }).extend({
  description: z.string().nullable(),
  verifiedAt: z.string().nullable(),
  verifiedBy: z.object({ id: ZUuid, displayName: z.string() }).nullable(),
  createdAt: z.string(),
  assessments: z.array(ZStakeholderAssessment),
  contacts: z.array(ZStakeholderContact).nullable(),
  accounts: z.array(z.object({ accountId: ZUuid, displayName: z.string(), linkedAt: z.string() })),
  canEdit: z.boolean(),
});
/** A stakeholder's profile. */
export type TStakeholder = z.infer<typeof ZStakeholder>;

/** A stakeholder that already looks like the one being registered (normalised-name similarity). */
export const ZStakeholderSimilar = z.object({ id: ZUuid, name: z.string(), kind: z.enum(STAKEHOLDER_KINDS), similarity: z.number() });
/** A likely duplicate. */
export type TStakeholderSimilar = z.infer<typeof ZStakeholderSimilar>;

/** GET /api/orgs/:slug/stakeholders/similar?name=…&kind=… */
export const ZStakeholderSimilarQuery = z.strictObject({ name: textLine({ min: 2, max: 200 }), excludeId: ZUuid.optional() });
/** Likely duplicates of a name. */
export const ZStakeholderSimilarList = z.object({ items: z.array(ZStakeholderSimilar) });
/** Likely duplicates of a name. */
export type TStakeholderSimilarList = z.infer<typeof ZStakeholderSimilarList>;

/** GET /api/orgs/:slug/stakeholders/grid?planId=…: the power/interest grid of a plan. */
export const ZStakeholderGridQuery = z.strictObject({ planId: ZUuid });
/** One point of the grid. */
export const ZStakeholderGridPoint = z.object({
  id: ZUuid,
  name: z.string(),
  kind: z.enum(STAKEHOLDER_KINDS),
  relation: z.enum(STAKEHOLDER_RELATIONS),
  influence: z.number().int(),
  interest: z.number().int(),
  isMandatory: z.boolean(),
});
/** The grid. */
export const ZStakeholderGrid = z.object({ planId: ZUuid, points: z.array(ZStakeholderGridPoint) });
/** The power/interest grid of a plan. */
export type TStakeholderGrid = z.infer<typeof ZStakeholderGrid>;

/** Where an engagement came from: the registry's own view, or a module that registered a source (think-tank sessions). */
export const ZStakeholderEngagement = z.object({
  source: z.string(),
  itemId: ZUuid,
  planId: ZUuid.nullable(),
  stageId: ZUuid.nullable(),
  summary: z.string().nullable(),
  occurredAt: z.string(),
});
/** One contribution of a stakeholder. */
export type TStakeholderEngagement = z.infer<typeof ZStakeholderEngagement>;
/** GET /api/orgs/:slug/stakeholders/:id/engagement: newest first. */
export const ZStakeholderEngagementList = z.object({ items: z.array(ZStakeholderEngagement) });
/** A stakeholder's engagement history. */
export type TStakeholderEngagementList = z.infer<typeof ZStakeholderEngagementList>;

/** GET /api/orgs/:slug/stakeholders/not-heard?planId=…: mandatory stakeholders with no engagement, per stage. */
export const ZStakeholderNotHeardQuery = z.strictObject({ planId: ZUuid });
/** Per stage of the plan, the mandatory stakeholders not yet heard from in it. */
export const ZStakeholderNotHeard = z.object({
  planId: ZUuid,
  stages: z.array(
    z.object({
      stageId: ZUuid,
      title: z.record(z.string(), z.string()),
      stakeholders: z.array(z.object({ id: ZUuid, name: z.string(), kind: z.enum(STAKEHOLDER_KINDS), role: z.string().nullable() })),
    }),
  ),
});
/** The "not yet heard from" list. */
export type TStakeholderNotHeard = z.infer<typeof ZStakeholderNotHeard>;

/** GET /api/orgs/:slug/stakeholders/mine: the stakeholders the signed-in person acts for. */
export const ZMyStakeholders = z.object({ items: z.array(z.object({ id: ZUuid, name: z.string(), kind: z.enum(STAKEHOLDER_KINDS) })) });
/** The stakeholders one acts for. */
export type TMyStakeholders = z.infer<typeof ZMyStakeholders>;

/** The columns of a stakeholder file (import and export). `id` present: update that stakeholder. */
export const STAKEHOLDER_FILE_COLUMNS = [
  'id',
  'name',
  'form',
  'kind',
  'description',
  'themes',
  'districts',
  'relation',
  'influence',
  'interest',
  'mandatory',
  'contact_name',
  'contact_role',
  'contact_phone',
  'contact_email',
] as const;
/** A column of a stakeholder file. */
export type StakeholderFileColumn = (typeof STAKEHOLDER_FILE_COLUMNS)[number];

/** Query of the import/export: `dryRun=true` only checks; `planId` reads/writes the plan's assessment columns. */
export const ZStakeholderImportQuery = z.strictObject({
  dryRun: ZBooleanText.default(false),
  planId: ZUuid.optional(),
});
/** Query of the export. */
export const ZStakeholderExportQuery = z.strictObject({ planId: ZUuid.optional() });

/** What can be wrong with a row of an imported file. */
export const STAKEHOLDER_IMPORT_PROBLEMS = [
  'unreadable_file',
  'missing_header',
  'too_many_rows',
  'missing_name',
  'name_too_long',
  'invalid_characters',
  'bad_form',
  'bad_kind',
  'unknown_theme',
  'unknown_district',
  'bad_relation',
  'bad_score',
  'bad_mandatory',
  'assessment_incomplete',
  'assessment_without_plan',
  'bad_email',
  'unknown_id',
  'duplicate_in_file',
  'duplicate_existing',
] as const;

/** One problem of an imported file: row (1 is the header), column, reason. */
export const ZStakeholderImportProblem = z.object({
  row: z.number().int(),
  column: z.string().nullable(),
  problem: z.enum(STAKEHOLDER_IMPORT_PROBLEMS),
});
/** One problem of an imported file. */
export type TStakeholderImportProblem = z.infer<typeof ZStakeholderImportProblem>;

/** A new row whose normalised name looks like a registered stakeholder's (not refused: a suggestion to check). */
export const ZStakeholderImportSuggestion = z.object({
  row: z.number().int(),
  name: z.string(),
  similarTo: ZStakeholderSimilar,
});

/** The import's report: problems (nothing saved when any), duplicate suggestions, and counts. */
export const ZStakeholderImportReport = z.object({
  dryRun: z.boolean(),
  applied: z.boolean(),
  rows: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  problems: z.array(ZStakeholderImportProblem),
  suggestions: z.array(ZStakeholderImportSuggestion),
});
/** The import's report. */
export type TStakeholderImportReport = z.infer<typeof ZStakeholderImportReport>;
