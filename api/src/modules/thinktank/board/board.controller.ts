import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import type { Actor } from '../../../common/http/request-context';
import { Endpoint } from '../../../common/http/endpoint.decorator';
import { CurrentActor, CurrentOrganization, Roles } from '../../identity/decorators';
import type { Organization } from '../../organizations/organization.entity';
import { BoardErrors } from './board.errors';
import { BoardService } from './board.service';

/** The live board's state over HTTP (the socket's `board.join` gives the same; this serves a first paint and tools). */
@Controller('api/orgs/:slug/sessions/:sessionId/board')
export class BoardController {
  constructor(private readonly board: BoardService) {}

  @Get()
  @Roles()
  @Endpoint({ summary: 'The live board of a think-tank session, as one sees it (member of the municipality)', tags: ['thinktank'] })
  async state(@CurrentOrganization() org: Organization, @CurrentActor() actor: Actor, @Param('sessionId', new ParseUUIDPipe({ exceptionFactory: () => BoardErrors.sessionNotFound() })) sessionId: string) {
    return this.board.state(await this.board.actorOf(sessionId, actor.accountId, org.id));
  }
}
