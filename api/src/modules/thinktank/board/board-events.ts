import { Injectable, Logger } from '@nestjs/common';
import type { Server } from 'socket.io';
import type { ClientToServerEvents, ServerToClientEvents, TBoardUpdate } from '@hamandishi/contracts';

type AppServer = Server<ClientToServerEvents, ServerToClientEvents>;

/**
 * A board's two rooms: participants see no hidden statement, facilitators see everything. Through
 * the socket.io adapter (Redis or PostgreSQL) every API process's clients get the same updates.
 */
export const boardRooms = {
  participants: (sessionId: string) => `board:${sessionId}:p`,
  facilitators: (sessionId: string) => `board:${sessionId}:f`,
};

/** Pushes board updates to the clients that joined a board. */
@Injectable()
export class BoardEvents {
  private readonly logger = new Logger('board');
  private server: AppServer | null = null;

  /** Called by the board gateway once socket.io is ready. */
  attach(server: AppServer): void {
    this.server = server;
  }

  /** To everyone on the board. */
  toBoard(update: TBoardUpdate): void {
    this.emit([boardRooms.participants(update.sessionId), boardRooms.facilitators(update.sessionId)], update);
  }

  /** To the facilitators only (a hidden statement's text). */
  toFacilitators(update: TBoardUpdate): void {
    this.emit([boardRooms.facilitators(update.sessionId)], update);
  }

  /** To the participants only (a statement leaving their view when hidden). */
  toParticipants(update: TBoardUpdate): void {
    this.emit([boardRooms.participants(update.sessionId)], update);
  }

  // A live update is a courtesy: the change is stored, and a client that missed it gets the full
  // state when it joins again.
  private emit(roomNames: string[], update: TBoardUpdate): void {
    if (!this.server) return;
    try {
      this.server.to(roomNames).emit('board.update', update);
    } catch (error) {
      this.logger.warn({ err: error, sessionId: update.sessionId }, 'board update not sent');
    }
  }
}
