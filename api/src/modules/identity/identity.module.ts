import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { RealtimeModule } from '../../realtime/realtime.module';
import { SocketAuthenticator } from '../../realtime/socket-authenticator';
import { AuditModule } from '../audit/audit.module';
import { MessagingModule } from '../messaging/messaging.module';
import { OrganizationsModule } from '../organizations/organizations.module';
import { AccountsRepository } from './accounts.repository';
import { AccountsService } from './accounts.service';
import { AdminAccountsController } from './admin-accounts.controller';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { CodesRepository } from './codes.repository';
import { IDENTITY_ENTITIES } from './identity.entities';
import { IdentityGuard } from './identity.guard';
import { KnownDevicesRepository } from './known-devices.repository';
import { MeController } from './me.controller';
import { MembershipsController } from './memberships.controller';
import { MembershipsRepository } from './memberships.repository';
import { MembershipsService } from './memberships.service';
import { SessionsRepository } from './sessions.repository';
import { SessionCache } from './session-cache';
import { SessionsService } from './sessions.service';
import { SignInAttempts } from './sign-in-attempts';
import { IdentitySocketAuthenticator } from './socket-authenticator.provider';

/**
 * Accounts, sign-in (SMS code, email + password), sessions, memberships and roles. Provides the
 * global guard behind `@SignedIn()`, `@Roles()` and `@Superadmin()`.
 */
@Module({
  imports: [TypeOrmModule.forFeature(IDENTITY_ENTITIES), AuditModule, OrganizationsModule, RealtimeModule, MessagingModule],
  controllers: [AuthController, MeController, MembershipsController, AdminAccountsController],
  providers: [
    AccountsRepository,
    SessionsRepository,
    CodesRepository,
    MembershipsRepository,
    KnownDevicesRepository,
    SignInAttempts,
    AccountsService,
    AuthService,
    SessionsService,
    SessionCache,
    MembershipsService,
    { provide: SocketAuthenticator, useClass: IdentitySocketAuthenticator },
    { provide: APP_GUARD, useClass: IdentityGuard },
  ],
  exports: [SessionsService, MembershipsService, AccountsService, SocketAuthenticator],
})
export class IdentityModule {}
