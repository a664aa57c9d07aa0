import { Injectable } from '@nestjs/common';
import type { Actor } from '../../common/http/request-context';
import { AuditService } from '../audit/audit.service';
import { BlocksRepository } from './blocks.repository';
import { ModerationErrors } from './moderation.errors';

/**
 * Blocking members who break the rules. Modules that accept contributions (problems, comments)
 * call `assertNotBlocked` before writing.
 */
@Injectable()
export class BlocksService {
  constructor(
    private readonly repository: BlocksRepository,
    private readonly audit: AuditService,
  ) {}

  /** 403 `moderation.blocked` when the person is blocked in the organisation. */
  async assertNotBlocked(organizationId: string, accountId: string): Promise<void> {
    if (await this.repository.isBlocked(organizationId, accountId)) throw ModerationErrors.blocked();
  }

  isBlocked(organizationId: string, accountId: string): Promise<boolean> {
    return this.repository.isBlocked(organizationId, accountId);
  }

  async block(organizationId: string, actor: Actor, accountId: string, reason: string): Promise<void> {
    if (accountId === actor.accountId) throw ModerationErrors.cannotBlockSelf();
    if (!(await this.repository.isMember(organizationId, accountId))) throw ModerationErrors.memberNotFound();
    await this.repository.db.transaction(async (m) => {
      await this.repository.upsert(m, organizationId, accountId, reason, actor.accountId);
      await this.audit.record(m, {
        organizationId,
        actorId: actor.accountId,
        action: 'member.blocked',
        entityType: 'account',
        entityId: accountId,
        before: null,
        after: { reason },
      });
    });
  }

  async unblock(organizationId: string, actor: Actor, accountId: string): Promise<void> {
    await this.repository.db.transaction(async (m) => {
      const before = await this.repository.remove(m, organizationId, accountId);
      if (!before) return;
      await this.audit.record(m, {
        organizationId,
        actorId: actor.accountId,
        action: 'member.unblocked',
        entityType: 'account',
        entityId: accountId,
        before,
        after: null,
      });
    });
  }
}
