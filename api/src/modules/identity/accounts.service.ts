import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { TAccount, TSession, TUpdateProfile } from '@hamandishi/contracts';
import { AppError } from '../../common/errors/app-error';
import type { AppRequest } from '../../common/http/request-context';
import { RealtimeService } from '../../realtime/realtime.service';
import { MessagingService } from '../messaging/messaging.service';
import { AccountsRepository } from './accounts.repository';
import type { Account } from './entities/account.entity';
import { MembershipsRepository } from './memberships.repository';
import { MembershipsService } from './memberships.service';
import { SessionCache } from './session-cache';
import { SessionsRepository } from './sessions.repository';

/** The name a deleted account shows next to the content it leaves behind (translated by the web). */
export const DELETED_ACCOUNT_NAME = 'deleted-account';

/** One's own account: the session view, profile, data export, deletion; and superadmin actions. */
@Injectable()
export class AccountsService {
  constructor(
    private readonly accounts: AccountsRepository,
    private readonly memberships: MembershipsService,
    private readonly membershipsRepository: MembershipsRepository,
    private readonly sessions: SessionsRepository,
    private readonly messaging: MessagingService,
    private readonly realtime: RealtimeService,
    private readonly sessionCache: SessionCache,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  /** GET /api/auth/session and /api/me: who is signed in and the CSRF token. */
  async session(request: AppRequest): Promise<TSession> {
    const account = request.actor ? await this.accounts.findById(request.actor.accountId) : null;
    return {
      account: account ? accountView(account) : null,
      memberships: account ? await this.memberships.listOf(account.id) : [],
      csrfToken: request.csrfToken ?? '',
    };
  }

  async requireActive(accountId: string): Promise<Account> {
    const account = await this.accounts.findById(accountId);
    if (!account || account.status !== 'active') throw new AppError('identity.unauthenticated', 401, 'Sign in first');
    return account;
  }

  /** Profile edit. Demographics are kept only while consent is given; withdrawing it erases them. */
  async updateProfile(accountId: string, input: TUpdateProfile): Promise<TAccount> {
    const account = await this.requireActive(accountId);
    const changes: Parameters<AccountsRepository['updateProfile']>[1] = {};
    if (input.displayName !== undefined) changes.displayName = input.displayName;
    if (input.locale !== undefined) changes.locale = input.locale;
    let consented = account.demographicsConsentAt !== null;
    if (input.demographicsConsent === true && !consented) changes.demographicsConsentAt = new Date();
    if (input.demographicsConsent !== undefined) consented = input.demographicsConsent;
    if (!consented) {
      if (input.ageBand != null || input.gender != null) {
        throw new AppError('identity.consent_required', 400, 'Demographics need consent', {
          demographicsConsent: 'required',
        });
      }
      if (account.demographicsConsentAt !== null)
        Object.assign(changes, { demographicsConsentAt: null, ageBand: null, gender: null });
    } else {
      if (input.ageBand !== undefined) changes.ageBand = input.ageBand;
      if (input.gender !== undefined) changes.gender = input.gender;
    }
    return accountView(await this.accounts.updateProfile(accountId, changes));
  }

  /** Everything the platform holds about the person (GDPR-style export), without secrets. */
  async export(accountId: string): Promise<object> {
    const account = await this.requireActive(accountId);
    const recipients = [account.mobile, account.email].filter((r): r is string => !!r);
    const [memberships, sessions, messages] = await Promise.all([
      this.memberships.listOf(accountId),
      this.sessions.listOf(accountId),
      this.messaging.newestTo(recipients, 1000),
    ]);
    return {
      exportedAt: new Date().toISOString(),
      account: {
        ...accountView(account),
        status: account.status,
        demographicsConsentAt: account.demographicsConsentAt?.toISOString() ?? null,
        updatedAt: account.updatedAt.toISOString(),
      },
      memberships,
      sessions: sessions.map((s) => ({
        id: s.id,
        createdAt: new Date(s.createdAt).toISOString(),
        lastSeenAt: new Date(s.lastSeenAt).toISOString(),
        expiresAt: new Date(s.expiresAt).toISOString(),
        ip: s.ip,
        userAgent: s.userAgent,
      })),
      messages: messages.map((m) => ({
        channel: m.channel,
        recipient: m.recipient,
        subject: m.subject,
        body: m.body,
        status: m.status,
        createdAt: new Date(m.createdAt).toISOString(),
      })),
    };
  }

  /**
   * Deletes one's account by anonymising it: identifiers, password and demographics go, the
   * row and memberships stay (as citizen) so their contributions keep a neutral author.
   */
  async deleteOwn(accountId: string): Promise<void> {
    await this.requireActive(accountId);
    await this.db.transaction(async (m) => {
      await this.accounts.anonymise(accountId, DELETED_ACCOUNT_NAME, m);
      await this.membershipsRepository.reduceToCitizen(accountId, m);
      await this.sessions.deleteAllOf(accountId, m);
    });
    this.sessionCache.evict(accountId);
    this.realtime.disconnectAccount(accountId, 'deleted');
  }

  /** Superadmin: disables an account, ending all its sessions and sockets. */
  async disable(accountId: string): Promise<void> {
    const account = await this.accounts.findById(accountId);
    if (!account || account.status === 'deleted')
      throw new AppError('identity.account_not_found', 404, 'Account not found');
    await this.db.transaction(async (m) => {
      await this.accounts.setStatus(accountId, 'disabled', m);
      await this.sessions.deleteAllOf(accountId, m);
    });
    this.sessionCache.evict(accountId);
    this.realtime.disconnectAccount(accountId, 'disabled');
  }

  /** Superadmin: lets a disabled account sign in again. */
  async enable(accountId: string): Promise<void> {
    const account = await this.accounts.findById(accountId);
    if (!account || account.status === 'deleted')
      throw new AppError('identity.account_not_found', 404, 'Account not found');
    await this.accounts.setStatus(accountId, 'active');
  }
}

/** The account as the web sees it. */
export function accountView(account: Account): TAccount {
  return {
    id: account.id,
    displayName: account.displayName,
    mobile: account.mobile,
    email: account.email,
    locale: account.locale,
    isSuperadmin: account.isSuperadmin,
    demographicsConsent: account.demographicsConsentAt !== null,
    ageBand: account.ageBand,
    gender: account.gender,
    createdAt: account.createdAt.toISOString(),
  };
}
