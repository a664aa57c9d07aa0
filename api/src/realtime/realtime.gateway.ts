import { Logger } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import {
  ConnectedSocket, MessageBody, type OnGatewayConnection, type OnGatewayInit, SubscribeMessage, WebSocketGateway,
} from '@nestjs/websockets';
import type { Server, Socket } from 'socket.io';
import { COMMENT_TARGETS, type ClientToServerEvents, type ServerToClientEvents, ZUuid } from '@hamandishi/contracts';
import { SESSION_COOKIE } from '../common/http/request-context';
import { OrganizationsService } from '../modules/organizations/organizations.service';
import { RealtimeService, rooms } from './realtime.service';
import { SocketAuthenticator } from './socket-authenticator';

type AppSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, { accountId: string | null }>;

/** socket.io entry point: authenticates with the session cookie and puts each socket in its rooms. */
@WebSocketGateway({ serveClient: false, cors: false })
export class RealtimeGateway implements OnGatewayInit, OnGatewayConnection {
  private readonly logger = new Logger('realtime');
  private authenticator: SocketAuthenticator | null = null;

  constructor(
    private readonly realtime: RealtimeService,
    private readonly organizations: OrganizationsService,
    private readonly moduleRef: ModuleRef,
  ) {}

  afterInit(server: Server<ClientToServerEvents, ServerToClientEvents>): void {
    this.realtime.attach(server);
  }

  async handleConnection(socket: AppSocket): Promise<void> {
    try {
      const authenticator = this.resolveAuthenticator();
      const token = readCookie(socket.handshake.headers.cookie, SESSION_COOKIE);
      const actor = token && authenticator ? await authenticator.authenticate(token) : null;
      socket.data.accountId = actor?.accountId ?? null;
      const organizationIds = actor && authenticator ? await authenticator.organizationIdsOf(actor.accountId) : [];
      if (actor) await socket.join([rooms.account(actor.accountId), ...organizationIds.map(rooms.organization)]);
      socket.emit('session.ready', { accountId: actor?.accountId ?? null, organizationIds });
    } catch (error) {
      this.logger.warn({ err: error }, 'socket authentication failed');
      socket.disconnect(true);
    }
  }

  // Without an identity module (a trimmed-down app) every socket is anonymous.
  private resolveAuthenticator(): SocketAuthenticator | null {
    if (this.authenticator === null) {
      try {
        this.authenticator = this.moduleRef.get(SocketAuthenticator, { strict: false });
      } catch {
        return null;
      }
    }
    return this.authenticator;
  }

  @SubscribeMessage('organization.watch')
  async watch(@ConnectedSocket() socket: AppSocket, @MessageBody() payload: { organizationSlug?: unknown }): Promise<boolean> {
    if (typeof payload?.organizationSlug !== 'string') return false;
    try {
      const organization = await this.organizations.getBySlug(payload.organizationSlug);
      await socket.join(rooms.organization(organization.id));
      return true;
    } catch {
      return false;
    }
  }

  // Support counts and comments are public, so watching needs no membership; ids are checked
  // for shape only (a room for an id that does not exist simply stays silent).
  @SubscribeMessage('problem.watch')
  async watchProblem(@ConnectedSocket() socket: AppSocket, @MessageBody() payload: { problemId?: unknown }): Promise<boolean> {
    if (!isUuid(payload?.problemId)) return false;
    await socket.join(rooms.problem(payload.problemId));
    return true;
  }

  @SubscribeMessage('problem.unwatch')
  async unwatchProblem(@ConnectedSocket() socket: AppSocket, @MessageBody() payload: { problemId?: unknown }): Promise<void> {
    if (isUuid(payload?.problemId)) await socket.leave(rooms.problem(payload.problemId));
  }

  @SubscribeMessage('comments.watch')
  async watchComments(@ConnectedSocket() socket: AppSocket, @MessageBody() payload: { targetType?: unknown; targetId?: unknown }): Promise<boolean> {
    if (!isCommentTarget(payload?.targetType) || !isUuid(payload?.targetId)) return false;
    await socket.join(rooms.comments(payload.targetType, payload.targetId));
    return true;
  }

  @SubscribeMessage('comments.unwatch')
  async unwatchComments(@ConnectedSocket() socket: AppSocket, @MessageBody() payload: { targetType?: unknown; targetId?: unknown }): Promise<void> {
    if (isCommentTarget(payload?.targetType) && isUuid(payload?.targetId)) await socket.leave(rooms.comments(payload.targetType, payload.targetId));
  }

  @SubscribeMessage('organization.unwatch')
  async unwatch(@ConnectedSocket() socket: AppSocket, @MessageBody() payload: { organizationSlug?: unknown }): Promise<void> {
    if (typeof payload?.organizationSlug !== 'string') return;
    const organization = await this.organizations.getBySlug(payload.organizationSlug).catch(() => null);
    if (organization) await socket.leave(rooms.organization(organization.id));
  }
}

const isUuid = (value: unknown): value is string => ZUuid.safeParse(value).success;
const isCommentTarget = (value: unknown): value is string => (COMMENT_TARGETS as readonly unknown[]).includes(value);

function readCookie(header: string | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return decodeURIComponent(rest.join('='));
  }
  return null;
}
