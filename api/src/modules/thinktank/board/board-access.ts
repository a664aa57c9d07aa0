import type { BoardRole } from '@hamandishi/contracts';

/**
 * Who someone is on a session's live board. The sessions module knows the facilitator, the
 * invitations and the attendance; the board only asks this question. It is answered by
 * `SessionBoardAccess` (session-board-access.ts), i.e. the sessions service's `roleOnBoard`.
 */
export abstract class BoardAccess {
  /** The person's role on the board of `sessionId` in `organizationId`, or null when they may not join. */
  abstract roleOf(organizationId: string, sessionId: string, accountId: string): Promise<BoardRole | null>;
}
