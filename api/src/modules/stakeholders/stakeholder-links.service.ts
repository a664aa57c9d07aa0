import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { StakeholderErrors } from './stakeholders.errors';

/**
 * Who acts on a stakeholder's behalf: the one question other modules (problems) ask the registry.
 * Kept apart from the registry's service so that those modules can import it without a cycle.
 */
@Injectable()
export class StakeholderLinksService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * The stakeholder's name when `accountId` is one of its linked accounts (and it is not
   * archived); otherwise 403 `stakeholders.not_linked` — a stakeholder of another organisation
   * answers the same, so nothing about it leaks.
   */
  async assertLinked(organizationId: string, stakeholderId: string, accountId: string, m: EntityManager | DataSource = this.db): Promise<{ name: string }> {
    const [row] = await m.query(
      `SELECT s.name FROM stakeholder_account sa JOIN stakeholder s ON s.id = sa.stakeholder_id
        WHERE sa.organization_id = $1 AND sa.stakeholder_id = $2 AND sa.account_id = $3 AND s.archived_at IS NULL`,
      [organizationId, stakeholderId, accountId],
    );
    if (!row) throw StakeholderErrors.notLinked();
    return { name: row.name };
  }

  /** The stakeholders an account acts for in an organisation, by name. */
  linkedTo(organizationId: string, accountId: string): Promise<{ id: string; name: string; kind: string }[]> {
    return this.db.query(
      `SELECT s.id, s.name, s.kind FROM stakeholder_account sa JOIN stakeholder s ON s.id = sa.stakeholder_id
        WHERE sa.organization_id = $1 AND sa.account_id = $2 AND s.archived_at IS NULL ORDER BY s.name_key, s.id`,
      [organizationId, accountId],
    );
  }
}
