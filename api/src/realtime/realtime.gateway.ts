import { Logger } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import {
  ConnectedSocket, MessageBody, type OnGatewayConnection, type OnGatewayInit, SubscribeMessage, WebSocketGateway,
} from '@nestjs/websockets';
import type { Server, Socket } from 'socket.io';
import type { ClientToServerEvents, ServerToClientEvents } from '@hamandishi/contracts';
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

  @SubscribeMessage('organization.unwatch')
  async unwatch(@ConnectedSocket() socket: AppSocket, @MessageBody() payload: { organizationSlug?: unknown }): Promise<void> {
    if (typeof payload?.organizationSlug !== 'string') return;
    const organization = await this.organizations.getBySlug(payload.organizationSlug).catch(() => null);
    if (organization) await socket.leave(rooms.organization(organization.id));
  }
}

function readCookie(header: string | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return decodeURIComponent(rest.join('='));
  }
  return null;
}
