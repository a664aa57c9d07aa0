import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { Role, TMember, TMemberPage, TMemberQuery, TMembership } from '@hamandishi/contracts';
import { toAsciiDigits } from '@hamandishi/text';
import { AuditService } from '../audit/audit.service';
import { AppError } from '../../common/errors/app-error';
import { RealtimeService } from '../../realtime/realtime.service';
import type { Organization } from '../organizations/organization.entity';
import { OrganizationsService } from '../organizations/organizations.service';
import { type MemberRow, type MembershipRow, MembershipsRepository } from './memberships.repository';
import { SessionCache } from './session-cache';
import { decodeKeysetCursor, encodeKeysetCursor } from '../../common/pagination/keyset-cursor';

/** Who belongs to which municipality, with which roles. Other modules ask here, never the table. */
@Injectable()
export class MembershipsService {
  constructor(
    private readonly repository: MembershipsRepository,
    private readonly organizations: OrganizationsService,
    private readonly realtime: RealtimeService,
    private readonly sessionCache: SessionCache,
    private readonly audit: AuditService,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  /** The organisations whose realtime rooms a person's sockets join. */
  organizationIdsOf(accountId: string): Promise<string[]> {
    return this.repository.organizationIdsOf(accountId);
  }

  /** Every membership of a person (for the session and the export). */
  listOf(accountId: string): Promise<TMembership[]> {
    return this.repository.listOf(accountId);
  }

  /** A person's membership in one organisation, or null. */
  find(organizationId: string, accountId: string): Promise<MembershipRow | null> {
    return this.repository.find(organizationId, accountId);
  }

  /** True when the person holds any of `roles` in the organisation. */
  async hasRole(organizationId: string, accountId: string, roles: readonly Role[]): Promise<boolean> {
    const membership = await this.repository.find(organizationId, accountId);
    return !!membership && membership.roles.some((r) => roles.includes(r));
  }

  /** Makes the person a citizen of the organisation (no change when already a member). */
  async join(organization: Organization, accountId: string): Promise<TMembership> {
    const row = await this.repository.ensure(organization.id, accountId);
    this.sessionCache.evict(accountId);
    return view(row, organization.slug);
  }

  /** Joins by slug (sign-in with `organization`); unknown slugs answer 404. */
  async joinBySlug(slug: string, accountId: string): Promise<TMembership> {
    return this.join(await this.organizations.getBySlug(slug), accountId);
  }

  /**
   * Grants an accepted invitation's roles (added to those the person has) inside the caller's
   * transaction; call `notifyChanged` after it commits.
   */
  async grantRoles(
    manager: EntityManager,
    organization: Organization,
    accountId: string,
    roles: Role[],
    districtId: string | null,
  ): Promise<TMembership> {
    return view(await this.repository.addRoles(organization.id, accountId, roles, districtId, manager), organization.slug);
  }

  /** Sets one's district, which must be one of that organisation's districts. */
  async setMyDistrict(organization: Organization, accountId: string, districtId: string | null): Promise<TMembership> {
    if (districtId) await this.organizations.assertDistrict(organization.id, districtId);
    const row = await this.repository.setDistrict(organization.id, accountId, districtId);
    this.sessionCache.evict(accountId);
    if (!row) throw new AppError('identity.not_a_member', 403, 'Not a member of this organization');
    return view(row, organization.slug);
  }

  /**
   * The organisation's members, oldest first, keyset-paginated; `q` finds a name (Persian-
   * normalised), a mobile number (any digits, with or without the leading 0) or an e-mail.
   */
  async listMembers(organization: Organization, query: TMemberQuery): Promise<TMemberPage> {
    const after = query.cursor ? decodeKeysetCursor(query.cursor) : null;
    const rows = await this.repository.page(
      organization.id,
      { search: searchOf(query.q), role: query.role ?? null, districtId: query.districtId ?? null },
      after,
      query.limit + 1,
    );
    const items = rows.slice(0, query.limit);
    const last = items[items.length - 1];
    return {
      items: items.map(member),
      nextCursor: rows.length > query.limit && last ? encodeKeysetCursor(last.joinedAtKey, last.id) : null,
    };
  }

  /**
   * Replaces a member's roles in this organisation (and their district when given), audited.
   * An organisation always keeps one admin: removing the last admin's role answers 409
   * `identity.last_admin` (the admins' rows are locked, so two admins demoting each other at
   * once leave one). A manager needs a district: 400 `identity.manager_needs_district`.
   */
  async setRoles(
    organization: Organization,
    actorId: string,
    accountId: string,
    roles: Role[],
    districtId?: string | null,
  ): Promise<TMember> {
    const unique = [...new Set(roles)];
    if (districtId) await this.organizations.assertDistrict(organization.id, districtId);
    await this.db.transaction(async (m) => {
      const admins = await this.repository.lockAdmins(organization.id, m);
      const before = await this.repository.lockOne(organization.id, accountId, m);
      if (!before) throw notFound();
      if (admins.includes(accountId) && !unique.includes('admin') && admins.length <= 1) throw lastAdmin();
      const district = districtId === undefined ? before.districtId : districtId;
      if (unique.includes('manager') && !district) {
        throw new AppError('identity.manager_needs_district', 400, 'A manager must have a district', {
          districtId: 'required',
        });
      }
      await this.repository.setRoles(organization.id, accountId, unique, m);
      if (district !== before.districtId) await this.repository.setDistrictIn(organization.id, accountId, district, m);
      await this.audit.record(m, {
        organizationId: organization.id,
        actorId,
        action: 'membership.roles_changed',
        entityType: 'membership',
        entityId: before.id,
        before: { accountId, roles: before.roles, districtId: before.districtId },
        after: { accountId, roles: unique, districtId: district },
      });
    });
    await this.notifyChanged(accountId);
    return member((await this.repository.member(organization.id, accountId))!);
  }

  /** Sets a member's district (admin), audited; a manager cannot be left without one. */
  async setMemberDistrict(
    organization: Organization,
    actorId: string,
    accountId: string,
    districtId: string | null,
  ): Promise<TMember> {
    if (districtId) await this.organizations.assertDistrict(organization.id, districtId);
    await this.db.transaction(async (m) => {
      const before = await this.repository.lockOne(organization.id, accountId, m);
      if (!before) throw notFound();
      if (!districtId && before.roles.includes('manager')) {
        throw new AppError('identity.manager_needs_district', 400, 'A manager must have a district', {
          districtId: 'required',
        });
      }
      await this.repository.setDistrictIn(organization.id, accountId, districtId, m);
      await this.audit.record(m, {
        organizationId: organization.id,
        actorId,
        action: 'membership.district_changed',
        entityType: 'membership',
        entityId: before.id,
        before: { accountId, districtId: before.districtId },
        after: { accountId, districtId },
      });
    });
    await this.notifyChanged(accountId);
    return member((await this.repository.member(organization.id, accountId))!);
  }

  /**
   * Removes a member from the municipality (admin), audited. Their contributions stay (they
   * belong to the account); they can join again as a citizen. The last admin cannot be removed,
   * not even by themselves: 409 `identity.last_admin`.
   */
  async removeMember(organization: Organization, actorId: string, accountId: string): Promise<void> {
    await this.db.transaction(async (m) => {
      const admins = await this.repository.lockAdmins(organization.id, m);
      if (admins.includes(accountId) && admins.length <= 1) throw lastAdmin();
      const removed = await this.repository.remove(organization.id, accountId, m);
      if (!removed) throw notFound();
      await this.audit.record(m, {
        organizationId: organization.id,
        actorId,
        action: 'membership.removed',
        entityType: 'membership',
        entityId: removed.id,
        before: { accountId, roles: removed.roles, districtId: removed.districtId },
        after: null,
      });
    });
    await this.notifyChanged(accountId);
  }

  /** Tells a person's open tabs their memberships changed. */
  async notifyChanged(accountId: string): Promise<void> {
    this.sessionCache.evict(accountId);
    this.realtime.toAccount(accountId, 'membership.changed', { memberships: await this.repository.listOf(accountId) });
  }
}

const notFound = () => new AppError('identity.membership_not_found', 404, 'No such member in this organization');
const lastAdmin = () => new AppError('identity.last_admin', 409, 'An organization must keep at least one admin');

/** The three ways `q` can match: a folded name, the digits of a mobile, an e-mail's text. */
function searchOf(q: string | undefined): { name: string; mobileDigits: string | null; email: string } | null {
  const term = q?.trim();
  if (!term) return null;
  const digits = toAsciiDigits(term).replace(/[\s()+-]/g, '');
  return {
    name: term,
    // People type 0912…; numbers are stored +98912…
    mobileDigits: /^\d{3,}$/.test(digits) ? digits.replace(/^0/, '') : null,
    email: term.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`),
  };
}

function view(row: MembershipRow, organizationSlug: string): TMembership {
  return { organizationId: row.organizationId, organizationSlug, roles: row.roles, districtId: row.districtId };
}

function member(row: MemberRow): TMember {
  return {
    accountId: row.accountId,
    displayName: row.displayName,
    roles: row.roles,
    districtId: row.districtId,
    status: row.status,
    joinedAt: new Date(row.joinedAt).toISOString(),
  };
}


