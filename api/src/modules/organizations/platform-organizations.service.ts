import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type {
  OrganizationStatus,
  TContact,
  TPlatformOrganization,
  TPlatformOrganizationCreated,
} from '@hamandishi/contracts';
import { DEFAULT_INVITATION_DAYS, ZUuid } from '@hamandishi/contracts';
import type { Actor } from '../../common/http/request-context';
import { AuditService } from '../audit/audit.service';
import { InvitationsService } from '../invitations/invitations.service';
import { OrganizationErrors } from './organizations.errors';
import { OrganizationsService } from './organizations.service';
import {
  type OrganizationSettings,
  type PlatformOrganizationRow,
  PlatformOrganizationsRepository,
} from './platform-organizations.repository';
import { isUniqueViolation } from '../../database/pg-errors';

const isUuid = (id: string) => ZUuid.safeParse(id).success;


/**
 * The platform administration (superadmins): creating municipalities with their first admin's
 * invitation, renaming, suspending and re-activating them. Nothing is ever deleted. Every action
 * is audited in the municipality's own log.
 */
@Injectable()
export class PlatformOrganizationsService {
  constructor(
    private readonly repository: PlatformOrganizationsRepository,
    private readonly organizations: OrganizationsService,
    private readonly invitations: InvitationsService,
    private readonly audit: AuditService,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  async list(): Promise<TPlatformOrganization[]> {
    return (await this.repository.list()).map(view);
  }

  async get(id: string): Promise<TPlatformOrganization> {
    await this.organizations.getById(id);
    return view((await this.repository.find(id))!);
  }

  /**
   * Creates the municipality and its first admin's invitation in one transaction (a taken slug
   * leaves neither behind), then sends the invitation.
   */
  async create(
    actor: Actor,
    input: OrganizationSettings & { slug: string; firstAdmin: TContact },
  ): Promise<TPlatformOrganizationCreated> {
    const { slug, firstAdmin, ...settings } = input;
    const { id, issued } = await this.db.transaction(async (m) => {
      const id = await this.repository.insert(m, slug, settings).catch((error: unknown) => {
        throw isUniqueViolation(error, 'uq_organization_slug') ? OrganizationErrors.slugTaken() : error;
      });
      const created = (await this.repository.find(id, m))!;
      await this.audit.record(m, {
        organizationId: id,
        actorId: actor.accountId,
        action: 'organization.created',
        entityType: 'organization',
        entityId: id,
        after: auditView(created),
      });
      const issued = await this.invitations.issue(m, entityOf(created), actor.accountId, {
        contact: firstAdmin,
        roles: ['admin'],
        districtId: null,
        expiresInDays: DEFAULT_INVITATION_DAYS,
      });
      return { id, issued };
    });
    const organization = await this.organizations.getById(id);
    await this.invitations.send(organization, issued);
    return { organization: view((await this.repository.find(id))!), invitation: issued.invitation };
  }

  async update(actor: Actor, id: string, input: Partial<OrganizationSettings>): Promise<TPlatformOrganization> {
    if (!isUuid(id)) throw OrganizationErrors.notFound();
    await this.db.transaction(async (m) => {
      const before = await this.repository.lock(m, id);
      if (!before) throw OrganizationErrors.notFound();
      await this.repository.update(m, id, input);
      const after = (await this.repository.find(id, m))!;
      await this.audit.record(m, {
        organizationId: id,
        actorId: actor.accountId,
        action: 'organization.updated',
        entityType: 'organization',
        entityId: id,
        before: auditView(before),
        after: auditView(after),
      });
    });
    this.organizations.forget();
    return view((await this.repository.find(id))!);
  }

  /** Suspends (read-only) or re-activates; asking for the status it already has changes nothing. */
  async setStatus(actor: Actor, id: string, status: OrganizationStatus): Promise<TPlatformOrganization> {
    if (!isUuid(id)) throw OrganizationErrors.notFound();
    await this.db.transaction(async (m) => {
      const before = await this.repository.lock(m, id);
      if (!before) throw OrganizationErrors.notFound();
      if (!(await this.repository.setStatus(m, id, status))) return;
      await this.audit.record(m, {
        organizationId: id,
        actorId: actor.accountId,
        action: status === 'suspended' ? 'organization.suspended' : 'organization.reactivated',
        entityType: 'organization',
        entityId: id,
        before: { status: before.status },
        after: { status },
      });
    });
    this.organizations.forget();
    return view((await this.repository.find(id))!);
  }
}

function view(row: PlatformOrganizationRow): TPlatformOrganization {
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    defaultLocale: row.defaultLocale,
    status: row.status,
    suspendedAt: row.suspendedAt ? new Date(row.suspendedAt).toISOString() : null,
    contactEmail: row.contactEmail,
    timeZone: row.timeZone,
    mapCenter: { lat: row.mapCenterLat, lng: row.mapCenterLng },
    mapZoom: row.mapZoom,
    createdAt: new Date(row.createdAt).toISOString(),
    counts: { members: row.members, plans: row.plans, problems: row.problems, comments: row.comments },
  };
}

function auditView(row: PlatformOrganizationRow) {
  const { slug, name, defaultLocale, status, contactEmail, timeZone, mapCenterLat, mapCenterLng, mapZoom } = row;
  return { slug, name, defaultLocale, status, contactEmail, timeZone, mapCenter: { lat: mapCenterLat, lng: mapCenterLng }, mapZoom };
}

/** The row as the Organization entity other services take (the invitation needs its id, slug, name). */
function entityOf(row: PlatformOrganizationRow) {
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    defaultLocale: row.defaultLocale,
    mapCenterLat: row.mapCenterLat,
    mapCenterLng: row.mapCenterLng,
    mapZoom: row.mapZoom,
    status: row.status,
    suspendedAt: row.suspendedAt,
    contactEmail: row.contactEmail,
    timeZone: row.timeZone,
    createdAt: row.createdAt,
  };
}
