import { createHash, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import type { EntityManager } from 'typeorm';
import type { z } from 'zod';
import {
  buildDraftSchema,
  buildResponseSchema,
  isWordingChangeOnly,
  type Locale,
  LOCALES,
  SURVEY_OPEN_TEXT_TYPES,
  surveyQuestions,
  type TAttachment,
  type TCreatedSurveyInvites,
  type TSurveyAdmin,
  type TSurveyBox,
  type TSurveyDefinition,
  type TSurveyForRespondent,
  type TSurveyInvite,
  type TSurveyOpenTextInput,
  type TSurveyResponseReceipt,
  type TSurveySettings,
  type TSurveyVersionList,
  validateDefinition,
  type ZCreateSurveyInvites,
  type ZPutSurveyDefinition,
  type ZSubmitSurveyResponse,
} from '@hamandishi/contracts';
import type { Actor } from '../../common/http/request-context';
import { fieldErrors } from '../../common/validation/zod-issues';
import { AttachmentsService } from '../attachments/attachments.service';
import { AuditService } from '../audit/audit.service';
import { MUNICIPALITY_BOX_HALF_DEGREES } from '../districts/districts.service';
import { AccountsService } from '../identity/accounts.service';
import type { MembershipRow } from '../identity/memberships.repository';
import type { Organization } from '../organizations/organization.entity';
import { type ActivityInfo, StagesService } from '../plans/stages.service';
import { SurveyResultsService } from './results/survey-results.service';
import { SurveyErrors } from './surveys.errors';
import { type InviteRow, type Respondent, type ResponseRow, type SubmissionRow, type SurveyRow, SurveysRepository } from './surveys.repository';

/** Who is answering, as the respondent routes see them. */
export type RespondentContext = {
  actor?: Actor;
  membership: MembershipRow | null;
  /** The `?invite=` token of a personal link. */
  invite?: string;
  /** The browser's CSRF cookie: the key of a visitor without an account (audience "everyone"). */
  browserKey?: string;
};

/** The capacity a response is counted under, from the respondent's roles (the most specific first). */
const CAPACITY_ORDER = ['manager', 'expert', 'ngo', 'planner', 'citizen'] as const;

const hashToken = (token: string) => createHash('sha256').update(token, 'utf8').digest();
/** How many built response and draft schemas each API process keeps. */
const SCHEMA_CACHE_SIZE = 256;

const keyOf = (surveyId: string, kind: string, id: string) => createHash('sha256').update(`${surveyId}:${kind}:${id}`).digest('hex');

/**
 * Surveys: the planner's definition (validated with the shared contracts, frozen by the first
 * response except for wording fixes, which are versioned), audience and invite links, and the
 * respondent's draft, submission and edit, checked on the server with the same schema the
 * respondent's form uses.
 */
@Injectable()
export class SurveysService {
  /** Built schemas per survey id, version, last definition save, box and locale (a saved definition makes a new key). */
  private readonly schemas = new LRUCache<string, ReturnType<typeof buildResponseSchema> | ReturnType<typeof buildDraftSchema>>({ max: SCHEMA_CACHE_SIZE });

  constructor(
    private readonly repository: SurveysRepository,
    private readonly stages: StagesService,
    private readonly audit: AuditService,
    private readonly accounts: AccountsService,
    private readonly attachments: AttachmentsService,
    private readonly results: SurveyResultsService,
  ) {}

  // ---- planner -----------------------------------------------------------------------------

  /** The survey of a survey activity as its builder sees it (an empty one on first use). */
  async get(org: Organization, activityId: string): Promise<TSurveyAdmin> {
    await this.surveyActivity(org.id, activityId);
    const survey = await this.repository.ensureForActivity(this.repository.db, org.id, activityId);
    return this.adminView(survey);
  }

  /**
   * Saves a definition: refused with the problems `validateDefinition` finds; once the survey has
   * responses only a wording change passes, and it keeps the old definition under a new version.
   */
  async putDefinition(org: Organization, actor: Actor, activityId: string, input: z.output<typeof ZPutSurveyDefinition>): Promise<TSurveyAdmin> {
    await this.surveyActivity(org.id, activityId);
    const definition = input.definition;
    const problems = validateDefinition(definition);
    if (problems.length > 0) {
      const fields: Record<string, string> = {};
      for (const p of problems) {
        const key = p.questionId ?? p.sectionId ?? 'definition';
        fields[key] ??= p.code;
      }
      throw SurveyErrors.invalidDefinition(fields);
    }
    const saved = await this.repository.db.transaction(async (m) => {
      await this.repository.ensureForActivity(m, org.id, activityId);
      const survey = (await this.repository.findByActivity(m, org.id, activityId, 'FOR UPDATE'))!;
      if (input.expectedVersion !== undefined && input.expectedVersion !== survey.version) throw SurveyErrors.versionConflict();
      // A submission commits while holding a share lock on the survey; under this update lock the count is exact.
      const frozen = survey.frozenAt !== null || (await this.repository.countSubmitted(m, survey.id)) > 0;
      let version = survey.version;
      if (frozen) {
        if (!isWordingChangeOnly(survey.definition, definition)) throw SurveyErrors.frozen();
        await this.repository.keepVersion(m, survey, actor.accountId);
        version += 1;
        await this.repository.freeze(m, survey.id);
      }
      await this.repository.saveDefinition(m, survey.id, definition, version);
      await this.record(m, org, actor, 'survey.definition_saved', survey.id, { version: survey.version }, { version, definition });
      return (await this.repository.findByActivity(m, org.id, activityId))!;
    });
    return this.adminView(saved);
  }

  /** Who may answer, anonymous or identified, and whether demographics are asked. */
  async putSettings(org: Organization, actor: Actor, activityId: string, settings: TSurveySettings): Promise<TSurveyAdmin> {
    await this.surveyActivity(org.id, activityId);
    const saved = await this.repository.db.transaction(async (m) => {
      await this.repository.ensureForActivity(m, org.id, activityId);
      const before = (await this.repository.findByActivity(m, org.id, activityId, 'FOR UPDATE'))!;
      await this.repository.saveSettings(m, before.id, settings);
      await this.record(m, org, actor, 'survey.settings_changed', before.id, settingsOf(before), settings);
      return (await this.repository.findByActivity(m, org.id, activityId))!;
    });
    return this.adminView(saved);
  }

  /** Copies the definition and settings into another survey activity of the municipality that has no responses. */
  async duplicate(org: Organization, actor: Actor, activityId: string, targetActivityId: string): Promise<TSurveyAdmin> {
    await this.surveyActivity(org.id, activityId);
    await this.surveyActivity(org.id, targetActivityId);
    const saved = await this.repository.db.transaction(async (m) => {
      const source = await this.repository.ensureForActivity(m, org.id, activityId);
      await this.repository.ensureForActivity(m, org.id, targetActivityId);
      const target = (await this.repository.findByActivity(m, org.id, targetActivityId, 'FOR UPDATE'))!;
      if (target.id === source.id) throw SurveyErrors.targetHasResponses();
      if (target.frozenAt !== null || (await this.repository.countSubmitted(m, target.id)) > 0) throw SurveyErrors.targetHasResponses();
      await this.repository.saveDefinition(m, target.id, source.definition, target.version);
      await this.repository.saveSettings(m, target.id, settingsOf(source));
      await this.record(m, org, actor, 'survey.duplicated', target.id, { definition: target.definition }, { fromSurveyId: source.id, definition: source.definition });
      return (await this.repository.findByActivity(m, org.id, targetActivityId))!;
    });
    return this.adminView(saved);
  }

  /** Older definitions, newest first. */
  async versions(org: Organization, activityId: string): Promise<TSurveyVersionList> {
    const survey = await this.existingSurvey(org.id, activityId);
    const rows = await this.repository.versions(this.repository.db, survey.id);
    return { items: rows.map((r) => ({ version: r.version, definition: r.definition, createdAt: r.createdAt.toISOString() })) };
  }

  /** Creates personal links; their tokens are returned this once (only hashes are stored). */
  async createInvites(org: Organization, actor: Actor, activityId: string, input: z.output<typeof ZCreateSurveyInvites>): Promise<TCreatedSurveyInvites> {
    await this.surveyActivity(org.id, activityId);
    const expiresAt = new Date(input.expiresAt);
    if (expiresAt.getTime() <= Date.now()) throw SurveyErrors.expiryInPast();
    const tokens = input.labels.map(() => randomBytes(24).toString('base64url'));
    const rows = await this.repository.db.transaction(async (m) => {
      const survey = await this.repository.ensureForActivity(m, org.id, activityId);
      const created = await this.repository.createInvites(
        m,
        survey,
        input.labels.map((label, i) => ({ label, tokenHash: hashToken(tokens[i]) })),
        expiresAt,
        actor.accountId,
      );
      await this.record(m, org, actor, 'survey.invites_created', survey.id, null, { count: created.length, expiresAt: expiresAt.toISOString(), inviteIds: created.map((c) => c.id) });
      return created;
    });
    return {
      items: rows.map((row, i) => ({ ...inviteView(row), token: tokens[i], path: `/${org.slug}/surveys/${activityId}?invite=${tokens[i]}` })),
    };
  }

  async listInvites(org: Organization, activityId: string): Promise<{ items: TSurveyInvite[] }> {
    const survey = await this.existingSurvey(org.id, activityId);
    return { items: (await this.repository.listInvites(this.repository.db, survey.id)).map(inviteView) };
  }

  async revokeInvite(org: Organization, actor: Actor, activityId: string, inviteId: string): Promise<TSurveyInvite> {
    const survey = await this.existingSurvey(org.id, activityId);
    const row = await this.repository.db.transaction(async (m) => {
      const revoked = await this.repository.revokeInvite(m, survey.id, inviteId);
      if (!revoked) throw SurveyErrors.inviteNotFound();
      await this.record(m, org, actor, 'survey.invite_revoked', survey.id, { inviteId }, { inviteId, revokedAt: revoked.revokedAt });
      return revoked;
    });
    return inviteView(row);
  }

  /**
   * The open-text answers of a survey's submitted responses, as inputs of the demands hub: the
   * text, and the respondent's capacity and district when they consented to share them.
   */
  async openTextInputs(organizationId: string, surveyId: string): Promise<TSurveyOpenTextInput[]> {
    const [survey]: { definition: TSurveyDefinition }[] = await this.repository.db.query(
      `SELECT definition FROM survey WHERE organization_id = $1 AND id = $2`,
      [organizationId, surveyId],
    );
    if (!survey) throw SurveyErrors.notFound();
    const ids = surveyQuestions(survey.definition)
      .map(({ question }) => question)
      .filter((q) => SURVEY_OPEN_TEXT_TYPES.includes(q.type))
      .map((q) => q.id);
    if (ids.length === 0) return [];
    const rows = await this.repository.openTextAnswers(this.repository.db, organizationId, surveyId, ids);
    return rows.map((r) => ({
      sourceType: 'survey_answer' as const,
      responseId: r.responseId,
      surveyId,
      questionId: r.questionId,
      text: r.text,
      capacity: r.capacity,
      districtId: r.districtId,
      submittedAt: r.submittedAt.toISOString(),
    }));
  }

  // ---- respondent --------------------------------------------------------------------------

  /** The survey to answer, with the respondent's draft or submitted response. */
  async forRespondent(org: Organization, activityId: string, ctx: RespondentContext): Promise<TSurveyForRespondent> {
    const { activity, survey } = await this.openSurvey(org, activityId);
    // A first-time visitor of an open survey may have no browser key yet: they see it, with nothing saved.
    const visitorWithoutKey = survey.audience.audience === 'everyone' && !ctx.actor && !ctx.invite && !ctx.browserKey;
    const respondent = visitorWithoutKey ? null : await this.respondent(survey, ctx, this.repository.db);
    const response = respondent ? await this.repository.findResponse(this.repository.db, survey.id, respondent) : null;
    return {
      activityId,
      title: activity.title,
      description: activity.description,
      definition: survey.definition,
      version: survey.version,
      box: boxOf(org),
      closesAt: activity.closesAt,
      anonymous: survey.anonymous,
      askDemographics: survey.askDemographics,
      response: response
        ? {
            status: response.status,
            answers: response.draftAnswers ?? response.answers,
            hasDraft: response.draftAnswers !== null,
            submittedAt: response.submittedAt?.toISOString() ?? null,
            updatedAt: response.updatedAt.toISOString(),
            demographicsConsent: response.demographicsConsent,
          }
        : null,
    };
  }

  /** Autosave: the draft is checked for types and options only; resumable from any device of the same person or link. */
  async saveDraft(org: Organization, activityId: string, ctx: RespondentContext, answers: Record<string, unknown>): Promise<TSurveyResponseReceipt> {
    const { survey } = await this.openSurvey(org, activityId);
    const respondent = await this.respondent(survey, ctx, this.repository.db);
    const locale = await this.localeOf(ctx);
    const result = this.schemaOf('draft', org, survey, locale).safeParse(answers, { reportInput: true });
    if (!result.success) throw SurveyErrors.invalidResponse(fieldErrors(result.error.issues));
    const row = await this.repository.saveDraft(this.repository.db, survey, respondent, result.data);
    return receipt(row, survey.version);
  }

  /** Submits once per person or invite link (a unique index decides); idempotent by `Idempotency-Key`. */
  async submit(
    org: Organization,
    activityId: string,
    ctx: RespondentContext,
    input: z.output<typeof ZSubmitSurveyResponse>,
    idempotencyKey: string | null,
  ): Promise<TSurveyResponseReceipt> {
    const activity = await this.surveyActivity(org.id, activityId);
    if (!ctx.invite) {
      // The short way, one statement: checked against the survey as read, written only if it is still that survey.
      const survey = await this.assertOpen(org, activity, await this.repository.findByActivityCached(org.id, activityId));
      const respondent = await this.respondent(survey, ctx, this.repository.db);
      const submission = await this.validated(org, survey, ctx, input, idempotencyKey);
      const facts = this.results.factColumnsOf(org, survey, submission.answers);
      const { locked, row } = await this.repository.submitWithFacts(survey, respondent, submission, facts);
      if (locked) {
        if (!row) throw SurveyErrors.alreadyResponded();
        if (!survey.frozenAt) await this.repository.freeze(this.repository.db, survey.id);
        return receipt(row, survey.version);
      }
      // The survey changed since it was read: the long way below, under its lock.
    }
    const { row, survey } = await this.repository.db.transaction(async (m) => {
      // Share lock: a definition change waits for this submission (and this one sees the definition it validates against).
      // One read of the survey per submission: the open checks run on the locked row.
      const survey = await this.assertOpen(org, activity, await this.repository.findByActivity(m, org.id, activityId, 'FOR SHARE'));
      const respondent = await this.respondent(survey, ctx, m, true);
      const submission = await this.validated(org, survey, ctx, input, idempotencyKey);
      const row = await this.repository.submit(m, survey, respondent, submission);
      if (!row) throw respondent.inviteId ? SurveyErrors.inviteUsed() : SurveyErrors.alreadyResponded();
      // A response only gets facts once submitted: a new submission has none to replace.
      await this.results.recordFacts(m, org, survey, row.id, submission, { replace: false });
      if (respondent.inviteId) await this.repository.markInviteUsed(m, respondent.inviteId);
      return { row, survey };
    });
    // Outside the submission's transaction: concurrent submissions share the survey's lock and must not upgrade it.
    if (!survey.frozenAt) await this.repository.freeze(this.repository.db, survey.id);
    return receipt(row, survey.version);
  }

  /** Replaces a submitted response's answers while the survey is open. */
  async edit(org: Organization, activityId: string, ctx: RespondentContext, input: z.output<typeof ZSubmitSurveyResponse>): Promise<TSurveyResponseReceipt> {
    await this.openSurvey(org, activityId);
    const { row, survey } = await this.repository.db.transaction(async (m) => {
      const survey = (await this.repository.findByActivity(m, org.id, activityId, 'FOR SHARE'))!;
      const respondent = await this.respondent(survey, ctx, m);
      const submission = await this.validated(org, survey, ctx, input, null);
      const row = await this.repository.editSubmitted(m, survey.id, respondent, submission);
      if (!row) throw SurveyErrors.notSubmitted();
      await this.results.recordFacts(m, org, survey, row.id, submission);
      return { row, survey };
    });
    return receipt(row, survey.version);
  }

  /**
   * Stores the image answering a file question (re-encoded by the attachments module, its
   * metadata dropped), owned by the survey. The respondent must be signed in and in the audience.
   */
  async uploadImage(org: Organization, activityId: string, ctx: RespondentContext, filename: string, bytes: Buffer): Promise<TAttachment> {
    const { survey } = await this.openSurvey(org, activityId);
    await this.respondent(survey, ctx, this.repository.db);
    if (!ctx.actor) throw SurveyErrors.unauthenticated();
    if (!isImage(bytes)) throw SurveyErrors.imageOnly();
    return this.attachments.uploadSent(org, ctx.actor.accountId, { ownerType: 'survey', ownerId: survey.id, filename }, bytes);
  }

  // ---- helpers -----------------------------------------------------------------------------

  private async surveyActivity(organizationId: string, activityId: string): Promise<ActivityInfo> {
    const activity = await this.stages.getActivity(organizationId, activityId);
    if (activity.type !== 'survey') throw SurveyErrors.notSurvey();
    return activity;
  }

  private async existingSurvey(organizationId: string, activityId: string): Promise<SurveyRow> {
    await this.surveyActivity(organizationId, activityId);
    const survey = await this.repository.findByActivity(this.repository.db, organizationId, activityId);
    if (!survey) throw SurveyErrors.notFound();
    return survey;
  }

  /** The survey of an activity that takes answers now: 409 when closed or not yet open, 404 when it has no questions. */
  private async openSurvey(org: Organization, activityId: string): Promise<{ activity: ActivityInfo; survey: SurveyRow }> {
    const activity = await this.surveyActivity(org.id, activityId);
    const survey = await this.assertOpen(org, activity, await this.repository.findByActivity(this.repository.db, org.id, activityId));
    return { activity, survey };
  }

  /** The survey when it takes answers now (see openSurvey). */
  private async assertOpen(org: Organization, activity: ActivityInfo, survey: SurveyRow | null): Promise<SurveyRow> {
    if (!survey || surveyQuestions(survey.definition).length === 0) throw SurveyErrors.notFound();
    if (!activity.isOpen) {
      const now = Date.now();
      if (activity.closesAt && new Date(activity.closesAt).getTime() <= now) throw SurveyErrors.closed();
      if (activity.opensAt && new Date(activity.opensAt).getTime() > now) throw SurveyErrors.notOpenYet();
      // Otherwise the stage decides: one still to come has not opened the survey yet.
      const stage = await this.stages.get(org, activity.stageId);
      throw stage.status === 'upcoming' ? SurveyErrors.notOpenYet() : SurveyErrors.closed();
    }
    return survey;
  }

  /**
   * Who answers: the invite link when one is given (checked: known, not revoked, not expired; and
   * when submitting, not used), else the person the audience admits. Throws the audience's error
   * otherwise. A used link still opens, saves drafts of and edits its own response until the survey
   * closes, as a signed-in respondent's response does: single use means one response per link.
   */
  private async respondent(survey: SurveyRow, ctx: RespondentContext, m: Pick<EntityManager, 'query'>, isSubmitting = false): Promise<Respondent> {
    if (ctx.invite) {
      const invite = await this.repository.findInviteByHash(m, survey.id, hashToken(ctx.invite), isSubmitting);
      assertUsable(invite, isSubmitting);
      return { respondentKey: null, accountId: null, inviteId: invite!.id };
    }
    const audience = survey.audience;
    if (audience.audience === 'invite_list') throw SurveyErrors.inviteRequired();
    const person = (accountId: string): Respondent => ({
      respondentKey: keyOf(survey.id, 'account', accountId),
      accountId: survey.anonymous ? null : accountId,
      inviteId: null,
    });
    if (audience.audience === 'everyone') {
      if (ctx.actor) return person(ctx.actor.accountId);
      if (ctx.browserKey) return { respondentKey: keyOf(survey.id, 'browser', ctx.browserKey), accountId: null, inviteId: null };
      throw SurveyErrors.unauthenticated();
    }
    if (!ctx.actor) throw SurveyErrors.unauthenticated();
    if (audience.audience === 'roles' && !(ctx.membership && ctx.membership.roles.some((r) => audience.roles.includes(r)))) throw SurveyErrors.notInAudience();
    if (audience.audience === 'districts' && !(ctx.membership?.districtId && audience.districtIds.includes(ctx.membership.districtId))) throw SurveyErrors.notInAudience();
    return person(ctx.actor.accountId);
  }

  /** The answers checked with the shared response schema, file answers checked against the attachments, and the demographic snapshot. */
  private async validated(
    org: Organization,
    survey: SurveyRow,
    ctx: RespondentContext,
    input: z.output<typeof ZSubmitSurveyResponse>,
    idempotencyKey: string | null,
  ): Promise<SubmissionRow> {
    const account = ctx.actor ? await this.accounts.requireActive(ctx.actor.accountId) : null;
    const locale = account && LOCALES.includes(account.locale) ? account.locale : undefined;
    const result = this.schemaOf('response', org, survey, locale).safeParse(input.answers, { reportInput: true });
    if (!result.success) throw SurveyErrors.invalidResponse(fieldErrors(result.error.issues));
    const answers = result.data as Record<string, unknown>;

    const fileIds = surveyQuestions(survey.definition)
      .filter(({ question }) => question.type === 'file' && typeof answers[question.id] === 'string')
      .map(({ question }) => [question.id, answers[question.id] as string] as const);
    for (const [questionId, attachmentId] of fileIds) {
      // Only an image uploaded to this survey answers its file questions.
      const attachment = await this.attachments.open(org.id, attachmentId).catch(() => null);
      if (!attachment || attachment.ownerType !== 'survey' || attachment.ownerId !== survey.id || !attachment.contentType.startsWith('image/')) {
        throw SurveyErrors.attachmentNotFound(questionId);
      }
    }

    const consent = survey.askDemographics && input.demographicsConsent === true && !!account;
    const capacity = consent && ctx.membership ? (CAPACITY_ORDER.find((c) => ctx.membership!.roles.includes(c)) ?? 'citizen') : null;
    const profileConsent = consent && account!.demographicsConsentAt !== null;
    return {
      answers,
      definitionVersion: survey.version,
      idempotencyKey,
      demographicsConsent: consent,
      capacity,
      districtId: consent ? (ctx.membership?.districtId ?? null) : null,
      ageBand: profileConsent ? account!.ageBand : null,
      gender: profileConsent ? account!.gender : null,
    };
  }

  /** The response (or draft) schema of the survey's definition, built once per definition, box and locale. */
  private schemaOf(kind: 'response' | 'draft', org: Organization, survey: SurveyRow, locale: Locale | undefined) {
    const box = boxOf(org);
    const key = [kind, survey.id, survey.version, survey.updatedAt.getTime(), box.minLat, box.maxLat, box.minLng, box.maxLng, locale ?? ''].join(':');
    let schema = this.schemas.get(key);
    if (!schema) {
      schema = kind === 'response' ? buildResponseSchema(survey.definition, { box, locale }) : buildDraftSchema(survey.definition, { box, locale });
      this.schemas.set(key, schema);
    }
    return schema;
  }

  private async localeOf(ctx: RespondentContext): Promise<Locale | undefined> {
    if (!ctx.actor) return undefined;
    const account = await this.accounts.requireActive(ctx.actor.accountId);
    return account.locale;
  }

  private async adminView(survey: SurveyRow): Promise<TSurveyAdmin> {
    return {
      id: survey.id,
      activityId: survey.activityId,
      definition: survey.definition,
      version: survey.version,
      frozenAt: survey.frozenAt?.toISOString() ?? null,
      settings: settingsOf(survey),
      responseCount: await this.repository.countSubmitted(this.repository.db, survey.id),
      updatedAt: survey.updatedAt.toISOString(),
    };
  }

  private record(m: EntityManager, org: Organization, actor: Actor, action: string, surveyId: string, before: unknown, after: unknown) {
    return this.audit.record(m, { organizationId: org.id, actorId: actor.accountId, action, entityType: 'survey', entityId: surveyId, before, after });
  }
}

function settingsOf(survey: SurveyRow): TSurveySettings {
  return { audience: survey.audience, anonymous: survey.anonymous, askDemographics: survey.askDemographics };
}

function inviteView(row: InviteRow): TSurveyInvite {
  return {
    id: row.id,
    label: row.label,
    expiresAt: row.expiresAt.toISOString(),
    usedAt: row.usedAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}

function receipt(row: ResponseRow, version: number): TSurveyResponseReceipt {
  return {
    id: row.id,
    status: row.status,
    version: row.definitionVersion ?? version,
    submittedAt: row.submittedAt?.toISOString() ?? null,
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** PNG, JPEG or WEBP by their first bytes (the attachments module re-checks and re-encodes). */
function isImage(bytes: Buffer): boolean {
  const png = bytes.length > 8 && bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  const jpeg = bytes.length > 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff;
  const webp = bytes.length > 12 && bytes.subarray(0, 4).toString('latin1') === 'RIFF' && bytes.subarray(8, 12).toString('latin1') === 'WEBP';
  return png || jpeg || webp;
}

function assertUsable(invite: InviteRow | null, isSubmitting: boolean): void {
  if (!invite) throw SurveyErrors.inviteInvalid();
  if (invite.revokedAt) throw SurveyErrors.inviteRevoked();
  if (invite.expiresAt.getTime() <= Date.now()) throw SurveyErrors.inviteExpired();
  if (isSubmitting && invite.usedAt) throw SurveyErrors.inviteUsed();
}

/** The municipality's box around its map centre: map answers outside it are refused. */
export function boxOf(org: Organization): TSurveyBox {
  const d = MUNICIPALITY_BOX_HALF_DEGREES;
  return { minLat: org.mapCenterLat - d, maxLat: org.mapCenterLat + d, minLng: org.mapCenterLng - d, maxLng: org.mapCenterLng + d };
}
