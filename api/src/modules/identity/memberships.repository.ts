import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { Role, TMembership } from '@hamandishi/contracts';
import { returningRows } from '../../database/returning-rows';

/** A membership row as services use it. */
export type MembershipRow = {
  id: string;
  organizationId: string;
  accountId: string;
  roles: Role[];
  districtId: string | null;
  joinedAt: Date;
};

/** One line of an organisation's member list, with the keyset cursor's exact timestamp. */
export type MemberRow = {
  id: string;
  accountId: string;
  displayName: string;
  roles: Role[];
  districtId: string | null;
  status: 'active' | 'disabled';
  joinedAt: Date;
  joinedAtKey: string;
};

const COLUMNS = `id, organization_id AS "organizationId", account_id AS "accountId", roles, district_id AS "districtId", joined_at AS "joinedAt"`;

const MEMBER_SELECT = `
  SELECT m.id, m.account_id AS "accountId", a.display_name AS "displayName", m.roles, m.district_id AS "districtId",
         CASE WHEN a.status = 'active' THEN 'active' ELSE 'disabled' END AS status, m.joined_at AS "joinedAt",
         to_char(m.joined_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "joinedAtKey"
  FROM membership m JOIN account a ON a.id = m.account_id`;

/** Queries on membership. Every query names its organisation. */
@Injectable()
export class MembershipsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async find(organizationId: string, accountId: string): Promise<MembershipRow | null> {
    const [row] = await this.db.query(
      `SELECT ${COLUMNS} FROM membership WHERE organization_id = $1 AND account_id = $2`,
      [organizationId, accountId],
    );
    return row ?? null;
  }

  /** Makes the person a citizen member unless they already are a member; returns the membership. */
  async ensure(organizationId: string, accountId: string): Promise<MembershipRow> {
    await this.db.query(
      `INSERT INTO membership (organization_id, account_id, roles) VALUES ($1, $2, '{citizen}') ON CONFLICT ON CONSTRAINT uq_membership_account DO NOTHING`,
      [organizationId, accountId],
    );
    return (await this.find(organizationId, accountId))!;
  }

  async setDistrict(
    organizationId: string,
    accountId: string,
    districtId: string | null,
  ): Promise<MembershipRow | null> {
    const [row] = returningRows<MembershipRow>(
      await this.db.query(
        `UPDATE membership SET district_id = $3, updated_at = now() WHERE organization_id = $1 AND account_id = $2 RETURNING ${COLUMNS}`,
        [organizationId, accountId, districtId],
      ),
    );
    return row ?? null;
  }

  /** Every membership of a person, with the organisation's slug. */
  listOf(accountId: string): Promise<TMembership[]> {
    return this.db.query(
      `SELECT m.organization_id AS "organizationId", o.slug AS "organizationSlug", m.roles, m.district_id AS "districtId"
       FROM membership m JOIN organization o ON o.id = m.organization_id
       WHERE m.account_id = $1 ORDER BY m.joined_at, m.id`,
      [accountId],
    );
  }

  async organizationIdsOf(accountId: string): Promise<string[]> {
    const rows: { organizationId: string }[] = await this.db.query(
      `SELECT organization_id AS "organizationId" FROM membership WHERE account_id = $1`,
      [accountId],
    );
    return rows.map((r) => r.organizationId);
  }

  /**
   * One page of members, oldest first, after the (joinedAt, id) of the previous page's last row.
   * `search.name` is compared with names folded by hamandishi_search_key (Arabic ي/ك, digits,
   * ZWNJ); `search.mobileDigits` and `search.email` are LIKE patterns' inner parts, escaped.
   */
  page(
    organizationId: string,
    filter: {
      search: { name: string; mobileDigits: string | null; email: string } | null;
      role: Role | null;
      districtId: string | null;
    },
    after: { at: string; id: string } | null,
    limit: number,
  ): Promise<MemberRow[]> {
    return this.db.query(
      `${MEMBER_SELECT}
       WHERE m.organization_id = $1 AND a.status <> 'deleted'
         AND ($2::timestamptz IS NULL OR (m.joined_at, m.id) > ($2::timestamptz, $3::uuid))
         AND ($5::text IS NULL
              OR hamandishi_search_key(a.display_name) LIKE '%' || replace(replace(replace(hamandishi_search_key($5), '\\', '\\\\'), '%', '\\%'), '_', '\\_') || '%'
              OR ($6::text IS NOT NULL AND a.mobile LIKE '%' || $6 || '%')
              OR a.email LIKE '%' || $7 || '%')
         AND ($8::text IS NULL OR $8 = ANY(m.roles))
         AND ($9::uuid IS NULL OR m.district_id = $9)
       ORDER BY m.joined_at, m.id LIMIT $4`,
      [
        organizationId,
        after?.at ?? null,
        after?.id ?? null,
        limit,
        filter.search?.name ?? null,
        filter.search?.mobileDigits ?? null,
        filter.search?.email ?? null,
        filter.role,
        filter.districtId,
      ],
    );
  }

  async member(organizationId: string, accountId: string): Promise<MemberRow | null> {
    const [row] = await this.db.query(`${MEMBER_SELECT} WHERE m.organization_id = $1 AND m.account_id = $2`, [
      organizationId,
      accountId,
    ]);
    return row ?? null;
  }

  /**
   * Locks the organisation's memberships that hold `admin`, for the last-admin rule; always in the
   * same order, so two admins acting on each other wait rather than deadlock.
   */
  async lockAdmins(organizationId: string, manager: EntityManager): Promise<string[]> {
    const rows: { accountId: string }[] = await manager.query(
      `SELECT account_id AS "accountId" FROM membership WHERE organization_id = $1 AND 'admin' = ANY(roles)
       ORDER BY id FOR UPDATE`,
      [organizationId],
    );
    return rows.map((r) => r.accountId);
  }

  async setRoles(
    organizationId: string,
    accountId: string,
    roles: Role[],
    manager: EntityManager,
  ): Promise<MembershipRow | null> {
    const [row] = returningRows<MembershipRow>(
      await manager.query(
        `UPDATE membership SET roles = $3, updated_at = now() WHERE organization_id = $1 AND account_id = $2 RETURNING ${COLUMNS}`,
        [organizationId, accountId, roles],
      ),
    );
    return row ?? null;
  }

  /** Sets a member's district inside an admin's transaction; null when there is no such member. */
  async setDistrictIn(
    organizationId: string,
    accountId: string,
    districtId: string | null,
    manager: EntityManager,
  ): Promise<MembershipRow | null> {
    const [row] = returningRows<MembershipRow>(
      await manager.query(
        `UPDATE membership SET district_id = $3, updated_at = now() WHERE organization_id = $1 AND account_id = $2 RETURNING ${COLUMNS}`,
        [organizationId, accountId, districtId],
      ),
    );
    return row ?? null;
  }

  /** The membership, locked until the transaction ends; null when there is none. */
  async lockOne(organizationId: string, accountId: string, manager: EntityManager): Promise<MembershipRow | null> {
    const [row] = await manager.query(
      `SELECT ${COLUMNS} FROM membership WHERE organization_id = $1 AND account_id = $2 FOR UPDATE`,
      [organizationId, accountId],
    );
    return row ?? null;
  }

  /**
   * Removes a membership (the person's problems, comments and supports stay theirs: they point at
   * the account, not at the membership). Returns the removed row, or null when there was none.
   */
  async remove(organizationId: string, accountId: string, manager: EntityManager): Promise<MembershipRow | null> {
    const [row] = returningRows<MembershipRow>(
      await manager.query(
        `DELETE FROM membership WHERE organization_id = $1 AND account_id = $2 RETURNING ${COLUMNS}`,
        [organizationId, accountId],
      ),
    );
    return row ?? null;
  }

  /**
   * Adds `roles` to a person's membership (making them a member first), keeping the roles they
   * had; sets the district when one is given.
   */
  async addRoles(
    organizationId: string,
    accountId: string,
    roles: Role[],
    districtId: string | null,
    manager: EntityManager,
  ): Promise<MembershipRow> {
    const [row] = returningRows<MembershipRow>(
      await manager.query(
        `INSERT INTO membership (organization_id, account_id, roles, district_id)
         VALUES ($1, $2, ARRAY(SELECT DISTINCT unnest(array_prepend('citizen', $3::text[])) ORDER BY 1), $4)
         ON CONFLICT ON CONSTRAINT uq_membership_account DO UPDATE
           SET roles = ARRAY(SELECT DISTINCT unnest(membership.roles || EXCLUDED.roles) ORDER BY 1),
               district_id = coalesce(EXCLUDED.district_id, membership.district_id),
               updated_at = now()
         RETURNING ${COLUMNS}`,
        [organizationId, accountId, roles, districtId],
      ),
    );
    return row;
  }

  /** A deleted person keeps their memberships (content attribution) but no powers. */
  async reduceToCitizen(accountId: string, manager: EntityManager): Promise<void> {
    await manager.query(`UPDATE membership SET roles = '{citizen}', updated_at = now() WHERE account_id = $1`, [
      accountId,
    ]);
  }
}
