import { Injectable } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { z } from 'zod';
import type {
  TCodeRequested,
  TSession,
  ZEmailSignIn,
  ZEmailSignUp,
  ZRequestCode,
  ZVerifyCode,
} from '@hamandishi/contracts';
import { AppConfig } from '../../config/app-config';
import { AppError } from '../../common/errors/app-error';
import type { AppRequest } from '../../common/http/request-context';
import { RateLimiter } from '../../common/rate-limit/rate-limiter.service';
import type { Organization } from '../organizations/organization.entity';
import { OrganizationsService } from '../organizations/organizations.service';
import { MessagingService } from '../messaging/messaging.service';
import { AccountsRepository, isUniqueViolation } from './accounts.repository';
import { AccountsService } from './accounts.service';
import { CodesRepository } from './codes.repository';
import type { Account } from './entities/account.entity';
import { IDENTITY_POLICY as P } from './identity.policy';
import { isLocked, secondsLeft } from './lockout';
import { MembershipsService } from './memberships.service';
import { codeMatches, codeMessage, generateCode, hashCode, maskMobile } from './one-time-code';
import { hashPassword, verifyPassword } from './passwords';
import { SessionsService } from './sessions.service';

const PURPOSE = 'sign_in' as const;

const locked = (until: Date | null) =>
  new AppError('identity.account_locked', 423, `Locked, try again in ${secondsLeft(until, new Date())} s`);

/** Signing up and in: by SMS code or by email and password. */
@Injectable()
export class AuthService {
  constructor(
    private readonly accounts: AccountsRepository,
    private readonly accountsService: AccountsService,
    private readonly codes: CodesRepository,
    private readonly sessions: SessionsService,
    private readonly memberships: MembershipsService,
    private readonly organizations: OrganizationsService,
    private readonly messaging: MessagingService,
    private readonly rateLimiter: RateLimiter,
    private readonly config: AppConfig,
  ) {}

  /** Sends a sign-in code by SMS. */
  async requestCode(input: z.output<typeof ZRequestCode>, request: AppRequest): Promise<TCodeRequested> {
    const mobile = input.mobile;
    await this.rateLimiter.hit('code:ip', request.ip, P.code.perIp.limit, P.code.perIp.windowSeconds);
    const lockedUntil = await this.codes.lockedUntil(mobile, PURPOSE, P.code.maxAttempts, P.lockSeconds);
    if (isLocked(lockedUntil, new Date())) throw locked(lockedUntil);
    const lastSentAt = await this.codes.lastSentAt(mobile, PURPOSE);
    if (lastSentAt && Date.now() - new Date(lastSentAt).getTime() < this.config.env.CODE_RESEND_SECONDS * 1000) {
      throw new AppError('identity.code_resend_too_soon', 429, 'Wait before asking for another code');
    }
    await this.rateLimiter.hit('code:mobile', mobile, P.code.perMobile.limit, P.code.perMobile.windowSeconds);

    const code = generateCode(P.code.length);
    await this.codes.replace(mobile, PURPOSE, hashCode(PURPOSE, mobile, code), P.code.ttlSeconds);
    await this.messaging.send({ channel: 'sms', recipient: mobile, body: codeMessage(code) });
    return {
      maskedMobile: maskMobile(mobile),
      expiresInSeconds: P.code.ttlSeconds,
      resendInSeconds: this.config.env.CODE_RESEND_SECONDS,
    };
  }

  /** Checks the code, then signs in (or signs up, for a new number). */
  async verifyCode(input: z.output<typeof ZVerifyCode>, request: AppRequest, reply: FastifyReply): Promise<TSession> {
    const mobile = input.mobile;
    await this.rateLimiter.hit('verify:ip', request.ip, P.code.verifyPerIp.limit, P.code.verifyPerIp.windowSeconds);
    const organization = input.organization ? await this.organizations.getBySlug(input.organization) : null;
    const lockedUntil = await this.codes.lockedUntil(mobile, PURPOSE, P.code.maxAttempts, P.lockSeconds);
    if (isLocked(lockedUntil, new Date())) throw locked(lockedUntil);

    const open = await this.codes.newestOpen(mobile, PURPOSE);
    if (!open) throw new AppError('identity.code_invalid', 400, 'Wrong code', { code: 'invalid' });
    if (new Date(open.expiresAt).getTime() <= Date.now())
      throw new AppError('identity.code_expired', 400, 'The code has expired', { code: 'invalid' });
    if (!codeMatches(open.codeHash, PURPOSE, mobile, input.code)) {
      const counted = await this.codes.countWrongAttempt(open.id, P.code.maxAttempts);
      if (!counted || counted.burned) {
        throw new AppError(
          'identity.code_too_many_attempts',
          400,
          'Too many wrong attempts; the code no longer works',
          { code: 'invalid' },
        );
      }
      throw new AppError('identity.code_invalid', 400, 'Wrong code', { code: 'invalid' });
    }

    let account = await this.accounts.findByMobile(mobile);
    if (account) this.assertCanSignIn(account);
    else if (!input.displayName) {
      // Checked before the code is used up, so the person can add their name and resend it.
      throw new AppError('common.validation_failed', 400, 'A new account needs a display name', {
        displayName: 'required',
      });
    }
    if (!(await this.codes.consume(open.id)))
      throw new AppError('identity.code_invalid', 400, 'Wrong code', { code: 'invalid' });
    account ??= await this.createByMobile(mobile, input.displayName!);
    return this.signIn(account, organization, request, reply);
  }

  async emailSignUp(input: z.output<typeof ZEmailSignUp>, request: AppRequest, reply: FastifyReply): Promise<TSession> {
    await this.rateLimiter.hit(
      'sign-up:ip',
      request.ip,
      P.password.signUpPerIp.limit,
      P.password.signUpPerIp.windowSeconds,
    );
    const organization = input.organization ? await this.organizations.getBySlug(input.organization) : null;
    if (await this.accounts.findByEmail(input.email)) throw emailTaken();
    const passwordHash = await hashPassword(input.password);
    let account: Account;
    try {
      account = await this.accounts.insert({ email: input.email, passwordHash, displayName: input.displayName });
    } catch (error) {
      if (isUniqueViolation(error, 'uq_account_email')) throw emailTaken();
      throw error;
    }
    return this.signIn(account, organization, request, reply);
  }

  async emailSignIn(input: z.output<typeof ZEmailSignIn>, request: AppRequest, reply: FastifyReply): Promise<TSession> {
    await this.rateLimiter.hit(
      'sign-in:ip',
      request.ip,
      P.password.signInPerIp.limit,
      P.password.signInPerIp.windowSeconds,
    );
    await this.rateLimiter.hit(
      'sign-in:email',
      input.email,
      P.password.signInPerEmail.limit,
      P.password.signInPerEmail.windowSeconds,
    );
    const organization = input.organization ? await this.organizations.getBySlug(input.organization) : null;
    const account = await this.accounts.findByEmail(input.email);
    if (account && isLocked(account.lockedUntil, new Date())) throw locked(account.lockedUntil);
    const valid = await verifyPassword(account?.passwordHash ?? null, input.password);
    if (!account || !valid) {
      if (account) {
        const lockedNow = await this.accounts.recordPasswordFailure(account.id, P.password.maxFailures, P.lockSeconds);
        if (lockedNow) throw locked(lockedNow);
      }
      throw new AppError('identity.credentials_invalid', 401, 'Wrong email or password');
    }
    this.assertCanSignIn(account);
    await this.accounts.clearPasswordFailures(account.id);
    return this.signIn(account, organization, request, reply);
  }

  async signOut(request: AppRequest, reply: FastifyReply): Promise<void> {
    await this.sessions.end(request, reply);
  }

  private assertCanSignIn(account: Account): void {
    if (account.status === 'disabled') throw new AppError('identity.account_disabled', 403, 'This account is disabled');
    if (account.status !== 'active') throw new AppError('identity.account_not_found', 404, 'Account not found');
  }

  private async createByMobile(mobile: string, displayName: string): Promise<Account> {
    try {
      return await this.accounts.insert({ mobile, displayName });
    } catch (error) {
      // Two verifications of one new number at once: the other one created it.
      if (isUniqueViolation(error, 'uq_account_mobile')) {
        const account = await this.accounts.findByMobile(mobile);
        if (account) return account;
      }
      throw error;
    }
  }

  private async signIn(
    account: Account,
    organization: Organization | null,
    request: AppRequest,
    reply: FastifyReply,
  ): Promise<TSession> {
    await this.sessions.start(account, request, reply);
    if (organization) await this.memberships.join(organization, account.id);
    return this.accountsService.session(request);
  }
}

const emailTaken = () => new AppError('identity.email_taken', 409, 'This email already has an account');
