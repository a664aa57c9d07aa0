import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { Readable } from 'node:stream';
import type { EntityManager } from 'typeorm';
import type { z } from 'zod';
import {
  type Role,
  type StakeholderFileColumn,
  STAKEHOLDER_FILE_COLUMNS,
  type TMyStakeholders,
  type TPlan,
  type TStakeholder,
  type TStakeholderEngagementList,
  type TStakeholderGrid,
  type TStakeholderImportReport,
  type TStakeholderListItem,
  type TStakeholderNotHeard,
  type TStakeholderPage,
  type TStakeholderSimilarList,
  ZCreateStakeholder,
  ZCreateStakeholderContact,
  ZStakeholderAssessmentInput,
  ZStakeholderListQuery,
  ZUpdateStakeholder,
} from '@hamandishi/contracts';
import { normalizeForSearch } from '@hamandishi/text';
import { AppError } from '../../common/errors/app-error';
import type { Actor } from '../../common/http/request-context';
import { AuditService } from '../audit/audit.service';
import type { MembershipRow } from '../identity/memberships.repository';
import { MembershipsService } from '../identity/memberships.service';
import type { Organization } from '../organizations/organization.entity';
import { OrganizationsService } from '../organizations/organizations.service';
import { PlansService } from '../plans/plans.service';
import { readThemeFile } from '../themes/theme-file';
import { type Cell } from '../../common/export/tabular';
import { stakeholdersCsvStream, stakeholdersXlsxStream } from './stakeholder-file';
import { planStakeholderImport } from './stakeholder-import';
import { StakeholderEngagementSources } from './stakeholder-engagement.sources';
import { StakeholderLinksService } from './stakeholder-links.service';
import { mapStakeholderConstraintError, StakeholderErrors } from './stakeholders.errors';
import { type StakeholderRow, StakeholdersRepository } from './stakeholders.repository';

/** Staff: who edits the registry, verifies, and reads contacts. */
export const STAKEHOLDER_STAFF: readonly Role[] = ['planner', 'admin'];
/** Who reads the registry (without contacts unless staff). */
export const STAKEHOLDER_READERS: readonly Role[] = ['planner', 'admin', 'manager'];
/** The most rows an imported file may have. */
export const MAX_STAKEHOLDER_IMPORT_ROWS = 5_000;

/**
 * The stakeholder registry of a municipality: who the plan's actors are, how each plan assesses
 * them (relation, influence, interest, mandatory, role per stage), their contacts (staff only),
 * the accounts that act on their behalf, and what they have contributed.
 */
@Injectable()
export class StakeholdersService implements OnModuleInit {
  constructor(
    private readonly repository: StakeholdersRepository,
    private readonly organizations: OrganizationsService,
    private readonly plans: PlansService,
    private readonly memberships: MembershipsService,
    private readonly links: StakeholderLinksService,
    private readonly sources: StakeholderEngagementSources,
    private readonly audit: AuditService,
  ) {}

  onModuleInit(): void {
    // The registry's own engagement: problems, comments and survey responses through linked accounts.
    this.sources.register({
      source: 'registry',
      history: (organizationId, stakeholderId) => this.repository.engagementHistory(organizationId, stakeholderId),
      engagedIn: (organizationId, planId, ids) => this.repository.engagedIn(organizationId, planId, ids),
    });
  }

  // ---- reading ---------------------------------------------------------------------------

  async list(org: Organization, query: z.output<typeof ZStakeholderListQuery>): Promise<TStakeholderPage> {
    if ((query.relation || query.mandatory !== undefined) && !query.planId) throw StakeholderErrors.planRequired(query.relation ? 'relation' : 'mandatory');
    if (query.planId) await this.plan(org, query.planId);
    const after = query.cursor ? decodeCursor(query.cursor) : null;
    const q = query.q ? normalizeForSearch(query.q) : '';
    const rows = await this.repository.list(
      org.id,
      {
        q: q || null,
        kind: query.kind ?? null,
        planId: query.planId ?? null,
        relation: query.relation ?? null,
        mandatory: query.mandatory ?? null,
        themeId: query.themeId ?? null,
        districtId: query.districtId ?? null,
        verified: query.verified ?? null,
      },
      after,
      query.limit + 1,
    );
    const items = rows.slice(0, query.limit);
    const last = items[items.length - 1];
    return { items: items.map(listItem), nextCursor: rows.length > query.limit && last ? encodeCursor(last.nameKey, last.id) : null };
  }

  /**
   * The profile. Staff and managers read every stakeholder, a linked account its own; contacts
   * only for staff (null for the others). Anyone else: 404, as if it did not exist.
   */
  async profile(org: Organization, actor: Actor, membership: MembershipRow | null, stakeholderId: string): Promise<TStakeholder> {
    const row = await this.repository.find(org.id, stakeholderId);
    if (!row) throw StakeholderErrors.notFound();
    const staff = isStaff(actor, membership);
    if (!staff && !hasRole(membership, STAKEHOLDER_READERS)) {
      const linked = await this.links.assertLinked(org.id, stakeholderId, actor.accountId).catch(() => null);
      if (!linked) throw StakeholderErrors.notFound();
    }
    const [assessments, roles, contacts, accounts] = await Promise.all([
      this.repository.assessments(org.id, stakeholderId),
      this.repository.stageRoles(org.id, stakeholderId),
      staff ? this.repository.contacts(org.id, stakeholderId) : Promise.resolve(null),
      this.repository.accounts(org.id, stakeholderId),
    ]);
    const { assessment: _none, ...item } = listItem(row);
    return {
      ...item,
      description: row.description,
      verifiedAt: iso(row.verifiedAt),
      verifiedBy: row.verifiedBy ? { id: row.verifiedBy, displayName: row.verifiedByName ?? '' } : null,
      createdAt: row.createdAt.toISOString(),
      assessments: assessments.map((a) => ({
        planId: a.planId,
        planTitle: a.planTitle,
        relation: a.relation,
        influence: a.influence,
        interest: a.interest,
        isMandatory: a.isMandatory,
        stageRoles: roles.filter((r) => r.planId === a.planId).map((r) => ({ stageId: r.stageId, stageTitle: r.stageTitle, role: r.role })),
        updatedAt: a.updatedAt.toISOString(),
      })),
      contacts: contacts ? contacts.map((c) => ({ ...c, createdAt: c.createdAt.toISOString() })) : null,
      accounts: accounts.map((a) => ({ accountId: a.accountId, displayName: a.displayName, linkedAt: a.linkedAt.toISOString() })),
      canEdit: staff,
    };
  }

  async similar(org: Organization, name: string, excludeId: string | null): Promise<TStakeholderSimilarList> {
    const key = normalizeForSearch(name);
    return { items: key ? await this.repository.similar(org.id, key, excludeId) : [] };
  }

  async grid(org: Organization, planId: string): Promise<TStakeholderGrid> {
    await this.plan(org, planId);
    return { planId, points: await this.repository.grid(org.id, planId) };
  }

  async engagement(org: Organization, actor: Actor, membership: MembershipRow | null, stakeholderId: string): Promise<TStakeholderEngagementList> {
    await this.profile(org, actor, membership, stakeholderId); // the same access rule as the profile
    const rows = await this.sources.history(org.id, stakeholderId);
    return {
      items: rows.map((r) => ({
        source: r.source,
        itemId: r.itemId,
        planId: r.planId,
        stageId: r.stageId,
        summary: r.summary,
        occurredAt: new Date(r.occurredAt).toISOString(),
      })),
    };
  }

  /** Per stage of the plan, its mandatory stakeholders that no source has heard from in that stage. */
  async notHeard(org: Organization, planId: string): Promise<TStakeholderNotHeard> {
    const plan = await this.plan(org, planId);
    const mandatory = await this.repository.mandatoryOf(org.id, planId);
    const engaged = await this.sources.engagedIn(
      org.id,
      planId,
      mandatory.map((s) => s.id),
    );
    return {
      planId,
      stages: [...plan.stages]
        .sort((a, b) => a.position - b.position)
        .map((stage) => ({
          stageId: stage.id,
          title: stage.title,
          stakeholders: mandatory
            .filter((s) => !engaged.has(`${s.id}:${stage.id}`))
            .map((s) => ({ id: s.id, name: s.name, kind: s.kind, role: s.roles?.[stage.id] ?? null })),
        })),
    };
  }

  async mine(org: Organization, actor: Actor): Promise<TMyStakeholders> {
    const rows = await this.links.linkedTo(org.id, actor.accountId);
    return { items: rows.map((r) => ({ id: r.id, name: r.name, kind: r.kind as TMyStakeholders['items'][number]['kind'] })) };
  }

  // ---- changes ---------------------------------------------------------------------------

  async create(org: Organization, actor: Actor, membership: MembershipRow | null, input: z.output<typeof ZCreateStakeholder>): Promise<TStakeholder> {
    const id = await this.transaction(async (m) => {
      const newId = await this.repository.insert(m, org.id, actor.accountId, {
        name: input.name,
        nameKey: normalizeForSearch(input.name),
        form: input.form,
        kind: input.kind,
        description: input.description ?? null,
      });
      await this.repository.setThemes(m, org.id, newId, unique(input.themeIds));
      await this.repository.setDistricts(m, org.id, newId, unique(input.districtIds));
      await this.record(m, org, actor, 'stakeholder.created', newId, null, { ...input });
      return newId;
    });
    return this.profile(org, actor, membership, id);
  }

  async update(org: Organization, actor: Actor, membership: MembershipRow | null, stakeholderId: string, input: z.output<typeof ZUpdateStakeholder>): Promise<TStakeholder> {
    await this.transaction(async (m) => {
      await this.lock(m, org, stakeholderId);
      const before = (await this.repository.find(org.id, stakeholderId, m))!;
      const name = input.name ?? before.name;
      await this.repository.update(m, org.id, stakeholderId, {
        name,
        nameKey: normalizeForSearch(name),
        form: input.form ?? before.form,
        kind: input.kind ?? before.kind,
        description: input.description === undefined ? before.description : input.description,
      });
      if (input.themeIds) await this.repository.setThemes(m, org.id, stakeholderId, unique(input.themeIds));
      if (input.districtIds) await this.repository.setDistricts(m, org.id, stakeholderId, unique(input.districtIds));
      await this.record(m, org, actor, 'stakeholder.updated', stakeholderId, snapshot(before), { ...input });
    });
    return this.profile(org, actor, membership, stakeholderId);
  }

  /** Sets or clears the verified flag (staff), audited with who and when. */
  async setVerified(org: Organization, actor: Actor, membership: MembershipRow | null, stakeholderId: string, isVerified: boolean): Promise<TStakeholder> {
    await this.transaction(async (m) => {
      const before = await this.lock(m, org, stakeholderId);
      if (before.isVerified === isVerified) return;
      await this.repository.setVerified(m, org.id, stakeholderId, actor.accountId, isVerified);
      await this.record(m, org, actor, isVerified ? 'stakeholder.verified' : 'stakeholder.unverified', stakeholderId, { isVerified: before.isVerified }, { isVerified });
    });
    return this.profile(org, actor, membership, stakeholderId);
  }

  /** Takes a stakeholder out of the registry (its rows stay for history; its name is free again). */
  async archive(org: Organization, actor: Actor, stakeholderId: string): Promise<void> {
    await this.transaction(async (m) => {
      const before = await this.lock(m, org, stakeholderId);
      await this.repository.archive(m, org.id, stakeholderId);
      await this.record(m, org, actor, 'stakeholder.archived', stakeholderId, { name: before.name, kind: before.kind }, null);
    });
  }

  async setAssessment(
    org: Organization,
    actor: Actor,
    membership: MembershipRow | null,
    stakeholderId: string,
    planId: string,
    input: z.output<typeof ZStakeholderAssessmentInput>,
  ): Promise<TStakeholder> {
    const plan = await this.plan(org, planId);
    const stageIds = new Set(plan.stages.map((s) => s.id));
    input.stageRoles.forEach((r, i) => {
      if (!stageIds.has(r.stageId)) throw StakeholderErrors.stageNotInPlan(i);
    });
    await this.transaction(async (m) => {
      await this.lock(m, org, stakeholderId);
      const { stageRoles, ...assessment } = input;
      await this.repository.upsertAssessment(m, org.id, stakeholderId, planId, actor.accountId, assessment);
      const byStage = new Map(stageRoles.map((r) => [r.stageId, r.role]));
      await this.repository.setStageRoles(
        m,
        org.id,
        stakeholderId,
        planId,
        [...byStage].map(([stageId, role]) => ({ stageId, role })),
      );
      await this.record(m, org, actor, 'stakeholder.assessed', stakeholderId, null, { planId, ...input });
    });
    return this.profile(org, actor, membership, stakeholderId);
  }

  async deleteAssessment(org: Organization, actor: Actor, stakeholderId: string, planId: string): Promise<void> {
    await this.transaction(async (m) => {
      await this.lock(m, org, stakeholderId);
      if (!(await this.repository.deleteAssessment(m, org.id, stakeholderId, planId))) throw StakeholderErrors.planNotFound();
      await this.record(m, org, actor, 'stakeholder.assessment_removed', stakeholderId, { planId }, null);
    });
  }

  async addContact(org: Organization, actor: Actor, membership: MembershipRow | null, stakeholderId: string, input: z.output<typeof ZCreateStakeholderContact>): Promise<TStakeholder> {
    await this.transaction(async (m) => {
      await this.lock(m, org, stakeholderId);
      const contact = { name: input.name, role: input.role ?? null, phone: input.phone ?? null, email: input.email ?? null, note: input.note ?? null };
      const id = await this.repository.insertContact(m, org.id, stakeholderId, actor.accountId, contact);
      // The audit keeps that a contact was added, not the personal data itself.
      await this.record(m, org, actor, 'stakeholder.contact_added', stakeholderId, null, { contactId: id });
    });
    return this.profile(org, actor, membership, stakeholderId);
  }

  async deleteContact(org: Organization, actor: Actor, stakeholderId: string, contactId: string): Promise<void> {
    await this.transaction(async (m) => {
      await this.lock(m, org, stakeholderId);
      if (!(await this.repository.deleteContact(m, org.id, stakeholderId, contactId))) throw StakeholderErrors.contactNotFound();
      await this.record(m, org, actor, 'stakeholder.contact_removed', stakeholderId, { contactId }, null);
    });
  }

  /** Links the one member found by mobile, e-mail or name; several matches: 409, none: 404. */
  async linkAccount(org: Organization, actor: Actor, membership: MembershipRow | null, stakeholderId: string, q: string): Promise<TStakeholder> {
    const found = await this.memberships.listMembers(org, { q, limit: 2 });
    if (found.items.length === 0) throw StakeholderErrors.accountNotFound();
    if (found.items.length > 1) throw StakeholderErrors.accountAmbiguous();
    const accountId = found.items[0].accountId;
    await this.transaction(async (m) => {
      await this.lock(m, org, stakeholderId);
      if (await this.repository.link(m, org.id, stakeholderId, accountId)) {
        await this.record(m, org, actor, 'stakeholder.account_linked', stakeholderId, null, { accountId });
      }
    });
    return this.profile(org, actor, membership, stakeholderId);
  }

  async unlinkAccount(org: Organization, actor: Actor, stakeholderId: string, accountId: string): Promise<void> {
    await this.transaction(async (m) => {
      await this.lock(m, org, stakeholderId);
      if (!(await this.repository.unlink(m, org.id, stakeholderId, accountId))) throw StakeholderErrors.accountNotFound();
      await this.record(m, org, actor, 'stakeholder.account_unlinked', stakeholderId, { accountId }, null);
    });
  }

  // ---- files -----------------------------------------------------------------------------

  /**
   * Checks an uploaded CSV/XLSX file and, unless `dryRun` or it has problems, applies it in one
   * transaction (new stakeholders registered, rows with an id updated, the plan's assessment
   * written), each change audited. New names close to registered ones come back as suggestions.
   */
  async import(org: Organization, actor: Actor, body: Buffer, dryRun: boolean, planId: string | null): Promise<TStakeholderImportReport> {
    const empty = { dryRun, applied: false, rows: 0, created: 0, updated: 0, suggestions: [] };
    if (planId) await this.plan(org, planId);
    let table: string[][];
    try {
      table = await readThemeFile(body, MAX_STAKEHOLDER_IMPORT_ROWS);
    } catch {
      return { ...empty, problems: [{ row: 1, column: null, problem: 'unreadable_file' }] };
    }
    const described = await this.organizations.describe(org.slug);
    return this.transaction(async (m) => {
      const stored = await this.repository.keysOf(m, org.id);
      const plan = planStakeholderImport(
        {
          stored,
          themeIdBySlug: new Map(described.themes.filter((t) => !t.isArchived).map((t) => [t.slug.toLowerCase(), t.id])),
          districtIdByNumber: new Map(described.districts.map((d) => [d.number, d.id])),
          hasPlan: planId !== null,
        },
        table,
        MAX_STAKEHOLDER_IMPORT_ROWS,
      );
      if (plan.problems.length) return { ...empty, rows: plan.count, problems: plan.problems };
      const fresh = plan.rows.filter((r) => !r.id);
      const similar = await this.repository.similarToMany(m, org.id, fresh.map((r) => ({ row: r.row, nameKey: r.nameKey })));
      const report: TStakeholderImportReport = {
        dryRun,
        applied: false,
        rows: plan.count,
        created: fresh.length,
        updated: plan.rows.length - fresh.length,
        problems: [],
        suggestions: similar.map((s) => ({
          row: s.row,
          name: fresh.find((r) => r.row === s.row)!.name,
          similarTo: { id: s.id, name: s.name, kind: s.kind, similarity: s.similarity },
        })),
      };
      if (dryRun) return report;
      const byId = new Map(stored.map((s) => [s.id, s]));
      // New stakeholders and the plan's assessments in one statement each; the rest row by row.
      const ids = await this.repository.insertMany(
        m,
        org.id,
        actor.accountId,
        fresh.map((r) => ({ name: r.name, nameKey: r.nameKey, form: r.form, kind: r.kind, description: r.description ?? null })),
      );
      const idOf = (r: (typeof plan.rows)[number]) => r.id ?? ids.get(`${r.kind}\u0000${r.nameKey}`)!;
      for (const r of plan.rows) {
        const id = idOf(r);
        if (!r.id) {
          if (r.contact) await this.repository.insertContact(m, org.id, id, actor.accountId, { ...r.contact, note: null });
        } else {
          const before = byId.get(id)!;
          await this.repository.update(m, org.id, id, {
            name: r.name,
            nameKey: r.nameKey,
            form: r.form,
            kind: r.kind,
            description: r.description === undefined ? before.description : r.description,
          });
        }
        if (r.themeIds) await this.repository.setThemes(m, org.id, id, unique(r.themeIds));
        if (r.districtIds) await this.repository.setDistricts(m, org.id, id, unique(r.districtIds));
        await this.record(m, org, actor, r.id ? 'stakeholder.imported' : 'stakeholder.created', id, null, {
          name: r.name,
          kind: r.kind,
          form: r.form,
          planId,
          assessment: r.assessment,
          source: 'import',
        });
      }
      if (planId) {
        await this.repository.upsertAssessments(
          m,
          org.id,
          planId,
          actor.accountId,
          plan.rows.filter((r) => r.assessment).map((r) => ({ stakeholderId: idOf(r), ...r.assessment! })),
        );
      }
      return { ...report, applied: true };
    });
  }

  /** The registry as CSV or XLSX (formula-safe), with the plan's assessment; contacts only for staff. */
  async export(org: Organization, actor: Actor, membership: MembershipRow | null, format: 'csv' | 'xlsx', planId: string | null): Promise<Readable> {
    if (planId) await this.plan(org, planId);
    const staff = isStaff(actor, membership);
    const described = await this.organizations.describe(org.slug);
    const themeSlug = new Map(described.themes.map((t) => [t.id, t.slug]));
    const districtNumber = new Map(described.districts.map((d) => [d.id, d.number]));
    const [rows, contacts] = await Promise.all([this.repository.exportRows(org.id, planId), staff ? this.repository.firstContacts(org.id) : Promise.resolve(null)]);
    const columns = STAKEHOLDER_FILE_COLUMNS.filter(
      (c) => (planId || !['relation', 'influence', 'interest', 'mandatory'].includes(c)) && (staff || !c.startsWith('contact_')),
    );
    const header: string[] = [...columns, 'verified'];
    const table: Cell[][] = rows.map((s) => {
      const contact = contacts?.get(s.id);
      const value: Record<StakeholderFileColumn, Cell> = {
        id: s.id,
        name: s.name,
        form: s.form,
        kind: s.kind,
        description: s.description ?? '',
        themes: s.themeIds.map((id) => themeSlug.get(id) ?? '').filter(Boolean).join(';'),
        districts: s.districtIds.map((id) => districtNumber.get(id) ?? '').filter((n) => n !== '').join(';'),
        relation: s.relation ?? '',
        influence: s.influence ?? '',
        interest: s.interest ?? '',
        mandatory: s.isMandatory === null ? '' : String(s.isMandatory),
        contact_name: contact?.name ?? '',
        contact_role: contact?.role ?? '',
        contact_phone: contact?.phone ?? '',
        contact_email: contact?.email ?? '',
      };
      return [...columns.map((c) => value[c]), String(s.isVerified)];
    });
    return format === 'csv' ? stakeholdersCsvStream(header, table) : stakeholdersXlsxStream(header, table);
  }

  // ---- helpers ---------------------------------------------------------------------------

  /** The plan of this organisation (404 `stakeholders.plan_not_found` otherwise), with its stages. */
  private async plan(org: Organization, planId: string): Promise<TPlan> {
    try {
      return await this.plans.page(org, planId, null);
    } catch (error) {
      if (error instanceof AppError && error.code === 'plans.not_found') throw StakeholderErrors.planNotFound();
      throw error;
    }
  }

  private async lock(m: EntityManager, org: Organization, stakeholderId: string) {
    const row = await this.repository.lock(m, org.id, stakeholderId);
    if (!row) throw StakeholderErrors.notFound();
    return row;
  }

  private async transaction<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    try {
      return await this.repository.db.transaction(work);
    } catch (error) {
      mapStakeholderConstraintError(error);
    }
  }

  private record(m: EntityManager, org: Organization, actor: Actor, action: string, stakeholderId: string, before: unknown, after: unknown) {
    return this.audit.record(m, { organizationId: org.id, actorId: actor.accountId, action, entityType: 'stakeholder', entityId: stakeholderId, before, after });
  }
}

function isStaff(actor: Actor, membership: MembershipRow | null): boolean {
  return actor.isSuperadmin || hasRole(membership, STAKEHOLDER_STAFF);
}

function hasRole(membership: MembershipRow | null, roles: readonly Role[]): boolean {
  return !!membership?.roles.some((r) => roles.includes(r));
}

function listItem(r: StakeholderRow): TStakeholderListItem {
  return {
    id: r.id,
    name: r.name,
    form: r.form,
    kind: r.kind,
    isVerified: r.isVerified,
    themeIds: r.themeIds,
    districtIds: r.districtIds,
    linkedAccounts: r.linkedAccounts,
    assessment:
      r.relation && r.influence !== null && r.interest !== null
        ? { relation: r.relation, influence: r.influence, interest: r.interest, isMandatory: !!r.isMandatory }
        : null,
  };
}

function snapshot(r: StakeholderRow) {
  return { name: r.name, form: r.form, kind: r.kind, description: r.description, themeIds: r.themeIds, districtIds: r.districtIds };
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);
const unique = (ids: string[]) => [...new Set(ids)];

function encodeCursor(key: string, id: string): string {
  return Buffer.from(JSON.stringify([key, id])).toString('base64url');
}

function decodeCursor(cursor: string): { key: string; id: string } {
  try {
    const [key, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [unknown, unknown];
    if (typeof key === 'string' && typeof id === 'string' && /^[0-9a-f-]{36}$/i.test(id)) return { key, id };
  } catch {
    // falls through
  }
  throw StakeholderErrors.badCursor();
}
