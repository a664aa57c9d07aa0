import { Logger } from '@nestjs/common';
import { ConnectedSocket, MessageBody, type OnGatewayInit, SubscribeMessage, WebSocketGateway } from '@nestjs/websockets';
import type { Server, Socket } from 'socket.io';
import { type ClientToServerEvents, type ServerToClientEvents, type TBoardAck, type TBoardJoinAck, ZUuid } from '@hamandishi/contracts';
import { AppError } from '../../../common/errors/app-error';
import { BoardEvents, boardRooms } from './board-events';
import { type BoardActor, BoardService } from './board.service';

type BoardSocket = Socket<
  ClientToServerEvents,
  ServerToClientEvents,
  Record<string, never>,
  { accountId?: string | null; boards?: Record<string, BoardActor> }
>;

/** How long a command waits for the realtime gateway to finish authenticating a brand-new socket. */
const AUTH_WAIT_MS = 3_000;

/**
 * The live board over socket.io: `board.join` answers with the full state (a late joiner and a
 * reconnecting client alike), `board.command` with an acknowledgement once the change is stored.
 * The sockets are those of the realtime gateway (same server), authenticated by its session cookie.
 */
@WebSocketGateway({ serveClient: false, cors: false })
export class BoardGateway implements OnGatewayInit {
  private readonly logger = new Logger('board');

  constructor(
    private readonly board: BoardService,
    private readonly events: BoardEvents,
  ) {}

  afterInit(server: Server<ClientToServerEvents, ServerToClientEvents>): void {
    this.events.attach(server);
  }

  @SubscribeMessage('board.join')
  async join(@ConnectedSocket() socket: BoardSocket, @MessageBody() payload: { sessionId?: unknown }): Promise<TBoardJoinAck> {
    try {
      if (!ZUuid.safeParse(payload?.sessionId).success) return { ok: false, code: 'board.session_not_found' };
      const accountId = await accountOf(socket);
      if (!accountId) return { ok: false, code: 'identity.unauthenticated' };
      const actor = await this.board.actorOf(payload.sessionId as string, accountId);
      const state = await this.board.state(actor);
      socket.data.boards = { ...socket.data.boards, [actor.sessionId]: actor };
      await socket.leave(boardRooms.participants(actor.sessionId));
      await socket.leave(boardRooms.facilitators(actor.sessionId));
      await socket.join(actor.role === 'facilitator' ? boardRooms.facilitators(actor.sessionId) : boardRooms.participants(actor.sessionId));
      return { ok: true, state };
    } catch (error) {
      return { ok: false, code: this.codeOf(error) };
    }
  }

  @SubscribeMessage('board.leave')
  async leave(@ConnectedSocket() socket: BoardSocket, @MessageBody() payload: { sessionId?: unknown }): Promise<void> {
    if (typeof payload?.sessionId !== 'string' || !socket.data.boards?.[payload.sessionId]) return;
    delete socket.data.boards[payload.sessionId];
    await socket.leave(boardRooms.participants(payload.sessionId));
    await socket.leave(boardRooms.facilitators(payload.sessionId));
  }

  @SubscribeMessage('board.command')
  async command(@ConnectedSocket() socket: BoardSocket, @MessageBody() payload: { sessionId?: unknown; command?: unknown }): Promise<TBoardAck> {
    try {
      const actor = typeof payload?.sessionId === 'string' ? socket.data.boards?.[payload.sessionId] : undefined;
      // Commands come after a join (which checked who one is); a socket that did not join is refused.
      if (!actor) return { ok: false, code: 'board.forbidden' };
      return await this.board.command(actor, payload.command);
    } catch (error) {
      if (error instanceof AppError) return { ok: false, code: error.code, ...(error.fields ? { fields: error.fields } : {}) };
      return { ok: false, code: this.codeOf(error) };
    }
  }

  private codeOf(error: unknown) {
    if (error instanceof AppError) return error.code;
    this.logger.error({ err: error }, 'board command failed');
    return 'common.internal' as const;
  }
}

// The realtime gateway sets the account on connection, asynchronously; a message sent at once
// waits for it rather than being treated as anonymous.
async function accountOf(socket: BoardSocket): Promise<string | null> {
  const deadline = Date.now() + AUTH_WAIT_MS;
  while (socket.data.accountId === undefined && socket.connected && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return socket.data.accountId ?? null;
}
