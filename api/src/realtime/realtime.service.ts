import { type BeforeApplicationShutdown, Injectable, Logger } from '@nestjs/common';
import type { Server } from 'socket.io';
import type { ClientToServerEvents, ServerToClientEvents } from '@hamandishi/contracts';

type AppServer = Server<ClientToServerEvents, ServerToClientEvents>;
type Payload<E extends keyof ServerToClientEvents> = Parameters<ServerToClientEvents[E]>[0];

/** Room names, in one place. */
export const rooms = {
  account: (accountId: string) => `account:${accountId}`,
  organization: (organizationId: string) => `org:${organizationId}`,
  problem: (problemId: string) => `problem:${problemId}`,
  comments: (targetType: string, targetId: string) => `comments:${targetType}:${targetId}`,
};

/**
 * Sends typed events to people's browsers. Through the socket.io adapter (Redis or PostgreSQL
 * when several API processes run) an event sent here reaches every process's sockets.
 */
@Injectable()
export class RealtimeService implements BeforeApplicationShutdown {
  private readonly logger = new Logger('realtime');
  private server: AppServer | null = null;

  /** Called once by the gateway when socket.io is ready. */
  attach(server: AppServer): void {
    this.server = server;
  }

  /**
   * After every module's destroy hook (the support counts' last flush goes out) and before the
   * adapter's connections close: events from work still finishing are dropped from then on. A
   * publish on a closed Redis client fails asynchronously, past the try/catch in `emit`, as an
   * unhandled rejection (seen when a support-count flush awaiting its query outlived the app).
   */
  beforeApplicationShutdown(): void {
    this.server = null;
  }

  toAccount<E extends keyof ServerToClientEvents>(accountId: string, event: E, payload: Payload<E>): void {
    this.emit(rooms.account(accountId), event, payload);
  }

  toOrganization<E extends keyof ServerToClientEvents>(organizationId: string, event: E, payload: Payload<E>): void {
    this.emit(rooms.organization(organizationId), event, payload);
  }

  /** To everyone watching one problem's page. */
  toProblem<E extends keyof ServerToClientEvents>(problemId: string, event: E, payload: Payload<E>): void {
    this.emit(rooms.problem(problemId), event, payload);
  }

  /** To everyone watching the comments of one thing. */
  toComments<E extends keyof ServerToClientEvents>(targetType: string, targetId: string, event: E, payload: Payload<E>): void {
    this.emit(rooms.comments(targetType, targetId), event, payload);
  }

  /** Tells a person's tabs their session is over and closes their sockets, on every process. */
  disconnectAccount(accountId: string, reason: 'signed_out' | 'disabled' | 'deleted'): void {
    if (!this.server) return;
    this.toAccount(accountId, 'session.ended', { reason });
    this.server.in(rooms.account(accountId)).disconnectSockets(true);
  }

  // A live update is a courtesy: a broken adapter connection must never fail the change that
  // caused it (nor the shutdown that closed the connection).
  private emit<E extends keyof ServerToClientEvents>(room: string, event: E, payload: Payload<E>): void {
    if (!this.server) return;
    try {
      (this.server.to(room).emit as (e: string, p: unknown) => boolean)(event, payload);
    } catch (error) {
      this.logger.warn({ err: error, room, event }, 'realtime event not sent');
    }
  }
}
