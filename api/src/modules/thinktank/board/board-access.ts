import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { BoardRole } from '@hamandishi/contracts';

/**
 * Who someone is on a session's live board. The sessions module knows the facilitator, the
 * invitations and the attendance; the board only asks this question, so the answer can move there
 * (the sessions service's `roleOnBoard`) without the board changing.
 */
export abstract class BoardAccess {
  /** The person's role on the board of `sessionId` in `organizationId`, or null when they may not join. */
  abstract roleOf(organizationId: string, sessionId: string, accountId: string): Promise<BoardRole | null>;
}

/** Staff roles that may run any session's board of their municipality. */
const STAFF_ROLES = ['planner', 'admin'];

/**
 * The default answer: the session's facilitator and the municipality's planners and admins run the
 * board; any other signed-in member of the municipality takes part; anyone else is refused.
 */
@Injectable()
export class MembershipBoardAccess extends BoardAccess {
  constructor(@InjectDataSource() private readonly db: DataSource) {
    super();
  }

  async roleOf(organizationId: string, sessionId: string, accountId: string): Promise<BoardRole | null> {
    const [row]: { isFacilitator: boolean; roles: string[] | null }[] = await this.db.query(
      `SELECT s.facilitator_id IS NOT DISTINCT FROM $3::uuid AS "isFacilitator", m.roles
       FROM thinktank_session s
       LEFT JOIN membership m ON m.organization_id = s.organization_id AND m.account_id = $3
       WHERE s.id = $2 AND s.organization_id = $1`,
      [organizationId, sessionId, accountId],
    );
    if (!row) return null;
    if (row.isFacilitator || row.roles?.some((r) => STAFF_ROLES.includes(r))) return 'facilitator';
    return row.roles ? 'participant' : null;
  }
}
