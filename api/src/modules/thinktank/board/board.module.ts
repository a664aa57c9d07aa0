import { Module } from '@nestjs/common';
import { AuditModule } from '../../audit/audit.module';
import { IdentityModule } from '../../identity/identity.module';
import { OrganizationsModule } from '../../organizations/organizations.module';
import { OpinionModule } from '../opinion/opinion.module';
import { BoardAccess, MembershipBoardAccess } from './board-access';
import { BoardController } from './board.controller';
import { BoardEvents } from './board-events';
import { BoardGateway } from './board.gateway';
import { BoardRepository } from './board.repository';
import { BoardService } from './board.service';

/**
 * The live board of think-tank sessions (statements, up-votes, clusters, pins, quick polls,
 * opinion votes) over socket.io. `BoardAccess` says who runs and who joins a board; the sessions
 * module may bind its own answer in its place.
 */
@Module({
  imports: [IdentityModule, OrganizationsModule, AuditModule, OpinionModule],
  controllers: [BoardController],
  providers: [BoardRepository, BoardEvents, BoardService, BoardGateway, { provide: BoardAccess, useClass: MembershipBoardAccess }],
  exports: [BoardService],
})
export class BoardModule {}
