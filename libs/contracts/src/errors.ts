import { z } from 'zod';

/**
 * Every error code the API can answer with. The web translates `errors.<code>`;
 * the API never sends localised prose. Add codes here, never inline.
 */
export const ERROR_CODES = [
  // common
  'common.validation_failed',
  'common.malformed_json',
  'common.payload_too_large',
  'common.unsupported_media_type',
  'common.not_found',
  'common.route_not_found',
  'common.rate_limited',
  'common.internal',
  'common.csrf_invalid',
  'common.idempotency_conflict',
  'common.idempotency_in_progress',
  // identity
  'identity.unauthenticated',
  'identity.forbidden',
  'identity.session_expired',
  'identity.code_invalid',
  'identity.code_expired',
  'identity.code_too_many_attempts',
  'identity.code_resend_too_soon',
  'identity.credentials_invalid',
  'identity.account_locked',
  'identity.account_disabled',
  'identity.email_taken',
  'identity.mobile_taken',
  'identity.consent_required',
  'identity.not_a_member',
  'identity.account_not_found',
  'identity.membership_not_found',
  'identity.last_admin',
  'identity.sign_in_method_disabled',
  'identity.manager_needs_district',
  // organizations
  'organizations.not_found',
  'organizations.district_not_found',
  'organizations.theme_not_found',
  'organizations.default_locale_not_offered',
  'organizations.logo_invalid',
  'organizations.logo_not_found',
  'organizations.page_not_found',
  'organizations.slug_taken',
  'organizations.suspended',
  // invitations
  'invitations.not_found',
  'invitations.expired',
  'invitations.used',
  'invitations.revoked',
  'invitations.contact_mismatch',
  'invitations.not_pending',
  'organizations.theme_archived',
  // themes
  'themes.slug_taken',
  'themes.too_deep',
  'themes.cycle',
  'themes.merge_into_descendant',
  'themes.parent_archived',
  'themes.file_too_large',
  // districts
  'districts.invalid_geojson',
  'districts.invalid_boundary',
  'districts.file_too_large',
  'districts.too_many_vertices',
  'districts.too_many_features',
  'districts.too_complex',
  'districts.busy',
  'districts.in_use',
  'districts.number_taken',
  // plans
  'plans.not_found',
  'plans.plan_closed',
  'plans.invalid_transition',
  'plans.revision_exists',
  'plans.stage_not_found',
  'plans.stage_not_open',
  'plans.stage_outside_horizon',
  'plans.stages_overlap',
  'plans.activity_not_found',
  'plans.activity_type_unknown',
  'plans.activity_settings_invalid',
  'plans.activity_closed',
  'plans.committee_not_found',
  'plans.upstream_document_not_found',
  'plans.member_not_found',
  'plans.attachment_not_found',
  // attachments
  'attachments.not_found',
  'attachments.type_not_allowed',
  'attachments.too_large',
  'attachments.owner_not_found',
  'attachments.image_invalid',
  // notifications
  'notifications.target_not_found',
  // moderation
  'moderation.blocked',
  'moderation.cannot_block_self',
  // problems
  'problems.not_found',
  'problems.not_problem_collection',
  'problems.capacity_not_allowed',
  'problems.anonymous_not_allowed',
  'problems.photo_required',
  'problems.location_outside',
  'problems.photo_not_found',
  'problems.photo_invalid',
  'problems.photo_too_large',
  'problems.not_supportable',
  'problems.own_problem',
  'problems.invalid_transition',
  'problems.merge_invalid',
  'problems.merged',
  // comments
  'comments.not_found',
  'comments.target_not_found',
  'comments.parent_not_found',
  'comments.too_deep',
  'comments.edit_window_closed',
  'comments.not_author',
  'comments.already_reported',
  'comments.hidden',
  'comments.already_hidden',
  'comments.not_hidden',
  'comments.passage_mismatch',
  'comments.passage_not_supported',
  'comments.outcome_not_supported',
  'comments.no_reports',
  // consultations
  'consultations.not_consultation',
  'consultations.no_edition',
  'consultations.edition_not_found',
  'consultations.block_not_found',
  'consultations.draft_exists',
  'consultations.not_draft',
  'consultations.not_latest',
  'consultations.image_not_found',
  'consultations.docx_invalid',
  'consultations.docx_macros',
  'consultations.docx_too_large',
  'consultations.docx_unsafe',
  'consultations.docx_empty',
  'consultations.docx_too_complex',
  'consultations.import_busy',
  'consultations.amendments_disabled',
  'consultations.amendment_not_found',
  'consultations.alignment_required',
  'consultations.section_not_found',
  'consultations.committee_not_found',
  // surveys
  'surveys.not_survey',
  'surveys.not_found',
  'surveys.invalid_definition',
  'surveys.survey_frozen',
  'surveys.version_conflict',
  'surveys.target_has_responses',
  'surveys.not_open_yet',
  'surveys.closed',
  'surveys.not_in_audience',
  'surveys.invite_required',
  'surveys.invite_invalid',
  'surveys.invite_expired',
  'surveys.invite_used',
  'surveys.invite_revoked',
  'surveys.invite_not_found',
  'surveys.invalid_response',
  'surveys.already_responded',
  'surveys.not_submitted',
  'surveys.attachment_not_found',
  // survey results
  'surveys.question_not_found',
  'surveys.crosstab_unsupported',
  // survey exports
  'survey_exports.not_found',
  'survey_exports.not_ready',
  'survey_exports.expired',
  'survey_exports.failed',
  // demands classifier (suggested themes)
  'demand_suggestions.demand_not_found',
  'demand_suggestions.not_found',
  'demand_suggestions.already_decided',
  'demand_suggestions.theme_archived',
  'demand_classifier.busy',
  'demand_classifier.too_large',
  'demand_classifier.failed',
  // strategy (the plan's structure)
  'strategy.plan_not_found',
  'strategy.not_found',
  'strategy.not_editable',
  'strategy.code_taken',
  'strategy.parent_not_found',
  'strategy.has_children',
  'strategy.year_outside_horizon',
  'strategy.invalid_reorder',
  'strategy.committee_not_found',
  'strategy.district_not_found',
  'strategy.demand_group_not_found',
  'strategy.attachment_not_found',
  'strategy.approval_not_allowed',
  'strategy.version_not_found',
  'strategy.import_invalid',
  'strategy.import_stale',
  'strategy.import_file_invalid',
  'strategy.import_too_large',
] as const;

/** A stable, machine-readable error code. */
export type ErrorCode = (typeof ERROR_CODES)[number];

/**
 * The one error response shape of the API. `fields` maps a field path to an error code. Built in a
 * call marked pure so a web page that only needs the code lists above does not pull zod into its bundle.
 */
export const ZErrorResponse = /* @__PURE__ */ (() =>
  z.object({
    code: z.enum(ERROR_CODES),
    message: z.string(),
    fields: z.record(z.string(), z.string()).optional(),
    requestId: z.string().optional(),
  }))();
/** The one error response shape of the API. */
export type TErrorResponse = z.infer<typeof ZErrorResponse>;

/** The field codes of answer problems beyond the common ones (translated as `errors.field.<code>`). */
export const SURVEY_ANSWER_ISSUES = [
  'hidden_question',
  'unknown_option',
  'other_text_required',
  'too_few_choices',
  'too_many_choices',
  'ranking_incomplete',
  'too_few_points',
  'self_intersecting',
  'outside_box',
  'not_integer',
] as const;

/** What a survey's `validateDefinition` can find wrong (the web translates `surveys.problem.<code>`); also field codes of a refused definition. */
export const SURVEY_DEFINITION_PROBLEMS = [
  'no_questions',
  'duplicate_id',
  'missing_fa_text',
  'options_missing',
  'rows_missing',
  'columns_missing',
  'min_greater_than_max',
  'choices_exceed_options',
  'top_k_exceeds_options',
  'likert_labels_count',
  'condition_unknown_question',
  'condition_forward_reference',
  'condition_cycle',
  'condition_operator_mismatch',
  'condition_unknown_option',
  'section_empty',
] as const;

/**
 * Codes used inside `fields` for per-field validation problems (translated by the web as
 * `errors.field.<code>`).
 */
export const FIELD_ERROR_CODES = [
  'required',
  'invalid_type',
  'too_short',
  'too_long',
  'too_small',
  'too_big',
  'invalid_format',
  'invalid_value',
  'unknown_field',
  'invalid',
  // NUL, half a surrogate pair, or (in names and titles) a direction control: see text.ts.
  'invalid_characters',
  // a brand colour under which white text reads below 4.5:1 (organization settings)
  'low_contrast',
  'duplicate',
  // the languages offered leave out the municipality's default language
  'default_locale_missing',
  // survey answers
  ...SURVEY_ANSWER_ISSUES,
  // survey definition problems
  ...SURVEY_DEFINITION_PROBLEMS,
  // strategy: budgets, horizons, imported codes and indicator formulas
  'negative_amount',
  'year_outside_horizon',
  'unknown_code',
  'has_children',
  'formula_syntax',
  'formula_unknown_variable',
  'formula_unknown_function',
  'formula_wrong_argument_count',
  'formula_zero_division',
  'formula_missing_value',
  'formula_not_finite',
  'formula_too_long',
  'formula_too_deep',
] as const;
/** A per-field validation code. */
export type FieldErrorCode = (typeof FIELD_ERROR_CODES)[number];
