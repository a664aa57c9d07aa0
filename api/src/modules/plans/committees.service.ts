import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { z } from 'zod';
import { type TCommittee, type TUpstreamDocument, ZSaveCommittee, ZSaveUpstreamDocument, ZUpdateCommittee, ZUpdateUpstreamDocument } from '@hamandishi/contracts';
import type { Actor } from '../../common/http/request-context';
import { AuditService } from '../audit/audit.service';
import type { Organization } from '../organizations/organization.entity';
import { OrganizationsService } from '../organizations/organizations.service';
import { AttachmentsService } from '../attachments/attachments.service';
import { committeeView, documentView } from './plan-views';
import { mapConstraintError, PlanErrors } from './plans.errors';
import { type CommitteeRow, PlansRepository, type UpstreamDocumentRow } from './plans.repository';
import { PlansService } from './plans.service';

/** A partial committee edit: the fields of ZSaveCommittee, each optional. */
export type CommitteePatch = z.output<typeof ZUpdateCommittee>;
/** A partial upstream-document edit. */
export type DocumentPatch = z.output<typeof ZUpdateUpstreamDocument>;

/** Committees (working groups) of a plan and the upstream documents it must follow. */
@Injectable()
export class CommitteesService {
  constructor(
    private readonly repository: PlansRepository,
    private readonly plans: PlansService,
    private readonly audit: AuditService,
    private readonly organizations: OrganizationsService,
    private readonly attachments: AttachmentsService,
  ) {}

  // ---- committees --------------------------------------------------------------------------

  /** The committees of a plan by name, oldest first: what other modules assign work to. */
  async namesOf(organizationId: string, planId: string): Promise<{ id: string; name: TCommittee['name'] }[]> {
    const rows = await this.repository.committeesOfPlan(organizationId, planId);
    return rows.map((row) => ({ id: row.id, name: row.name }));
  }

  async get(organization: Organization, committeeId: string): Promise<TCommittee> {
    const row = await this.repository.findCommittee(this.repository.db, organization.id, committeeId);
    if (!row) throw PlanErrors.committeeNotFound();
    return committeeView(row);
  }

  async create(organization: Organization, actor: Actor, planId: string, input: z.output<typeof ZSaveCommittee>): Promise<TCommittee> {
    return this.save(organization, actor, planId, null, input);
  }

  async update(organization: Organization, actor: Actor, committeeId: string, input: CommitteePatch): Promise<TCommittee> {
    const existing = await this.repository.findCommittee(this.repository.db, organization.id, committeeId);
    if (!existing) throw PlanErrors.committeeNotFound();
    return this.save(organization, actor, existing.planId, existing, input);
  }

  async remove(organization: Organization, actor: Actor, committeeId: string): Promise<void> {
    await this.transaction(async (m) => {
      const before = await this.repository.findCommittee(m, organization.id, committeeId);
      if (!before) throw PlanErrors.committeeNotFound();
      await this.plans.lockEditable(m, organization.id, before.planId);
      await this.repository.deleteCommittee(m, organization.id, committeeId);
      await this.record(m, organization, actor, 'committee.deleted', 'committee', committeeId, before, null);
    });
  }

  private async save(organization: Organization, actor: Actor, planId: string, existing: CommitteeRow | null, input: CommitteePatch): Promise<TCommittee> {
    const themeIds = [...new Set(input.themeIds ?? existing?.themeIds ?? [])];
    const memberIds = [...new Set(input.memberIds ?? existing?.members.map((m) => m.id) ?? [])];
    const secretaryId = input.secretaryId !== undefined ? input.secretaryId : (existing?.secretary?.id ?? null);
    // A committee keeps a theme archived since it was tagged; an archived theme cannot be added.
    for (const themeId of themeIds) await this.organizations.assertTheme(organization.id, themeId, existing?.themeIds ?? []);
    const id = await this.transaction(async (m) => {
      await this.plans.lockEditable(m, organization.id, planId);
      const people = [...memberIds, ...(secretaryId ? [secretaryId] : [])];
      const known = people.length ? await this.repository.membersAmong(m, organization.id, people) : new Set<string>();
      const fields: Record<string, string> = {};
      memberIds.forEach((id, i) => {
        if (!known.has(id)) fields[`memberIds.${i}`] = 'invalid_value';
      });
      if (secretaryId && !known.has(secretaryId)) fields.secretaryId = 'invalid_value';
      if (Object.keys(fields).length) throw PlanErrors.memberNotFound(fields);
      const savedId = await this.repository.saveCommittee(m, {
        id: existing?.id,
        organizationId: organization.id,
        planId,
        name: input.name ?? existing!.name,
        description: input.description !== undefined ? input.description : (existing?.description ?? null),
        secretaryId,
        themeIds,
        memberIds,
      });
      const after = await this.repository.findCommittee(m, organization.id, savedId);
      await this.record(m, organization, actor, existing ? 'committee.updated' : 'committee.created', 'committee', savedId, existing, after);
      return savedId;
    });
    return this.get(organization, id);
  }

  // ---- upstream documents ------------------------------------------------------------------

  async createDocument(organization: Organization, actor: Actor, planId: string, input: z.output<typeof ZSaveUpstreamDocument>): Promise<TUpstreamDocument> {
    return this.saveDocument(organization, actor, planId, null, input);
  }

  async updateDocument(organization: Organization, actor: Actor, documentId: string, input: DocumentPatch): Promise<TUpstreamDocument> {
    const existing = await this.repository.findDocument(this.repository.db, organization.id, documentId);
    if (!existing) throw PlanErrors.documentNotFound();
    return this.saveDocument(organization, actor, existing.planId, existing, input);
  }

  async removeDocument(organization: Organization, actor: Actor, documentId: string): Promise<void> {
    await this.transaction(async (m) => {
      const before = await this.repository.findDocument(m, organization.id, documentId);
      if (!before) throw PlanErrors.documentNotFound();
      await this.plans.lockEditable(m, organization.id, before.planId);
      await this.repository.deleteDocument(m, organization.id, documentId);
      await this.record(m, organization, actor, 'upstream_document.deleted', 'upstream_document', documentId, before, null);
    });
    await this.attachments.deleteFor(organization.id, 'upstream_document', [documentId]);
  }

  private async saveDocument(
    organization: Organization,
    actor: Actor,
    planId: string,
    existing: UpstreamDocumentRow | null,
    input: DocumentPatch,
  ): Promise<TUpstreamDocument> {
    const directions = input.directions ?? existing?.directions.map((d) => ({ text: d.text, themeIds: d.themeIds })) ?? [];
    const kept = existing?.directions.flatMap((d) => d.themeIds) ?? [];
    for (const themeId of new Set(directions.flatMap((d) => d.themeIds))) await this.organizations.assertTheme(organization.id, themeId, kept);
    const attachmentId = input.attachmentId !== undefined ? input.attachmentId : (existing?.attachmentId ?? null);
    if (attachmentId && attachmentId !== existing?.attachmentId) {
      // A document's file is uploaded onto the document, so only an existing document can point at one.
      const own = existing ? ((await this.attachments.listFor(organization.id, 'upstream_document', [existing.id])).get(existing.id) ?? []) : [];
      if (!own.some((a) => a.id === attachmentId)) throw PlanErrors.attachmentNotFound('attachmentId');
    }
    const id = await this.transaction(async (m) => {
      await this.plans.lockEditable(m, organization.id, planId);
      const savedId = await this.repository.saveDocument(m, {
        id: existing?.id,
        organizationId: organization.id,
        planId,
        level: input.level ?? existing!.level,
        title: input.title ?? existing!.title,
        issuer: input.issuer ?? existing!.issuer,
        year: input.year !== undefined ? input.year : (existing?.year ?? null),
        url: input.url !== undefined ? input.url : (existing?.url ?? null),
        attachmentId,
        directions: directions.map((d) => ({ text: d.text, themeIds: [...new Set(d.themeIds)] })),
      });
      const after = await this.repository.findDocument(m, organization.id, savedId);
      await this.record(m, organization, actor, existing ? 'upstream_document.updated' : 'upstream_document.created', 'upstream_document', savedId, existing, after);
      return savedId;
    });
    const row = (await this.repository.findDocument(this.repository.db, organization.id, id))!;
    const files = await this.attachments.listFor(organization.id, 'upstream_document', [id]);
    return documentView(row, files.get(id) ?? []);
  }

  // ---- themes ------------------------------------------------------------------------------

  /** How many committees and upstream directions carry each theme. */
  countByTheme(organizationId: string, m?: EntityManager) {
    return this.repository.countByTheme(m ?? this.repository.db, organizationId);
  }

  /**
   * Inside the themes module's transaction: committees and upstream directions tagged `from` are
   * tagged `to`, in every plan (a closed plan's tags follow the taxonomy too, or they would be lost).
   */
  retagTheme(m: EntityManager, organizationId: string, fromThemeId: string, toThemeId: string) {
    return this.repository.retagTheme(m, organizationId, fromThemeId, toThemeId);
  }

  private async transaction<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    try {
      return await this.repository.db.transaction(work);
    } catch (error) {
      mapConstraintError(error);
    }
  }

  private record(m: EntityManager, organization: Organization, actor: Actor, action: string, entityType: string, entityId: string, before: unknown, after: unknown) {
    return this.audit.record(m, { organizationId: organization.id, actorId: actor.accountId, action, entityType, entityId, before, after });
  }
}
