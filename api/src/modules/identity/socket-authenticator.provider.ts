import { Injectable } from '@nestjs/common';
import type { Actor } from '../../common/http/request-context';
import { SocketAuthenticator } from '../../realtime/socket-authenticator';
import { MembershipsService } from './memberships.service';
import { SessionsService } from './sessions.service';

/** Lets the realtime gateway authenticate sockets by the session cookie without importing identity. */
@Injectable()
export class IdentitySocketAuthenticator extends SocketAuthenticator {
  constructor(
    private readonly sessions: SessionsService,
    private readonly memberships: MembershipsService,
  ) {
    super();
  }

  authenticate(sessionToken: string): Promise<Actor | null> {
    return this.sessions.resolve(sessionToken);
  }

  organizationIdsOf(accountId: string): Promise<string[]> {
    return this.memberships.organizationIdsOf(accountId);
  }
}
