import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { Role, TMember, TMemberPage, TMembership, TPageQuery } from '@hamandishi/contracts';
import { AppError } from '../../common/errors/app-error';
import { RealtimeService } from '../../realtime/realtime.service';
import type { Organization } from '../organizations/organization.entity';
import { OrganizationsService } from '../organizations/organizations.service';
import { type MemberRow, type MembershipRow, MembershipsRepository } from './memberships.repository';
import { SessionCache } from './session-cache';

/** Who belongs to which municipality, with which roles. Other modules ask here, never the table. */
@Injectable()
export class MembershipsService {
  constructor(
    private readonly repository: MembershipsRepository,
    private readonly organizations: OrganizationsService,
    private readonly realtime: RealtimeService,
    private readonly sessionCache: SessionCache,
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

  /** The organisation's members, oldest first, keyset-paginated. */
  async listMembers(organization: Organization, query: TPageQuery): Promise<TMemberPage> {
    const after = query.cursor ? decodeCursor(query.cursor) : null;
    const rows = await this.repository.page(organization.id, after, query.limit + 1);
    const items = rows.slice(0, query.limit);
    const last = items[items.length - 1];
    return {
      items: items.map(member),
      nextCursor: rows.length > query.limit && last ? encodeCursor(last) : null,
    };
  }

  /**
   * Replaces a member's roles in this organisation. An organisation always keeps one admin:
   * removing the last admin's role answers 409 `identity.last_admin`.
   */
  async setRoles(organization: Organization, accountId: string, roles: Role[]): Promise<TMember> {
    const unique = [...new Set(roles)];
    await this.db.transaction(async (m) => {
      const admins = await this.repository.lockAdmins(organization.id, m);
      if (admins.includes(accountId) && !unique.includes('admin') && admins.length <= 1) {
        throw new AppError('identity.last_admin', 409, 'An organization must keep at least one admin');
      }
      const row = await this.repository.setRoles(organization.id, accountId, unique, m);
      if (!row) throw new AppError('identity.membership_not_found', 404, 'No such member in this organization');
    });
    await this.notifyChanged(accountId);
    return member((await this.repository.member(organization.id, accountId))!);
  }

  /** Tells a person's open tabs their memberships changed. */
  async notifyChanged(accountId: string): Promise<void> {
    this.sessionCache.evict(accountId);
    this.realtime.toAccount(accountId, 'membership.changed', { memberships: await this.repository.listOf(accountId) });
  }
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

function encodeCursor(row: MemberRow): string {
  return Buffer.from(JSON.stringify([row.joinedAtKey, row.id])).toString('base64url');
}

function decodeCursor(cursor: string): { joinedAt: string; id: string } {
  try {
    const [joinedAt, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [unknown, unknown];
    if (
      typeof joinedAt === 'string' &&
      !Number.isNaN(Date.parse(joinedAt)) &&
      typeof id === 'string' &&
      /^[0-9a-f-]{36}$/i.test(id)
    ) {
      return { joinedAt, id };
    }
  } catch {
    // fall through
  }
  throw new AppError('common.validation_failed', 400, 'Invalid cursor', { cursor: 'invalid' });
}
