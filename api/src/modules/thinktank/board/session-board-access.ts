import { Injectable } from '@nestjs/common';
import type { BoardRole } from '@hamandishi/contracts';
import { ThinktankSessionsService } from '../thinktank-sessions.service';
import { BoardAccess } from './board-access';

/**
 * The board's access answered by the sessions module: the session's facilitator and the
 * municipality's session staff (planners, admins) run the board; people invited who said yes, or
 * who were checked in, take part; anyone else (a member who was not invited, someone who declined
 * or is still on the waiting list) is refused.
 */
@Injectable()
export class SessionBoardAccess extends BoardAccess {
  constructor(private readonly sessions: ThinktankSessionsService) {
    super();
  }

  roleOf(organizationId: string, sessionId: string, accountId: string): Promise<BoardRole | null> {
    return this.sessions.roleOnBoard(organizationId, sessionId, accountId);
  }
}
