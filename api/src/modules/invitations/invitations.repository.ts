import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { InvitableRole, InvitationStatus } from '@hamandishi/contracts';
import { returningRows } from '../../database/returning-rows';

/** An invitation row as the service uses it (never the token hash). */
export type InvitationRow = {
  id: string;
  organizationId: string;
  channel: 'sms' | 'email';
  contact: string;
  roles: InvitableRole[];
  districtId: string | null;
  invitedBy: string | null;
  invitedByName: string | null;
  createdAt: Date;
  createdAtKey: string;
  expiresAt: Date;
  acceptedAt: Date | null;
  revokedAt: Date | null;
  /** Computed by the database clock, so every process agrees. */
  status: InvitationStatus;
};

const STATUS = `CASE WHEN i.accepted_at IS NOT NULL THEN 'accepted'
                     WHEN i.revoked_at IS NOT NULL THEN 'revoked'
                     WHEN i.expires_at <= now() THEN 'expired'
                     ELSE 'pending' END`;

const SELECT = `
  SELECT i.id, i.organization_id AS "organizationId", i.channel, i.contact, i.roles, i.district_id AS "districtId",
         i.invited_by AS "invitedBy", a.display_name AS "invitedByName", i.created_at AS "createdAt",
         to_char(i.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "createdAtKey",
         i.expires_at AS "expiresAt", i.accepted_at AS "acceptedAt", i.revoked_at AS "revokedAt",
         ${STATUS} AS status
  FROM invitation i LEFT JOIN account a ON a.id = i.invited_by`;

// The UPDATE ... RETURNING statements return the same columns (the inviter's name comes after).
const RETURNING = `RETURNING id`;

/** Queries on invitations. Every admin query names its organisation. */
@Injectable()
export class InvitationsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * Creates the invitation, or replaces the pending one (expired or not) for the same contact in
   * this municipality: new roles, new token, new expiry. The partial unique index
   * `uq_invitation_pending` makes that an upsert, so two admins inviting at once leave one row.
   */
  async upsertPending(
    manager: EntityManager,
    input: {
      organizationId: string;
      channel: 'sms' | 'email';
      contact: string;
      roles: InvitableRole[];
      districtId: string | null;
      tokenHash: Buffer;
      invitedBy: string | null;
      days: number;
    },
  ): Promise<{ id: string; replaced: boolean }> {
    const [row] = await manager.query(
      `INSERT INTO invitation (organization_id, channel, contact, roles, district_id, token_hash, invited_by, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, now() + make_interval(days => $8))
       ON CONFLICT (organization_id, contact) WHERE accepted_at IS NULL AND revoked_at IS NULL DO UPDATE
         SET channel = EXCLUDED.channel, roles = EXCLUDED.roles, district_id = EXCLUDED.district_id,
             token_hash = EXCLUDED.token_hash, invited_by = EXCLUDED.invited_by,
             created_at = now(), sent_at = now(), expires_at = EXCLUDED.expires_at
       RETURNING id, (xmax <> 0) AS replaced`,
      [
        input.organizationId,
        input.channel,
        input.contact,
        input.roles,
        input.districtId,
        input.tokenHash,
        input.invitedBy,
        input.days,
      ],
    );
    return row;
  }

  async find(organizationId: string, id: string, manager: EntityManager | DataSource = this.db): Promise<InvitationRow | null> {
    const [row] = await manager.query(`${SELECT} WHERE i.organization_id = $1 AND i.id = $2`, [organizationId, id]);
    return row ?? null;
  }

  async findByTokenHash(tokenHash: Buffer): Promise<InvitationRow | null> {
    const [row] = await this.db.query(`${SELECT} WHERE i.token_hash = $1`, [tokenHash]);
    return row ?? null;
  }

  /** One page, newest first, after the (createdAt, id) of the previous page's last row. */
  page(
    organizationId: string,
    status: InvitationStatus | null,
    after: { at: string; id: string } | null,
    limit: number,
  ): Promise<InvitationRow[]> {
    return this.db.query(
      `${SELECT}
       WHERE i.organization_id = $1
         AND ($2::text IS NULL OR ${STATUS} = $2)
         AND ($3::timestamptz IS NULL OR (i.created_at, i.id) < ($3::timestamptz, $4::uuid))
       ORDER BY i.created_at DESC, i.id DESC LIMIT $5`,
      [organizationId, status, after?.at ?? null, after?.id ?? null, limit],
    );
  }

  /** Pending, unexpired invitations addressed to any of `contacts`, across municipalities. */
  pendingFor(contacts: string[]): Promise<InvitationRow[]> {
    return this.db.query(
      `${SELECT}
       WHERE i.contact = ANY($1) AND i.accepted_at IS NULL AND i.revoked_at IS NULL AND i.expires_at > now()
       ORDER BY i.created_at DESC LIMIT 50`,
      [contacts],
    );
  }

  /** A new token and expiry for a pending invitation (the old link dies); false when not pending. */
  async renew(organizationId: string, id: string, tokenHash: Buffer, days: number, manager: EntityManager): Promise<boolean> {
    const rows = returningRows(
      await manager.query(
        `UPDATE invitation SET token_hash = $3, expires_at = now() + make_interval(days => $4), sent_at = now()
         WHERE organization_id = $1 AND id = $2 AND accepted_at IS NULL AND revoked_at IS NULL ${RETURNING}`,
        [organizationId, id, tokenHash, days],
      ),
    );
    return rows.length > 0;
  }

  async revoke(organizationId: string, id: string, actorId: string, manager: EntityManager): Promise<boolean> {
    const rows = returningRows(
      await manager.query(
        `UPDATE invitation SET revoked_at = now(), revoked_by = $3
         WHERE organization_id = $1 AND id = $2 AND accepted_at IS NULL AND revoked_at IS NULL ${RETURNING}`,
        [organizationId, id, actorId],
      ),
    );
    return rows.length > 0;
  }

  /**
   * Marks the invitation accepted if, at this instant, it is still pending, unexpired and
   * addressed to one of `contacts`. Single use is this statement's WHERE, not a check before it:
   * of two concurrent accepts, the second finds accepted_at set and changes nothing.
   */
  async accept(
    where: { tokenHash: Buffer } | { id: string },
    contacts: string[],
    accountId: string,
    manager: EntityManager,
  ): Promise<string | null> {
    const [column, value] = 'tokenHash' in where ? ['token_hash', where.tokenHash] : ['id', where.id];
    const rows = returningRows<{ id: string }>(
      await manager.query(
        `UPDATE invitation SET accepted_at = now(), accepted_by = $3
         WHERE ${column} = $1 AND contact = ANY($2)
           AND accepted_at IS NULL AND revoked_at IS NULL AND expires_at > now() ${RETURNING}`,
        [value, contacts, accountId],
      ),
    );
    return rows[0]?.id ?? null;
  }

  async findById(id: string): Promise<InvitationRow | null> {
    const [row] = await this.db.query(`${SELECT} WHERE i.id = $1`, [id]);
    return row ?? null;
  }
}
