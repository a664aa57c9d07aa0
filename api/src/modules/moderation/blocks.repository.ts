import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { returningRows } from '../../database/returning-rows';

/** member_block: who may no longer take part in an organisation. */
@Injectable()
export class BlocksRepository {
  constructor(@InjectDataSource() readonly db: DataSource) {}

  async isBlocked(organizationId: string, accountId: string): Promise<boolean> {
    const rows = await this.db.query(`SELECT 1 FROM member_block WHERE organization_id = $1 AND account_id = $2`, [
      organizationId,
      accountId,
    ]);
    return rows.length > 0;
  }

  async isMember(organizationId: string, accountId: string): Promise<boolean> {
    const rows = await this.db.query(`SELECT 1 FROM membership WHERE organization_id = $1 AND account_id = $2`, [
      organizationId,
      accountId,
    ]);
    return rows.length > 0;
  }

  /** Blocks, or updates the reason of an existing block. */
  async upsert(
    m: EntityManager,
    organizationId: string,
    accountId: string,
    reason: string,
    blockedBy: string,
  ): Promise<void> {
    await m.query(
      `INSERT INTO member_block (organization_id, account_id, reason, blocked_by) VALUES ($1, $2, $3, $4)
       ON CONFLICT (organization_id, account_id) DO UPDATE SET reason = EXCLUDED.reason, blocked_by = EXCLUDED.blocked_by`,
      [organizationId, accountId, reason, blockedBy],
    );
  }

  /** Whether a block was lifted. */
  async remove(m: EntityManager, organizationId: string, accountId: string): Promise<{ reason: string } | null> {
    const rows = returningRows<{ reason: string }>(
      await m.query(`DELETE FROM member_block WHERE organization_id = $1 AND account_id = $2 RETURNING reason`, [
        organizationId,
        accountId,
      ]),
    );
    return rows[0] ?? null;
  }
}
