import { Module } from '@nestjs/common';
import { AuditModule } from '../../audit/audit.module';
import { IdentityModule } from '../../identity/identity.module';
import { OrganizationsModule } from '../../organizations/organizations.module';
import { OpinionModule } from '../opinion/opinion.module';
import { ThinktankModule } from '../thinktank.module';
import { BoardAccess } from './board-access';
import { BoardController } from './board.controller';
import { BoardEvents } from './board-events';
import { BoardGateway } from './board.gateway';
import { BoardRepository } from './board.repository';
import { BoardService } from './board.service';
import { SessionBoardAccess } from './session-board-access';

/**
 * The live board of think-tank sessions (statements, up-votes, clusters, pins, quick polls,
 * opinion votes) over socket.io. `BoardAccess` says who runs and who joins a board, answered by the
 * sessions module (`SessionBoardAccess`): the facilitator and session staff run it; those invited
 * who said yes, or who were checked in, take part; nobody else joins.
 */
@Module({
  imports: [IdentityModule, OrganizationsModule, AuditModule, OpinionModule, ThinktankModule],
  controllers: [BoardController],
  providers: [BoardRepository, BoardEvents, BoardService, BoardGateway, { provide: BoardAccess, useClass: SessionBoardAccess }],
  exports: [BoardService],
})
export class BoardModule {}
